"""Read an article's sentences into mentions: each installation an attack sentence names, with its date phrase,
whether a background cue surrounds it, the clause its facts are read from, and its role (target or landmark).

What a sentence says about an installation is decided here; which mentions make the article's own news is
decided by detect.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial
from dataclasses import dataclass, replace
from datetime import date, timedelta

from extractors.dates import AHEAD_OF_OUTLET, DateMention, best_date, find_dates
from extractors.fields import country_in
from extractors.mentions import (ACRONYM, AIMING, STRIKE_VERBS, BaseRef, attack_cue, base_refs, blanked, dateline_end,
                                 excluded, is_origin, is_prose, is_title_case, names_militants_installation,
                                 negative_target)
from extractors.sentences import Sentence
from extractors.unlisted import airport_spans, kept_at_airport, military_airport
from extractors.vocabulary import number_value, vocabulary

MAX_NEWS_AGE_DAYS = 7
DATE_REACH = 150
# "and later" opens a later event too: "wounded in a rocket attack on Bagram in 2008 and later spent two decades
# coaching, died on Saturday" - Saturday dates the death, not the attack.
_LATER_CLAUSE = re.compile(r",\s*which\b|\b(?:amid|after|since|following|and later|"
                           r"before(?! (?:dawn|daybreak|sunrise|first light|midnight|noon)\b))\b",
                           re.IGNORECASE)
# A non-restrictive aside closed by a comma ("Harir air base, which hosts coalition forces, in Erbil late
# on Tuesday") does not move the date that follows it into a later clause.
_ASIDE = re.compile(r",\s*(?:which|where|who)\b[^,;]*,")
_PLURAL_ATTACKS = re.compile(r"\battacks\b(?:[\s,]+[\w’'.-]+){0,6}[\s,]*$", re.IGNORECASE)
# where the teller of the story is ("a municipal source based in nearby Mondoro"), not what was attacked
_SPEAKER_PLACE = re.compile(r"\b(?:sources?|officials?|residents?|witness(?:es)?|journalists?|correspondents?|"
                            r"reporters?)\s+based\s+(?:in|at)(?:\s+nearby)?\s+$", re.IGNORECASE)
# a sentence whose subject is a pronoun ("It said that ...") goes on with the one before
_CONTINUES = re.compile(r"\W*(?:It|They|He|She)\s+(?:also\s+)?(?:said|says|added|reported|noted)\b")
# "a similar incident in 2023 when ...": a date opening a when-clause
_WHEN = re.compile(r",?\s+when\b", re.IGNORECASE)
# A "since" clause starts a period: a date opening it dates no single event ("attacked at least 55 times since
# Oct. 17"), a month or year inside it does not date the sentence's event ("the deadliest since the armed forces
# began fighting Islamist militants in 2015"), and nothing in it makes that event past ("the first attack on the
# base since Iraqi forces took full control of it last month").
_SINCE_CLAUSE = re.compile(r"\bsince\b[^,;.]*", re.IGNORECASE)
_SINCE_DAY_REACH = 12
# "..., causing no damage, and later that day two drones targeted al-Tanf": a clause boundary before another base's
# own attack clause.
_CLAUSE_BREAK = re.compile(r",\s*and\b|;")
_HOURS = re.compile(r"\bhours\b", re.IGNORECASE)
# "The coffins were brought home on Tuesday, three days after militants stormed their post": a reaction a few days
# after an attack reports that attack, dated back from the reaction's day
_DAYS_AFTER = re.compile(r"\b(?P<n>a|one|two|three|four|five|six|[1-6])\s+days?\s+after\s*$", re.IGNORECASE)


# "ISWAP claimed an attack on what it called 'a barracks of the Nigerian army'": an outlet that marks the words as the
# claimant's does not say an installation was attacked
_SO_CALLED = re.compile(r"\bwhat\s+(?:it|they|the\s+group|[A-Z][\w-]+)\s+(?:called|calls|described\s+as|termed)\s+"
                        r"[\"“‘']?(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$")
# "advisers have not returned to the K1 base five weeks after it was hit": the installation whose own clause tells no
# attack is where the story stands now, and the attack it goes on to is weeks old
_WEEKS_AFTER = re.compile(r"\b(?:weeks?|fortnights?|months?|years?)\b", re.IGNORECASE)
# An installation whose own clause tells no attack is attacked in the after-clause only if that clause refers back to
# it ("two days after it was hit"); otherwise the attack is another target's
_REFERS_BACK = re.compile(r"\b(?:it|its|the\s+(?:[\w-]+\s+)?(?:base|camp|post|garrison|outpost|barracks|airfield|"
                          r"installation|position|cantonment|fort|headquarters))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    sentence: int
    ref: BaseRef
    segment: str
    date: DateMention | None
    background: bool
    clause: str  # the text its facts are read from: its own clause when another base has its own, else the sentence
    role: str  # "target" (attacked in its clause), "landmark" (near, opposite, km from it) or "" (said otherwise)
    item: int = 0  # the digest item it is told in (a second dateline opens another: "NIGER — ...", "SOMALIA — ...")


def read_mentions(sentences: list[Sentence], published: date | None) -> tuple[list[Mention], dict[int, list[BaseRef]]]:
    v = vocabulary()
    out: list[Mention] = []
    refs_by_sentence: dict[int, list[BaseRef]] = {}
    last: BaseRef | None = None
    civilian_camps: set[str] = set()
    # a headline about a camp of displaced people ("... kills 29 in displacement camp strike") frames every camp the
    # story names without calling it military
    title = " ".join(s.text for s in sentences if s.is_title)
    framing = title if _CAMP_WORD.search(title) and v.civilian_camp.search(title) else ""
    latest: dict[str, Mention] = {}
    airport = military_airport(s.text for s in sentences)
    items = digest_items(sentences)
    militants_named_before = _militants_named_before(sentences)
    # a story whose headline reports an attack on an installation ("Jihadists attack Kelbo detachment") speaks of
    # "the detachment", "the army base in their town" as the one it means before its body names it: a definite
    # description with nothing before it to refer to is the headline's installation
    reported = cache(lambda: attack_cue(title) is not None and v.installation.search(title) is not None)
    meant = cache(partial(_named_once, sentences))
    headline_meant: set[int] = set()
    for s in sentences:
        headline = s.is_title or is_title_case(s.text)
        item = items[s.index]
        if s.index and item != items[s.index - 1]:
            last = None  # "the base" in a digest's next item refers to nothing the earlier item named
        refs = []
        for ref in _with_airport(s.text, base_refs(s.text, headline=headline), airport):
            if ref.kind == "anaphor" and last is None:
                # "attacked their base in Rueso district" as the story's first mention: a description placed by its
                # town, not a reference back; with no place ("the base of the paint") it refers to nothing, and
                # after a militants' camp was named ("bombed a camp of the ELN ... the camp was used by") it is that
                if militants_named_before(s.index):
                    continue
                described = _described(s.text, ref)
                unit_named = None if described else (_the_countrys(s.text, ref, sentences)
                                                     or _unit_named_before(sentences[:s.index + 1], ref))
                if described is None and unit_named is None:
                    if s.is_title or not reported():
                        continue
                    named = meant()
                    ref = BaseRef(ref.start, ref.end, named.kind, named.name, named.base) if named \
                        else BaseRef(ref.start, ref.end, "generic", ref.name)
                    headline_meant.add(id(ref))
                    last = ref  # and "the base" after it is the same one
                else:
                    ref = BaseRef(ref.start, ref.end, "named", unit_named) if unit_named \
                        else BaseRef(ref.start, ref.end, "generic", described)
            elif ref.kind == "anaphor":
                if _refers_elsewhere(ref, last, bool(civilian_camps)):
                    continue
                ref = BaseRef(ref.start, ref.end, last.kind, last.name, last.base, anaphoric=True)
            elif (ref.kind != "generic" or last is None or last.kind == "generic") \
                    and not _SPEAKER_PLACE.search(s.text[:ref.start]) \
                    and not (last is not None and (CEREMONY.search(s.text) or CARE.search(s.text))):
                # "a source based in nearby Mondoro" is not what "the base" later refers to, nor is the camp where the
                # dead of the attack told before were buried or its wounded are treated
                last = ref
            refs.append(ref)
        nxt = sentences[s.index + 1].text if s.index + 1 < len(sentences) else ""
        civilian = [r for r in refs if _civilian_camp(r, f"{s.text} {nxt} {framing}")]
        civilian_camps.update(r.name.casefold() for r in civilian)
        refs = [r for r in refs if r not in civilian]
        refs_by_sentence[s.index] = refs
        if not refs:
            continue
        since = [m.span() for m in _SINCE_CLAUSE.finditer(s.text)]
        # ... unless a when-clause follows it: "on high alert since Jan. 8, when Iran fired missiles at Ain al-Asad"
        dates = [d for d in find_dates(s.text, published) if not any(
            a <= d.start < b and (d.precision != "day" or d.start - a <= _SINCE_DAY_REACH) for a, b in since)
            or _WHEN.match(s.text, d.end)]
        if excluded(s.text, dated=any(d.precision == "day" and not d.speech for d in dates)):
            continue
        cue = attack_cue(s.text)
        if cue is None and (told := _attack_on_its_place(sentences, s.index, refs_by_sentence, published)):
            for ref in refs:
                latest[ref.name] = Mention(s.index, ref, f"{told[0]} {s.text}", told[1],
                                           told[1] is not None and not is_recent(told[1], published),
                                           f"{told[0]} {s.text}", "target", item)
                out.append(latest[ref.name])
            continue
        if cue is None or negative_target(s.text, cue, refs):
            continue
        # "troops had laid mines around the base since resistance forces began attacking it last year": an attack told
        # only in a since-clause is the past event a period starts from
        told_since = bool(since) and attack_cue(blanked(_SINCE_CLAUSE, s.text)) is None
        # "an attack on a military camp three days ago left 89 soldiers dead": only a phrase that looks forward opens
        # the tale of another event; one that looks back (vocabulary earlier_phrase) dates the words before it
        after = min((m for m in (v.after_phrase.search(s.text), v.response_to.search(s.text)) if m),
                    key=lambda m: m.start(), default=None)
        filed_from = dateline_end(s.text)
        # an installation said once in the sentence as an origin or a former identity is that throughout it ("on what
        # used to be Camp Bastion, the former British airbase, and Camp Leatherneck"); a reference back to it as
        # someone's unit ("bandits laid siege to the base in Magami, killing a guard attached to the base") is that
        # mention only
        origin = {id(r) for r in refs if is_origin(s.text, r)}
        origins = {r.name for r in refs if id(r) in origin and not r.anaphoric}
        targets = [r for r in refs if r.name not in origins and id(r) not in origin
                   and not _PLURAL_ATTACKS.search(s.text[:r.start]) and r.start >= filed_from
                   and not _SO_CALLED.search(s.text, 0, r.start) and not _PLACED_BY_IT.search(s.text, 0, r.start)]
        roles = [role(s.text, r) for r in targets]
        if any(r.anaphoric and said != "landmark" for r, said in zip(targets, roles)):
            # "The camp attacked on Sunday is close to the headquarters of the 12 Brigade": beside the story's own
            # installation, referred back to, a landmark only says where it is
            targets = [r for r, said in zip(targets, roles) if said != "landmark"]
        first_new = len(out)
        for i, ref in enumerate(targets):
            lo = max((r.end for r in targets[:i] if r.name != ref.name), default=0)
            hi = min((r.start for r in targets[i + 1:] if r.name != ref.name), default=len(s.text))
            # "..., 48 hours after a drone attack on ...": not this attack's words, nor its facts ("comes a month
            # after a raid on the Inates camp, which claimed the lives of 71 soldiers")
            told_after = after.start() if after and after.start() >= ref.end else None
            if told_after is not None:
                hi = min(hi, told_after)
            clause = _own_clause(s.text, ref.end, hi)
            hi = clause if clause is not None else hi
            segment = s.text[lo:hi]
            # the installation's own clause tells no attack; the after-clause does
            told_only_after = told_after is not None and attack_cue(segment) is None
            if told_only_after and not _REFERS_BACK.search(s.text, told_after):
                continue  # "villagers threw stones at the base, a day after shelling killed two shepherds"
            near = [d for d in dates if _near(d, ref, s.text)]
            # "mirrors a similar incident in 2023 when a suicide bomber killed 25 soldiers at X": a date that opens a
            # when-clause dates the event the clause tells; a date before it belongs to the main clause
            opener = max((d.start for d in near if d.end <= ref.start and _WHEN.match(s.text, d.end)), default=None)
            if opener is not None:
                near = [d for d in near if d.start >= opener]
            # "images taken on Wednesday show burned shelters at the airfield, twelve days after drones attacked it on
            # February 15": the attack told only in the after-clause is dated there
            local = [d for d in dates if d.start >= told_after] if told_only_after else []
            local = local or [d for d in near if lo <= d.start < hi]
            if all(d.speech for d in local):
                # (not a day in the clause the attack answers: "in response to an Israeli strike ... on Monday")
                local += [d for d in near if not d.speech and (told_after is None or d.start < told_after)]
            best = best_date(local, (ref.start, ref.end))
            # "images taken on Tuesday show a burned jet at the air base, which drones struck early on Sunday", "an
            # inquiry into why no siren sounded at the base before rockets struck it on Monday": a clause telling the
            # attack on the installation right after it dates the attack, not the main clause's day
            told_of_it = _RELATIVE_CLAUSE.match(s.text, ref.end)
            if told_of_it and attack_cue(told_of_it.group()) is not None and (
                    own := [d for d in dates if told_of_it.start() <= d.start < told_of_it.end() and not d.speech]):
                best = best_date(own, (ref.start, ref.end))
            # ("images taken on Monday show a burned bomber at the base, a day after drones struck it": the same)
            told_to = after.end() if told_only_after else ref.start
            back = _reaction_days(s.text[:told_to]) if best is not None and best.end <= told_to else None
            if back and not best.speech and best.precision == "day":
                best = replace(best, value=best.value - timedelta(days=back))  # the reaction's day, counted back
            # "audits have been carried out since the January 2016 attack on the Pathankot Air Force Station": what a
            # since-clause names is the past event a period starts from
            # an inquiry into an attack of the last days is the news of that attack too (vocabulary inquiry_into_attack)
            news_day = best is not None and best.precision == "day" and not best.speech and is_recent(best, published)
            background = any(not (news_day and v.inquiry_into_attack.fullmatch(cue.group()))
                             for cue in v.background.finditer(_SINCE_CLAUSE.sub("", segment))) \
                or told_since or any(a < ref.start < b for a, b in since) or _in_earlier_clause(s.text[:ref.start]) \
                or (best is not None and best.precision != "day") or _past_year_after(s.text, ref, published) \
                or (told_only_after and _WEEKS_AFTER.search(after.group()) is not None)
            if best is None and _dated_in_past(dates, published):
                background = True  # "The drone, which hit a shed on Feb. 11, ... sites in Erbil": the sentence is past
            if best is None and _CONTINUES.match(s.text) and v.background.search(_sentence_before(sentences, s.index)):
                # "In last month's attack, two fighters were killed ... It said that several rockets landed inside
                # Mission Support Site Conoco": a sentence whose subject is a pronoun goes on with the one before
                background = True
            if (best is None or best.speech) and (_SAME_TIME.search(segment) or _CLOCK_OPENS.match(s.text)):
                best = _last_day_told(sentences, s.index, published) or best
            antecedent = latest.get(ref.name)
            if best is None and not background and ref.anaphoric and antecedent is not None:
                # "the outpost" with no time or cue of its own is still the attack its antecedent sentence dated
                best, background = antecedent.date, antecedent.background
            facts = segment if clause is not None else s.text[:told_after] if told_after is not None else s.text
            latest[ref.name] = Mention(s.index, ref, segment, best, background, facts, role(s.text, ref), item)
            out.append(latest[ref.name])
        # "raising berms around the base at Shaddadi, after the base was attacked twice at the start of the month": one
        # installation said twice in a sentence is one event's place, dated by the time said near either
        dated = {m.ref.name: m for m in out[first_new:] if m.date is not None}
        out[first_new:] = [replace(m, date=told.date, background=m.background or told.background)
                           if m.date is None and (told := dated.get(m.ref.name)) else m for m in out[first_new:]]
        latest.update((m.ref.name, m) for m in out[first_new:])
    # A headline or a subheading sums up its body: an installation every body sentence tells of as past (a cue, or a
    # date long before publication) is past in an undated headline too ("Satellite images show Russia rebuilt hangars
    # at Lipetsk air base after spring strike"; "Two Years After El-Adde Attack"). So is a quote: speakers react to
    # the events the narration tells ("'The attack on Tower 22 was a turning point.' Three soldiers were killed in
    # the drone attack on the outpost in January").
    body = [m for m in out if not (sentences[m.sentence].is_title or is_title_case(sentences[m.sentence].text)
                                   or _QUOTE_OPENS.match(sentences[m.sentence].text))]
    past = {m.ref.name for m in body} - {m.ref.name for m in body if not m.background and is_recent(m.date, published)}
    out = [replace(m, background=True) if m.ref.name in past and m.date is None else m for m in out]
    if headline_meant:
        # where it is not attacked ("the school troops have used as their base"), such a description places nothing
        attacked = {id(m.ref) for m in out}
        refs_by_sentence = {i: [r for r in rs if id(r) not in headline_meant or id(r) in attacked]
                            for i, rs in refs_by_sentence.items()}
    if civilian_camps:
        # A camp the article describes as sheltering civilians anywhere is a civilian camp everywhere
        # (the headline "drone strike hits Makhmour camp" before the body says who lives there).
        # So is a headline's camp described, never named, when the story calls the camp it tells of a civilians' one
        # ("militants attack KWS camp in Boni forest" ... "attacked a rangers' camp at Pandanguo").
        titles = {s.index for s in sentences if s.is_title}

        def civilian(r: BaseRef, index: int) -> bool:
            return r.base is None and (r.name.casefold() in civilian_camps or (
                index in titles and r.kind == "generic" and _CAMP_WORD.search(r.name) is not None))
        out = [m for m in out if not civilian(m.ref, m.sentence)]
        refs_by_sentence = {i: [r for r in rs if not civilian(r, i)] for i, rs in refs_by_sentence.items()}
    return out, refs_by_sentence


def _refers_elsewhere(anaphor: BaseRef, last: BaseRef, civilian_camp_said: bool) -> bool:
    """Whether "the camp" / "the headquarters" names a kind the latest installation is not: "the headquarters" refers
    back to a headquarters only, and "the camp" after a refugee camp and an army post is the refugees' camp."""
    noun, antecedent = anaphor.name.lower(), last.name.lower()
    return (noun == "headquarters" or (civilian_camp_said and noun.endswith("camp"))) \
        and noun.split()[-1] not in antecedent


def _named_once(sentences: list[Sentence]) -> BaseRef | None:
    """The one installation the headline read as prose ("Jihadists attack Kelbo detachment"), or else the body,
    names: a story about one attack names its installation somewhere, at times only in its headline or in a line
    recalling an earlier attack on it ("the Jakana base had already been shelled in May"). None when it names several
    or none."""
    headline = [(s.text, False) for s in sentences if s.is_title]
    body = [(s.text, is_title_case(s.text)) for s in sentences if not s.is_title]
    for part in (headline, body):
        names = {r.name: r for text, title_case in part for r in base_refs(text, headline=title_case)
                 if r.kind in {"gazetteer", "named"}}
        if names:
            return next(iter(names.values())) if len(names) == 1 else None
    return None


def digest_items(sentences: list[Sentence]) -> list[int]:
    """The digest item each sentence is told in: a second dateline opens another item ("SOMALIA — ..." after
    "NIGER — ..."), and a story with at most one dateline is one item."""
    items, item, datelined = [], 0, False
    for s in sentences:
        opens = not s.is_title and dateline_end(s.text) > 0
        if datelined and opens:
            item += 1
        datelined = datelined or opens
        items.append(item)
    return items


def _militants_named_before(sentences: list[Sentence]) -> Callable[[int], bool]:
    """Whether a sentence before the one at an index names armed groups' camp or base; each sentence is read once,
    and only when an anaphor needs it."""
    read = 0
    named = False

    def before(index: int) -> bool:
        nonlocal read, named
        while read < index and not named:
            named = names_militants_installation(sentences[read].text)
            read += 1
        return named
    return before


def _with_airport(sentence: str, refs: list[BaseRef], airport: str | None) -> list[BaseRef]:
    """An airport the article says the military uses is an installation: each mention of it is one, and so is what the
    text says is kept there ("at the airport, where the army keeps ... a detachment of its air force")."""
    if airport is None:
        return refs
    refs = [BaseRef(r.start, r.end, "named", airport) if r.kind == "generic" and kept_at_airport(sentence[:r.start])
            else r for r in refs]
    spans = [(a, b) for a, b in airport_spans(sentence) if not any(r.start < b and a < r.end for r in refs)]
    return sorted(refs + [BaseRef(a, b, "named", airport) for a, b in spans], key=lambda r: r.start)


_QUOTE_OPENS = re.compile(r"\s*[\"“]")
# "On the same night, drones also targeted the air base": the time the story last told
_SAME_TIME = re.compile(r"\b(?:the|that) same (?:night|day|evening|morning|afternoon)\b", re.IGNORECASE)
# "The war reached the town on Sunday night. At about 9 p.m., two drones ...": a sentence that opens with a clock time
# and names no day goes on with the day the story last told
_CLOCK_OPENS = re.compile(r"\s*(?:at\s+)?(?:(?:about|around|approximately|roughly|shortly\s+(?:after|before))\s+)?"
                          r"\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?|hours\b|h\b)", re.IGNORECASE)


# "... a massive drone attack on the Morozovsky district had been repelled. The district is home to the Morozovsk
# airfield": a governor counts drones over a district; the outlet names what in it they were sent at
_HOME_TO = re.compile(r"\s*(?:the|this|that)\s+(?:[\w-]+\s+)?(?:district|community|area|town|city|region|county|"
                      r"municipality|village|settlement)\s+(?:(?:is|was)\s+(?:also\s+)?home\s+to|"
                      r"(?:also\s+)?(?:hosts|houses))\b",
                      re.IGNORECASE)


def _attack_on_its_place(sentences: list[Sentence], index: int, refs_by_sentence: dict[int, list[BaseRef]],
                         published: date | None) -> tuple[str, DateMention | None] | None:
    """The sentence before and its day, when it reports an attack on a place and names no installation, and the
    sentence at `index` says that place is home to one."""
    if not index or not _HOME_TO.match(sentences[index].text) or refs_by_sentence.get(index - 1):
        return None
    before = sentences[index - 1].text
    if attack_cue(before) is None or excluded(before):
        return None
    return before, next((d for d in find_dates(before, published) if d.precision == "day" and not d.speech), None)


def _last_day_told(sentences: list[Sentence], index: int, published: date | None) -> DateMention | None:
    """The last day an event is dated to in the sentences before `index`, the time "the same night" refers to."""
    for before in reversed(sentences[:index]):
        days = [d for d in find_dates(before.text, published) if d.precision == "day" and not d.speech]
        if days:
            return days[-1]
    return None


def _sentence_before(sentences: list[Sentence], index: int) -> str:
    """The prose sentence before `index`, over page furniture ("Advertisement") between paragraphs."""
    return next((sentences[i].text for i in range(index - 1, -1, -1) if is_prose(sentences[i].text)), "")


def is_recent(d: DateMention | None, published: date | None) -> bool:
    """Whether a mention's date can be the article's news: undated, or a day at most a week before publication (or
    the day after it: the place's clock may be ahead of the outlet's)."""
    if d is None:
        return True
    return d.precision == "day" and (published is None
                                     or -AHEAD_OF_OUTLET.days <= (published - d.value).days <= MAX_NEWS_AGE_DAYS)


def _dated_in_past(dates: list[DateMention], published: date | None) -> bool:
    """Whether a sentence's event dates (not speech) are all more than a week before publication: days, or a
    month or year that has ended ("was shelled by rebels during their advance on the town in 2008")."""
    events = [d for d in dates if not d.speech]
    return bool(events) and published is not None and all(
        (published - d.value).days > MAX_NEWS_AGE_DAYS if d.precision == "day"
        else (d.value.year, d.value.month if d.precision == "month" else 12) < (published.year, published.month)
        for d in events)


_GLOSS = re.compile(r"^\s*\([^)]*\)")
_COUNTRYS = re.compile(r"\bthe\s+(?:country|nation)['’]s\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _the_countrys(sentence: str, ref: BaseRef, sentences: list[Sentence]) -> str | None:
    """"The country's military headquarters": the installation of the country the story names ("Burkina Faso military
    headquarters"), None when it names none."""
    if not _COUNTRYS.search(sentence, 0, ref.start):
        return None
    country = country_in(s.text for s in sentences)
    return f"{country} {ref.name}" if country else None


def _described(sentence: str, ref: BaseRef) -> str | None:
    """The installation word and the place phrase after it ("base in Rueso district", "positions south of Rafah", "the
    air base on Mayun island", in translated copy "the position of the army of Bosso", "the camp of the Armed Forces of
    the DRC (FARDC) in Eringeti"), None without one."""
    tail = re.match(r"(?:\s*\([^)]{1,30}\))?"  # "the military detachment (destacamento) at ...": the gloss stands aside
                    # the owner between the kind and the place: "of the army of Bosso", "of troops of Operation Hadin
                    # Kai in Mainok" (an operation's name runs to three words)
                    r"(?:\s+of\s+(?:the\s+)?(?:[\w’'-]+\s+)?(?i:army|military|armed forces|troops)"
                    rf"(?:\s+of\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,2}})?"
                    rf"(?:\s*{ACRONYM})?\s+(?:of|in|at)"
                    r"|\s+(?:in|at|near|outside|(?:north|south|east|west)(?:-?(?:east|west))?\s+of"
                    r"|on(?=\s+[A-Z][\w’'-]*\s+(?i:island)\b|\s+the\s+island\s+of\b)))\s+(?:the\s+)?"
                    # "the naval base in the (Red Sea) port of Mocha", "the army position on the island of Koulfoua"
                    r"(?:(?:[A-Z][\w’'-]*\s+){0,2}(?:port|town|city|village|district|island)\s+of\s+)?"
                    r"(?:(?:al-|el-)?[A-Z][\w’'-]*\s*){1,3}"
                    r"(?:district|province|region|area|town|village|city|state|island)?", sentence[ref.end:])
    return (ref.name + _GLOSS.sub("", tail.group())).strip() if tail else None


# "The air defences of the 17th Infantry Division in Sinja intercepted drones launched at the division's headquarters":
# a unit's installation in the possessive is that of the numbered unit the story named, where it named it
_UNITS_INSTALLATION = re.compile(r"(?P<unit>brigade|division|battalion|regiment)['’]s\s+(?P<what>\S.*)", re.IGNORECASE)
_NUMBERED_UNIT = {unit: re.compile(rf"(?P<unit>\b\d+(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){{0,3}}{unit.capitalize()}\b)"
                                   rf"(?:\s+(?:in|at)\s+(?P<place>[A-Z][\w’'-]+))?")
                  for unit in ("brigade", "division", "battalion", "regiment")}


def _unit_named_before(sentences: list[Sentence], ref: BaseRef) -> str | None:
    owned = _UNITS_INSTALLATION.fullmatch(ref.name)
    if owned is not None:
        texts, what = [s.text for s in reversed(sentences)], owned["what"]
        units = [_NUMBERED_UNIT[owned["unit"].lower()]]
    elif ref.name.lower() == "headquarters":
        # "The 17th Infantry Division in Sinja said the militia had shelled its headquarters": "its" is the unit the
        # sentence named before it
        texts, units, what = [sentences[-1].text[:ref.start]], list(_NUMBERED_UNIT.values()), ref.name
    else:
        return None
    named = next((m for text in texts for rx in units for m in rx.finditer(text)), None)
    if named is None:
        return None
    return f"{named['unit']} {what}" + (f" in {named['place']}" if named["place"] else "")


# "a rocket attack on Bagram Airfield in 2008": a bare year right after the base name dates the attack to it.
_YEAR_AFTER = re.compile(r"\s*,?\s*in\s+((?:19|20)\d\d)\b(?!\s*[/-]?\d)")


def _past_year_after(sentence: str, ref: BaseRef, published: date | None) -> bool:
    """Whether the base name is followed by "in <year>" for a year before publication (an old attack)."""
    m = _YEAR_AFTER.match(sentence, ref.end)
    return m is not None and published is not None and int(m.group(1)) < published.year


def _own_clause(sentence: str, start: int, next_ref: int) -> int | None:
    """Where this base's clause ends when the next base in the sentence has an attack clause of its own ("a
    rocket landed near Erbil air base, causing no damage, and later that day two drones targeted al-Tanf"):
    the last clause boundary before the next base, if the words after it report an attack. None otherwise
    (one attack on two bases, "struck the Belbek and Kacha airfields", shares its words)."""
    if next_ref >= len(sentence):
        return None
    breaks = list(_CLAUSE_BREAK.finditer(sentence, start, next_ref))
    if not breaks or attack_cue(sentence[breaks[-1].end():next_ref]) is None:
        return None
    return breaks[-1].start()


_RELATIVE_CLAUSE = re.compile(r"(?:,\s+(?:which|that|where)|\s+(?:before|when|as))\s[^.;,]{0,100}")
# "the FARDC camp in Minova", "a KDF camp": a camp an army's acronym owns is that army's, whatever stands near it
_FORCE_OWNED = re.compile(r"\b(?:FARDC|FAMa|FADM|FACA|KDF|UPDF|ENDF|SNA|ANA|SDF|YPG|PMF|IDF|BSF|CRPF)\b")
_MILITARY_WORD = re.compile(r"\b(?:military|army|militia|base|air|naval|police|training)\b|^Camp\b", re.IGNORECASE)


# "rockets hit the base", "an attack on Camp X", "stormed a military camp in Y": the installation is what the verb
# or preposition of attack governs, with at most a few modifiers between.
_TARGET_BEFORE = re.compile(
    rf"\b(?:on|against|at|into|inside|{STRIKE_VERBS}|stormed|"
    r"storming|attacked|attacking|shelled|shelling|raided|raiding|overran|overrun|pounded|rammed)\s+"
    r"(?:(?:the|a|an|its|their)\s+)?(?:[\w’'.-]+\s+){0,4}$", re.IGNORECASE)
# "Camp X was attacked", "Ain al-Asad, which hosts U.S. troops, came under rocket fire".
_TARGET_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,60},\s*)?(?:was|were|has been|had been|is being|came|comes|has come)\s+(?:\w+\s+){0,2}?"
    r"(?:attacked|hit|struck|targeted|shelled|stormed|raided|overrun|bombed|under)\b", re.IGNORECASE)
# "the brigade headquarters in Rajouri town, about 25 km away", "... the base, 5 km from where the rockets fell": what
# happened is that far from the installation; "the base ..., about 40 km from the provincial stadium" only places it
_LANDMARK_AFTER = re.compile(r"^[^.;]{0,40}?\b\d[\d,.]*\s*(?:km|kilomet(?:re|er)s|miles)\s+"
                             r"(?:away|from\s+(?:where|the\s+(?:site|scene|spot|place|point)))\b", re.IGNORECASE)
# "blew himself up at a teashop opposite the gate of the army base", "hit a patrol in the village of La Esmeralda, about
# twelve kilometres from the base": the attack was where the base only locates
_PLACED_BY_IT = re.compile(
    r"\b(?:at|in|on)\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,2}?(?:teashop|tea\s+shop|shop|market|restaurant|hotel|"
    r"mosque|church|school|village|house|home|farm|field|bus\s+station)\b[^.;]{0,60}?"
    r"\b(?:opposite|across\s+(?:the\s+road\s+)?from|(?:[\w-]+|\d[\d,.]*)\s*(?:km|kilomet(?:re|er)s|miles|metres|meters)"
    r"\s+from)\s+(?:the\s+(?:main\s+)?gate\s+of\s+)?(?:the\s+|an?\s+)?(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
# A preposition that aims ("fired from Lebanon at the Zar'it barracks") ends the landmark phrase before it.
_LANDMARK_BEFORE = re.compile(
    r"\b(?:near|opposite|outside|close to|next to|not far from|north|south|east|west|from)\s+(?:of\s+)?"
    # ("a strike near Sevastopol hit the Kacha air base": a strike verb between makes the base the target)
    rf"(?:(?:the|a|an)\s+)?(?:(?!(?:{AIMING}|{STRIKE_VERBS})\s)[\w’'.-]+\s+){{0,3}}$"
    r"|\b\d[\d,.]*\s*(?:km|kilomet(?:re|er)s|miles)\b[^,.;]{0,30}$",
    re.IGNORECASE)


def role(sentence: str, ref: BaseRef) -> str:
    """Whether the installation is the attack's target in its sentence, a landmark, or neither."""
    before = sentence[max(0, ref.start - 60):ref.start]
    if _LANDMARK_BEFORE.search(before) or _LANDMARK_AFTER.match(sentence[ref.end:]):
        return "landmark"
    if _TARGET_BEFORE.search(before) or _TARGET_AFTER.match(sentence[ref.end:ref.end + 90]):
        return "target"
    return ""


# "Camp Willowbrook", a science summer camp: a named camp for children or holidays, not a base.
_LEISURE_CAMP = re.compile(
    r"\b(?:summer|science|holiday|scout|day|youth|sports?|football|soccer|basketball|music|art|coding|space|"
    r"bible|church|family|kids'?|children's) camps?\b|\bcampers\b", re.IGNORECASE)


# rangers who guard a park's wildlife are not soldiers, whatever the army calls its own rangers
_RANGERS = re.compile(r"\brangers?\b", re.IGNORECASE)
_WILDLIFE = re.compile(r"\b(?:national park|game reserve|wildlife|nature reserve|conservation|poach(?:ers?|ing))\b",
                       re.IGNORECASE)


_CAMP_WORD = re.compile(r"\bcamps?\b", re.IGNORECASE)
# "a camp of Fulani herders", "a miners' camp": whose camp it is says it is no soldiers' one
_CIVILIANS = r"(?:herders|nomads|pastoralists|miners|fishermen|loggers|pilgrims|farmers|workers|labou?rers|employees)"
_CIVILIANS_CAMP = re.compile(rf"\b(?:{_CIVILIANS}(?:['’]s?)?|residential)\s+camps?\b"
                             rf"|\bcamps?\s+(?:of|for)\s+(?:[\w-]+\s+){{0,2}}{_CIVILIANS}\b", re.IGNORECASE)


def _civilian_camp(ref: BaseRef, context: str) -> bool:
    """A bare camp that is not a known base ("the Zamzam camp") next to displaced/refugee context, a named "Camp X"
    that is not a known base next to summer-camp context, a rangers' camp or post in a park or reserve, or a camp its
    words give to civilians who live or work there."""
    if ref.anaphoric:
        return False  # "the camp" is what its antecedent is, judged with its own sentence and the next
    if ref.base is None and ref.kind == "named" and ref.name.startswith("Camp ") and _LEISURE_CAMP.search(context):
        return True
    if _CIVILIANS_CAMP.search(context, max(0, ref.start - 20), ref.end + 40):
        return True
    if ref.base is None and _RANGERS.search(ref.name) and _WILDLIFE.search(context):
        return True
    head = re.match(r"(.*?)\bcamp\b", ref.name, re.IGNORECASE)  # "camp for displaced people in ...": a camp still
    if ref.base is not None or head is None or _MILITARY_WORD.search(head.group(1)) \
            or _FORCE_OWNED.search(context, max(0, ref.start - 12), ref.end) \
            or (ref.kind != "generic" and not ref.name.lower().endswith("camp")):
        return False
    return bool(vocabulary().civilian_camp.search(context))


# ", including the attack on Al-Asad": a comma that opens examples of the clause's own noun does not close it
_LISTING_COMMA = re.compile(r",\s*(?=(?:including|among them|such as)\b)", re.IGNORECASE)


def _in_earlier_clause(before: str) -> bool:
    """Whether text running up to a base name ends inside a "48 hours after ..." / "in response to ..."
    clause: the base there is the earlier event. A comma closes the clause ("On Tuesday, hours after U.S.
    strikes, rockets hit X" reports X as news), unless it opens examples ("in response to attacks on U.S.
    forces, including the attack on Al-Asad Air Base on Jan. 20")."""
    v = vocabulary()
    opener = max((m for rx in (v.after_phrase, v.earlier_phrase, v.response_to) for m in rx.finditer(before)),
                 key=lambda m: m.end(), default=None)
    if opener is None or (_HOURS.search(opener.group()) or _reaction_days(before, opener)) \
            and attack_cue(before[:opener.start()]) is None:
        # "The order came hours after four rockets were fired at X": what came is a reaction, and the attack it
        # answers, the same day or a few days before, is the news; "the attack came hours after ..." tells of an
        # earlier one
        return False
    return _still_open(before, opener)


def _still_open(before: str, opener: re.Match) -> bool:
    """Whether the clause `opener` begins runs on to the end of `before`: a comma closes it, unless it lists."""
    return "," not in _LISTING_COMMA.sub(" ", before[opener.end():])


def _reaction_days(before: str, opener: re.Match | None = None) -> int | None:
    """How many days before the reaction an attack told in its "three days after ..." clause happened (None if the
    text up to the installation ends in no such clause, or the reaction is itself told as an attack)."""
    if "after" not in before:
        return None  # the cheap look first: most sentences tell no reaction
    opener = opener or max(vocabulary().after_phrase.finditer(before), key=lambda m: m.end(), default=None)
    days = _DAYS_AFTER.search(before, 0, opener.end()) if opener else None
    if days is None or attack_cue(before[:days.start()]) is not None or not _still_open(before, opener):
        return None
    return number_value(days["n"])


# "gathered on Thursday ... for the funeral of the soldiers killed in the attack on the army base at Ngouboua": a date
# before a ceremony for the dead dates the ceremony
CEREMONY = re.compile(r"\b(?:funerals?|burials?|buried|mourn\w*|memorial|vigil|wake|tribute)\b", re.IGNORECASE)
# "Funeral prayers for the martyrs were offered at the Miranshah garrison", "the wounded were flown to the base at
# Gao": where the dead are mourned or the wounded cared for is not where the attack was
CARE = re.compile(r"\b(?:prayers|(?:evacuated|flown|airlifted|taken|transferred|rushed) to|treated at|"
                  r"hospital)\b", re.IGNORECASE)


def _near(d: DateMention, ref: BaseRef, sentence: str) -> bool:
    """Date phrases far from the base name, or inside a later clause, usually date something else.

    A date before the "48 hours after ..." clause that names the base dates the main clause, not the base.
    """
    if d.end <= ref.start and (_in_earlier_clause(sentence[d.end:ref.start])
                               or CEREMONY.search(sentence, d.end, ref.start)):
        return False
    if d.start > ref.end:
        gap = _ASIDE.sub(",", sentence[ref.end:d.start])
        later = _LATER_CLAUSE.search(gap)
        # "... the Kulbakino airfield, which Russian drones struck two days ago": a relative clause that
        # itself reports the attack dates it.
        if later and not (later.group().startswith(",") and attack_cue(gap[later.end():]) is not None
                          and not _LATER_CLAUSE.search(gap, later.end())):
            return False
    return d.end >= ref.start - DATE_REACH and d.start <= ref.end + DATE_REACH
