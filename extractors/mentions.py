"""Find where a sentence refers to a military installation, and whether it reports an attack on one.

A sentence can name a base four ways, tried in this order:
1. a gazetteer name or alias ("Ain al-Assad airbase", "Victory Base");
2. a name the gazetteer lacks, written the way installations are named ("Namissiguima military
   detachment", "Camp Foo", "Bar Air Base", "the army camp in Tessit", "the military post of Tassia",
   "the camp of the armed forces in Arbinda") — not in headlines, whose Title Case defeats this;
3. an indefinite description ("an air base just north of Baghdad", "a military post near the border");
4. an anaphor ("the base", "the same base", "the camp"), which points at the last base mentioned.

An attack sentence needs an attack word (attack, targeted, stormed ...) or a weapon with an impact verb
(rockets landed, drone hit); and it is not about a non-attack topic (space launch, sport, cyber,
exercise), not hypothetical or legal (threat, plot, trial), not a tally of many attacks, and its
target is not a non-base site (embassy, market, convoy, gas field) standing first after the attack word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.gazetteer import Base, find_bases, lookup, spelled_like
from extractors.vocabulary import names_any_group, vocabulary

# "the mission's base near Oicha", "the UN peacekeepers' base": an owner in the possessive (a name may qualify it)
# determines the installation as the article before it does
_DETERMINER = re.compile(r"(?:^|[\s(\"“,])(a|an|another|one|the|this|that|its|their|same)"
                         r"(?:\s+(?:(?-i:[A-Z])[\w.]*\s+)?[a-z][\w-]*(?:['’]s|s['’]))?\s*$", re.IGNORECASE)
# an acronym in brackets restating the name before it: "the Forward Operating Base (FOB)", "(SNA) soldiers"
ACRONYM = r"\([A-Z][A-Za-z]{1,7}\)"
# Arabic names keep their lower-case article: "Abu al-Dohour Airbase", "Tal as-Samn camp"
_PROPER = r"(?:[A-Z]|(?:al|el|ad|an|ar|as|ash|at|az|ed|er|es)-[A-Z])"
_NAMED_BEFORE = re.compile(
    rf"((?:{_PROPER}[\w’'.-]*\s+){{0,3}}{_PROPER}[\w’'-]*)\s+$")
_CAMP_PREFIX = re.compile(
    # "Camp Miguel de Cervantes", "Fort Santa Cruz": a person's or saint's name keeps its particles
    r"\b(?:Camp|Fort|FOB|Forward Operating Base|Combat Outpost|Joint Base)\s+"
    r"([A-Z][\w’'-]+(?:\s+(?:(?:de|del|da|do|dos|di|van|von|bin|ibn)\s+)?[A-Z][\w’'-]+)?)")
_DESCRIPTION_TAIL = re.compile(
    r"^((?:\s+(?!(?:that|which|where|who|whose|hosting|housing|home|used|run|on|was|were|is|has|had|and|"
    r"but|to|after|before|during|when|while|as|killing|wounding|early|late|overnight|yesterday|today|"
    # a time or an outcome ends the description: "a camp in western Niger three days ago left 89 dead"
    r"ago|last|this|days?|weeks?|hours?|months?|left|leaves|leaving|kills?|killed|wounded|died|dies|fell|falls|"
    r"came|comes|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|\d+|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)"
    r"[\w’'.-]+){0,7})", re.IGNORECASE)


# the verbs whose object is what a strike hit ("rockets hit the base", "a drone struck a car")
STRIKE_VERBS = r"target(?:s|ed|ing)?|hits?|hitting|struck|strikes?|striking|bomb(?:s|ed|ing)"
# "a drone struck a car on the road outside the barracks": a vehicle the strike hit is its target (a car bomb is not)
_STRUCK_VEHICLE = re.compile(
    rf"\b(?:{STRIKE_VERBS})\s+(?:(?:a|an|the|two|three)\s+)?(?:[\w-]+\s+){{0,2}}?"
    r"(?P<vehicle>cars?|vehicles?|trucks?|pick-?ups?|motorcycles?|motorbikes?)\b", re.IGNORECASE)
_BASE_CHECKPOINT = re.compile(
    r"(?:checkpoint|checkpost|gate|main gate)\s+(?:on the perimeter of|at the entrance (?:to|of)|of|outside|at|guarding)\b",
    re.IGNORECASE)


# "attacked troops' location in Damboa": an installation word that names its owners is as definite as one with an
# article
_OWNER_NAMED = re.compile(r"(?:troops|soldiers|security forces)['’]?\s", re.IGNORECASE)
# ... and a unit's number may stand between: "attack on 151 Battalion location in Banki"
_HEADLINE_PREPOSITION = re.compile(r"\b(?:on|at|in|near|against|targets?|hits?|attacks?|strikes?|storms?|raids?|"
                                   r"shells?|pounds?|overruns?)\s+(?:\d{1,3}(?:st|nd|rd|th)?\s+)?$",
                                   re.IGNORECASE)
_DANGLING = re.compile(r"(?:\s+(?:in|the|at|of|on|a|an|near|from|by|for|with))+$", re.IGNORECASE)
# infantry units are also named "Rifles" (Rashtriya Rifles, Assam Rifles)
_UNITS = (r"(?:Battalion|Brigade|Division|Regiment|Corps|Task Force|Sector|Squadron|Wing|Company|Rifles|"
          r"Military District|Fleet)")
UNIT_WORDS = re.compile(rf"\b{_UNITS}\b")
_IN_A_UNIT_NAME = re.compile(rf"\s+(?:Operations\s+|Support\s+)?(?:{_UNITS}|Group)\b")
# "Mianwali Training Air Base", "Shindand Army Air Base": words saying what an installation is for may stand
# between its proper name and the installation noun (a people, "Russian", may not: that is an owner).
_FUNCTION_WORDS = frozenset({"Training", "Military", "Army", "Air", "Naval", "Force", "Operating", "Forward",
                             "Support", "Command", "Joint", "Main"})
# "the headquarters of the 91st Division at the base / in Biranit barracks": a part of an installation the text names
_WITHIN = re.compile(r"\W*\s(?:at|in|inside|within)\s+(?:(?:the|this|that)\s+(?:\w+\s+)?|(?-i:[A-Z])[\w’'-]+\s+)"
                     r"(?:base|camp|garrison|compound|barracks)\b", re.IGNORECASE)
_COMPOUND_WORD = re.compile(r"[a-z]{4,}")  # a plain word between the article and the noun ("an administrative base")
# "Camp Leatherneck, the old US Marine Corps base": a description apposed to the name before it
_APPOSED = re.compile(r",\s*(?:the|a|an)\s+(?:[\w’'.-]+\s+){0,4}", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$|(?<=s)['’]$")  # "the army's", "a security forces' fort"
# a quantifier that counts none or all ("No installation ... was targeted", "every base") says how many, not which
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "his", "her", "our", "same",
                          "no", "every", "each", "any"})
_QUANTIFIERS = frozenset({"no", "every", "each", "any"})
_MODIFIER_SPAN = re.compile(
    r"(?:.*\b(?:a|an|the|this|that|its|their|his|her|our|of|on|at|in|to|into|from|near|with|by|for|against|and|or|"
    r"attack(?:s|ed)?|target(?:s|ed)?|hits?|strikes?|struck|storm(?:s|ed)?|shell(?:s|ed)?|overr[au]ns?|raid(?:s|ed)?|"
    r"rammed|pound(?:s|ed)?|bomb(?:s|ed)?|fire[sd]?|launch(?:es|ed)?)\s|^)(.*)$", re.IGNORECASE | re.DOTALL)
# "the army camp in Tessit"; French-style copy puts the owner first: "the camp of the armed forces in Arbinda", "the
# camp of the Armed Forces of the DRC (FARDC) in Eringeti".
# an acronym in brackets restates the noun before it: "the Forward Operating Base (FOB) in Wajiroko"
# an acronym or the original words in brackets ("(COB)", "(base de operaciones)") leave the place after them
_PLACE_AFTER = re.compile(
    rf"(?:\s*(?:{ACRONYM}|\([a-zà-ÿ]+(?:\s+[a-zà-ÿ]+){{0,3}}\)))?"
    r"(?:\s+of\s+the\s+(?:[\w’'-]+\s+){0,3}?(?i:armed forces|army|military|forces|troops|gendarmerie|defen[cs]e force)"
    rf"(?:\s+of\s+(?:the\s+)?[A-Z][\w.’'-]*)?(?:\s*{ACRONYM})?"
    # "the base of the National Army and the African Union forces in Bulo Burte": two forces share it
    r"(?:\s+and\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?i:armed forces|army|military|forces|troops|mission))?)?"
    r"\s+(?:in|at|on\s+the\s+(?:(?:north|south|east|west)(?:ern)?\s+)?(?:edge|outskirts)\s+of)\s+"
    r"(?:the\s+(?:town|village|city|(?:urban\s+)?area|district|municipality|commune|locality)\s+of\s+)?"
    r"([A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)(?![\w’'-])(?!\s+[A-Z])")
_AT_PLACE = re.compile(r"\s+(?:in|at|near)\s+(?:the\s+)?")
_APPOSITIVE = re.compile(r",\s*(?:(?:which|that)\s+(?:also\s+)?(?:hosts?|houses?|is home to|includes?|has)\s+)?"
                         r"(?:(?:an?|the)\s+)?", re.IGNORECASE)
# "the base of the Numancia Battalion", "the base of Light Infantry Battalion 304": a base named by its unit
# "the headquarters of the Sudanese army's 22nd Infantry Division": the unit named after an owner's possessive;
# "the base of the Special Energy and Roads Battalion No. 10": a unit's name may join words and carry its number;
# "the base of the 81 Task Force Battalion": a unit's number may be bare
# a numbered unit is one whatever the case of its word ("the 3203rd regiment" in translated copy); acronyms in
# brackets and the army it belongs to may stand around it ("the company operating base (COB) of 37 Assam Rifles",
# "the Rapid Intervention Battalion (BIR)", "... of the FARDC")
_UNIT_OF = re.compile(rf"(?:\s+{ACRONYM})?\s+of\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+){{0,2}}[\w-]+['’]s\s+)?"
                      rf"((?:(?:[A-Z][\w’'-]*|\d+(?:st|nd|rd|th)?|and)\s+){{0,5}}{_UNITS}(?:\s+(?:No\.\s*)?\d+)?"
                      rf"|\d+(?:st|nd|rd|th)\s+(?i:{_UNITS}))(?![\w’'-])"
                      rf"(?:\s+{ACRONYM})?"
                      rf"(?:\s+of\s+the\s+(?:[A-Z]{{2,8}}|[A-Z][a-z]+\s+(?:Army|Armed Forces)))?")
# "the Russian-held airfield at Chornobaivka": who holds an installation describes it, it does not name it
_HELD_BY = re.compile(r"[A-Z][a-z]+-(?:held|run|controlled|occupied|operated)")
_INDEFINITE_BEFORE = re.compile(r"(?:^|\s)(?:a|an)\s+$", re.IGNORECASE)
# "the military post of Tassia" (translated copy). Not for a bare "camp": "the camp of Netanyahu" is a faction.
_PLACE_OF = re.compile(r"\s+of\s+([A-Z][\w’'-]+(?:[\s-][A-Z][\w’'-]+)?)(?![\w’'-])(?!\s+[A-Z])")
# "a Golani Brigade training base", "an army training camp": a unit's training base, not a militants' camp.
_ARMED_FORCES_OWNER = re.compile(
    r"\b(?:army|military|brigade|division|battalion|regiment|corps|idf|air force|navy|naval|marines?|infantry)\b",
    re.IGNORECASE)
# "two Iraqi military bases hosting U.S. personnel at Al-Asad and Erbil": plural bases listed by place names.
# "bases ... at Al-Asad and Erbil"; not a place that locates another place ("the bases on the outskirts of Prde town
# in Kirkuk")
_BASES_AT = re.compile(
    r"\bbases\b(?:(?!\b(?:town|city|village|district|outskirts|province)\b)[^;]){0,80}?\b(?:at|in)\s+"
    r"(?P<names>[A-Z][\w’'-]+(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w’'-]+)*)")
# "gunmen attacked the army in Gotheye", "attack army in Niger's Gotheye", "stormed the soldiers stationed in Kaya",
# "attacked the battalion based in Jamundi": the forces a town holds are its garrison, so an attack whose object they
# are is an attack on it. Not soldiers met on a road or a patrol ("ambushed soldiers near Kaya"): the attack's own verb
# takes the forces in the town as its object.
FORCES_IN_TOWN = re.compile(
    r"\b(?:attack(?:ed|ing|s)?|attacks? on|assault(?:ed)? on|storm(?:ed|ing|s)?|raid(?:ed|ing|s)?|overr[au]n)\s+"
    r"(?P<forces>the\s+(?:army|military|soldiers|troops)|army|(?:the\s+)?(?:soldiers|troops|battalion|brigade|regiment)"
    r"(?:\s+\([^)]{1,30}\))?\s+(?:stationed|based|garrisoned)"
    # "attacked Light Infantry Battalion 506 in Taungdwingyi": a unit named with its number is its base
    r"|(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s+){0,3}(?-i:Battalion|Brigade|Regiment)\s+(?:No\.?\s*)?\d{1,4})"
    r"\s+(?:in|at)\s+(?:(?-i:[A-Z])[\w’'-]+['’]s\s+)?"
    r"(?P<place>(?-i:[A-Z])[\w’'-]+(?:[\s-](?-i:[A-Z])[\w’'-]+)?)(?![\w’'-])", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+and\s+")
_PLACE_WORD_AFTER = re.compile(
    r"(?:'s|’s)|\s+(?:province|region|governorate|state|county|oblast|krai|district)\b", re.IGNORECASE)


def _non_military(span: str) -> bool:
    """Whether the words qualifying an installation make it a non-military one (a refugee camp, a militants'
    training camp); "training" alone next to an armed-forces word ("a Golani Brigade training base") does not."""
    v = vocabulary()
    words = {m.group().lower() for m in v.non_military.finditer(span)}
    if words:
        return not (words == {"training"} and _ARMED_FORCES_OWNER.search(span))
    # an armed group named as the owner ("an ELN camp", "the Arakan Army's base") makes it theirs (groups are named
    # in capitals: a span without one is not searched)
    return span.lower() != span and _armed_group(span)


def _armed_group(text: str, *, at_start: bool = False) -> bool:
    """Whether `text` names (at its start, if `at_start`) a listed armed group, not a state's forces; one combined
    search first, since most texts name none."""
    v = vocabulary()
    if not names_any_group(text):
        return False
    return any((rx.match if at_start else rx.search)(text) for name, rx in v.groups if name not in _STATE_FORCES)


def _militants(sentence: str, noun: re.Match[str]) -> bool:
    """Whether the installation noun `noun` is armed groups' ("a refugee camp", "a JNIM camp", "a camp of the banned
    BLA", "an ELN base"), not a military installation."""
    return _non_military(_modifier_span(sentence[:noun.start()])) or _militant_owner(sentence[noun.end():])


def names_militants_installation(sentence: str) -> bool:
    """Whether the sentence names a camp or base of armed groups ("a camp of the National Liberation Army (ELN)",
    "a JNIM base"): what "the camp" refers back to when no military installation was named before."""
    return any(_militants(sentence, m) for m in vocabulary().installation.finditer(sentence))


def _modifier_span(before: str) -> str:
    """The words qualifying an installation noun: "the Houthi " of "attacked the Houthi camp", not the
    subject ("militants attacked a ...")."""
    tail = before[-40:]
    m = _MODIFIER_SPAN.match(tail)
    return m.group(1) if m else tail


@dataclass(frozen=True)
class BaseRef:
    """One reference to an installation inside a sentence."""

    start: int
    end: int
    kind: str  # "gazetteer" | "named" | "generic" | "anaphor"
    name: str  # canonical name, name as written, or a description for generic references
    base: Base | None = None
    anaphoric: bool = False  # made by "the base", "the outpost": resolved to the installation said before


# "AL UDEID AIR BASE, Qatar (Stars and Stripes) — ", "BAGHDAD, June 14 (Reuters) - ": where the story was filed.
_DATELINE = re.compile(
    r"^\s*(?:date \S+\s+)?[A-Z][A-Z0-9 .'’-]{2,60}(?:,\s*[A-Z][\w .'’-]{1,40})?(?:,\s*\w+\.? \d{1,2})?\s*"
    r"(?:\([^)]{1,40}\))?\s*(?:—|–|--|-|:)\s")


def dateline_end(sentence: str) -> int:
    """Where a dateline opening the sentence ends (0 when there is none): a place named there is where the
    story was filed from, not what was attacked."""
    m = _DATELINE.match(sentence)
    return m.end() if m else 0


def names_nothing(word: str) -> bool:
    """Words that say whose or what kind an installation is, not which: vocabulary `not_a_name`, a country, their
    possessives ("Thailand’s"), and compounds of them or of acronyms ("US-Kenya", "Kenyan-US", "U.S.-Iraqi")."""
    v = vocabulary()
    word = re.sub(r"['’]s$", "", word)
    parts = [p for p in re.split(r"[-–]", word) if p]

    def whose(p: str) -> bool:
        return p in v.not_a_name or bool(v.countries.fullmatch(p))

    # "Crimean", "Kenyan": the adjective of a place that names nothing names nothing either
    return bool(parts) and all(whose(p) or (p.endswith("an") and whose(p[:-1])) or (p.isupper() and len(p) <= 4)
                               or p.replace(".", "").isupper() for p in parts)


_TITLE_LOWER = frozenset({"with", "from", "into", "onto", "upon", "over", "after", "near", "amid", "than", "that",
                          "this", "against", "during", "before", "about", "under"})


@lru_cache(maxsize=4096)  # asked of the same sentences by several rules
def is_title_case(text: str) -> bool:
    """Headline style: most longer words capitalised (names then cannot be told from other words). A sentence
    dense with names still has its verbs and nouns in lower case ("... repelled an attack ... military sources
    said"); title case leaves at most a short word or one slip lower case."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if len(w) > 3]
    lower = [w for w in words if w[0].islower() and w.lower() not in _TITLE_LOWER]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6 and len(lower) <= 2


def is_prose(text: str) -> bool:
    """A sentence of the story, not page furniture between paragraphs ("What's the story", "Advertisement", a
    repeated headline)."""
    return len(text.split()) >= 6 and not is_title_case(text)


# "the Frontier Corps qila (fort) in Datta Khel", "the quartel (barracks) of the 9th Brigade": a local word glossed by
# an installation noun in brackets is that installation
_GLOSSED = re.compile(r"\b[a-z]+\s\((fort|camp|base|garrison|post|outpost|barracks|cantonment)\)")


def base_refs(sentence: str, *, headline: bool = False) -> list[BaseRef]:
    """Installation references in `sentence`, in order, without overlaps."""
    v = vocabulary()
    if "(" in sentence:  # the gloss stands for the word it glosses; every other word keeps its offset
        sentence = _GLOSSED.sub(lambda m: " " * (m.start(1) - m.start()) + m.group(1) + " ", sentence)
    refs = [BaseRef(m.start, m.end, "gazetteer", m.base.name, m.base) for m in find_bases(sentence)]

    def free(s: int, e: int) -> bool:
        return not any(r.start < e and s < r.end for r in refs)

    militant: list[int] = []  # ends of militants' camps/bases ("a JNIM camp", "a camp of the banned BLA")

    refs += [r for r in _listed_bases(sentence) if free(r.start, r.end)]
    if not headline:
        for m in _CAMP_PREFIX.finditer(sentence):
            if free(m.start(), m.end()) and m.group(1).split()[0] not in v.not_a_name:
                refs.append(_named(m.start(), m.end(), m.group(0)))
    for m in v.installation.finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        joined = next((i for i, r in enumerate(refs) if r.end <= m.start() and not sentence[r.end:m.start()].strip(" -")), None)
        if joined is not None:
            r = refs[joined]
            refs[joined] = BaseRef(r.start, m.end(), r.kind, r.name, r.base)
            continue
        before = sentence[:m.start()]
        if _IN_A_UNIT_NAME.match(sentence, m.end()):
            continue  # "the 164th Theater Airfield Operations Group": the unit's name, not a place
        if _militants(sentence, m):
            militant.append(m.end())
            continue
        named = _NAMED_BEFORE.search(before)
        if named and _INDEFINITE_BEFORE.search(before[max(0, named.start(1) - 4):named.start(1)]):
            named = None  # "a Frontier Corps camp in Kech district": one of the corps' camps, a description
        if named:
            words = named.group(1).split()
            while words and (names_nothing(words[0]) or _HELD_BY.fullmatch(words[0])):
                words.pop(0)
            # "the Black Sea Fleet's base in Novorossiysk": an owner in the possessive, and the place names the base
            owner_placed = bool(words) and bool(_POSSESSIVE.search(words[-1])) \
                and _PLACE_AFTER.match(sentence[m.end():]) is not None
            if words and re.match(_PROPER, words[0]) and not owner_placed \
                    and (words[-1] not in v.not_a_name or words[-1] in _FUNCTION_WORDS) \
                    and free(m.start() - len(named.group(0)), m.end()):
                start = m.start() - len(named.group(0)) + named.group(0).find(words[0])
                if any(r.kind in {"gazetteer", "named"} and _APPOSED.fullmatch(sentence[r.end:start]) for r in refs):
                    continue  # "Camp Leatherneck, the old US Marine Corps base": the description of the name before
                name, end = f"{' '.join(words)} {m.group()}", m.end()
                place = _PLACE_AFTER.match(sentence[m.end():]) if UNIT_WORDS.search(name) else None
                if place and not names_nothing(place.group(1).split()[0]):
                    # "the 153 Task Force Battalion base in Marte": a unit's name says less than its place
                    name, end = f"{name} in {place.group(1)}", m.end() + place.end()
                if not headline:
                    refs.append(_named(start, end, name))
                    continue
                # a headline capitalises every word, so there only a listed installation's name is one ("Arbinda
                # garrison targeted in large-scale attack")
                if base := _listed_at(" ".join(words), m.group()):
                    refs.append(BaseRef(start, end, "gazetteer", base.name, base))
                    continue
        mods = re.search(rf"((?:(?:[\w.’'-]+|{ACRONYM})\s+){{0,5}})$", before).group(1)
        kept = []
        words = mods.split()
        quantified = False
        for i, word in enumerate(reversed(words)):
            if word.lower() in _DETERMINERS:
                # "counter-drone equipment at every super camp": a quantified installation is none in particular
                quantified = word.lower() in _QUANTIFIERS
                break
            # in a headline every word is capitalised: there only modifiers and acronyms ("AU base") describe it; an
            # owner's acronym glossed in brackets is part of it ("a Kosovo Security Force (KSF) barracks")
            if _POSSESSIVE.sub("", word.lower()) in v.modifiers or (word[0].isupper() and not headline) \
                    or re.fullmatch(ACRONYM, word) \
                    or (headline and word.isupper()) or "-" in word:
                kept.insert(0, word)
            elif not headline and i < 2 and _COMPOUND_WORD.fullmatch(word) \
                    and len(words) > i + 1 and words[-i - 2].lower() in {"a", "an", "the"}:
                # "an administrative base", "a logistics base": a plain noun or adjective right after the article
                # says what kind of installation it is
                kept.insert(0, word)
            else:
                break
        if quantified:
            continue
        det = _DETERMINER.search(before[:len(before) - len(" ".join(kept)) - (1 if kept else 0)] if kept else before)
        article = det.group(1).lower() if det else ""
        start = m.start() - (len(" ".join(kept)) + 1 if kept else 0)
        # apposition: "Camp Lemonnier, the U.S. military base in Djibouti"
        apposed = article == "the" and any(r.kind in {"gazetteer", "named"} and re.fullmatch(
            r",\s*the\s+", sentence[r.end:start], re.IGNORECASE) for r in refs)
        unit = None if headline else _UNIT_OF.match(sentence[m.end():])
        place = _PLACE_AFTER.match(sentence[m.end() + unit.end():]) if unit else None
        # "a camp of the Rashtriya Rifles in Surankote": one of a unit's camps, which its town picks out
        if unit and (article in {"the", "its", "their"} or (article in {"a", "an"} and place)):
            name, end = f"{unit.group(1)} {m.group()}", m.end() + unit.end()
            # "the headquarters of the 91st Division at the base": a part of the installation the text names
            if apposed or _WITHIN.match(sentence[end:]):
                continue
            if place and not names_nothing(place.group(1).split()[0]):
                name, end = f"{name} in {place.group(1)}", end + place.end()
            refs.append(BaseRef(start, end, "named", name))
            continue
        if article in {"the", "this", "that", "its", "their", "same"}:
            if apposed:
                continue
            if not headline and m.group()[0].isupper() and any(k.lower() not in v.modifiers for k in kept) \
                    and not _ARMED_FORCES_OWNER.search(" ".join(kept)) and not _PLACE_AFTER.match(sentence[m.end():]):
                # "the North Camp of the Multinational Force": mid-sentence, a capitalised installation noun after
                # capitalised words is the end of a name ("the Somali National Army Base in Wanlaweyn" is the
                # army's base its place names)
                refs.append(BaseRef(start, m.end(), "named", f"{' '.join(kept)} {m.group()}"))
                continue
            # "the Lutsk military airfield": the town before the kind names the town's listed installation
            town = " ".join(k for k in kept if k[0].isupper() and k.lower() not in v.modifiers and not names_nothing(k))
            if town and not headline and (listed := _listed_at(town, m.group())):
                refs.append(BaseRef(start, m.end(), "gazetteer", listed.name, listed))
                continue
            place = None if headline else (_PLACE_AFTER.match(sentence[m.end():]) or (
                _PLACE_OF.match(sentence[m.end():]) if m.group().lower() != "camp" else None))
            at_listed = _AT_PLACE.match(sentence, m.end())
            if (place and any(r.kind == "gazetteer" and r.start == m.end() + place.start(1) for r in refs)) or (
                    at_listed and any(r.kind == "gazetteer" and r.start == at_listed.end() for r in refs)):
                # "the coalition base at Qasrak", "the coalition base at the Conoco gas field": the listed installation
                # the place names, not the base named before
                continue
            if place and not names_nothing(place.group(1).split()[0]) \
                    and not any(r.start == m.end() + place.start(1) for r in refs) \
                    and not _PLACE_WORD_AFTER.match(sentence[m.end() + place.end():]):
                # "the army camp in Tessit": a definite description naming its place names the base
                name = place.group(1)
                base = _listed_at(name, m.group())
                refs.append(BaseRef(start, m.end() + place.end(), "gazetteer" if base else "named",
                                    base.name if base else f"{name} {m.group()}", base))
                continue
            refs.append(BaseRef(start, m.end(), "anaphor", m.group()))
        elif any(r.kind in {"gazetteer", "named"} and _APPOSITIVE.fullmatch(sentence[r.end:start]) for r in refs):
            # apposition: "Camp Taji, a military base north of Baghdad"; "Mitiga airport, which also hosts a
            # military air base": the description is of the installation just named
            continue
        elif article or kept or _OWNER_NAMED.match(m.group()) or (headline and _HEADLINE_PREPOSITION.search(before)
                                                                  and _PLACE_AFTER.match(sentence[m.end():])):
            # headlines drop articles: "attack on army base in Tibu" is "an attack on an army base in Tibu" and
            # "Drones attack army base in Saravena" is "... attack an army base ...", a description its place makes
            # as definite as the article would
            tail = _DESCRIPTION_TAIL.match(sentence[m.end():])
            desc = f"{' '.join(kept)} {m.group()}".strip() + (tail.group(1).rstrip(".,") if tail else "")
            desc = _DANGLING.sub("", desc)  # "camp in North Waziristan in the" (early hours ...)
            refs.append(BaseRef(start, m.end(), "generic", desc))
    for m in FORCES_IN_TOWN.finditer(sentence):
        if free(m.start("forces"), m.end()) and not names_nothing(m["place"].split()[0]):
            refs.append(BaseRef(m.start("forces"), m.end(), "generic", f"{m['forces']} in {m['place']}"))
    # "a JNIM camp near Boulkessi": the town named after a militants' camp locates it; it is not the army base
    refs = [r for r in refs if r.kind != "gazetteer" or not any(_LOCATES.match(sentence[e:r.start]) for e in militant)]
    refs.sort(key=lambda r: r.start)
    return refs


def _listed_at(place: str, noun: str) -> Base | None:
    """A town's one listed installation, whatever the text calls it ("the base at Azraq", "Arbinda garrison"), an
    air base named after the town included."""
    return next((b for b in map(lookup, (f"{place} {noun}", f"{place} base", f"{place} camp", place,
                                         f"{place} air base")) if b is not None), None)


def _named(start: int, end: int, name: str) -> BaseRef:
    """A name written the way installations are named: the gazetteer's entry when it is one spelled otherwise."""
    base = spelled_like(name)
    return BaseRef(start, end, "gazetteer", base.name, base) if base else BaseRef(start, end, "named", name)


def _listed_bases(sentence: str) -> list[BaseRef]:
    """Places listed after plural "bases ... at/in" that are known bases when "air base"/"base" is added
    ("military bases ... at Al-Asad and Erbil" are Ain al-Asad Air Base and Erbil Air Base). Only gazetteer
    entries count, so "bases in Iraq and Syria" names none."""
    refs = []
    for m in _BASES_AT.finditer(sentence):
        pos = m.start("names")
        for name in _LIST_SEPARATOR.split(m["names"]):
            start = sentence.index(name, pos)
            pos = start + len(name)
            base = lookup(f"{name} air base") or lookup(f"{name} base")
            if base is not None:
                refs.append(BaseRef(start, pos, "gazetteer", base.name, base))
    return refs


_OWNER = re.compile(
    r"^\s+(?:of|belonging to|used by|run by|held by|operated by)\s+(?:the\s+)?"
    r"(?:(?:banned|proscribed|outlawed|militant|terrorist|jihadist|extremist|rival)\s+)*", re.IGNORECASE)
_STATE_FORCES = frozenset({"IRGC", "Security Service of Ukraine (SBU)", "Wagner Group"})
_LOCATES = re.compile(
    r"^\s+(?:near|outside|close to|around|in|at|on the outskirts of|(?:north|south|east|west)(?:east|west)?\s+of)\s+"
    r"(?:the\s+)?(?:(?:town|village|area|city|district)\s+of\s+)?$", re.IGNORECASE)


def _militant_owner(after: str) -> bool:
    """An installation "of the banned Balochistan Liberation Army" / "belonging to ISWAP" is a militants' camp."""
    owner = _OWNER.match(after)
    if owner is None:
        return False
    v = vocabulary()
    rest = after[owner.end():]
    # "the camp of an Iranian Kurdish opposition party": the owner's kind may follow the words of its origin (a word in
    # a name, "the 2nd Support Brigade", is no kind)
    described = _OWNER_WORDS.match(rest).group()
    return bool(v.non_military.match(rest)) or any(m.group()[0].islower() for m in v.non_military.finditer(described)) \
        or _armed_group(rest, at_start=True)


_OWNER_WORDS = re.compile(r"(?:an?\s+)?(?:[\w’'-]+\s+){0,3}[\w’'-]*")


# "staged a sit-in at the gate of an air base to protest against drone strikes abroad": the attacks are what is
# protested, not an event at the base. Only the protested words are blanked: "protesters stormed the base to
# protest against airstrikes" still reports the storming.
_PROTESTED = re.compile(
    r"\b(?:protest(?:s|ed|ing)?|demonstrat(?:e|ed|es|ing|ions?)|rall(?:y|ies|ied|ying))\s+(?:against|over)\s+"
    r"(?:[\w’'-]+\s+){0,4}?(?:attacks?|strikes?|airstrikes?|bombings?|bombardments?|raids?|shelling)\b",
    re.IGNORECASE)


# "a councillor, who attacked the government at Monday's session": words that attack a government, a policy or a
# critic are criticism, not arms
_CRITICISED = re.compile(
    r"\b(?:attack(?:s|ed|ing)?|lash(?:es|ed|ing)? out at)\s+(?:the\s+|his\s+|her\s+|their\s+)?"
    r"(?:[\w’'-]+\s+){0,2}?(?:government|ministers?|minister's|president|prime minister|policy|policies|plans?|"
    r"decisions?|critics?|opposition|media|press|council|mayor|governor|budget|bill|law|reforms?|"
    r"administration|cabinet|parliament|party|leadership|record|proposals?|sovereignty|dignity|democracy|"
    r"freedoms?|rights|independence|constitution|values)\b", re.IGNORECASE)
# "termites had attacked the roof timbers": what animals, rot and rust do to a building is no attack
_NOT_BY_PEOPLE = re.compile(r"\b(?:termites?|insects?|pests?|rats|mice|locusts?|bees|wasps|hornets|ants|rust|"
                            r"corrosion|mou?ld|fungus|rot)\s+(?:(?:had|have|has)\s+)?(?:been\s+)?attack(?:s|ed|ing)?\b",
                            re.IGNORECASE)


# "soldiers attacked them outside the air base", "police stormed the barracks", "prosecutors raid battalion
# headquarters" (a search), "guards at the air base opened fire on men cutting the fence": the state's own forces, its
# law enforcement or a base's guards doing the attacking or firing attack no installation of theirs
_FORCES_ATTACKING = re.compile(
    r"\b(?:soldiers|troops|servicemen|police|policemen|police officers|guards|sentr(?:y|ies)|prosecutors|investigators|"
    r"detectives|agents)(?:\s+(?:at|of|from)\s+(?:the|a|an|its|their)(?:\s+(?!\w+ed\b)[\w’'()-]+){1,4}?){0,2}"
    r"\s+(?:[a-z]+ly\s+)?(?:attack(?:s|ed)?|assault(?:s|ed)?|beat|storm(?:s|ed)?|raid(?:s|ed)?|open(?:s|ed)? fire)\b",
    re.IGNORECASE)


def blanked(pattern: re.Pattern[str], text: str) -> str:
    """`text` with what `pattern` matches turned to spaces, so every other word keeps its offset."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def attack_cue(sentence: str) -> int | None:
    """Position of the first word saying an attack happened, or None when the sentence reports none."""
    v = vocabulary()
    sentence = blanked(_FORCES_ATTACKING, blanked(_PROTESTED, blanked(_CRITICISED, blanked(_NOT_BY_PEOPLE, sentence))))
    strong = v.strong_attack.search(sentence)
    # a weapon word says an attack happened only where something landed or struck (asked first: it is rarer)
    weapon = None if not v.impact.search(sentence) else min(
        (m.start() for rx in v.weapons.values() if (m := rx.search(sentence))), default=None)
    hits = [p for p in (strong.start() if strong else None, weapon) if p is not None]
    return min(hits) if hits else None


def excluded(sentence: str, *, dated: bool = False) -> bool:
    """Sentences that cannot report a new attack: other topics, hypotheticals, tallies of many attacks.

    A tally does not exclude a sentence that dates a single event ("... on Saturday, the latest in a
    series of attacks"); `dated` says whether the sentence has a day-precision date phrase.
    """
    v = vocabulary()
    if v.skip_sentence.search(_DESCRIBING_CLAUSE.sub("", sentence)) or _DENIED.search(sentence):
        return True
    hypothetical = [m.group() for m in v.hypothetical.finditer(sentence)]
    if hypothetical and not (all(h.lower().startswith(_CARRIED_OUT) for h in hypothetical) and _HARM.search(sentence)):
        return True
    return not dated and bool(v.aggregate.search(blanked(_motive_clause(), sentence)))


@lru_cache(maxsize=1)
def _motive_clause() -> re.Pattern[str]:
    """"fired missiles at the airbase in response to the repeated Israeli attacks": the attacks a motive clause names
    provoked the news; they do not make its sentence a tally (the clause runs to the next comma)."""
    return re.compile(rf"{vocabulary().response_to.pattern}[^,;]*", re.IGNORECASE)


# "The base was not targeted", "no shots were fired at the base": a sentence that denies the attack reports none
_DENIED = re.compile(r"\b(?:was|were|has|have|had)\s+not\s+(?:been\s+)?(?:\w+\s+)?"
                     r"(?:targeted|the target|hit|attacked|struck)\b"
                     r"|\b(?:did|does|do)\s+not\s+come\s+under\s+(?:fire|attack)\b"
                     r"|\bno\s+(?:shots?|rounds?|rockets?|shells?|bullets?|mortars?|drones?)\s+"
                     r"(?:were|was|had\s+been)\s+(?:fired|launched)\b", re.IGNORECASE)
# "a military training base that has hosted NATO drills": what a place is used for describes it; the sentence is not
# about the drills
_DESCRIBING_CLAUSE = re.compile(r"\b(?:that|which|where)\s+(?:has\s+|have\s+|had\s+)?(?:long\s+|often\s+|also\s+)?"
                                r"(?:hosted|hosts|host|housed|houses|held|holds|staged|stages)\b[^,;.]*", re.IGNORECASE)


# "foiled an attempt ... to enter the cantonment" with soldiers killed: a repelled attack still happened; so did one
# that was planned or prepared ("militants who had been planning the assault for weeks stormed the base, killing five")
_CARRIED_OUT = ("foil", "planning", "preparing")  # not "a planned assault", which the harm may have forestalled
_HARM = re.compile(r"\b(?:killed|killing|martyred|embraced shahadat|wounded|wounding|injured|injuring|rammed|"
                   r"exploded|detonated|blew (?:himself|themselves) up)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _inside() -> re.Pattern[str]:
    """"a vehicle parked inside the base", "a ship moored at the naval base": what stands in an installation (or an
    airport or a post, which host troops) is part of it."""
    nouns = vocabulary().installation.pattern
    return re.compile(rf"[\w-]+(?:\s+[\w-]+){{0,3}}?\s+(?:inside|within|in|at)\s+(?:the\s+|an?\s+|its\s+)?"
                      rf"(?:[\w’'-]+\s+){{0,4}}?(?:{nouns}|airport|post)\b", re.IGNORECASE)


_ANOTHER_CLAUSE = re.compile(r",\s+(?:while|and|as|whereas)\s", re.IGNORECASE)


def negative_target(sentence: str, cue: int, refs: list[BaseRef]) -> bool:
    """True when the attack word's first target is a non-base site (embassy, market, convoy ...)."""
    v = vocabulary()
    if any(r.start < cue for r in refs if r.kind != "anaphor"):
        return False
    negatives = [m.start() for m in v.negative_targets.finditer(sentence)
                 if not any(r.start <= m.start() < r.end for r in refs)] + \
        [m.start("vehicle") for m in _STRUCK_VEHICLE.finditer(sentence)]
    negatives = [p for p in negatives if not (_BASE_CHECKPOINT.match(sentence[p:]) or _inside().match(sentence[p:]))
                 or not any(0 <= r.start - p <= 60 for r in refs)]
    after_neg = sorted(p for p in negatives if p > cue)
    after_ref = [r.start for r in refs if r.start > cue]
    if after_neg and (not after_ref or after_neg[0] < after_ref[0]):
        # "... attacked the French embassy, while the country's military headquarters was also targeted": a later
        # clause with its own attack word tells the installation's attack
        return not (after_ref and _ANOTHER_CLAUSE.search(sentence, after_neg[0], after_ref[0])
                    and attack_cue(sentence[after_ref[0]:]) is not None)
    return bool(negatives) and not after_ref and not after_neg


_UNIT_STATIONED = re.compile(r"(?:group|regiment|battalion|brigade|division|wing|squadron|unit|detachment|compan)",
                             re.IGNORECASE)
_ATTACK_ON_IT = re.compile(r"\b(?:attack(?:s|ed)?|assault(?:s|ed)?|raid(?:s|ed)?)\s+(?:on|against)\s+(?:the\s+)?$",
                           re.IGNORECASE)
_ATTACKED_THERE = re.compile(r",?\s+(?:was|were|came|had been|has been)\s+(?:the\s+target|attacked|targeted|hit|struck|"
                             r"overrun|stormed|under)\b", re.IGNORECASE)
# A preposition that aims: "fired from Lebanon at the Zar'it barracks" names the origin, then the target.
AIMING = r"(?:at|on|against|into|towards?)"
_AIMED = re.compile(rf"\b{AIMING}\s", re.IGNORECASE)
_FROM_ITSELF = re.compile(r"\s*(?:(?:the|a|an|its|their)\s+)?(?:[\w’'.-]+\s+){0,2}")


# "Morozovsk is home to a regiment of Su-34 bombers that strike Ukrainian positions": the installation whose units do
# the striking is where the attacks come from
_HOME_OF_ATTACKERS = re.compile(
    r"\s+(?:is|was|has long been)\s+(?:also\s+)?(?:home to|the home of|hosts|houses)\b[^.;]{0,80}?"
    r"\b(?:that|which|who)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:strike|struck|bomb|bombed|attack|attacked|launch|launched|hit|pound|pounded|fl(?:y|ew))s?\b",
    re.IGNORECASE)


def is_origin(sentence: str, ref: BaseRef) -> bool:
    """The base is where someone is stationed, launched from, leaving or visiting - not the target."""
    if _HOME_OF_ATTACKERS.match(sentence, ref.end):
        return True
    window = sentence[max(0, ref.start - 50):ref.start]
    cue = next(reversed(list(vocabulary().origin.finditer(window))), None)
    if cue is None:
        return False
    if _UNIT_STATIONED.match(cue.group()) and (_ATTACK_ON_IT.search(window, 0, cue.start())
                                               or _ATTACKED_THERE.match(sentence, ref.end)):
        return False  # "the attack against the unit stationed at Tin-Akoff": where the attacked unit is is the target
    if not cue.group().lower().endswith(("from", "out of")):
        return True
    # "fired from the Miranshah garrison" names where the fire came from; "fire from the hills overlooking the fort"
    # and "fired from Lebanon at the Zar'it barracks" name another origin, then the target
    return bool(_FROM_ITSELF.fullmatch(window, cue.end())) and not _AIMED.search(window, cue.end())
