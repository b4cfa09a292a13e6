"""A cheap first look at a fetched page: can it be an attack report at all?

The detector reports an attack only from a sentence with an attack cue: a word from the vocabulary's
`strong_attack` list or one of its `weapons` (mentions.attack_cue). A page whose visible text (markup,
scripts and styles removed) holds none of them cannot be an attack report, so it needs no full extraction
and detection, which cost ~10× this look. Most pages of a real feed are of this kind.

Kept in step with the detector by construction: the cues are read from the same vocabulary file, each
regex reduced to the literal text it must start with (a superset match at a word start: "rockets?" ->
"rocket"), the few whose literal start is too short to be useful searched as the regexes they are, plus
`COMBAT_WORDS`. Text in scripts
the vocabulary does not cover (Arabic, Cyrillic ...) is never ruled out: a later detector may read it.
A ruled-out page is still stored, with its visible text, so `basewatch backtest` can re-read it.
"""
from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources

from trafilatura.utils import decode_file

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
    """False only when `text` has no attack cue the detector could read (see the module docstring)."""
    if _cues().search(text.lower()):
        return True
    sample = text[:20_000].lower()
    letters = sum(ch.isalpha() for ch in sample)
    return bool(letters) and sum("a" <= ch <= "z" for ch in sample) < LATIN_SHARE * letters


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
    raw = json.loads(resources.files("extractors.data").joinpath("vocabulary.json").read_text("utf-8"))
    patterns = list(raw["strong_attack"]) + [p for group in raw["weapons"].values() for p in group]
    stems = {re.escape(s) for p in patterns if len(s := literal_start(p)) >= MIN_STEM} | set(map(re.escape, COMBAT_WORDS))
    regexes = [f"(?:{p})" for p in patterns if len(literal_start(p)) < MIN_STEM]
    return re.compile(r"\b(?:" + "|".join(sorted(stems, key=len, reverse=True) + regexes) + ")")  # on lower-cased text
