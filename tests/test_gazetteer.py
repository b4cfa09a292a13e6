"""The base gazetteer: aliases, transliterations and name matching."""
import pytest

from extractors.gazetteer import bases, core_name, find_bases, lookup, same_base


def names(text: str) -> list[str]:
    return [m.base.name for m in find_bases(text)]


def test_gazetteer_covers_well_over_a_hundred_installations_in_many_countries():
    entries = bases()
    assert len(entries) > 130
    countries = {b.country for b, _ in entries}
    assert {"Iraq", "Syria", "Jordan", "Russia", "Ukraine", "Israel", "Pakistan", "Afghanistan", "Mali",
            "Somalia", "Nigeria", "Yemen", "Qatar"} <= countries
    assert all(b.latitude is not None and b.longitude is not None for b, _ in entries)


@pytest.mark.parametrize(("text", "canonical"), [
    ("rockets hit Ain al-Asad air base", "Ain al-Asad Air Base"),
    ("drones targeted Ayn al-Assad Air Base", "Ain al-Asad Air Base"),
    ("the Al Asad Air Base in Anbar", "Ain al-Asad Air Base"),
    ("an attack on K-1 near Kirkuk", "K-1 Air Base"),
    ("an attack on K1 near Kirkuk", "K-1 Air Base"),
    ("the Khmeimim airbase in Latakia", "Hmeimim Air Base"),
    ("the Hmeymim base", "Hmeimim Air Base"),
    ("rockets fired at Victory Base", "Baghdad International Airport"),
    ("a drone near BIAP", "Baghdad International Airport"),
    ("the Taji military base north of Baghdad", "Camp Taji"),
    ("attack on the Tower 22 outpost in Jordan", "Tower 22"),
    ("drones struck Muwaffaq Salti Air Base", "Muwaffaq Salti Air Base"),
    ("rockets against the Israeli base of Merón", "Meron air control base"),
])
def test_aliases_and_transliterations_resolve_to_the_canonical_name(text, canonical):
    assert names(text) == [canonical]


def test_place_name_alias_is_not_the_base_when_it_names_a_town_or_district():
    assert names("an IED hit a convoy in Taji town") == []
    assert names("drones were downed over the Morozovsk district") == []
    assert names("a rocket attack on a military compound in northern Iraq's Bashiqa region") == ["Bashiqa Base"]


def test_capitalised_alias_does_not_match_ordinary_words():
    assert names("the town is a bastion of support for the party") == []


def test_lookup_by_alias_ignores_spelling_details():
    assert lookup("ain al assad").name == "Ain al-Asad Air Base"
    assert lookup("Engels-2").country == "Russia"
    assert lookup("Nowhere Base") is None


def test_same_base_ignores_generic_words_and_allows_fuzzy_spelling():
    assert core_name("Ain al-Asad Air Base") == "asad"
    assert same_base("Ain al-Asad Air Base", "Al Asad airbase")
    assert same_base("Camp Taji", "Taji military base")
    assert same_base("Hmeimim Air Base", "Hmeymim")
    assert not same_base("Camp Taji", "Balad Air Base")
    assert not same_base(None, "Camp Taji")


def test_aliases_are_found_wherever_their_first_word_stands():
    """find_bases tries its alias regex only at words some alias starts with: spelling variants, possessives,
    accents and a name at the very start or end of the text must still be found, and a longer word never."""
    text = ("K-1 came under fire; rockets also hit the T-4 base, Ain al Asad and Ain-al-Asad's runway, "
            "then Baghdad’s airport. Āin al-Asad. Tajikistan is not Taji")
    found = [(m.text, m.base.name) for m in find_bases(text)]
    names = [name for _, name in found]
    assert found[0][0] == "K-1" and found[-1][0] == "Taji"
    assert names.count(lookup("Ain al-Asad").name) == 3
    assert lookup("Baghdad's airport").name in names and lookup("T-4").name in names
    assert not any(t.lower().startswith("tajik") for t, _ in found)
