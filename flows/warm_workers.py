"""Imported by the page pool's forkserver: the detector's data (vocabularies, gazetteer and the GeoNames place
index, seconds of CPU and ~120 MB to build) is loaded there once, and every worker forked from it starts with it,
instead of each worker building it again."""
from extractors.analysis import warm_up

warm_up()
