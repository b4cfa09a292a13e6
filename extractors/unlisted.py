"""Name an installation the gazetteer does not list the way news identifies it: by the place it stands in.

News names an unlisted base by its town ("a military base in the Colombian border city of Cucuta", "the
brigade headquarters in Uri", "the camp ... in the Daraban area of the district"). The lead often places it
only by region ("a military camp in northwest Pakistan") and a later sentence gives the town, so an unnamed
installation takes the most specific place the article attaches to an installation word: a town over a
district over a province over a country, the earliest of equals. Outlets call one installation a camp, a base, a post or a
facility, so the name keeps only what identifies it — air base or military base, and the place:
"Unnamed military base, Cucuta". With no place more specific than a country it stays a description.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import dropwhile, takewhile
from dataclasses import dataclass, replace

from extractors import places
from extractors.gazetteer import GENERIC
from extractors.mentions import FORCES_IN_TOWN, is_title_case, names_nothing
from extractors.vocabulary import EVENT_NOUN, Vocabulary, vocabulary

_PLACE_KINDS = {"town": 0, "district": 1, "province": 2, "country": 3}
# the words news puts beside a place to say what it is, by level ("the Bacho district of Narathiwat")
_PROVINCE_WORDS = frozenset({"region", "province", "state", "county", "governorate", "oblast", "krai"})
_DISTRICT_WORDS = frozenset({"district", "tehsil", "subdistrict"})
_REGION_WORDS = _DISTRICT_WORDS | _PROVINCE_WORDS
_AIR = re.compile(r"\bair\s*(?:base|field|force|port|strip)|\bairbase|\bairfield|\bairport|\baerodrome", re.IGNORECASE)
# a province's kind written as part of its name ("Sagaing Region")
_CAPITAL_KINDS = "Region|State|Province|District|County|Governorate|Oblast|Krai"
_COMPASS = r"(?:(?:north|south|east|west)(?:ern|east|west|eastern|western)?|central|far|eastern|western|northern|southern)"
# "in the Colombian border city of Cucuta", "in the Russian city of Pskov", "near the town of Isige", "in the Daraban
# area", "in northwest Pakistan", "in Borno State": the place after a locating preposition, with the kind of place the text says it is ("in Bacho
# district of Narathiwat": a capitalised word before the kind is the place it names).
_PLACE_PHRASE = re.compile(
    rf"(?:\b(?:in|at|near|outside|inside|on the (?:(?:north|south|east|west)(?:ern)? )?(?:outskirts|edge) of|close to|"
    r"of the (?:army|military|armed forces|troops) of|"
    r"on(?=\s+the\s+(?:island|peninsula)\s+of\b))\s+"
    r"|^\s+(?=(?:town|city|village)\s+of\s))"  # "the garrison town of Uri": the town that hosts it
    rf"(?:the\s+)?(?:{_COMPASS}\s+)?"
    # "in the Red Sea port of Mokha": the sea before a port says where the port is
    r"(?:(?:(?:[\w’'-]+\s+){0,2}?[a-z][\w’'-]*\s+|[A-Z][a-z]+(?:an|ian|ese|i|ish)\s+"
    r"|(?:[A-Z][\w’'-]*\s+){1,2}(?=port\s))?"
    r"(?P<before>town|city|village|port|area|district|region|province|state|county|locality|"
    r"commune|municipality|governorate|island|peninsula)\s+of\s+"
    r"|(?P<capital>capital),?\s+)?"  # "in the capital, Naypyidaw"
    # "in Faryab province's Qaisar district": the possessive narrows the province to the place it owns
    r"(?:[A-Z][\w-]+\s+(?:province|state|region|governorate|county)['’]s\s+(?=[A-Z]))?"
    # "in Sagaing Region", "in Chin State": a capitalised kind after the place is its kind, not part of its name
    # ... a name's apostrophe ("Zar'it", "Ma'arat") is part of it, a possessive's ("Kenya's") is not
    rf"(?P<place>[A-Z][\w-]+(?:['’][a-rt-z]\w+)?(?:[\s-](?!(?:{_CAPITAL_KINDS})(?![\w’'-]))"
    r"(?:al-|el-|e-)?[A-Z][\w-]+(?:['’][a-rt-z]\w+)?){0,2})"
    r"(?:\s+(?P<after>area|town|city|village|district|tehsil|subdistrict|region|province|state|county|governorate|"
    rf"oblast|krai|locality|commune|municipality|{_CAPITAL_KINDS}))?"
    r"(?![\w’'-])")
_AND_NAME = re.compile(r" and [A-Z][\w-]+(?: [A-Z][\w-]+)?")
_REACH = 60  # a locating phrase further from the installation word than this locates something else
_CHAIN_REACH = 80  # ... unless it continues a chain of locating phrases that starts within reach
_LANDMARK = re.compile(r"(?:near|outside|close to)\b")
_CHAINED = re.compile(r"[\s,]*(?:\([^()]{1,40}\)[\s,]*)?(?=(?:in|at|near|outside)\b)")


@dataclass(frozen=True)
class PlaceMention:
    name: str
    kind: str  # "town" | "district" | "province" | "country"
    position: int  # sentence index, for "earliest of equals"
    stated: bool = False  # the text says what kind of place it is ("the province of Narathiwat")


def place_kind(name: str, said: str | None) -> str | None:
    """Town, district, province or country: from the word the text puts beside the place ("the Daraban area", "Balkh
    province"), else from GeoNames (extractors/places.py). None for a word that is no known place and that the
    text does not call one (a weekday, a group, "Response")."""
    if vocabulary().countries.fullmatch(name):
        return "country"
    if any(rx.fullmatch(name) or (said and rx.fullmatch(f"{name} {said}")) for _, rx in vocabulary().groups):
        return None  # "in Islamic State": a group whose name ends in a kind of place
    if said in _PROVINCE_WORDS:
        return "province"
    if said in _DISTRICT_WORDS:
        return "district"
    return "town" if said is not None else places.place_kind(name)


def name_in_description(description: str) -> str | None:
    """The words of a description that name the installation ("Golani Brigade training base", "Pathankot air
    force base"): up to its installation word, from the first capitalised word that is not a people or another
    word that names nothing (vocabulary `not_a_name`), a country's possessive, an acronym or a stock modifier.
    None when no such word stands there ("Russian airbase")."""
    v = vocabulary()
    noun = v.installation.search(description)
    if noun is None:
        return None
    words = description[:noun.end()].split()
    for i, word in enumerate(words):
        word = word.strip(",")
        if word[:1].isupper() and not _stock_word(word, v):
            return " ".join(words[i:])
    return None


def _stock_word(word: str, v: Vocabulary) -> bool:
    """A word that says whose or what sort an installation is, never which: `names_nothing` or a stock modifier."""
    return names_nothing(word) or any(re.fullmatch(m, word, re.IGNORECASE) for m in v.modifiers)


def places_near_installations(sentences: Iterable[tuple[int, str]]) -> list[PlaceMention]:
    """Places that locate an installation word in each (index, sentence), in order. Headline-style sentences
    are skipped: their capitals do not tell a place ("... in Response to ...")."""
    v = vocabulary()
    found = []
    for index, text in sentences:
        if is_title_case(text):
            continue
        airport = _AIRPORT.search(text)
        # "attacked the army in Gotheye": the forces a town holds stand for its garrison (mentions.FORCES_IN_TOWN)
        words = [(m.end(), m.group()) for m in [*v.installation.finditer(text), *_EVENT_PLACED.finditer(text)]] + \
            [(m.end("forces"), m["forces"]) for m in FORCES_IN_TOWN.finditer(text)]
        for end, noun in words:
            window = text[end:end + _REACH + _CHAIN_REACH]
            m = _PLACE_PHRASE.search(window[:_REACH])
            first = True
            while m is not None:
                said = "city" if m["capital"] else (m["before"] or m["after"] or "").lower() or None
                name = m["place"]
                joined = _AND_NAME.match(window, m.end("place"))
                if joined and not said and place_kind(f"{name}{joined.group()}", None) is not None:
                    name = f"{name}{joined.group()}"  # "in Jammu and Kashmir" is one place, not the town of Jammu
                # "a brigade headquarters at Surankote", "the camp is at Farabougou": a name right after the
                # installation word, or after a verb saying where it is, is where the text puts it, whether or not
                # GeoNames lists the village (not a month or a people: "in September", "in Iraqi Kurdistan")
                kind = place_kind(name, said) or (
                    "town" if first and _SAYS_WHERE.fullmatch(window, 0, m.start())
                    and not names_nothing(name.split()[0])
                    else None)
                if kind is not None:
                    found.append(PlaceMention(name, kind, index, said is not None))
                # "in the Central African Republic (MINUSCA) in Zemio, in the Haut-Mbomou prefecture": each locating
                # phrase that follows the last one narrows it down
                link = _CHAINED.match(window, m.end())
                m = _PLACE_PHRASE.match(window, link.end()) if link else None
                if m is not None and kind == "town" and _LANDMARK.match(m.group()):
                    break  # "in Tagbara, near the city of Bambari": a town is located by its landmark, not narrowed
                first = False
            if airport is not None and _AIR.search(noun):
                # "targeting an army air base at the facility" of "struck Kassala airport": the airport names it
                found.append(PlaceMention(f"{airport['name']} airport", "town", index))
    return found


_SAYS_WHERE = re.compile(r"\s*(?:(?:is|was|lies|lay|stands|sits)(?:\s+(?:located|situated))?|located|situated)?\s*",
                         re.IGNORECASE)
# "The attack took place in Aguachica, a municipality in the Cesar province": where the story's attack happened is where
# the installation it tells of stands
_EVENT_PLACED = re.compile(rf"\b{EVENT_NOUN}\s+(?:took place|happened|occurred)\b", re.IGNORECASE)
_AIRPORT = re.compile(r"\b(?P<name>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+){0,2}?)(?: International)? [Aa]irport\b")
# "the airport at Sévaré": the airport named after the word
_AIRPORT_AT = re.compile(r"\b[Aa]irport (?:at|in|of) (?P<name>(?:al-|el-)?[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)?)")
_THE_AIRPORT = re.compile(r"\b(?:the|its) airport\b", re.IGNORECASE)
# "fired at the airport, where the army keeps helicopters and a detachment of its air force", "the airport, which also
# hosts coalition troops", "the airport in El Obeid, where the army keeps a garrison", "The airport is used by the
# armed forces": an airport the military uses is an installation, and what is kept there is known by the airport's name
_AIRPORT_CLAUSE = re.compile(r"\bairport(?:\s+(?:in|at|of)\s+(?-i:[A-Z])[\w’'-]+(?:[\s-](?-i:[A-Z])[\w’'-]+)?)?,?\s+"
                             r"(?:where|which (?:also )?(?:hosts|houses)|home to|hosts|houses|(?:is|was) (?:also )?"
                             r"(?:used by|home to))\b", re.IGNORECASE)
# "the airport in Ataq, the capital of Shabwa, which the Shabwa Defence Forces use as their main base": so is an airport
# forces use as their base
_USED_AS_BASE = re.compile(r"\bairport\b[^.;]{0,80}?\bwhich\b[^.;]{0,60}?\bus(?:e|es|ed)\s+(?:it\s+)?as\s+"
                           r"(?:their|its|a|the)\s+(?:[\w-]+\s+)?base\b", re.IGNORECASE)
# "The airport has been closed to civilian flights and is used by the army for helicopters"
_USED_BY_FORCES = re.compile(r"\bairport\b[^.;]{0,80}?\b(?:is|are|was|has been) (?:also |now |mainly |largely )?"
                             r"used by (?:the )?(?:army|military|troops|soldiers|armed forces|air force|coalition)\b",
                             re.IGNORECASE)
_MILITARY_AFTER = re.compile(r"[^.;]{0,60}?\b(?:army|military|troops|soldiers|forces|air force|coalition)\b",
                             re.IGNORECASE)


def military_airport(texts: Iterable[str]) -> str | None:
    """The name of the airport ("Sévaré airport") an article says the military keeps something at; else None."""
    texts = list(texts)
    if not any(_MILITARY_AFTER.match(text, m.end()) for text in texts for m in _AIRPORT_CLAUSE.finditer(text)) \
            and not any(_USED_AS_BASE.search(text) or _USED_BY_FORCES.search(text) for text in texts):
        return None
    for text in texts:
        if (m := _AIRPORT.search(text) or _AIRPORT_AT.search(text)) and not names_nothing(m["name"].split()[0]):
            return f"{m['name']} airport"
    return None


def airport_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` names an airport ("Sévaré airport", "the airport at Sévaré", "the airport"), overlaps joined."""
    spans: list[tuple[int, int]] = []
    for start, end in sorted(m.span() for rx in (_AIRPORT, _AIRPORT_AT, _THE_AIRPORT) for m in rx.finditer(text)):
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def kept_at_airport(before: str) -> bool:
    """Whether the text running up to an installation's description says it is kept at an airport."""
    return _AIRPORT_CLAUSE.search(before) is not None


def stated_regions(sentences: Iterable[tuple[int, str]], wider_than: PlaceMention) -> list[PlaceMention]:
    """Districts and provinces the text names as such anywhere ("in the remote district of Dera Ismail Khan"), wider
    than `wider_than`, most specific first: where to put an installation whose own place no gazetteer knows."""
    found = []
    for index, text in sentences:
        for m in _PLACE_PHRASE.finditer(text):
            said = (m["before"] or m["after"] or "").lower()
            kind = place_kind(m["place"], said) if said in _REGION_WORDS else None
            if kind is not None and _PLACE_KINDS[kind] > _PLACE_KINDS[wider_than.kind]:
                found.append(PlaceMention(m["place"], kind, index, True))
    return most_specific_first(found)


def most_specific(found: list[PlaceMention]) -> PlaceMention | None:
    """The town before the district before the province before the country; among equals, one the text itself
    calls a town ("near Uri town") before one only GeoNames knows as one, then the earliest. A place the text
    calls a province anywhere ("the southern border province of Narathiwat") is a province throughout, though
    GeoNames also lists a town of its name."""
    return next(iter(most_specific_first(found)), None)


def most_specific_first(found: list[PlaceMention]) -> list[PlaceMention]:
    """`found` in the order `most_specific` chooses from."""
    stated = {p.name: p.kind for p in found if p.stated}
    return sorted((replace(p, kind=stated.get(p.name, p.kind), stated=p.name in stated) for p in found),
                  key=lambda p: (_PLACE_KINDS[p.kind], not p.stated, p.position))


_PLACED = re.compile(r"^(?P<name>[^,]+), (?P<place>[^,]+)$")
_LOCATED = re.compile(r"\s(?:in|at|near)\s+(?P<place>[A-Z][^,]*)$")
_DOUBLED = re.compile(r"([aeiou])\1")
_JOINED = re.compile(r"[\s'’-]+")  # "Bur Hakaba", "Buurhakaba"; "Dar'a", "Daraa"
_NOT_WHERE = GENERIC | {"unnamed"}  # with the words every base name shares, the word unlisted_name gives a nameless one


def unlisted_identity(name: str) -> str | None:
    """"Binyamina military base" for any name of an unlisted installation placed at Binyamina; None for a name that
    places nothing. Outlets name one installation many ways ("the Diapaga detachment", "the Diapaga military
    detachment", "the army base in Diapaga", "Unnamed army base, Diapaga") and spell its town as they hear it
    (Awdheegle, Awdhegle, Al-Mayadin, Mayadin, Buurhakaba, Bur Hakaba): what stays is the place, without its Arabic
    article, its words run together and its doubled vowels single, and whether it is an air base. The place is the
    one after a comma or a locating preposition, else the name's first run of capitalised words that say neither
    whose nor what kind the installation is ("Jandola" of "Jandola Frontier Corps fort")."""
    m = _PLACED.match(name) or _LOCATED.search(name)
    place = places.without_article(m["place"] if m else _place_words(name))
    if not place:
        return None
    return f"{_DOUBLED.sub(lambda d: d[1], _JOINED.sub('', place.lower()))} {_kind(name)}"


def place_in_name(name: str, position: int) -> PlaceMention | None:
    """The town a descriptive name starts with ("Youvarou" of "the Youvarou military camp"): an installation named
    after its town stands in it, though no sentence says so. None for a proper or numbered name."""
    town = _place_words(name)
    return PlaceMention(town, "town", position) if town else None


def _place_words(name: str) -> str:
    """The place a descriptive name ("Diapaga military detachment") starts with; "" for a proper name ("Camp
    O'Brien") or a numbered one ("Sector 4 base", "Light Infantry Battalion 241 base"), which outlets keep as it is."""
    v = vocabulary()
    words = [w.strip("(),") for w in name.split()]
    if not words or not _says_what(words[-1], v) or any(c.isdigit() for c in name):
        return ""
    return " ".join(takewhile(lambda w: not _says_what(w, v), dropwhile(lambda w: _says_what(w, v), words)))


def _says_what(word: str, v: Vocabulary) -> bool:
    """A word saying whose or what kind an installation is, not where: "army", "Frontier", "Corps", "FC", "fort"."""
    return not word[:1].isupper() or word.lower() in _NOT_WHERE or v.installation.fullmatch(word) is not None \
        or _stock_word(word, v)


def unlisted_name(description: str, name: str | None, place: PlaceMention | None) -> str:
    """"Golani Brigade training base, Binyamina" when the text names it, else "Unnamed military base, Cucuta";
    with no place more specific than a country, the description ("unnamed military base in Mali")."""
    if name is not None:
        return name if place is None or place.name in name else f"{name}, {place.name}"
    if place is None or place.kind == "country":
        return f"unnamed {description}"
    return f"Unnamed {_kind(description)}, {place.name}"


def is_air_installation(name: str) -> bool:
    """Whether a name or description says air base, airfield or airport."""
    return _AIR.search(name) is not None


def _kind(description: str) -> str:
    """What an unlisted installation is, as far as telling two apart goes: an air base or another military base."""
    return "air base" if is_air_installation(description) else "military base"
