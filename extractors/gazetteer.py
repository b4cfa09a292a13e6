"""The military-installation gazetteer: canonical names, aliases, country and approximate coordinates.

Data lives in `extractors/data/bases.json`. All aliases are compiled into one regex (longest alias
first), so matching an article is a single scan. Spelling variants of transliterated names are
absorbed by treating spaces and hyphens alike and ignoring case, but an alias written as a proper
noun must appear capitalised ("Bastion" the camp, not "a bastion of"). A bare place-name alias
("Taji", "Morozovsk") is not the base when the text says "Taji town" or "Morozovsk district".

Arabic-script aliases (`aliases_ar`) are matched separately, on normalised text (extractors/arabic.py), since
Arabic has no capitals and attaches clitics to names (`find_arabic_bases`).

`core_name`/`same_base` compare base names the way the project's evaluation does: drop generic
words (air, base, camp, al ...), then equal, sharing a word, or fuzzy-similar.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib import resources

from extractors.arabic import normalise


@dataclass(frozen=True)
class Base:
    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    coord_precision: str = "base"  # "town" when only the town's coordinates are known


@dataclass(frozen=True)
class BaseMatch:
    start: int
    end: int
    text: str
    base: Base


GENERIC = frozenset({
    "air", "base", "airbase", "airfield", "airport", "camp", "military", "garrison", "site", "mission",
    "support", "landing", "zone", "international", "the", "al", "el", "ain", "ayn", "ein", "of", "army",
    "station", "facility", "forward", "operating", "fob", "complex", "village", "hq", "headquarters",
})
_PLACE_WORDS = re.compile(
    r"^[\s,]*(?:\([^)]*\)\s*)?(?:district|region|province|governorate|town|city|village|area|county|"
    r"oblast|krai|municipality|countryside|residents|neighbou?rhood|border|highway|road|zone|pocket|enclave|corridor|"
    r"desert)\b"
    # "Ukrainka, a town on the Dnipro"
    r"|^,\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:town|city|village|settlement|suburb)\b",
    re.IGNORECASE)
_INSTALLATION_WORD = re.compile(r"\b(?:base|camp|air|airbase|airfield|airport|aerodrome|garrison|station|fort|barracks|"
                                r"post|outpost|site|field|cantonment|headquarters|hq|academy)\b", re.IGNORECASE)
_ACCENTED = re.compile(r"[\u00c0-\u024f]")
_WORD_START = re.compile(r"(?<![\w-])\w+")
_NEAR_TOWN = re.compile(r"\b(?:near|outside|around|close to|(?:north|south|east|west)(?:east|west)? of|"
                        r"(?:residents|inhabitants|people|mayor|governor) of)\s+"
                        r"(?:the\s+(?:town|city|village)\s+of\s+)?$|\b(?:town|city|village)\s+of\s+$", re.IGNORECASE)
_INSTALLATION_BEFORE = re.compile(
    r"\b(?:base|airbase|camp|compound|airfield|post|garrison|installation|facility|barracks)\b[^.]{0,40}"
    r"\b(?:in|at|near|of|outside)\b[^.]{0,30}$", re.IGNORECASE)


# Dutch, German and Nordic copy spells the word Kamp ("Kamp Holland" is Camp Holland); Pakistani copy shortens
# cantonment to Cantt ("DI Khan Cantt"); an airport keeps its name with or without "International" ("Sulaymaniyah
# International Airport" is Sulaymaniyah airport)
_SPELLINGS = {"camp": "[ck]amp", "cantonment": r"(?:cantonment|cantt\.?)",
              "airport": r"(?:international[\s\-]+)?airport"}
_SPELLED = {"kamp": "camp", "cantt": "cantonment"}


def _alias_pattern(alias: str) -> str:
    words = [t for t in re.split(r"[\s\-‐–]+", alias.replace("’", "'")) if t]
    words = [w for w, after in zip(words, [*words[1:], ""])
             if (w.lower(), after.lower()) != ("international", "airport")]
    tokens = [_SPELLINGS.get(t.lower(), re.escape(t)) for t in words]
    return r"[\s\-‐–]+".join(t.replace("'", "['’]?") for t in tokens)


@cache
def _entries() -> tuple[dict, ...]:
    return tuple(json.loads(resources.files("extractors.data").joinpath("bases.json").read_text("utf-8")))


def _base(e: dict) -> Base:
    return Base(e["name"], e.get("country"), e.get("lat"), e.get("lon"), e.get("coord_precision", "base"))


@cache
def bases() -> tuple[tuple[Base, tuple[str, ...]], ...]:
    """Every gazetteer entry with its aliases (canonical name first)."""
    return tuple((_base(e), (e["name"], *e.get("aliases", ()))) for e in _entries())


@cache
def _arabic_index() -> tuple[re.Pattern[str], tuple[Base, ...], frozenset[str]]:
    """The Arabic-script aliases (`aliases_ar`), normalised, as one regex; an alias may carry the clitics news
    attaches to a name (wa-, bi-, li-: "بقاعدة", "للتنف"), and quotation marks or a hashtag's underscores
    between its words. With it, one cue word per alias (its rarest-looking word): a text with none of them names
    no installation and skips the long regex (most of an article's sentences)."""
    by_alias: dict[str, Base] = {}
    for e in _entries():
        for alias in e.get("aliases_ar", ()):
            by_alias.setdefault(" ".join(normalise(alias).split()), _base(e))
    aliases = sorted(by_alias, key=len, reverse=True)
    patterns = []
    for alias in aliases:
        words = r"[\s«»\"“”_]+".join(map(re.escape, alias.split()))
        clitics = r"(?:[وف]?[بك]?ال|[وف]?لل)" + words[2:] if alias.startswith("ال") else r"[وف]?[بلك]?" + words
        patterns.append(f"({clitics})")  # group n is alias n
    regex = re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])")
    cues = frozenset(max((w for w in alias.split() if w not in _ARABIC_NAME_WORDS), key=len,
                         default=max(alias.split(), key=len)) for alias in aliases)
    return regex, tuple(by_alias[a] for a in aliases), cues


# words most Arabic installation names share: never a name's cue
_ARABIC_NAME_WORDS = frozenset(normalise(w) for w in ("قاعدة", "معسكر", "مطار", "الجوية", "العسكري", "الدولي", "حقل",
                                                      "موقع", "ثكنة", "البحرية", "العسكرية", "الجوي"))
_ARABIC_CLITICS = re.compile(r"^[وف]?(?:لل(?=[ء-ي]{2})|[بك]?(?=ال)|[بلك]?)")


def _arabic_words(normalised: str) -> set[str]:
    """The text's words as a name is listed: with and without the clitics news attaches ("للتنف" -> "التنف")."""
    out = set()
    for w in re.findall(r"[\w-]+", normalised.replace("_", " ")):
        clitics = _ARABIC_CLITICS.match(w).group()
        out |= {w, ("ال" if clitics.endswith("لل") else "") + w[len(clitics):]}
    return out


def find_arabic_bases(normalised: str) -> list[BaseMatch]:
    """Gazetteer installations named in normalised Arabic text (extractors.arabic.normalise), in order."""
    regex, by_group, cues = _arabic_index()
    if cues.isdisjoint(_arabic_words(normalised)):
        return []
    return [BaseMatch(m.start(), m.end(), m.group(), by_group[m.lastindex - 1]) for m in regex.finditer(normalised)]


@cache
def _index() -> tuple[re.Pattern[str], dict[str, Base], frozenset[str]]:
    """The alias regex, the base of each alias key, and the words (lower case) aliases start with: the regex
    is tried only at those words, since trying its hundreds of alternatives at every position of every
    sentence was a third of the detector's time."""
    by_key: dict[str, Base] = {}
    patterns: dict[str, str] = {}
    starts: set[str] = set()
    for base, aliases in bases():
        for alias in aliases:
            by_key.setdefault(_key(alias), base)
            patterns.setdefault(_key(alias), _alias_pattern(alias))
            start = _WORD_START.match(fold_accents(alias)).group().lower()
            starts.update((start, "kamp") if start == "camp" else (start,))
    body = "|".join(sorted(patterns.values(), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE), by_key, frozenset(starts)


def _key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [_SPELLED.get(w, w) for w in re.split(r"[^a-z0-9]+", s.replace("'", ""))]
    return " ".join(w for w, after in zip(words, [*words[1:], ""]) if not (w == "international" and after == "airport")
                    ).strip()


def fold_accents(text: str) -> str:
    """`text` with accented Latin letters replaced by their base letter (same length, so offsets hold)."""
    return _ACCENTED.sub(lambda m: unicodedata.normalize("NFKD", m.group())[0], text)


def find_bases(text: str) -> list[BaseMatch]:
    """Gazetteer installations named in `text`, in order, without overlaps."""
    regex, by_key, starts = _index()
    folded = fold_accents(text)
    found = []
    resume = 0
    for word in _WORD_START.finditer(folded):
        if word.start() < resume or word.group().lower() not in starts:
            continue
        m = regex.match(folded, word.start())
        if m is None:
            continue
        resume = m.end()
        base = by_key.get(_key(m.group()))
        if base is None:
            continue
        if not any(c.isupper() for c in m.group()):
            continue
        # "the Al-Tanf zone", "Erbil province": an alias that is only a place's name, followed by a word for an
        # area, names the area
        # "killed a Turkish soldier near Bashiqa, Iraq": a place near which something happened is the town (an
        # acronym such as "BIAP" is no town); so is the place whose residents or mayor speak ("residents of Morozovsk")
        # and the place the text calls a town ("in the town of al-Shaddadi", "Ukrainka, a town south of Kyiv")
        if not _INSTALLATION_WORD.search(m.group()) and (
                _PLACE_WORDS.match(text[m.end():m.end() + 40])
                or (not m.group().isupper() and _NEAR_TOWN.search(text[max(0, m.start() - 30):m.start()]))) \
                and not _INSTALLATION_BEFORE.search(text[max(0, m.start() - 80):m.start()]):
            continue
        found.append(BaseMatch(m.start(), m.end(), m.group(), base))
    return found


def lookup(name: str) -> Base | None:
    """The gazetteer entry whose canonical name or alias is `name` (spelling-insensitive)."""
    return _index()[1].get(_key(name))


def spelled_like(name: str) -> Base | None:
    """The gazetteer entry a name not written as any alias still denotes: transliterations of Arabic, Persian and
    Urdu names vary in their vowels and doubled letters (Abu al-Duhur / Abu al-Dohour, Asad / Assad, Irbil /
    Erbil), not in their consonants, and by a letter or two, not by half the word (Mourdiah is not Murid). Only
    entries whose consonant skeleton is unambiguous and long enough."""
    key = _skeleton(name)
    if key is None or key not in _skeleton_index():
        return None
    base, lengths = _skeleton_index()[key]
    length = _letters(name)
    return base if any(abs(length - n) <= max(2, n // 4) for n in lengths) else None


def shares_spelled_name(a: str, b: str) -> bool:
    """Whether two names share a distinctive word up to transliteration ("Abu al-Duhur Air Base" and "al-Dohour
    Airbase in rural Idlib")."""
    return same_base(a, b) or bool({k for k in map(_word_skeleton, core_name(a).split()) if len(k) >= 3}
                                   & set(map(_word_skeleton, core_name(b).split())))


def _word_skeleton(word: str) -> str:
    word = re.sub(r"(?<=[aeiou])h$", "", word)  # a final ta marbuta is written -ah or -a (Qayyarah / Qayara)
    return ("a" if word[0] in "aeiouy" else word[0]) + re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", word[1:]))


# what an installation is, not which: "the Chinagoder military post" is the gazetteer's "Chinagodrar military base"
_KIND_WORDS = frozenset({"post", "outpost", "barracks", "detachment", "cantonment", "fort", "airstrip", "position"})


def _skeleton(name: str) -> str | None:
    key = " ".join(_word_skeleton(w) for w in core_name(name).split() if w not in _KIND_WORDS)
    return key if len(key.replace(" ", "")) >= 3 else None


def _letters(name: str) -> int:
    return sum(len(w) for w in core_name(name).split() if w not in _KIND_WORDS)


@cache
def _skeleton_index() -> dict[str, tuple[Base, frozenset[int]]]:
    """Skeleton -> the one entry it denotes and the lengths of the aliases spelled so."""
    found: dict[str, Base | None] = {}
    lengths: dict[str, set[int]] = {}
    for base, aliases in bases():
        for alias in aliases:
            key = _skeleton(alias)
            if key is not None:
                found[key] = base if found.get(key, base) == base else None
                lengths.setdefault(key, set()).add(_letters(alias))
    return {k: (b, frozenset(lengths[k])) for k, b in found.items() if b is not None}


def core_name(name: str | None) -> str:
    """Distinctive words of a base name (generic words dropped), for matching names across sources."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = s.replace("'", "").replace("’", "")
    s = re.sub(r"\bk\s*-?\s*1\b", "k1", s)
    return " ".join(t for t in re.split(r"[^a-z0-9]+", s) if t and t not in GENERIC)


def same_base(a: str | None, b: str | None) -> bool:
    """Whether two base names denote the same installation (same rule as the project's e2e check)."""
    ca, cb = core_name(a), core_name(b)
    if not ca or not cb:
        return False
    if ca == cb or set(ca.split()) & set(cb.split()):
        return True
    return SequenceMatcher(None, ca, cb).ratio() >= 0.8
