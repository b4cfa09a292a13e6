"""A cheap first look at a fetched page: can it be an attack report at all?

The detector reports an attack only from a sentence with an attack cue (a word from the vocabulary's
`strong_attack` list or one of its `weapons`: mentions.attack_cue) that names an installation (a word of the
vocabulary's `installation_nouns`, "bases ... at", or a gazetteer alias: mentions.base_refs). A page whose
visible text (markup, scripts and styles removed) lacks either cannot be an attack report, so it needs no full
extraction and detection. Most pages of a real feed are of this kind: on the 109 real pages of the benchmark,
62 hold a cue word somewhere (menus, other stories) but only 10 of those any installation.

Kept in step with the detector by construction: the cues are read from the same vocabulary file, each
regex reduced to the literal text it must start with (a superset match at a word start: "rockets?" ->
"rocket"), the few whose literal start is too short to be useful searched as the regexes they are, plus
`COMBAT_WORDS`. Text in scripts
the vocabulary does not cover (Arabic, Cyrillic ...) is never ruled out: a later detector may read it.
A ruled-out page is still stored, with its visible text, so `basewatch backtest` can re-read it.
"""
from __future__ import annotations

import html
import re
from functools import cache

from trafilatura.utils import decode_file

from extractors.gazetteer import find_bases
from extractors.vocabulary import vocabulary, vocabulary_lists

_BLOCK_OPEN = re.compile(r"<(script|style|noscript|svg|template)\b")
_TAG = re.compile(r"<[^<>]*>")  # stops at the next "<": one linear pass even over unclosed tags
_SPACE = re.compile(r"\s+")
_REGEX_SYNTAX = set(".^$*+?{}[]\\|()")
MIN_STEM = 3  # a shorter literal start ("c" of "c(?:o|a)mes? under ...") is searched as the full regex
LATIN_SHARE = 0.5  # below this share of ASCII letters the text is in a script the cues do not cover
# Words of fighting and its toll that news uses for attacks the vocabulary's cues may not (yet) name
# ("takes full control of the airbase after battles ... soldiers fell dead"): a wider net than today's
# detector, so a page a later detector could read is not ruled out by this look.
COMBAT_WORDS = ("battle", "clash", "fighting", "fought", "captur", "seiz", "took control", "takes control",
                "full control", "fell to", "killed", "dead", "wounded", "injur", "casualt", "bomb", "explo",
                "militan", "militia", "insurgen", "weapon", "shot")


def visible_text(body: bytes) -> str:
    """The page's text as a reader sees it: scripts, styles and tags removed, entities decoded, one line.

    Decoded as trafilatura decodes (UTF-8, else a guess), so a mislabelled charset reads right; scripts and
    styles are cut in one linear pass, so unclosed ones cannot make it slow."""
    page = decode_file(body)
    lower = page.lower()
    kept: list[str] = []
    pos = 0
    while opening := _BLOCK_OPEN.search(lower, pos):
        kept.append(page[pos:opening.start()])
        closing = lower.find("</" + opening.group(1), opening.end())
        end = lower.find(">", closing) if closing >= 0 else -1
        pos = len(page) if end < 0 else end + 1
    kept.append(page[pos:])
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", " ".join(kept)))).strip()


def may_report_attack(text: str) -> bool:
    """False only when `text` has no attack cue, or no installation, the detector could read (see the module
    docstring). The installation is looked for only in text that has a cue; the gazetteer, the dearest look, last."""
    lower = text.lower()
    if _cues().search(lower):
        return bool(_PLACES_ATTACKED.search(lower) or vocabulary().installation.search(text) or find_bases(text))
    sample = lower[:20_000]
    letters = sum(ch.isalpha() for ch in sample)
    return bool(letters) and sum("a" <= ch <= "z" for ch in sample) < LATIN_SHARE * letters


# Words for what the detector reads as an installation, plural too ("military bases at Al-Asad and Erbil"), and a
# wider net of the places that host troops ("drones hit the airport", "the Defence Ministry's headquarters") and of the
# units that stand for theirs ("attacked the battalion based in Jamundi"), so a page a later detector could read is
# not ruled out by this look
_PLACES_ATTACKED = re.compile(r"\b(?:bases?|airbases?|camps?|airports?|airfields?|airstrips?|headquarters|hq|depots?|"
                              r"arsenals?|barracks|compounds?|garrisons?|outposts?|posts?|positions?|stations?|"
                              r"facilit(?:y|ies)|installations?|forts?|cantonments?|cantt|academ(?:y|ies)|battalions?|"
                              r"brigades?|regiments?)\b")


def literal_start(pattern: str) -> str:
    """The text every match of `pattern` starts with ("katy?u?s?h?ya?s?" -> "kat"), lower-cased."""
    out: list[str] = []
    for ch in pattern:
        if ch in _REGEX_SYNTAX:
            if ch in "?*{" and out:
                out.pop()  # the character before an optional quantifier may be absent
            break
        out.append(ch)
    return "".join(out).lower()


@cache
def _cues() -> re.Pattern[str]:
    """One regex: every cue's literal start (or the cue itself when that is too short) at a word start."""
    raw = vocabulary_lists()
    patterns = list(raw["strong_attack"]) + [p for group in raw["weapons"].values() for p in group] \
        + raw["ground_assault_attackers"]
    stems = {re.escape(s) for p in patterns if len(s := literal_start(p)) >= MIN_STEM} | set(map(re.escape, COMBAT_WORDS))
    regexes = [f"(?:{p})" for p in patterns if len(literal_start(p)) < MIN_STEM]
    return re.compile(r"\b(?:" + "|".join(sorted(stems, key=len, reverse=True) + regexes) + ")")  # on lower-cased text
