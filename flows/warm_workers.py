"""Imported by the page pool's forkserver: the detector's data (vocabularies, gazetteer and the GeoNames place
index, ~120 MB: ~0.5 s from its disk cache, seconds of CPU to build) is loaded there once, and every worker forked
from it starts with it, instead of each worker loading it again."""
from extractors.analysis import warm_up

warm_up()
