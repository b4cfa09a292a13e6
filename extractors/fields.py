"""Read the facts of one attack out of the sentences that describe it.

- weapons: every weapon family named; "missile" is dropped when the same text also says rockets and
  the missile is not qualified (ballistic, cruise ...), because Arabic-language outlets call Katyushas
  "missiles". Nothing named -> ("unknown",).
- projectiles: "three Katyusha rockets" -> 3, "twin rockets" -> 2; an exact count beats "more than
  60", which beats "a rocket"; "a barrage", "several", "dozens" say nothing.
- killed / wounded: "killing two Americans and a British national" -> 3; "no casualties",
  "no one was hurt" -> 0 and 0 unless a nationality or force qualifies it ("no US injuries"), while
  "no one was killed" -> 0 killed only; "killed or wounded" lumps both and gives neither; a death from
  illness ("died of a cardiac arrest while sheltering") is not a kill; "left two troops with minor
  injuries" wounds two; a toll that rose wins, "a total of" comes before partial counts, an initial or previous
  toll and a claim sentence come last, what the attackers say they killed never counts, "also" adds a group, and
  wounded who died move to the dead; a group's own members and attackers counted beside defenders are not the toll.
- claimed_by: a known group next to an explicit claim ("claimed responsibility", "said its fighters
  attacked"), never when the claim is denied or generic; suspected: a group or actor next to blame words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from extractors.dates import MONTHS, WEEKDAYS
from extractors.mentions import ACRONYM, base_refs, names_nothing
from extractors.records import WEAPONS
from extractors.vocabulary import NUMBER, names_any_group, number_value, vocabulary

_BLAME_WINDOW = 80
_ANOTHER = re.compile(
    r"\b(?:a second|another|a third)\s+(?:[\w-]+\s+)?(?:drone|rocket|missile|shell)\b(?!\s+(?:attacks?|strikes?))"
    r"|\b(?:was|were) one of (?:two|three|four|five|six|several|many|\d+)\b"
    r"|\b(?:swarms?|waves?|barrages?) of\b",  # many, however "a drone" was worded elsewhere
    re.IGNORECASE)
# "destroyed 48 Ukrainian drones overnight over the Astrakhan, Volgograd and Rostov regions": an air-defence tally
# over an area, not what was fired at the installation
_OVER_REGIONS = re.compile(r"\s+(?:overnight\s+)?(?:over|across)\s+(?:the\s+)?(?:[\w’'-]+,?\s+){0,6}?"
                           r"(?:regions?|provinces?|oblasts?|territor(?:y|ies)|areas?|country)\b", re.IGNORECASE)
_DOWNED = re.compile(r"\bdowning\s*$", re.IGNORECASE)
_BOUND = r"(?:at least|more than|over|up to|some|about|around|nearly|as many as|approximately|roughly)"
_SEVERITY = r"(?:lightly|slightly|seriously|critically|severely|badly|moderately|mortally|fatally)"
_STOP_BETWEEN = frozenset({"of", "the", "which", "were", "was", "and", "or", "had", "have", "been", "to", "in",
                           "at", "on", "with", "by", "from", "that", "its", "their", "this", "these", "for"})
_NAME_BEFORE = re.compile(r"(?<=\S )([A-Z][\w-]*)\s+$")  # a capitalised word not opening the text
_DATE_WORDS = frozenset({*WEEKDAYS, "january", "february", "march", "april", "may", "june", "july", "august",
                         "september", "october", "november", "december", *MONTHS})
# "a drone attack", "a drone and mortar attack": the noun names the kind of something else, not one projectile
_NOT_A_PROJECTILE = re.compile(
    r"^\s*(?:(?:and|or)\s+[\w-]+\s+)?(?:launchers?|launching|attacks?|strikes?|fire|platforms?|systems?|base|unit|"
    r"defen[cs]es?|operators?|programs?|production|factory|sightings?|footage|wreckage|warnings?|sirens?|alerts?)\b",
    re.IGNORECASE)


# Military wording for rockets or mortars, which it does not say: the rest of the article does.
_INDIRECT_FIRE = re.compile(r"\bindirect[- ]fire\b", re.IGNORECASE)


# "terrorists fired at the camp", "firing from the bush": firing with no projectile named anywhere is small arms; the
# defenders' "returned fire" is not the attack's weapon
_BARE_FIRING = re.compile(r"(?<!returned )(?<!return )\b(?:fired|firing)\s+(?:at|on|upon|into|from)\b", re.IGNORECASE)


def weapons(texts: Iterable[str], article: Iterable[str] = ()) -> tuple[str, ...]:
    """Weapon families named in `texts`, in the canonical order of records.WEAPONS. "Indirect fire" is mortars
    when the `article` names mortars and no rockets, else rockets."""
    v = vocabulary()
    joined = " ".join(texts)
    found = {name for name, rx in v.weapons.items() if rx.search(joined)}
    if _BARE_FIRING.search(joined) and not found & {"rocket", "mortar", "missile", "drone", "gunfire"}:
        found.add("gunfire")
    if "ground_assault" in found and found & {"rocket", "mortar", "drone", "missile", "gunfire"} \
            and not v.assault_deeds.search(joined):
        # "jihadists hit the airport with drones and rockets", "gunmen fired at the detachment from a cornfield": who,
        # not how
        found.discard("ground_assault")
    if _INDIRECT_FIRE.search(joined) and not found & {"rocket", "mortar", "missile"}:
        named = weapons(article)
        found.add("mortar" if "mortar" in named and "rocket" not in named else "rocket")
    if v.rocket_called_missile.search(joined):
        found.add("rocket")
    if {"rocket", "missile"} <= found and not v.missile_qualifiers.search(joined):
        found.discard("missile")
    return tuple(w for w in WEAPONS if w in found)


def projectiles(texts: Iterable[str], later: Iterable[str] = ()) -> int | None:
    """The number of rockets/missiles/shells/drones fired, if the text states it.

    A count after "downing" ("..., downing two drones") is the part shot down, not the attack.
    A later, larger exact count means the sources disagree (a smaller later count is usually the part
    that hit or was shot down), so the answer is then None. "a drone" counts one; "a rocket" does not,
    since wire copy uses it loosely ("reports said a rocket had landed"), nor when "a second drone" follows;
    "a ballistic missile" (a qualified or "single" missile, no other weapon in the sentence) counts one too.
    The sentences that continue the story (`later`) are read only for such hints that "a drone" was not
    alone ("The drone was one of two launched from Lebanon").
    """
    v = vocabulary()
    texts = [_numbers_once(t) for t in texts]
    exact: list[int] = []
    loose: list[tuple[int, int]] = []
    for text in texts:
        for salvo in _salvoes(text):
            m = salvo[0]
            noun = m["noun"].lower()
            n = sum(number_value(part["n"]) for part in salvo)  # "four missiles and twelve drones": sixteen
            bound = (m["bound"] or "").strip().lower()
            if len(salvo) == 1 and m["n"].lower() in {"a", "an", "single", "lone"}:
                if v.weapons["drone"].search(noun):
                    loose.append((2, n))
                elif v.weapons["missile"].search(noun) and (v.missile_qualifiers.search(f"{m['between']}{noun}")
                                                            or m["n"].lower() in {"single", "lone"}) \
                        and weapons([text]) == ("missile",):
                    loose.append((2, n))  # "a ballistic missile struck": one, unlike a loose "a rocket"
            elif bound and bound != "at least":
                loose.append((1, n))
            elif exact and "more" in m["between"].lower().split():
                exact[-1] += n  # "three drones were launched at the base ... an hour later, two more drones struck"
            else:
                exact.append(n)
    if exact:
        if any(more > exact[0] for more in exact[1:]):
            return None
        # "Three rockets struck Balad ... A fourth rocket from the same salvo landed outside the fence": one more. (After
        # one, "a second drone struck Harir" is as often the next attack of the night, elsewhere.)
        ordinals = {_ORDINALS.index(m["ord"].lower()) + 2
                    for text in (*texts, *later) for m in _one_more().finditer(text)}
        return exact[0] + 1 if exact[0] >= 2 and exact[0] + 1 in ordinals else exact[0]
    if any(_ANOTHER.search(text) for text in (*texts, *later)):
        loose = [(rank, n) for rank, n in loose if rank < 2]
    return min(loose)[1] if loose else None


def counted_over(texts: Iterable[str], places: Iterable[str]) -> int | None:
    """The projectiles a regional authority counts over, or fired at, the installation's own town or district ("11
    drones had been destroyed over the Borisoglebsk district", "three ballistic missiles at the Chuhuiv community"):
    where an air base is the target, the drones downed over it are the attack on it, told without naming the base. A
    count over a whole region (`_OVER_REGIONS`) is not."""
    places = list(places)
    names = "|".join([re.escape(p) for p in places] + [a for p in places if (a := _district_adjective(p))])
    if not names:
        return None
    said_over = re.compile(rf"\b(?:over|above|at)\s+(?:the\s+)?(?:{names})\b(?!['’]s)"
                           r"(?!\s+(?:region|province|oblast|governorate|state)\b)", re.IGNORECASE)
    for text in texts:
        if said_over.search(text) is None:
            continue  # the cheap look first: most sentences count nothing over the place
        for salvo in _salvoes(text):
            end = salvo[-1].end()
            over = said_over.search(text, end)
            if over and over.start() - end <= 40 and not re.search(r"[.;]", text[end:over.start()]) \
                    and salvo[0]["n"].lower() not in {"a", "an", "single", "lone"}:
                return sum(number_value(part["n"]) for part in salvo)
    return None


def _district_adjective(town: str) -> str:
    """Russian and Ukrainian districts are named by their town's adjective ("the Morozovsky district" of Morozovsk,
    "Buturlinovsky" of Buturlinovka, "Millerovsky" of Millerovo): a pattern for it, said only before "district"."""
    stem = re.sub(r"(?:s?k)?[aeiouy]?$", "", town, flags=re.IGNORECASE)
    if len(stem) < 4:
        return ""
    return rf"{re.escape(stem)}s?k(?:y|iy|ii|yi|a|e)(?=\s+(?:municipal\s+)?(?:district|raion)\b)"


_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@cache
def _one_more() -> re.Pattern[str]:
    # one that came down ("landed in farmland"), not "the third rocket attack this week" nor "a third rocket that had
    # failed to launch"
    noun = vocabulary().projectile_noun
    return re.compile(rf"\b(?:a|the)\s+(?P<ord>{'|'.join(_ORDINALS)})\s+(?:[\w-]+\s+)?(?:{noun})\b"
                      r"(?!\s+(?:attacks?|strikes?|barrages?|salvos?|assaults?|incidents?)\b)"
                      r"(?=(?:(?!fail|unfired|misfir)[^.;]){0,60}?\b(?:landed|fell|hit|struck|exploded|impacted)\b)",
                      re.IGNORECASE)


# Counts joined by "and" or a comma name the parts of one salvo ("a ballistic missile and two drones")
_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+|plus\s+)?|\s+(?:and|plus|as well as)\s+)", re.IGNORECASE)
# "launched four drones at the headquarters and then fired twelve shells at it": the attackers' next act in the same
# sentence, with another weapon, adds its count to the attack's (the same weapon again may be the part that hit)
_NEXT_ACT = re.compile(r"[^;]{0,80}?(?:,|\band)\s+(?:then\s+|later\s+|also\s+)?(?:launched|fired|lobbed|sent)\s+",
                       re.IGNORECASE)


@cache
def _counted_projectile() -> re.Pattern[str]:
    # "five Shahed attack drones": a weapon's name before the noun counted modifies it
    noun = vocabulary().projectile_noun
    return re.compile(
        rf"(?<![\w-])(?P<bound>{_BOUND}\s+)?(?P<n>{NUMBER})\s+(?P<between>(?:[\w’'.-]+\s+){{0,3}}?)"
        rf"(?P<noun>{noun})\b(?!\s+(?:(?!(?:and|or|plus|as)\b)[\w-]+\s+)?(?:{noun})\b)", re.IGNORECASE)


@cache
def _people_counted() -> re.Pattern[str]:
    v = vocabulary()
    return re.compile(rf"\b(?:{v.people}|{v.attackers})\b", re.IGNORECASE)


def _salvoes(text: str) -> list[list[re.Match]]:
    """The counted projectiles of `text` ("two explosive-laden quadcopters"), those of one coordination together."""
    pattern = _counted_projectile()
    salvoes: list[list[re.Match]] = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        # "About twenty attackers fired rocket-propelled grenades": words between a count and its projectile modify
        # the projectile; a count of people is not one of projectiles
        words = m["between"].split()
        if any(w.lower() in _STOP_BETWEEN or (number_value(w) and not (w.isdigit() and i and words[i - 1][0].isupper()))
               for i, w in enumerate(words)) or _people_counted().search(m["between"]):
            pos = m.start() + 1  # "a salvo of 10 rockets": the count may start inside this match
            continue
        pos = m.end()
        if not m["noun"].lower().endswith("s") and _NOT_A_PROJECTILE.match(text[m.end():]):
            continue
        if m["n"].isdigit() and (name := _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())) \
                and name[1].lower() not in _DATE_WORDS:
            continue  # "Fadi 2 missiles", "Shahed 136 drones": a numeral after a name designates a model
        coordinated = bool(salvoes) and not m["bound"] and (
            _COORDINATED.fullmatch(text, salvoes[-1][-1].end(), m.start()) is not None
            or (_NEXT_ACT.fullmatch(text, salvoes[-1][-1].end(), m.start()) is not None
                and _family(m["noun"]) != _family(salvoes[-1][-1]["noun"])))
        if _OVER_REGIONS.match(text, m.end()):
            if coordinated:  # "eight missiles and 95 drones across the country": all of it the area's tally
                salvoes.pop()
            continue
        if _DOWNED.search(text[:m.start()]) or not number_value(m["n"]) or number_value(m["n"]) > 5000:
            continue
        if coordinated:
            salvoes[-1].append(m)
        else:
            salvoes.append([m])
    for salvo in salvoes:
        # "six drones over the Odintsovo district shortly after 1 a.m., and three more towards dawn"
        if more := _more_after().match(text, salvo[-1].end()):
            salvo.append(more)
    return salvoes


def _family(noun: str) -> str | None:
    """The weapon family a projectile noun names ("shells": mortar), None for one no family lists."""
    return next((name for name, rx in vocabulary().weapons.items() if rx.search(noun)), None)


@cache
def _more_after() -> re.Pattern[str]:
    noun = vocabulary().projectile_noun
    return re.compile(rf"[^;]{{0,80}}?\b(?:and|then|followed by)\s+(?P<n>{NUMBER})\s+more\b"
                      rf"(?=\s*(?:[,.;]|$)|\s+(?:towards|at|later|after|before|during|in|on|over|{noun})\b)",
                      re.IGNORECASE)


def _people_list(v, other_verb: str = "") -> str:
    # "another 20 injured" is a second group of the sentence; a count starts a word, not inside a date ("2023-03-24 An
    # American contractor"); "three Hezbollah members" are the attackers' own dead, not the toll; an acronym in brackets
    # restates the name before it ("seven Somali National Army (SNA) soldiers")
    # "eight of his men", "two of our soldiers": a part of the commander's or speaker's unit is counted like its people
    item = (rf"(?<![\w./:-])(?:at least\s+|some\s+|about\s+|another\s+)?{NUMBER}\s+"
            rf"(?:of\s+(?:his|our)\s+)?{_NOT_A_COUNT}"
            rf"(?:{_NOT_BETWEEN}(?!{v.any_group.pattern})[\w’'-]+\s+|U\.S\.\s+|U\.N\.\s+){{0,3}}?"
            rf"(?:{ACRONYM}\s+)?(?:{v.people})\b"
            rf"(?:\s+(?:{v.people})\b)?")  # "two American service members": a people word used as a modifier
    # "we lost eleven soldiers, and six others were wounded": after a verb, a group that has a verb of the other kind
    # of its own is not in the verb's list
    own_verb = rf"(?!\s+(?:were|was|have been|had been)\s+(?:\w+\s+)?(?:{other_verb})\b)" if other_verb else ""
    return rf"(?P<list>{item}(?:\s*(?:,|and|,\s*and)\s*{item}{own_verb})*)"


def _sum_people(listing: str) -> int | None:
    total = 0
    for m in re.finditer(rf"(?<![\w-])({NUMBER})\s", listing, re.IGNORECASE):
        n = number_value(m.group(1))
        if n is None:
            return None
        total += n
    return total or None


# "a number of soldiers", "a handful of troops": no count
# "two dozen soldiers", "three hundred troops": a multiplier follows, so the word is not the count
_NOT_A_COUNT = r"(?!(?:number|handful|few|lot|couple|group|host|series|total|dozens?|hundreds?|thousands?|scores?)\b)"
# "a statement its fighters had killed": a count does not reach over a determiner to its people
_NOT_BETWEEN = r"(?!(?:its|their|his|her|our|the|of|in|on|at|from|with|and|said|says|that)\b)"
# an aside between the counted people and their verb: "three soldiers, including a captain, were killed"; "Seven people,
# six soldiers and a CJTF member, have died" (the breakdown of the count before it)
_ASIDE = (rf"(?:\s*,\s*(?:(?:including|among them|among whom)\b[^,.;]{{0,50}}"
          # "Two members of the CJTF, who were manning the trenches with the soldiers, also died"
          rf"|(?:who|whose)\b[^,.;]{{0,80}}"
          rf"|{NUMBER}\s[^,.;]{{0,60}}?\band\b[^,.;]{{0,60}}),)?")
# "three soldiers of the African Union mission (ATMIS) were killed", "five volunteers for the defence of the homeland
# (VDP) were killed", "a soldier serving with the UN mission", "two servicemen at the airfield had been hurt": the force
# or the installation the people belong to, named between them and their verb
_OF_FORCE = (r"(?:\s+(?:(?:serving|deployed|stationed|based|posted|assigned)\s+(?:with|in|at|to)|"
             r"(?:employed|hired|contracted)\s+by|working\s+for|of|for|from|at|"
             r"inside)\s+(?:the\s+)?[\w()’'.-]+"
             r"(?:\s+(?!(?:who|whose|which|that|when|after|while|and)\b)[\w()’'.-]+){0,7}?"
             # ("an employee of the company that maintains the aircraft was injured": what the owner does)
             r"(?:\s+(?:that|which)\s+(?!(?:was|were|is|are|had|has|have)\b)[\w’'-]+(?:\s+[\w’'-]+){0,3}?)?)?")
# "a civilian who works as a cook in the mess hall was wounded": who the people are, between them and their verb
_WHO_IS = (r"(?:\s+who\s+(?:works?|worked|serves?|served|was working|were working|lives?|lived)\s+"
           r"(?:(?!killed|wounded|injured|hurt|died)[^,;.])*?)?")
# where a communiqué's toll list puts each count: after a colon or semicolon, a dash or bullet, or "friendly side"
# ("The provisional toll on the friendly side is nineteen (19) killed": a toll stated with its verb)
_LISTED = r"(?:[:;]|\b(?:side|toll)\b,?(?:\s+(?:is|was|stands at|stood at))?)\s*(?:[-–•]\s*)?"
# "killing six soldiers and injuring another 28": a second group the same verb counts
_FURTHER = r"(?:(?:another|a further)\s+)?"
# a count standing alone ("and twenty-one wounded"), in digits or words, compounds of tens included
_BARE = r"(?P<list>(?:(?:at least|about|some|around|nearly)\s+)?\d{1,4}|(?:(?:at least|about|some|around|nearly)\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
        r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" \
        r"(?:twenty|thirty|forty|fifty|sixty)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?))"
# the count ends its clause, or the event follows it ("injuring another 28 in a drone and mortar attack")
_BARE_END = r"(?=\s*(?:[,.;)]|$|and\b|others?\b|more\b|people\b|personnel\b|of them\b|in (?:the|an?)\b|during\b))"
# "died of a cardiac arrest while sheltering": a death the attack did not cause
_NATURAL_DEATH = r"(?!\s+(?:of|from)\s+(?:an?\s+|natural\s+)?(?:cardiac|heart|natural|illness|medical|stroke|causes)\b)"
# "a reservist who was killed in a road accident": a death the story tells besides the attack's
_NOT_IN_ACCIDENT = r"(?!\s+in\s+an?\s+(?:[\w-]+\s+){0,2}?(?:accident|crash|collision))"
_MARTYRED = (rf"(?:killed|dead|died{_NATURAL_DEATH}|martyred|embraced (?:martyrdom|shahadat)|lost their lives|were slain|"
             r"(?:fell|fallen) (?:on|in) the field of honou?r|(?:fell|fallen) with (?:their )?(?:arms|weapons) in "
             r"(?:hand|their hands)|"
             r"paid the (?:supreme|ultimate) (?:price|sacrifice))")
# "... has risen to 47": the updated count of a toll, the latest figure the article gives
_TOLL_RISE = (rf"[^;]{{0,180}}?\b(?:rises|rose|risen|climbs|climbed|increased|reached|jumped|stands at|stood at)"
              rf"\s+(?:to\s+)?"
              rf"(?P<list>(?:at least\s+)?{NUMBER})\b")
_SUPERSEDED = re.compile(
    r"\b(?:initial(?:ly)?|previous(?:ly)?|preliminary|earlier|first)\s+(?:[\w-]+\s+)?"
    r"(?:toll|count|figures?|assessments?|reports?|estimates?|tally|tallies)\b|\binitially\b", re.IGNORECASE)
_DIED_OF_WOUNDS = re.compile(
    r"\b(?:of|among) the (?:wounded|injured)\b|\bsuccumbed\b"
    r"|\bdied (?:of|from) (?:his|her|their) (?:wounds|injuries)\b",
    re.IGNORECASE)
# "two of the injured soldiers died in hospital", "one of them ... succumbed to his injuries": some of the wounded a
# report counted died later; a report giving that news has already counted them among its dead
_DIED_LATER = r"\b(?:died|succumbed|passed away)\b"
_SOME_WOUNDED_DIED = re.compile(
    rf"(?<![\w-])(?P<n>{NUMBER})\s+of\s+(?:the\s+(?:[\w-]+\s+)?(?:injured|wounded)(?:\s+[\w-]+)?|them)\b"
    rf"[^.;]{{0,60}}?{_DIED_LATER}", re.IGNORECASE)
_DIED = re.compile(_DIED_LATER, re.IGNORECASE)  # the cheap look before the whole pattern: most stories say none
_HURT_BEFORE = re.compile(r"\b(?:injured|wounded|hurt)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:a|the) total of\b|\bin total\b|\baltogether\b", re.IGNORECASE)
_ALSO = re.compile(r"\balso\b", re.IGNORECASE)
# "Five soldiers lost their lives ... Four volunteers were killed with them": a group counted beside the first one
_WITH_THEM = re.compile(r"\s+(?:with|alongside|beside)\s+them\b|\s+as\s+well\b", re.IGNORECASE)
# "Four resistance fighters were also killed", "A civilian was also killed by a stray bullet in the town": the people
# an "also" adds to an installation's toll are its defenders, not the attackers or the town's people
_NOT_DEFENDERS = re.compile(r"\b(?:civilians?|residents?|villagers?|passers?-by|resistance|rebels?|militants?|"
                            r"insurgents?|attackers?|assailants?|gunmen|terrorists?|enemy)\b", re.IGNORECASE)
_LUMPED = re.compile(r"\b(?:killed|dead|martyred) or (?:wounded|injured)\b", re.IGNORECASE)  # gives neither count
# "Al-Shabab claimed to have killed 63 Kenyan soldiers", "asserting that its fighters had killed thirty soldiers": what
# the attackers say they killed is their account, never the toll, even when nobody else gives one
_CLAIMED_TOLL = re.compile(r"\b(?:claim(?:ed|s|ing)?|assert(?:ed|s|ing)?|boast(?:ed|s|ing)?)\s+(?:that\s+)?"
                           r"(?:(?:it|its (?:fighters|men|militants)|they|(?:the )?group)\s+(?:had\s+|have\s+|has\s+)?"
                           r"|to have\s+)"
                           r"(?:killed|martyred|wounded|injured)\b"
                           # "ISWAP claimed the attack ..., saying its fighters had killed 30 soldiers"
                           r"|\bsaying\s+(?:that\s+)?(?:its|their)\s+(?:fighters|men|militants|mujahideen)\s+"
                           r"(?:had\s+|have\s+)?(?:killed|wounded)\b", re.IGNORECASE)
_REVISES = re.compile(r"\b(?:rais|revis|updat|increas)\w*|\bup from\b", re.IGNORECASE)
_SOURCE_AFTER = re.compile(r"\s*,?\s*(?:said|says|told|reported|added|according)\b", re.IGNORECASE)
_LAST_ITEM = re.compile(r"(?:,\s*and|,|\band)\s*[^,]*$")


def _superseded(text: str) -> bool:
    """A figure the story calls initial or previous ("the previous toll was 25"), unless this sentence is the one
    that revises it ("raising an earlier toll of six")."""
    return _SUPERSEDED.search(text) is not None and _REVISES.search(text) is None


def _listing(m: re.Match, text: str) -> str:
    """The casualty list of match `m`, without a trailing source ("killing eight soldiers, a military
    officer said" lists eight soldiers, not nine)."""
    listing = m["list"]
    if _SOURCE_AFTER.match(text[m.end():]) and _LAST_ITEM.search(listing):
        listing = _LAST_ITEM.sub("", listing)
    return listing


@cache
def _casualty_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], tuple[re.Pattern[str], ...],
                                  tuple[re.Pattern[str], ...]]:
    """A death toll that rose, the dead named one by one, the dead split between the sides, then the killed and the
    wounded phrasings in the order they are tried; compiled once (they depend only on the vocabulary)."""
    v = vocabulary()
    people = _people_list(v)
    kill_after = re.compile(rf"(?:{v.kill_verbs})\s+{_people_list(v, 'wounded|injured|hurt')}", re.IGNORECASE)
    kill_before = re.compile(
        # ("we deplore six soldiers and three VDP who fell on the field of honour": the dead as a relative clause)
        rf"{people}{_OF_FORCE}{_ASIDE}\s+(?:who\s+)?(?:were\s+|was\s+|have been\s+|has been\s+|had been\s+|have\s+|"
        rf"had\s+)?(?:reportedly\s+|allegedly\s+|also\s+)?(?:{_SEVERITY}\s+)?[\"“]?{_MARTYRED}\b{_NOT_IN_ACCIDENT}",
        re.IGNORECASE)
    kill_bare = re.compile(rf"\b(?:killing|killed)\s+{_FURTHER}{_BARE}{_BARE_END}", re.IGNORECASE)
    # "Perry, Iubelt, and two American contractors were killed": people named one by one, each one of the dead
    kill_named = re.compile(rf"^\W*(?P<names>(?:[A-Z][a-z’'-]+,\s+)*[A-Z][a-z’'-]+,?\s+and\s+){people}"
                            rf"\s+(?:were|have been|had been)\s+(?:{_SEVERITY}\s+)?killed\b")
    toll = re.compile(  # "the death toll ... has risen to 14", "the number of troops killed ... rose to 3"; "raising
        # the death toll to five", "bringing to two the number of soldiers killed", "the ministry raised to nine the
        # number of soldiers killed"
        rf"\b(?:(?:death |dead )?toll|number of (?:[\w.()’'-]+\s+){{0,5}}?(?:killed|dead|martyred))\b{_TOLL_RISE}"
        rf"|\b(?:raising|bringing|pushing|taking|raises|brings|pushes|takes|raised|brought)\s+"
        rf"(?:the\s+(?:death\s+)?toll\s+to\s+"
        rf"(?P<raised>(?:at least\s+)?{NUMBER})\b"
        rf"|to\s+(?P<brought>{NUMBER})\s+the\s+number\s+of\s+(?:[\w.’'-]+\s+){{0,3}}?(?:killed|dead)\b)",
        re.IGNORECASE)
    wound_toll = re.compile(  # an update: "the number of service members wounded in Sunday's attack has risen to 47"
        rf"\bnumber of (?:[\w.’'-]+\s+){{0,4}}?(?:wounded|injured)\b{_TOLL_RISE}", re.IGNORECASE)
    wound_raised = re.compile(  # "raising to four the number of personnel hurt in the attack"
        rf"\b(?:raising|bringing|taking|pushing)\s+to\s+(?P<list>{NUMBER})\s+the\s+number\s+of\s+"
        rf"(?:[\w.’'-]+\s+){{0,3}}?(?:wounded|injured|hurt)\b", re.IGNORECASE)
    # "seven other defenders are still receiving treatment": the people treated are the wounded
    wound_in_care = re.compile(
        rf"{people}{_OF_FORCE}\s+(?:are|were|remain|remained)\s+(?:still\s+)?"
        rf"(?:receiving|under(?:going)?|responding\s+to)\s+(?:medical\s+)?treatment\b", re.IGNORECASE)
    dead_noun = re.compile(rf"(?P<list>(?:at least\s+)?{NUMBER})\s+dead\s+(?:{v.people})\b", re.IGNORECASE)
    # a hospital's or residents' count of the dead: "the bodies of 14 soldiers had been brought in"
    dead_bodies = re.compile(rf"\bbodies\s+of\s+(?P<list>(?:at least\s+)?{NUMBER}\s+(?:{v.people}))\b", re.IGNORECASE)
    dead_and = re.compile(  # a toll's "five dead and eleven wounded"
        rf"(?<![\w-]){_BARE}\s+dead\s+and\s+[\w-]+\s+(?:wounded|injured)\b", re.IGNORECASE)
    # a communique's toll list: "Provisional toll: friendly side: fourteen (14) killed, among them a lieutenant, ..."
    dead_listed = re.compile(rf"{_LISTED}{_BARE}\s+(?:killed|dead)\b", re.IGNORECASE)
    # and its wounded: "friendly side: four (4) soldiers ... fell with arms in hand; nine (9) wounded were evacuated"
    wound_listed = re.compile(rf"{_LISTED}{_BARE}\s+(?:(?:were|had been)\s+)?(?:{_SEVERITY}\s+)?(?:wounded|injured)\b",
                              re.IGNORECASE)
    wound_after = re.compile(rf"(?:{v.wound_verbs})\s+{_people_list(v, 'killed|dead')}", re.IGNORECASE)
    wound_bare = re.compile(rf"\b(?:wounding|injuring|wounded|injured)\s+{_FURTHER}{_BARE}{_BARE_END}", re.IGNORECASE)
    # the hurt counted as people described by their wounds: "the hospital received 30 injured soldiers"; "two wounded
    # soldiers died" counts the dead
    wound_described = re.compile(
        rf"(?<![\w./:-])(?P<list>(?:at least\s+)?{NUMBER})\s+(?:(?:other|more|{_SEVERITY})\s+)?(?:injured|wounded)\s+"
        rf"(?:(?-i:[A-Z]{{2,5}})\s+)?(?:{v.people})\b"
        rf"(?!\s+(?:(?:later|subsequently|have|had|has)\s+)?(?:died|succumbed))",
        re.IGNORECASE)
    # "three were killed and 11 wounded", "three embraced shahadat while five sustained injuries"
    wound_and = re.compile(
        rf"(?:(?<=[a-z] )|(?<=[a-z], ))(?:and|but|while|whereas)\s+(?:another\s+)?{_BARE}\s+(?:others\s+|more\s+)?"
        rf"(?:(?:were\s+)?(?:{_SEVERITY}\s+)?(?:wounded|injured|hurt)|(?:sustained|suffered|received)\s+(?:\w+\s+)?"
        rf"(?:injuries|wounds))\b", re.IGNORECASE)
    # "two soldiers were killed and a third wounded": the ordinal counts one more person, the one wounded
    wound_one_more = re.compile(
        rf"(?:(?<=[a-z] )|(?<=[a-z], ))(?:and|but|while)\s+(?P<list>a)\s+(?:second|third|fourth|fifth|sixth)\s+"
        rf"(?:(?:{v.people})\s+)?(?:was\s+)?(?:{_SEVERITY}\s+)?(?:wounded|injured|hurt)\b", re.IGNORECASE)
    # headline style "3 US troops killed, 34 injured"; "71 soldiers were killed, 12 were wounded"
    wound_comma = re.compile(
        rf"\b(?:killed|dead|martyred),\s+{_BARE}\s+(?:others\s+|more\s+)?(?:were\s+)?(?:{_SEVERITY}\s+)?"
        rf"(?:wounded|injured|hurt)\b",
        re.IGNORECASE)
    wound_suffered = re.compile(  # "two service members sustained minor injuries", "the two contractors who suffered"
        # ("a member of a partner force stationed at the garrison suffered a minor injury")
        rf"{people}{_OF_FORCE}{_ASIDE}\s+(?:who\s+)?(?:have\s+|had\s+)?(?:sustained|suffered|received)\s+(?:an?\s+)?"
        rf"(?:\w+[- ]){{0,2}}?(?:injuries|wounds|injury|wound)\b", re.IGNORECASE)
    wound_to = re.compile(  # official style: "resulting in minor injuries to four personnel"
        rf"\b(?:\w+\s+)?injuries\s+to\s+{people}", re.IGNORECASE)
    wound_treated = re.compile(  # "four service members had been treated for traumatic brain injuries", "have now been
        # diagnosed with mild traumatic brain injuries"
        rf"{people}{_ASIDE}\s+(?:ha(?:ve|d)\s+(?:now\s+|since\s+)?been\s+|were\s+|was\s+)(?:\w+\s+)?"
        rf"(?:treated\s+for|diagnosed\s+with|brought\s+in\s+with|admitted\s+with)"
        rf"\s+(?:[\w-]+\s+){{0,3}}?(?:injuries|wounds|concussions?)\b", re.IGNORECASE)
    wound_left = re.compile(  # "left two service members with minor injuries", "left 15 security forces injured"
        rf"\bleft\s+{people}\s+(?:with\s+(?:\w+[- ]){{0,2}}?(?:injuries|wounds)|(?:{_SEVERITY}\s+)?"
        rf"(?:injured|wounded))\b", re.IGNORECASE)
    # "we lost eleven soldiers, and six others were wounded": the dead a kill verb governs are not the wounded
    not_killed = "".join(rf"(?<!{re.escape(verb)} )" for verb in v.kill_verbs.split("|"))
    wound_before = re.compile(
        rf"{not_killed}{people}{_OF_FORCE}{_ASIDE}{_WHO_IS}\s+(?:who\s+)?"
        rf"(?:were\s+|was\s+|have been\s+|has been\s+|had been\s+)?(?:reportedly\s+|also\s+)?(?:{_SEVERITY}\s+)?"
        rf"(?:wounded|injured|hurt)\b", re.IGNORECASE)
    # "four gunmen and six security personnel were killed": the dead split between the sides; the defenders' count
    kill_split = re.compile(
        rf"\b{NUMBER}\s+(?:[\w-]+\s+)?(?:{v.attackers})\s+(?:and|as well as)\s+{people}{_OF_FORCE}\s+"
        rf"(?:were\s+|have been\s+|had been\s+)?{_MARTYRED}\b", re.IGNORECASE)
    return (toll, kill_named, kill_split, (kill_after, kill_before, dead_noun, dead_and, dead_listed, kill_bare,
                                           dead_bodies),
            (wound_toll, wound_raised, wound_after, wound_before, wound_bare, wound_and, wound_one_more, wound_comma,
             wound_suffered, wound_treated, wound_in_care, wound_left, wound_to, wound_described, wound_listed))


# communiqués write a count twice, in words then in digits: "eleven (11) dead and eight (8) wounded"
_DIGITS_AFTER_WORDS = re.compile(r"\b([a-z]+)\s*\(\d{1,4}\)", re.IGNORECASE)


def _numbers_once(text: str) -> str:
    """"six (6) soldiers" counted once; and a count read past the aside that breaks it down ("seven dead — six
    soldiers and the wife of a sergeant — and seven wounded": the aside's parts are already in the total)."""
    if "—" in text or "–" in text:
        text = _DASH_ASIDE.sub("", text)
    if "(" not in text:
        return text
    return _DIGITS_AFTER_WORDS.sub(lambda m: m.group(1) if number_value(m.group(1)) else m.group(), text)


_DASH_ASIDE = re.compile(r"(?<=[a-z0-9])\s+[—–]\s+[^—–.;]{1,120}?\s+[—–](?=\s)")


def _without_provoking_toll(text: str) -> str:
    """"fired rockets at the air base following an Israeli airstrike that killed 37 people": the toll of the event
    that provoked the attack is that event's, unless the event is the attack on an installation itself ("the strikes
    came after a drone attack on Tower 22 that killed three soldiers")."""
    m = _PROVOKING_TOLL.search(text)
    if m is None or base_refs(m.group()):
        return text
    return text[:m.start()] + " " * len(m.group()) + text[m.end():]


_PROVOKING_TOLL = re.compile(r"\b(?:following|after|in (?:response|retaliation|reprisal) (?:to|for))\s+(?:an?|the)\s+"
                             r"[^,;]{0,100}?\b(?:that|which)\s+(?:had\s+)?(?:killed|left)\b[^,;.]*", re.IGNORECASE)


def casualties(texts: Iterable[str]) -> tuple[int | None, int | None, bool, bool]:
    """(killed, wounded, none_killed, none_wounded): a toll that rose, else the numbers stated in the first text that
    states them (with groups added by "also"; wounded who died moved to the dead), and whether some text says nobody
    was killed / nobody was hurt."""
    v = vocabulary()
    toll, named, split, kill_patterns, wound_patterns = _casualty_patterns()
    # a figure the story calls initial or previous was replaced by a later one, and a claim sentence's figures are
    # often the attackers' account: read them only if nothing else counts (what the attackers say they killed,
    # _CLAIMED_TOLL, never); "a total of" sums what partial counts told first
    texts = sorted((_without_provoking_toll(_numbers_once(t)) for t in texts),
                   key=lambda t: (_superseded(t) or v.claim.search(t) is not None, _TOTAL.search(t) is None))
    # a toll that rose is the latest figure: it overrides every earlier count in the story ("toll rises to nine")
    rises = [(n, text) for text in texts for m in toll.finditer(text)
             if (n := _sum_people((m["raised"] or m["brought"] or _listing(m, text)) + " ")) is not None]
    # the dead named one by one are the whole toll, however the headline counted them ("Two American troops killed")
    named_dead = [n + len(re.findall(r"[A-Z][a-z’'-]+", m["names"]))
                  for text in texts for m in named.finditer(text) if (n := _sum_people(_listing(m, text) + " "))]
    risen = max([n for n, _ in rises] + named_dead, default=None)
    counted = [t for t in texts if not _LUMPED.search(t) and not _CLAIMED_TOLL.search(t)]
    stated_killed, _ = _stated(counted, kill_patterns, _MAY_KILL)
    wounded, wounded_at = _stated(counted, wound_patterns, _MAY_WOUND)
    by_side = (n for text in texts for m in split.finditer(text) if (n := _sum_people(_listing(m, text) + " ")))
    killed = risen if risen is not None else next(by_side, stated_killed)
    # a wounded count given after the news of the deaths ("... after two of the wounded died. Twenty-eight people were
    # wounded") is already what is left
    moved = _some_wounded_died(counted[wounded_at:])
    if moved and wounded is not None and moved < wounded:
        wounded -= moved
    elif risen is not None and stated_killed is not None and wounded is not None and 0 < risen - stated_killed < wounded \
            and any(_DIED_OF_WOUNDS.search(text) for n, text in rises if n == risen):
        wounded -= risen - stated_killed  # "the toll rose to eight after two of the wounded died": they moved
    none_killed = none_wounded = False
    for text in texts:
        if not v.zero_qualified.search(text):
            if v.zero_casualties.search(text):
                none_killed = none_wounded = True
            elif v.zero_killed.search(text):
                none_killed = True
    return killed, wounded, none_killed, none_wounded


def _some_wounded_died(texts: list[str]) -> int:
    """How many of the counted wounded the story says died later ("one of them" only after a word for the hurt)."""
    # ("Eleven soldiers were injured. Two of them died in hospital": "them" may be the sentence before's)
    return sum(number_value(m["n"]) or 0 for before, text in zip(["", *texts], texts) if _DIED.search(text)
               for m in _SOME_WOUNDED_DIED.finditer(text)
               if m.group().lower().find(" them") < 0 or _HURT_BEFORE.search(text[:m.start()] or before))


# words every killed / wounded phrasing contains: most sentences of a story have none, and skip the phrasings
_MAY_KILL = re.compile(r"kill|dead|died|death|martyr|shahadat|lives|slain|lost|fell|fallen|sacrifice|price|bodies",
                       re.IGNORECASE)
_MAY_WOUND = re.compile(r"wound|injur|hurt|concussion|treatment", re.IGNORECASE)


def _stated(texts: list[str], patterns: tuple[re.Pattern[str], ...], gate: re.Pattern[str]) -> tuple[int | None, int]:
    """The count the first text that states one gives, with the groups later texts add to it with "also" ("a member
    of the CAFGU assigned to the detachment was also wounded"), and where that first text stands (len(texts): none).
    Only texts with a word `gate` finds can state one."""
    found = None
    first = len(texts)
    for i, text in enumerate(texts):
        m = next((m for rx in patterns if (m := rx.search(text))), None) if gate.search(text) else None
        if m is None:
            continue
        first = min(first, i)
        n = _sum_people(_listing(m, text) + " ")
        if found is None:
            found = n
        elif n is not None and (_ALSO.search(m.group()) or _WITH_THEM.match(text, m.end())) \
                and not _NOT_DEFENDERS.search(m.group()):
            found += n
    return found, first


def _named_groups(text: str) -> list[tuple[re.Match, str]]:
    """Each listed armed group named in `text`, with its name; one combined search first, since most sentences
    name none."""
    v = vocabulary()
    if not names_any_group(text):
        return []
    # each group tried only where the combined search finds a name (a name inside a longer one is dropped below)
    found = [(m, name) for at in v.any_group.finditer(text) for name, rx in v.groups
             if (m := rx.match(text, at.start())) is not None]
    # a listed name inside a longer one is part of it: "Hezbollah" in "Kataib Hezbollah" names no second group; a
    # parent named for its branch describes the branch: "al Qaeda's Sahel affiliate JNIM" names JNIM
    kept = [(m, name) for m, name in found if not any(
        o.start() <= m.start() and m.end() <= o.end() and o.end() - o.start() > m.end() - m.start() for o, _ in found)
        and not (_BRANCH_OF.match(text, m.end()) and any(o.start() >= m.end() for o, _ in found))]
    # "Fitna al Khawarij, the term the state uses for the banned TTP": the glossed group, said where the term stands
    in_order = sorted(kept, key=lambda g: g[0].start())
    return [(m, next((n for o, n in in_order if o.start() >= m.end()), name) if _GLOSSED_AS.match(text, m.end())
             else name) for m, name in kept]


# a name glossed as another's is that other group
_GLOSSED_AS = re.compile(r"[\s\"'”’]*,?\s+(?:the|a)\s+(?:term|name|label)\s+(?:[\w-]+\s+){0,4}?"
                         r"(?:for|to describe|to refer to)\b", re.IGNORECASE)
_BRANCH_OF = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}(?:affiliate|branch|wing|arm|offshoot|franchise)\b", re.IGNORECASE)


def _group(text: str, near: int) -> str | None:
    hits = [(abs(m.start() - near), name) for m, name in _named_groups(text)]
    return min(hits)[1] if hits else None


_GROUP_ANAPHOR = re.compile(
    r"\b(?:the|this)\s+(?:(?:militant|jihadist|insurgent|extremist|armed|terror|terrorist|rebel|islamist|[\w-]+-(?:linked|backed|aligned|allied|affiliated))"
    r"\s+){0,2}(?:group|movement|organi[sz]ation|militia|militants|insurgents)\b"
    r"(?:['’]s(?:\s+(?:spokesman|spokesperson|media\s+(?:wing|office|arm)))?)?\s*$|^\s*(?:it|they)\b",
    re.IGNORECASE)


def claimed_by(texts: Iterable[str]) -> str | None:
    """The group that claimed the attack, when a sentence says so explicitly."""
    v = vocabulary()
    last = patron = None
    for text in texts:
        cue = v.claim.search(text)
        if cue and not v.claim_negation.search(text):
            # the claimant speaks before or within the cue; a group after it is what was struck ("the
            # Pentagon said it had struck Kataib Hezbollah"); an apposition describes the claimant, it does not
            # claim ("JNIM, the al-Qaeda affiliate in the Sahel, had claimed")
            # ("On Friday, the Islamic State claimed the attack ..., referring to": a phrase holding the claim is the
            # clause, not an aside)
            plain = _APPOSITION.sub(lambda m: " " * len(m.group()) if m.end() <= cue.start() else m.group(), text)
            # ... except in the passive, "which was claimed by the Islamic Resistance in Iraq"
            passive = cue.group().lower().endswith(" by") and next(
                (name for m, name in _named_groups(plain) if 0 <= m.start() - cue.end() <= len(" the ")), None)
            group = passive or _group(plain[:cue.end()], cue.start()) or _unlisted_claimant(plain, cue)
            if group and not passive and _patron_only(plain[:cue.end()], group):
                # "an al-Qaeda-linked group claimed": the claimant is described by whom it serves, and the story
                # names it as it goes on ("The JNIM group said ... it had seized the base"), if it names it at all
                patron = patron or group
            elif group:
                return group
            elif last and _GROUP_ANAPHOR.search(text[:cue.start()]):
                return last
        # "JNIM, al Qaeda's Sahel affiliate": a group in the possessive describes the one named before it
        hits = [(m.start(), name) for m, name in _named_groups(text) if not _OWNS.match(text, m.end())]
        last = max(hits)[1] if hits else last
    return patron or next((group for text in texts if (group := _self_told(text))), None)


# "The KIA and allied units have captured the base ..., the KIA said on Monday": an armed group telling its own
# attack claims it
_SPEAKER_AFTER = re.compile(r",\s+(?P<speaker>[^,.;]{1,40}?)\s+(?:said|says|announced|claimed)\b")
_ATTACK_VERB = re.compile(r"\b(?:captured|attacked|stormed|overran|overrun|seized|launched|targeted|shelled|struck)\b")


def _self_told(text: str) -> str | None:
    if not names_any_group(text):
        return None  # the cheap look first: most sentences name no armed group
    for told in _SPEAKER_AFTER.finditer(text):
        start = max(0, told.start() - 240)
        start = max(start, text.rfind(".", start, told.start()) + 1, text.rfind(";", start, told.start()) + 1)
        verb = _ATTACK_VERB.search(text, start, told.start())
        if verb is None:
            continue
        speakers = {name for _, name in _named_groups(told["speaker"])}
        acronym = told["speaker"].split()[-1]  # "the KIA" after "The Kachin Independence Army (KIA)"
        return next((name for m, name in _named_groups(text[:verb.start()])
                     if name in speakers or text.startswith(f" ({acronym})", m.end())), None)
    return None


def _patron_only(text: str, group: str) -> bool:
    """Whether `text` names `group` only as the patron of another ("Al Qaeda-linked", "Islamic State-affiliated")."""
    said = [m for m, name in _named_groups(text) if name == group]
    return bool(said) and all(_ALLEGIANCE_AFTER.match(text, m.end()) for m in said)


_APPOSITION = re.compile(r"(?<=[\w)]),\s+(?:the|an?)\s[^,;.]{3,60},")
_CLAIMANT = r"((?:[A-Z][\w’'-]+|al|ul|e|of|the)(?:[\s-](?:[A-Z][\w’'-]+|al|ul|e|of|the)){0,5})"
# "The attack was claimed by Ittehad-ul-Mujahideen Pakistan", "The Chin Brotherhood alliance said it had captured"
_CLAIMED_BY = re.compile(rf"\bclaimed\s+by\s+(?:the\s+)?{_CLAIMANT}")
_CLAIMANT_BEFORE = re.compile(rf"(?:^|[^\w’'-])(?:[Tt]he\s+)?{_CLAIMANT}\s+(?:(?:alliance|group|coalition|front|movement)\s+)?"
                              r"(?:has\s+|had\s+|also\s+)?$")


def spelled_out(name: str | None, texts: Iterable[str]) -> str | None:
    """An acronym the group list does not know, as the article writes it out ("RSF" -> "Rapid Support Forces"):
    readers and the merge of reports from outlets that use either form need one name. A listed group keeps the
    list's name ("ISWAP")."""
    if name is None or not re.fullmatch(r"[A-Z]{2,6}", name) or any(name == n for n, _ in vocabulary().groups):
        return name
    full = re.compile(r"\b" + r"\s+".join(rf"{c}[a-z’'-]+" for c in name) + r"\b")
    return next((m.group() for text in texts if (m := full.search(text))), name)


_OWNS = re.compile(r"['’]s?\b")


def _unlisted_claimant(text: str, cue: re.Match) -> str | None:
    """A claimant the group vocabulary does not list, as the claim names it: a proper name right before the cue or
    after "claimed by". Not a people, country or institution that speaks for a state."""
    m = _CLAIMED_BY.search(text, cue.start()) or _CLAIMANT_BEFORE.search(_ASIDE_BEFORE.sub(" ", text[:cue.start()]))
    if m is None:
        return None
    name = re.sub(r"(?:\s+(?:of|the|al|ul|e))+$", "", m.group(1).strip())
    words = name.split()
    # an armed group's acronym claims ("The RSF ... said its fighters had shelled"); "US" or "UN" names nobody
    acronym = bool(words) and words[0].isupper() and words[0] not in vocabulary().not_a_name
    # "On Friday, the group claimed": an article and a common noun name nobody (the group is the one named before)
    # a state's army speaks; "the Baloch Republican Army claimed responsibility" is an armed group's name, since a
    # state's army does not claim responsibility
    voice = _STATE_VOICE.search(name)
    if voice and voice.group() == "Army" and len(words) > 1 and "responsib" in cue.group().lower() \
            and _STATE_VOICE.search(name, voice.end()) is None:
        voice = None
    if not words or all(w.lower() in {"the", "of", "al", "ul", "e"} for w in words) \
            or (names_nothing(words[0]) and not acronym) or voice \
            or vocabulary().countries.fullmatch(name) or all(_ALLEGIANCE.search(w) for w in words):
        return None
    return name


# "an Iran-aligned group claims ...": whom a group serves describes it, it does not name it
_ALLEGIANCE = re.compile(r"-(?:aligned|backed|linked|allied|affiliated|supported|sponsored)$", re.IGNORECASE)
_ALLEGIANCE_AFTER = re.compile(r"[\s-](?:aligned|backed|linked|allied|affiliated|supported|sponsored|inspired|loyal)\b",
                               re.IGNORECASE)


# "The RSF, in a video posted on its Telegram channel, said ...": an aside between the claimant and its verb
# ... and a gloss of its name ("Saraya al-Muntaqim (the Avenger Companies) claimed")
_ASIDE_BEFORE = re.compile(r",\s+(?:in|on|via|through|with)\b[^,;.]{3,80},\s*$|\s+\([^()]{1,60}\)\s*$")


# pronouns, sentence adverbs, possessives ("Ukraine's General Staff") and the organs of a state speak, they do not claim
_STATE_VOICE = re.compile(r"\b(?:The|It|This|That|They|He|She|We|Meanwhile|However|Separately|Earlier|Later|Army|"
                          r"IDF|ISPR|CENTCOM|AFRICOM|NATO|"
                          r"Ministry|Military|Government|Office|Police|Pentagon|Command|Staff|Forces|Spokesperson|"
                          r"Spokesman|President|Minister|Officials?|Sources?)\b|['’]s\b")


_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose)\b[^,;]*")


@lru_cache(maxsize=4096)
def _blame_cue(text: str) -> re.Match[str] | None:
    """Where a sentence blames someone: remembered, since every report of an article asks it of the same sentences."""
    return vocabulary().blame.search(text)


def suspected(texts: Iterable[str]) -> str | None:
    """The group or actor blamed for the attack, when a sentence blames one."""
    v = vocabulary()
    for text in texts:
        cue = _blame_cue(text)
        # "blamed X for a string of attacks" blames no one for this one; "blamed X, which has carried out a string of
        # attacks" does: a relative clause describes the group
        if not cue or v.blame_negation.search(_RELATIVE_CLAUSE.sub("", text)):
            continue
        group = _group(text, cue.start())
        near = [(abs(m.start() - cue.start()), m.group()) for m in v.actors.finditer(text)]
        if group and any(abs(m.start() - cue.start()) <= _BLAME_WINDOW for m, _ in _named_groups(text)):
            return group
        near = [(d, a) for d, a in near if d <= _BLAME_WINDOW]
        if near:
            return min(near)[1]
        if unlisted := _unlisted_blamed(text, cue):
            return unlisted
    return None


# "blamed remnants of the Paraguayan People's Army (EPP)", "attributed the attack to fighters of the separatist
# Ambazonia Defence Forces": a group the vocabulary does not list, named as the blame names it right after its verb
# ("launched by militants from the Idlib zone": the place they came from names no group)
_BLAMED = re.compile(rf"\s+(?:(?:[a-z]+\s+){{0,2}}of\s+)?(?:the\s+)?"
                     rf"(?:(?!(?:from|in|at|near|inside|outside)\s)[a-z-]+\s+){{0,2}}(?:the\s+)?(?!the\s){_CLAIMANT}"
                     rf"(\s*{ACRONYM})?")


def _unlisted_blamed(text: str, cue: re.Match) -> str | None:
    """A proper name of more than one word (or a hyphenated or glossed one) the blame verb takes; a capital, a
    country, a people or an institution that speaks for a state is no armed group ("blamed Kyiv", "blamed the
    Pentagon")."""
    m = _BLAMED.match(text, cue.end())
    if m is None:
        return None
    name = re.sub(r"(?:\s+(?:of|the|al|ul|e))+$", "", m.group(1).strip())
    words = name.split()
    if not words or names_nothing(words[0]) or _STATE_VOICE.match(words[0]) or vocabulary().countries.fullmatch(name) \
            or all(_ALLEGIANCE.search(w) for w in words):
        return None  # "suspected Iran-backed militants": whom they serve describes them, it does not name them
    return name if len(words) > 1 or "-" in name or m.group(2) else None


def attacker(texts: Iterable[str]) -> str | None:
    """The state a report names as the agent of the attack itself ("a Russian airstrike on a military training
    base", "Iran's missile attack"): who is suspected when nobody claims or is blamed."""
    v = vocabulary()
    for text in texts:
        hits = [(m.start(), name) for name, rx in v.attacking_states for m in rx.finditer(text)]
        # an armed group as the doer: "a Boko Haram attack", "Taliban militants stormed", "an attack by al-Shabaab"
        if _DOER_VERB.search(text):
            hits += [(m.start(), name) for m, name in _named_groups(text)
                     if _DOER_AFTER.match(text, m.end()) or _DOER_BEFORE.search(text[:m.start()])]
        if hits:
            return min(hits)[1]
    return None


# what a doer is said to do to an installation; a group's name is looked for only where one of these stands
_DOER_VERBS = (r"attack(?:ed|s)?|stormed|raided|struck|assault(?:ed)?|ambush(?:ed)?|overran|infiltrated|fired|shelled|"
               r"launched|targeted")
_DOER_VERB = re.compile(rf"\b(?:{_DOER_VERBS}|raid|strike)\b", re.IGNORECASE)
# "the Khawarij (al-Shabaab) fired": a name glossed in brackets is followed by the bracket
_DOER_AFTER = re.compile(r"\)?(?:\s*\([^)]{1,12}\))?\s+(?:(?:fighters|militants|gunmen|insurgents|terrorists|rebels|"
                         rf"outfit|group|jihadists)\s+)?(?:{_DOER_VERBS})\b", re.IGNORECASE)
# "an attack by several hundred terrorists of the so-called Islamic State in the Greater Sahara": by the group's men
_DOER_BEFORE = re.compile(r"\b(?:attack|assault|raid|ambush|strike)\s+(?:carried out\s+)?by\s+(?:the\s+)?"
                          r"(?:(?:[\w-]+\s+){0,3}(?:fighters|militants|terrorists|jihadists|gunmen|members|elements)\s+"
                          r"of\s+(?:the\s+)?(?:so-called\s+)?)?$", re.IGNORECASE)


# "a military base near the border with Venezuela", "Dera Ismail Khan, which borders Afghanistan": a neighbour named
# to place something is not where it is
# "Iran-backed militias", "Russian-made drones", "US-led coalition": a country in a compound names a patron or maker
_PATRON_AFTER = re.compile(r"-(?:backed|made|led|supplied|allied|aligned|funded|built|sponsored|trained)\b",
                           re.IGNORECASE)
_BORDER_BEFORE = re.compile(r"\b(?:borders?|bordering|frontier)(?:\s+(?:with|of))?(?:\s+the)?\s+$", re.IGNORECASE)


# "(Niger Bend Wire)", "told Mali Today Online": a country's name that begins an outlet's name places nothing
_OUTLET_AFTER = re.compile(r"(?:\s+[A-Z][\w’'-]*){0,3}\s+(?:Wire|News|Times|Post|Agency|Radio|Television|TV|Herald|"
                           r"Tribune|Monitor|Journal|Daily|Gazette|Observer|Review|Dispatch|Courier|Express|"
                           r"Chronicle|Ledger|Info|Online|Press)\b")


def country_in(texts: Iterable[str]) -> str | None:
    """The first country named in `texts`, not as a neighbour across a border nor in an outlet's name."""
    v = vocabulary()
    for text in texts:
        for m in v.countries.finditer(text):
            if not _BORDER_BEFORE.search(text[max(0, m.start() - 30):m.start()]) \
                    and not _OUTLET_AFTER.match(text, m.end()) and not _PATRON_AFTER.match(text, m.end()):
                return m.group(1)
    return None
