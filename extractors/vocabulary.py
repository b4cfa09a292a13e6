"""The detector's vocabularies, loaded once from `extractors/data/vocabulary.json` and compiled.

Rules live in the data file so they can be read and extended without touching code; this module only
turns each list into one case-insensitive alternation and parses number words.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from extractors.arabic import normalise

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "two": 2, "twin": 2, "pair of": 2, "a pair of": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
}
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# "Thirty-one soldiers", "twenty five rockets": tens and units spelled out together
NUMBER = (rf"(?:\d{{1,4}}|{_TENS}[- ]{_UNITS}|a dozen|a pair of|pair of|twin|single|lone|one|two|three|four|five|six|"
          r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
          r"thirty|forty|fifty|sixty|seventy|eighty|ninety|an|a)")


def number_value(token: str) -> int | None:
    """Value of a number token ("12", "twelve", "thirty-one", "twin"); None when it is not a number."""
    t = token.lower().strip()
    if t.isdigit():
        return int(t)
    parts = re.split(r"[\s-]+", t)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts) and NUMBER_WORDS[parts[0]] >= 20:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return NUMBER_WORDS.get(t)


# the nouns a story calls one violent event by ("Thursday's attack", "a separate blast", "the raid took place in X")
EVENT_NOUN = (r"(?:attacks?|assaults?|raids?|strikes?|bombings?|blasts?|explosions?|shelling|ambush(?:es)?|"
              r"incidents?|barrages?|bombardments?)")
# "a Russian airstrike", "Iran's ballistic missile attack", "an Israeli drone strike"
_ATTACK_NOUN = (r"(?:(?:ballistic|cruise|hypersonic|missile|drone|air|rocket|artillery|military|retaliatory|massive|"
                r"overnight|deadly)\s+){0,2}(?:attacks?|strikes?|airstrikes?|barrage|bombardment|assault|raids?)\b")


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
    weapons: dict[str, re.Pattern[str]]
    assault_deeds: re.Pattern[str]  # the ground-assault words that say how, not who
    missile_qualifiers: re.Pattern[str]
    rocket_called_missile: re.Pattern[str]
    projectile_noun: str
    strong_attack: re.Pattern[str]
    impact: re.Pattern[str]
    skip_sentence: re.Pattern[str]
    hypothetical: re.Pattern[str]  # includes not_an_attack
    not_an_attack: re.Pattern[str]
    whole_story_denials: re.Pattern[str]  # an exercise, an incident unrelated to terrorism: said anywhere
    aggregate: re.Pattern[str]
    background: re.Pattern[str]
    inquiry_into_attack: re.Pattern[str]
    origin: re.Pattern[str]
    after_phrase: re.Pattern[str]
    earlier_phrase: re.Pattern[str]
    non_military: re.Pattern[str]
    negative_targets: re.Pattern[str]
    title_frames: re.Pattern[str]
    explanatory_frames: re.Pattern[str]
    settled_frames: re.Pattern[str]
    zero_casualties: re.Pattern[str]
    zero_killed: re.Pattern[str]
    zero_qualified: re.Pattern[str]
    kill_verbs: str
    wound_verbs: str
    people: str
    attackers: str
    claim: re.Pattern[str]
    claim_negation: re.Pattern[str]
    blame: re.Pattern[str]
    blame_negation: re.Pattern[str]
    actors: re.Pattern[str]
    groups: tuple[tuple[str, re.Pattern[str]], ...]
    any_group: re.Pattern[str]
    attacking_states: tuple[tuple[str, re.Pattern[str]], ...]
    countries: re.Pattern[str]
    civilian_camp: re.Pattern[str]
    response_to: re.Pattern[str]


@cache
def vocabulary_lists() -> dict:
    """The packaged vocabulary as written, before compiling (read once per process): the first look builds its own
    literal-stem regex from the same lists."""
    return json.loads(resources.files("extractors.data").joinpath("vocabulary.json").read_text("utf-8"))


@cache
def vocabulary() -> Vocabulary:
    """Load and compile the packaged vocabulary (once per process)."""
    raw = vocabulary_lists()
    return Vocabulary(
        installation=alternation(raw["installation_nouns"]),
        modifiers=tuple(raw["generic_modifiers"]),
        not_a_name=frozenset(raw["not_a_name"]),
        weapons={k: alternation(v + raw["ground_assault_attackers"] if k == "ground_assault" else v)
                 for k, v in raw["weapons"].items()},
        assault_deeds=alternation(raw["weapons"]["ground_assault"]),
        missile_qualifiers=alternation(raw["missile_qualifiers"]),
        rocket_called_missile=alternation(raw["rocket_words_calling_missiles"]),
        projectile_noun="|".join(sorted(raw["projectile_nouns"], key=len, reverse=True)),
        strong_attack=alternation(raw["strong_attack"]),
        impact=alternation(raw["impact_verbs"]),
        skip_sentence=alternation(raw["skip_sentence"]),
        hypothetical=alternation(raw["hypothetical"] + raw["not_an_attack"]),
        not_an_attack=alternation(raw["not_an_attack"]),
        whole_story_denials=alternation(raw["whole_story_denials"]),
        aggregate=alternation(raw["aggregate"]),
        background=alternation(raw["background"] + raw["inquiry_into_attack"]),
        inquiry_into_attack=alternation(raw["inquiry_into_attack"]),
        origin=alternation(raw["origin_context"]),
        after_phrase=alternation(raw["after_phrase"]),
        earlier_phrase=alternation(raw["earlier_phrase"]),
        non_military=alternation(raw["non_military_modifiers"]),
        negative_targets=alternation(raw["negative_targets"]),
        title_frames=alternation(raw["title_frames"], words=False),
        explanatory_frames=alternation(raw["explanatory_frames"]),
        settled_frames=alternation(raw["settled_frames"]),
        zero_casualties=alternation(raw["zero_casualties"]),
        zero_killed=alternation(raw["zero_killed"]),
        zero_qualified=alternation(raw["zero_qualified"]),
        kill_verbs="|".join(raw["kill_verbs"]),
        wound_verbs="|".join(raw["wound_verbs"]),
        people="|".join(sorted(raw["casualty_people"], key=len, reverse=True)),
        attackers="|".join(sorted(raw["attacker_people"], key=len, reverse=True)),
        claim=alternation(raw["claim_cues"]),
        claim_negation=alternation(raw["claim_negation"], words=False),
        blame=alternation(raw["blame_cues"]),
        blame_negation=alternation(raw["blame_negation"]),
        actors=alternation(raw["actor_phrases"]),
        groups=tuple((name, alternation(pats)) for name, pats in raw["groups"].items()),
        any_group=alternation([p for pats in raw["groups"].values() for p in pats]),
        attacking_states=tuple((name, re.compile(rf"(?<![\w-])(?:{'|'.join(pats)})\s+{_ATTACK_NOUN}", re.IGNORECASE))
                               for name, pats in raw["attacking_states"].items()),
        countries=re.compile(r"\b(" + "|".join(map(re.escape, raw["countries"])) + r")\b"),
        civilian_camp=alternation(raw["civilian_camp_context"]),
        response_to=alternation(raw["response_to"]),
    )


# An Arabic word is its stem with clitics before it (wa-, fa-, bi-, li-, ka-, al-) and a short ending after it.
_AR_LETTER = "\u0621-\u064a"
_AR_CLITICS = "(?:[وف]?(?:[بك]?ال|لل|[بلك])?)"


def arabic_terms(terms: list[str], *, suffix: int = 2) -> re.Pattern[str]:
    """One regex matching any normalised term as an Arabic word stem (clitics before, `suffix` letters after; a
    hashtag's underscores stand for spaces; a later word may take the article, as an adjective agrees with a
    definite noun)."""
    stems = {re.escape(normalise(t)).replace(r"\ ", r"[\s_]+(?:ال)?") for t in terms}
    body = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![{_AR_LETTER}\w]){_AR_CLITICS}(?:{body})[{_AR_LETTER}]{{0,{suffix}}}(?![{_AR_LETTER}])")


@dataclass(frozen=True)
class ArabicVocabulary:
    """Compiled Arabic rule sets (matched on normalised text); see vocabulary_ar.json for what each decides."""

    strong_attack: re.Pattern[str]
    not_attack: re.Pattern[str]
    weapons: dict[str, re.Pattern[str]]
    projectile_nouns: tuple[str, ...]
    projectile_singulars: tuple[str, ...]
    dual_endings: tuple[str, ...]
    construct_dual_endings: tuple[str, ...]
    one_words: tuple[str, ...]
    single_projectiles: tuple[str, ...]
    plural_projectiles: re.Pattern[str]
    number_words: dict[str, int]
    people: tuple[str, ...]
    people_duals: tuple[str, ...]
    people_singulars: tuple[str, ...]
    kill_words: tuple[str, ...]
    wound_words: tuple[str, ...]
    zero_casualties: re.Pattern[str]
    relative_days: dict[str, int]
    relative_months: dict[str, int]
    weekdays: dict[str, str]
    months: dict[str, int]
    background: re.Pattern[str]
    background_not: re.Pattern[str]
    claim: re.Pattern[str]
    claim_negation: re.Pattern[str]
    blame: re.Pattern[str]
    groups: tuple[tuple[str, re.Pattern[str]], ...]


@cache
def arabic_vocabulary() -> ArabicVocabulary:
    """Load and compile the packaged Arabic vocabulary (once per process), every term normalised."""
    raw = json.loads(resources.files("extractors.data").joinpath("vocabulary_ar.json").read_text("utf-8"))

    def words(key: str) -> tuple[str, ...]:
        return tuple(normalise(t) for t in raw[key])

    return ArabicVocabulary(
        strong_attack=arabic_terms(raw["strong_attack"], suffix=3),  # object pronouns: "اطلقتها"
        not_attack=arabic_terms(raw["not_attack"]),
        weapons={k: arabic_terms(v) for k, v in raw["weapons"].items()},
        projectile_nouns=words("projectile_nouns"),
        projectile_singulars=words("projectile_singulars"),
        dual_endings=tuple(raw["dual_endings"]),
        construct_dual_endings=tuple(raw["construct_dual_endings"]),
        one_words=words("one_words"),
        single_projectiles=words("single_projectiles"),
        plural_projectiles=arabic_terms(raw["plural_projectiles"], suffix=0),
        number_words={normalise(k): v for k, v in raw["number_words"].items()},
        people=words("people"),
        people_duals=words("people_duals"),
        people_singulars=words("people_singulars"),
        kill_words=words("kill_words"),
        wound_words=words("wound_words"),
        zero_casualties=arabic_terms(raw["zero_casualties"], suffix=0),
        relative_days={normalise(k): v for k, v in raw["relative_days"].items()},
        relative_months={normalise(k): v for k, v in raw["relative_months"].items()},
        weekdays={normalise(k): v for k, v in raw["weekdays"].items()},
        months={normalise(k): v for k, v in raw["months"].items()},
        background=arabic_terms(raw["background"], suffix=1),
        background_not=arabic_terms(raw["background_not"], suffix=0),
        claim=arabic_terms(raw["claim"]),
        claim_negation=arabic_terms(raw["claim_negation"], suffix=0),
        blame=arabic_terms(raw["blame"]),
        groups=tuple((name, arabic_terms(pats)) for name, pats in raw["groups"].items()),
    )


@lru_cache(maxsize=4096)
def names_any_group(text: str) -> bool:
    """Whether `text` names any listed armed group: the one combined search that lets most sentences skip the
    per-group look, remembered because the field readers ask it of the same sentences again and again."""
    return vocabulary().any_group.search(text) is not None
