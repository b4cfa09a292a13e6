"""The detector's vocabularies, loaded once from `extractors/data/vocabulary.json` and compiled.

Rules live in the data file so they can be read and extended without touching code; this module only
turns each list into one case-insensitive alternation and parses number words.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "two": 2, "twin": 2, "pair of": 2, "a pair of": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "a dozen": 12, "dozen": 12,
}
NUMBER = (r"(?:\d{1,4}|a dozen|a pair of|pair of|twin|single|lone|one|two|three|four|five|six|seven|eight|"
          r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
          r"thirty|forty|fifty|sixty|an|a)")


def number_value(token: str) -> int | None:
    """Value of a number token ("12", "twelve", "twin"); None when it is not a number."""
    t = token.lower().strip()
    if t.isdigit():
        return int(t)
    return NUMBER_WORDS.get(t)


def alternation(patterns: list[str], *, words: bool = True, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled regex matching any of `patterns` (longest first), bounded by word edges if `words`."""
    body = "|".join(sorted(patterns, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])" if words else f"(?:{body})", flags)


@dataclass(frozen=True)
class Vocabulary:
    """Compiled rule sets; see vocabulary.json for what each one decides."""

    installation: re.Pattern[str]
    modifiers: tuple[str, ...]
    not_a_name: frozenset[str]
    anaphora: re.Pattern[str]
    weapons: dict[str, re.Pattern[str]]
    missile_qualifiers: re.Pattern[str]
    rocket_called_missile: re.Pattern[str]
    projectile_noun: str
    strong_attack: re.Pattern[str]
    impact: re.Pattern[str]
    skip_sentence: re.Pattern[str]
    hypothetical: re.Pattern[str]
    aggregate: re.Pattern[str]
    background: re.Pattern[str]
    origin: re.Pattern[str]
    after_phrase: re.Pattern[str]
    non_military: re.Pattern[str]
    negative_targets: re.Pattern[str]
    title_frames: re.Pattern[str]
    zero_casualties: re.Pattern[str]
    zero_killed: re.Pattern[str]
    zero_qualified: re.Pattern[str]
    kill_verbs: str
    wound_verbs: str
    people: str
    claim: re.Pattern[str]
    claim_negation: re.Pattern[str]
    blame: re.Pattern[str]
    blame_negation: re.Pattern[str]
    actors: re.Pattern[str]
    groups: tuple[tuple[str, re.Pattern[str]], ...]
    countries: re.Pattern[str]
    civilian_camp: re.Pattern[str]
    response_to: re.Pattern[str]


@cache
def vocabulary() -> Vocabulary:
    """Load and compile the packaged vocabulary (once per process)."""
    raw = json.loads(resources.files("extractors.data").joinpath("vocabulary.json").read_text("utf-8"))
    return Vocabulary(
        installation=alternation(raw["installation_nouns"]),
        modifiers=tuple(raw["generic_modifiers"]),
        not_a_name=frozenset(raw["not_a_name"]),
        anaphora=alternation(raw["anaphora"]),
        weapons={k: alternation(v) for k, v in raw["weapons"].items()},
        missile_qualifiers=alternation(raw["missile_qualifiers"]),
        rocket_called_missile=alternation(raw["rocket_words_calling_missiles"]),
        projectile_noun="|".join(sorted(raw["projectile_nouns"], key=len, reverse=True)),
        strong_attack=alternation(raw["strong_attack"]),
        impact=alternation(raw["impact_verbs"]),
        skip_sentence=alternation(raw["skip_sentence"]),
        hypothetical=alternation(raw["hypothetical"]),
        aggregate=alternation(raw["aggregate"]),
        background=alternation(raw["background"]),
        origin=alternation(raw["origin_context"]),
        after_phrase=alternation(raw["after_phrase"]),
        non_military=alternation(raw["non_military_modifiers"]),
        negative_targets=alternation(raw["negative_targets"]),
        title_frames=alternation(raw["title_frames"], words=False),
        zero_casualties=alternation(raw["zero_casualties"]),
        zero_killed=alternation(raw["zero_killed"]),
        zero_qualified=alternation(raw["zero_qualified"]),
        kill_verbs="|".join(raw["kill_verbs"]),
        wound_verbs="|".join(raw["wound_verbs"]),
        people="|".join(sorted(raw["casualty_people"], key=len, reverse=True)),
        claim=alternation(raw["claim_cues"]),
        claim_negation=alternation(raw["claim_negation"], words=False),
        blame=alternation(raw["blame_cues"]),
        blame_negation=alternation(raw["blame_negation"]),
        actors=alternation(raw["actor_phrases"]),
        groups=tuple((name, alternation(pats)) for name, pats in raw["groups"].items()),
        countries=re.compile(r"\b(" + "|".join(map(re.escape, raw["countries"])) + r")\b"),
        civilian_camp=alternation(raw["civilian_camp_context"]),
        response_to=alternation(raw["response_to"]),
    )
