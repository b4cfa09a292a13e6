"""Detect reports of attacks on military installations in one article.

How an article is read:
1. Title and body are split into sentences. Every sentence that reports an attack on a referenced
   installation yields a *mention* (base, date phrase, background cue) — see mentions.py.
2. The article's own news (the *main date*) is the date of the first mention that is not marked as
   background and lies at most a week before publication; with no date phrase it is the publication day.
   A headline framed as something else (retaliatory strikes, trial, anniversary, handover, opinion)
   and not itself naming an attacked base means the article has no news of its own: all background.
3. A mention is primary when it has no background cue ("in March", "last month", "previous",
   "three days after ...") and its date, if any, is within a day of the main date. Several bases hit
   the same night are several primary reports.
4. Descriptions without a name ("an air base north of Baghdad") in the headline or lead are the main
   named base; when no base is named at all they make one unnamed report.
5. Each report reads its facts (fields.py) from its own sentences, then from the sentences that follow
   it without naming another base or another time. A primary report whose sentences name no claimant
   takes a claim made elsewhere in the article about no other base or time, unless the article says
   nobody claimed the attack.
"""
from __future__ import annotations

import re
from functools import cache
from itertools import islice
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from extractors import fields
from extractors.arabic import language
from extractors.arabic_reading import read_arabic
from extractors.candidates import LEAD_SENTENCES, Evidence, evidence_features
from extractors.dates import AHEAD_OF_OUTLET, find_dates, local_day
from extractors.dedup import MATCH_WINDOW_DAYS
from extractors.gazetteer import Base, lookup, same_base, shares_spelled_name
from extractors.mentions import (BaseRef, attack_cue, base_refs, dateline_end, excluded, is_origin, is_prose,
                                 is_title_case, names_nothing)
from extractors.reading import CARE, CEREMONY, Mention, digest_items, is_recent, read_mentions, role
from extractors.records import Detection, IncidentReport
from extractors.scorer import Scorer, packaged_scorer
from extractors.sentences import Sentence, article_sentences
from extractors.places import Place, country_code, fold, resolve_place, without_article
from extractors.unlisted import (PlaceMention, is_air_installation, most_specific, name_in_description,
                                 place_in_name, places_near_installations, stated_regions, unlisted_name)
from extractors.vocabulary import EVENT_NOUN, vocabulary

# "A separate rocket attack about 60 miles away killed a Turkish soldier": the story turns to another event
_ANOTHER_EVENT = re.compile(rf"\b(?:a |the )?(?:separate|another|second|earlier|later)\s+(?:[\w-]+\s+)?{EVENT_NOUN}\b",
                            re.IGNORECASE)
# "A day earlier, on Monday, a rocket struck Harir": another attack on a base already reported that day.
_SEPARATE_DAY = re.compile(r"\b(?:a day (?:earlier|later|before)|the (?:previous|next|following) day|the day before)\b",
                           re.IGNORECASE)
# "It was the second attack on the base in two days", "a day after the same base came under rocket fire": the story
# tells two attacks on one base on consecutive days, so its days are not one night's told two ways
_BACK_TO_BACK = re.compile(r"\b(?:second|another)\s+(?:[\w-]+\s+)?(?:attack|strike)\s+(?:[\w-]+\s+){0,4}?in\s+"
                           r"(?:two|as many)\s+days\b"
                           r"|\ba day after\s+(?:the same base|it|[\w-]+\s+){0,5}?(?:came under|was (?:hit|attacked|"
                           r"targeted|struck))\b|\bback-to-back\s+(?:attacks|strikes)\b", re.IGNORECASE)
# a digest's headline lists its items: "Africa in brief: Nine soldiers killed in Niger; mortars hit Somali base"
_DIGEST_ITEMS = re.compile(r"\s*[;|]\s+")
# "Four rounds were fired ... Three of them landed inside Camp Simba", "air defences shot down four of them": a salvo
# the story divides by where its rounds fell or were downed
_SOME = r"(?:one|two|three|four|five|six|\d+|some|most|all|the rest|none)"
_DOWNED = r"(?:shot down|intercepted|downed|destroyed|neutrali[sz]ed|brought down)"
_DIVIDED = re.compile(rf"\b{_SOME} of (?:them|which|these)\s+(?:[\w-]+\s+){{0,2}}?(?:landed|fell|hit|struck|exploded|"
                      rf"impacted|crashed|dropped|next to|near|inside|outside|(?:was|were) {_DOWNED})\b"
                      rf"|\b{_DOWNED}\s+(?:only\s+)?{_SOME} of them\b", re.IGNORECASE)


@dataclass
class _Incident:
    key: tuple
    ref: BaseRef
    primary: bool
    date: date | None
    precision: str | None
    mentions: list[Mention] = field(default_factory=list)
    follow: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Candidate:
    """One installation and time the article connects to an attack, read both ways, with its evidence."""

    as_primary: IncidentReport | None  # None when only a month or year dates it: no article's own news is that vague
    as_background: IncidentReport
    features: dict[str, float]


def detect(text: str, published: date | None, title: str = "", scorer: Scorer | None = None) -> Detection:
    """Attack reports in one article; `published` resolves relative dates ("on Monday")."""
    return decide(candidates(text, published, title), scorer or packaged_scorer())


def decide(found: list[Candidate], scorer: Scorer) -> Detection:
    """Each candidate is the article's own news or background, as the scorer weighs its evidence."""
    reports = [c.as_primary if c.as_primary is not None and scorer.is_primary(c.features) else c.as_background
               for c in found]
    reports.sort(key=lambda r: not r.is_primary)
    return Detection(is_attack_report=any(r.is_primary for r in reports), reports=tuple(reports))


def candidates(text: str, published: date | None, title: str = "") -> list[Candidate]:
    """Every installation and time the article's attack sentences connect, with the evidence about each."""
    if isinstance(published, datetime):
        published = published.date()
    if language(f"{title}\n{text}") == "ar":
        return [Candidate(primary, background, evidence_features(evidence))
                for primary, background, evidence in read_arabic(text, published, title)]
    sentences = article_sentences(text, title)
    mentions, refs_by_sentence = read_mentions(sentences, published)
    spared = _said_not_attacked(sentences, refs_by_sentence)
    mentions = [m for m in mentions if m.ref.name not in spared or m.background or not is_recent(m.date, published)]
    lead_end = _lead_end(sentences)
    framed = (_framed(title) and not _lead_overtakes(title, sentences)) or _denied(sentences[:lead_end], sentences)
    if title and vocabulary().explanatory_frames.search(title) and not _headline_reports(title):
        # an analysis tells as news only the attack its body dates ("Monday's attack on the army base in Quissanga"),
        # unless its headline itself is about one ("What we know about Iranian attack on a US base in Qatar")
        mentions = [m for m in mentions if m.date is not None]
    main = None if framed else _main_date(mentions, sentences, refs_by_sentence, published, lead_end)
    incidents = _incidents(mentions, main, published, _named_later(mentions, sentences, refs_by_sentence, published))
    _attach_followers(incidents, sentences, refs_by_sentence, published)
    first = min((m.sentence for inc in incidents for m in inc.mentions), default=0)
    lead_none = _says_no_casualties(sentences, first, refs_by_sentence, published,
                                    sole_attack=sum(inc.primary for inc in incidents) == 1)
    headline = sum(s.is_title for s in sentences)
    in_headline = {r.name for s in sentences[:headline] for r in refs_by_sentence.get(s.index, [])}
    reading_order = sorted(incidents, key=lambda i: i.mentions[0].sentence)
    out = []
    for inc in incidents:
        primary, background = _reports(inc, sentences, refs_by_sentence, lead_none, published)
        evidence = Evidence(
            rules_primary=inc.primary, sentences=tuple(m.sentence for m in inc.mentions),
            headline_sentences=headline, kinds=tuple(m.ref.kind for m in inc.mentions),
            dates=tuple(m.date for m in inc.mentions if m.date is not None), published=published,
            background_cue=any(m.background for m in inc.mentions), order=reading_order.index(inc),
            competitors=len(incidents) - 1, headline_framed=framed,
            headline_names=any(m.ref.name in in_headline for m in inc.mentions),
            figures=any(v is not None for v in (background.projectiles, background.killed, background.wounded)),
            roles=tuple(m.role for m in inc.mentions))
        out.append(Candidate(primary, background, evidence_features(evidence)))
    return out




def _framed(title: str) -> bool:
    """Headline about something other than an attack (strikes back at militants, trial, handover ...)."""
    v = vocabulary()
    items = _DIGEST_ITEMS.split(title)
    if len(items) > 1:
        # "Africa in brief: Nine soldiers killed in Niger; mortars hit Somali base; Kati attackers jailed": a digest's
        # headline lists its items, and a frame heads only its own
        return all(_framed(item) for item in items)
    if title and _DISRUPTED.search(title) and _headline_reports(title):
        # "Derby postponed after attack on ranger base": what the headline's frame was called off for is news
        return False
    if title and v.settled_frames.search(title):
        return True
    frame = v.title_frames.search(title) if title else None
    if frame is None:
        return False
    # "Three attacks on U.S. forces as strikes on militias fail to deter": attacks the headline reports before the
    # frame's words are its news; the frame is an aside
    cue = attack_cue(title)
    if cue is not None and cue < frame.start():
        return False
    return not _headline_reports(title)


def _said_not_attacked(sentences: list[Sentence], refs: dict[int, list[BaseRef]]) -> set[str]:
    """Installations the story says were not attacked ("The base was not attacked, the official said", "The barracks
    was not targeted"): the attack told near one was on something else (truffle hunters 15 km away, a car at its
    gate), however close its words come to it. Earlier attacks on it the story recalls stay."""
    spared = set()
    for s in sentences:
        if (m := _NOT_ATTACKED.search(s.text)) is not None:
            spared |= {r.name for r in refs.get(s.index, []) if _SUBJECT_GAP.fullmatch(s.text, r.end, m.start())}
        if (m := _NO_ATTACK_ON.search(s.text)) is not None:  # "There was no attack on Camp Kokolo"
            spared |= {r.name for r in refs.get(s.index, []) if r.start == m.end()}
    return spared


_NOT_ATTACKED = re.compile(r"\b(?:was|were|is|are|has|have|had)\s+not\s+(?:been\s+)?(?:attacked|targeted|the target)\b"
                           r"|\b(?:was|were)\s+never\s+(?:attacked|targeted|the target)\b", re.IGNORECASE)
_SUBJECT_GAP = re.compile(r"\s*(?:itself\s*)?")
_NO_ATTACK_ON = re.compile(r"\bthere\s+(?:was|has been|had been)\s+no\s+(?:\w+\s+)?attack\s+(?:on|against)\s+"
                           r"(?:the\s+)?", re.IGNORECASE)


def _lead_overtakes(title: str, sentences: list[Sentence]) -> bool:
    """A rolling wire story keeps a headline about one side's strikes ("Death toll from Israeli airstrike on Beirut
    suburb rises") while its updated lead tells the other side's attack on an installation ("Hezbollah fired a
    barrage of missiles at a military base deep inside Israel early Sunday following an Israeli airstrike ..."): a
    lead whose attack and installation come before any "following"/"in response to" clause tells its own news."""
    v = vocabulary()
    frame = v.title_frames.search(title)
    if frame is None or not _STRIKES_FRAME.search(frame.group()):
        return False
    lead = next((s.text for s in sentences if not s.is_title and is_prose(s.text)), "")
    cue = attack_cue(lead)
    motive = min((m.start() for rx in (v.after_phrase, v.response_to, _FOLLOWS) if (m := rx.search(lead))),
                 default=len(lead))
    return cue is not None and cue < motive and any(r.start < motive for r in base_refs(lead))


_STRIKES_FRAME = re.compile(r"retaliat|strikes?\b", re.IGNORECASE)
# "The strikes follow a rocket attack on a base", "struck militia sites following/after a drone attack on a base"
_FOLLOWS = re.compile(r"\b(?:follow(?:s|ed|ing)?|after)\b", re.IGNORECASE)
_DISRUPTED = re.compile(r"\b(?:postponed|cancell?ed|called off|suspended|halted|delayed)\b[^.;:]{0,40}?"
                        r"\b(?:after|following|due to|because of)\b", re.IGNORECASE)


def _headline_reports(title: str) -> bool:
    """Whether the headline names an installation and an attack: its frame words then describe that attack."""
    return bool(base_refs(title, headline=True)) and attack_cue(title) is not None


def _denied(lead: list[Sentence], sentences: list[Sentence]) -> bool:
    """A headline or lead that says the blasts were no attack ("a controlled detonation ..., not an attack") makes the
    story a denial: the attack told elsewhere in it is the rumour or the first report being denied. A story that says
    anywhere that its events were an exercise, or no act of terrorism, told them as such."""
    v = vocabulary()
    return any(v.not_an_attack.search(s.text) for s in lead) or any(v.whole_story_denials.search(s.text)
                                                                     for s in sentences)


def _main_date(mentions: list[Mention], sentences: list[Sentence], refs: dict[int, list[BaseRef]],
               published: date | None, lead_end: int) -> date | None:
    """Date of the article's own news: the main base's first event date, else the lead's (sentences before `lead_end`),
    else publication."""
    eligible = [m for m in mentions if not m.background and is_recent(m.date, published)]
    if not eligible:
        return None
    main = next((m for m in eligible if m.ref.kind != "generic"), eligible[0])
    # With no base named, every description ("a Nigerian army base", "a military base in Marte") is the
    # same unnamed base: they become one report, so any of them may date it.
    # ... and a description placing it where its name does ("the coalition base at Kasrak" before "Kasrak base") is
    # that installation too
    dated = [m for m in eligible if m.date is not None and (
        m.ref.name == main.ref.name or (m.ref.kind == "generic" and (
            main.ref.kind == "generic" or same_base(m.ref.name, main.ref.name))))]
    described = [m for m in eligible if m.date is not None and m.ref.kind == "generic"]
    if not dated:
        # The lead describes the installation the headline or body names ("attacked a military camp in western
        # Niger" ... "the Inates camp"): one installation, so the lead's description dates the named one.
        dated = [m for m in described if m.sentence < max(main.sentence, lead_end)]
    elif all(m.date.speech for m in dated):
        # the name is dated only by when someone spoke of it ("said on Monday it had captured", "in a Thursday
        # statement"); a description of it or another of its names dates the event
        events = [m for m in eligible if m.date is not None and not m.date.speech
                  and (m.ref.kind == "generic" or same_base(m.ref.name, main.ref.name))]
        # or an attack sentence naming no installation does ("JNIM on Thursday claimed ... the attack on the army camp
        # at Farabugu" ... "ten in the attack before dawn on Tuesday")
        # (told near the top: what a page appends after the story, "related" items, dates other news)
        told = None if events else _lead_date([s for s in sentences[:lead_end + LEAD_SENTENCES]
                                               if not refs.get(s.index)], published)
        if told is not None:
            return told
        dated = events or dated
    if dated:
        first_event = [m for m in dated if not m.date.speech]
        return (first_event or dated)[0].date.value
    # an attack sentence that names no installation dates the news, the first one in the lead ("... informed him about
    # the attack at 2:30am on the night of May 9-10") or, when the lead is a reaction (a row, a visit), in the body
    lead = _lead_date([s for s in sentences if not refs.get(s.index)], published) \
        or _story_date([s for s in sentences[:LEAD_SENTENCES + 2]
                        if any(r.name == main.ref.name for r in refs.get(s.index, []))], published) \
        or _event_day(sentences, published)
    return lead or published or date.min


def _event_day(sentences: list[Sentence], published: date | None) -> date | None:
    """A recent day the article gives its event anywhere ("Thursday's explosion occurred at the installation of an
    infantry battalion"), when nothing nearer the installation dates it."""
    return next((d.value for s in sentences for d in find_dates(s.text, published) if d.precision == "day"
                 and not d.speech and is_recent(d, published) and d.event_end is not None), None)


def _story_date(sentences: list[Sentence], published: date | None) -> date | None:
    """A recent event date in a lead sentence that names the main installation, with or without an attack word
    ("Four soldiers embraced shahadat as forces foiled an attempt to enter the Kohat cantonment on Tuesday")."""
    for s in sentences:
        for d in find_dates(s.text, published):
            if not d.speech and d.precision == "day" and is_recent(d, published):
                return d.value
    return None


def _lead_date(sentences: list[Sentence], published: date | None) -> date | None:
    """A recent event date stated by an attack sentence that names no base ("attacked four times late on ...")."""
    for s in sentences:
        if attack_cue(s.text) is None or excluded(s.text):
            continue
        for d in find_dates(s.text, published):
            if not d.speech and d.precision == "day" and is_recent(d, published):
                return d.value
    return None


def _named_later(mentions: list[Mention], sentences: list[Sentence], refs: dict[int, list[BaseRef]],
                 published: date | None) -> BaseRef | None:
    """The one installation the body names, when it names one: a report describes the attacked installation in its
    headline and lead ("a military camp in western Niger", "an Israeli air base") and names it as it goes on, often
    in a sentence with no attack word ("believed to have penetrated the brigade headquarters in Uri"). Not an
    installation the article dates to a past attack, not one of several that the description does not pick, and not
    one said as a landmark ("shifted to the hospital at the brigade headquarters in Rajouri town, about 25 km
    away"). "The camp" names nothing: it is named where its name is said."""
    described = [m.ref.name for m in mentions if m.ref.kind == "generic"]
    if not described:
        return None
    named: dict[str, tuple[BaseRef, set[int]]] = {}  # name -> (reference, body sentences saying it)
    for s in sentences:
        for r in [] if s.is_title else refs.get(s.index, []):
            if r.kind in {"gazetteer", "named"} and not r.anaphoric and role(s.text, r) != "landmark" \
                    and not (CEREMONY.search(s.text) or CARE.search(s.text)):
                named.setdefault(r.name, (r, set()))[1].add(s.index)
    if len(named) > 1:
        # the headline's words pick among them ("... the Abu al-Dohour Airbase in rural Idlib" in the headline)
        named = {n: said for n, said in named.items() if any(shares_spelled_name(n, d) for d in described)}
    if len(named) != 1:
        return None
    ref, said = next(iter(named.values()))
    past = {m.sentence for m in mentions
            if m.ref.name == ref.name and (m.background or not is_recent(m.date, published))}
    return ref if said - past else None


def _day_told(m: Mention, main: date | None) -> date | None:
    """The day a primary mention dates its attack: its own, else the article's; the day someone said it ("said on
    Monday it had captured") is not the day it happened."""
    return m.date.value if m.date is not None and not m.date.speech else main


def _incidents(mentions: list[Mention], main: date | None, published: date | None,
               named_later: BaseRef | None) -> list[_Incident]:
    incidents: dict[tuple, _Incident] = {}
    named_primary: BaseRef | None = None
    named_item = 0
    pending_generic: list[Mention] = []
    back_to_back = any(_BACK_TO_BACK.search(m.segment) for m in mentions)
    for m in mentions:
        same_day = m.date is not None and m.date.precision == "day" and main is not None \
            and abs((m.date.value - main).days) <= MATCH_WINDOW_DAYS
        # an attack dated after the article's first news and by publication is newer news, never its background ("MALI -
        # ... attacked the camp at Lere on Tuesday ... NIGER - Late on Thursday, gunmen attacked the army camp at Tera")
        later = m.date is not None and m.date.precision == "day" and not m.date.speech and main is not None \
            and main + timedelta(days=MATCH_WINDOW_DAYS) < m.date.value <= (published or main)
        # the day someone spoke of it after the news ("JNIM on Thursday claimed the attack on ...") does not date the
        # attack; words said before the news ("on Friday said that four rockets hit Besmaya") tell an earlier one
        spoken_since = m.date is not None and m.date.speech and main is not None \
            and m.date.value >= main - timedelta(days=MATCH_WINDOW_DAYS)
        primary = main is not None and not m.background and (same_day or later or m.date is None or spoken_since)
        if primary and back_to_back and m.date is not None and m.date.precision == "day" and not m.date.speech \
                and m.date.value < main:
            primary = False  # "the second attack on the base in two days": the day before's is the earlier one
        if m.ref.kind == "generic":
            # a description beside the name in one sentence is that installation ("Three drones targeted a base
            # hosting coalition troops at Irbil airport"): its words are the named attack's; one first described in a
            # later item of a digest is another installation ("NIGER — ... the army post at Banibangou ... SOMALIA —
            # ... an army base in Bariire")
            if primary and named_primary is not None and m.item > named_item \
                    and not any(o.ref.name == m.ref.name and o.item < m.item for o in mentions):
                key = (m.ref.name.lower(), True, None)
                incidents.setdefault(key, _Incident(key, m.ref, True, _day_told(m, main), "day")
                                     ).mentions.append(m)
            elif primary and (named_primary is None or any(
                    o.sentence == m.sentence and o.ref.name == named_primary.name for o in mentions)):
                pending_generic.append(m)
            continue
        if primary:
            when, precision = _day_told(m, main), "day"
        elif m.date is None:
            continue
        else:
            when, precision = m.date.value, m.date.precision
        separate = primary and m.date is not None and m.date.value != main \
            and (later or _SEPARATE_DAY.search(m.segment))
        key = (m.ref.name.lower(), primary, when if not primary or separate else None)
        if primary and named_primary is None:
            named_primary, named_item = m.ref, m.item
        inc = incidents.setdefault(key, _Incident(key, m.ref, primary, when, precision))
        inc.mentions.append(m)
    for m in pending_generic:
        if named_primary is not None:
            # "... at Ayn al-Assad Air Base and another was launched at a base housing U.S. forces near Erbil
            # International Airport": a description placed by the listed installation said right after it is that one
            placed = next((o for o in mentions if o.sentence == m.sentence and o.ref.start >= m.ref.end
                           and o.ref.kind != "generic"), None)
            key = (placed.ref.name.lower(), True, None) if placed is not None and placed.role == "landmark" else None
            incidents[key if key in incidents else (named_primary.name.lower(), True, None)].mentions.append(m)
            continue
        # an air base described is not a camp named ("an Israeli air base" ... "the Nevatim air base")
        later = named_later if named_later is not None and (
            not is_air_installation(m.ref.name) or is_air_installation(named_later.name)) else None
        key = (later.name.lower(), True, None) if later else ("unnamed", True, None)
        when = _day_told(m, main)
        inc = incidents.setdefault(key, _Incident(key, later or m.ref, True, when, "day" if when else None))
        inc.mentions.append(m)
    incidents = _one_installation_each(incidents)
    for inc in incidents.values():
        inc.mentions.sort(key=lambda m: m.sentence)
        if inc.primary:
            # a date after publication (beyond the place's clock being ahead) is when the text was updated, and the
            # day a source spoke is when it spoke, not when the attack happened; a date or weekday the text names
            # outranks a day counted back from publication ("three days ago"), which syndicated copies shift
            dated = [m.date for m in inc.mentions if m.date is not None and abs((m.date.value - main).days)
                     <= MATCH_WINDOW_DAYS and (published is None or m.date.value <= published + AHEAD_OF_OUTLET)
                     and not m.date.speech]
            if dated:
                inc.date = min(dated, key=lambda d: (d.rank, not d.timed)).value
            if inc.date == date.min:
                inc.date, inc.precision = None, None
    return sorted(incidents.values(), key=lambda i: (not i.primary, i.mentions[0].sentence))


def _one_installation_each(incidents: dict[tuple, _Incident]) -> dict[tuple, _Incident]:
    """One story names one installation several ways ("Camp Simba", later "Simba Airbase"): a candidate of the
    article's own news whose name the gazetteer lacks joins a same-day one that shares its distinctive word
    (`same_base`), the gazetteer's entry first. Two gazetteer entries are never joined."""
    merged: dict[tuple, _Incident] = {}
    for key, inc in sorted(incidents.items(), key=lambda kv: (kv[1].ref.base is None, kv[1].mentions[0].sentence)):
        host = None
        if inc.primary and inc.ref.base is None:
            host = next((other for other in merged.values() if other.primary and other.date == inc.date
                         and same_base(other.ref.name, inc.ref.name)), None)
        if host is None:
            merged[key] = inc
        else:
            host.mentions.extend(inc.mentions)
    return merged


def _attach_followers(incidents: list[_Incident], sentences: list[Sentence],
                      refs_by_sentence: dict[int, list[BaseRef]], published: date | None) -> None:
    """Give incidents the sentences that continue their story (no other base, no other time)."""
    v = vocabulary()
    by_sentence: dict[int, list[_Incident]] = {}
    for inc in incidents:
        for m in inc.mentions:
            told = by_sentence.setdefault(m.sentence, [])
            if not any(i is inc for i in told):  # named twice in one sentence, it follows the story once
                told.append(inc)
    place_words = {id(inc): _place_words(inc.ref.name) for inc in incidents}
    current: list[_Incident] = []
    items = digest_items(sentences)
    for s in sentences:
        # a digest's next item ("SOPORE: ..." after "KISHTWAR: ...") is a new story
        new_item = s.index > 0 and items[s.index] != items[s.index - 1]
        if s.index in by_sentence:
            current = by_sentence[s.index]
            continue
        if not current or new_item:
            current = []
            continue
        names = {inc.ref.name for inc in current}
        # a unit's home base ("a member of the 1st Battalion ... from Fort Rucker") is not where the story moved
        other_base = any(r.name not in names and not is_origin(s.text, r)
                         for r in refs_by_sentence.get(s.index, []) if r.kind != "generic")
        dates = [d for d in find_dates(s.text, published) if not d.speech]
        when = current[0].date
        other_time = when is not None and any(
            d.precision != "day" or abs((d.value - when).days) > MATCH_WINDOW_DAYS for d in dates)
        if other_base or other_time or v.background.search(s.text) or v.after_phrase.search(s.text) \
                or v.earlier_phrase.search(s.text) or _ANOTHER_EVENT.search(s.text):
            current = []
            continue
        # "four people were killed in the Hama strikes", after a lead naming the T4 airbase and the Hama airport:
        # a sentence that names the place of some of the installations the story tells speaks of those
        said = [inc for inc in current if any(re.search(rf"\b{re.escape(w)}\b", s.text) for w in place_words[id(inc)])]
        for inc in said if said and len(said) < len(current) else current:
            inc.follow.append(s.text)


def _place_words(name: str) -> list[str]:
    """The words of an installation's name that say which it is ("Hama" of "Hama military airport")."""
    v = vocabulary()
    return [w for w in re.findall(r"[A-Z][\w’'-]*", name) if not names_nothing(w) and not v.installation.fullmatch(w)]


def _says_no_casualties(sentences: list[Sentence], first_mention: int, refs: dict[int, list[BaseRef]],
                        published: date | None, sole_attack: bool) -> tuple[bool, bool]:
    """(nobody killed, nobody hurt) as the whole story says it. A lead sentence like "attacked four times ... but
    there were no casualties" covers every report. In a story of one attack, so does "There were no casualties, he
    added." ("There were no deaths." for the dead alone) anywhere: a sentence that names no installation, no time and
    no earlier event speaks of the story's own attack."""
    v = vocabulary()
    said = [(s, bool(v.zero_casualties.search(s.text))) for s in sentences]
    # a digest's other item that tells an attack of its own ("AL-KARMA: Gunmen fired on a police checkpoint ... No one
    # was hurt") speaks of that one, unlike a transcript's next speaker
    items = digest_items(sentences)
    other = cache(lambda: {items[s.index] for s in sentences
                           if items[s.index] != items[first_mention] and attack_cue(s.text) is not None})
    covering = [hurt for s, hurt in said if (hurt or v.zero_killed.search(s.text))
                and not v.zero_qualified.search(s.text) and (
        (s.index <= first_mention and attack_cue(s.text) is not None)
        or (sole_attack and items[s.index] not in other()
            and not (refs.get(s.index) or find_dates(s.text, published) or v.background.search(s.text))
            and not _goes_on_with_the_past(sentences, s.index, published)))]
    return bool(covering), any(covering)


def _goes_on_with_the_past(sentences: list[Sentence], index: int, published: date | None) -> bool:
    """Whether the sentence before tells of another time ("Ain al-Asad was the main target of Iran's strike on Jan. 8,
    2020. No one was killed, but ..."): a sentence naming no time goes on with it."""
    before = next((s for s in reversed(sentences[:index]) if not s.is_title), None)
    return before is not None and any(not d.speech and not is_recent(d, published)
                                      for d in find_dates(before.text, published))


def _reports(inc: _Incident, sentences: list[Sentence], refs: dict[int, list[BaseRef]], lead_none: tuple[bool, bool],
             published: date | None) -> tuple[IncidentReport | None, IncidentReport]:
    """The candidate read as the article's own news (None when only a month or year dates it) and as background.
    The two differ only where the article's news borrows from the rest of the article: a lead saying nobody was
    hurt, and a claim or blame stated elsewhere."""
    own = [m.segment for m in inc.mentions]
    whole = list(dict.fromkeys(m.clause for m in inc.mentions))
    article = [s.text for s in sentences]
    named = [m for m in inc.mentions if m.ref.kind != "generic"]
    ref = named[0].ref if named else inc.ref if inc.ref.kind != "generic" else _most_specific(inc.mentions)
    stated_country = fields.country_in(whole + article)  # the event's own clauses first
    if not named and ref.base is not None and stated_country \
            and not any(ref.base.country in text for text in article):
        # the lead's "military base north of Mogadishu", later "the base at Bal'ad": a listed base in a country the
        # story never names (Iraq's Balad), in a story that names another, only shares the town's name
        ref = _most_specific(inc.mentions)
    base: Base | None = ref.base
    # an installation the gazetteer does not list stands where the text places it, named ("the military airport in
    # Hama") or not
    place = None if base else _unlisted_place(inc, sentences, refs)
    if place is not None and place.kind == "town" and ref.kind != "named":
        # "a military base in Binyamina" is the gazetteer's Binyamina base when it lists one there under that name
        # a headquarters placed in a town is not the town's listed air base
        # (its town written with or without the Arabic article: "a base at Al-Harir" is Harir Air Base)
        kinds = ("air base", "base") if is_air_installation(ref.name) else ("base", "camp")
        towns = dict.fromkeys((place.name, without_article(place.name)))
        base = next((b for b in (lookup(f"{town} {kind}") for town in towns for kind in kinds) if b is not None), None)
        place = None if base else place
    name = base.name if base else (ref.name if ref.kind == "named" else _unnamed_name(inc, ref, sentences, place))
    country = base.country if base else stated_country
    located = None if base else _whereabouts(place, name, sentences, country)
    if located is not None and located.precision == "country":
        # "a coalition base in northeast Syria": the country is the text's, but a capital's coordinates would put
        # the base where it is not
        country, located = located.country, None
    if base is not None:
        position = (base.latitude, base.longitude, base.coord_precision if base.latitude is not None else None)
    else:
        position = (located.latitude, located.longitude, located.precision) if located else (None, None, None)
    prose = [t for t in inc.follow if t.rstrip("\"”’') ").endswith((".", "!", "?"))]  # not furniture / tags
    weapons = fields.weapons(own, article) or fields.weapons(whole, article) or fields.weapons(prose, article)
    killed, wounded, none_killed, none_wounded = fields.casualties(whole + inc.follow)
    texts = whole + inc.follow
    background = IncidentReport(
        base=name,
        country=located.country if located else country,
        latitude=position[0],
        longitude=position[1],
        location_precision=position[2],
        attack_date=_on_local_clock(inc, located.country if located else country),
        date_precision=inc.precision if inc.date else None,
        weapons=weapons or ("unknown",),
        # a salvo the story divides by where its rounds fell is often counted in a sentence that goes on with the
        # story without naming the installation ("Four rounds were fired from the edge of the forest. Three of them
        # landed inside Camp Simba"), unlike a total divided among regions ("46 drones ..., 14 of them over Kursk")
        projectiles=fields.projectiles(own, inc.follow) or fields.projectiles(whole, inc.follow)
        or (fields.projectiles(prose) if any(_DIVIDED.search(t) for t in texts) else None)
        or (fields.counted_over(article, _place_words(name)) if inc.primary else None),
        killed=0 if killed is None and none_killed else killed,
        wounded=0 if wounded is None and none_wounded else wounded,
        claimed_by=fields.spelled_out(fields.claimed_by(texts), article),
        suspected=fields.suspected(texts),
        is_primary=False,
        evidence=sentences[(named or inc.mentions)[0].sentence].text,
    )
    if inc.precision not in (None, "day"):
        return None, background
    claimed = background.claimed_by or _article_claim(inc, sentences, refs, published)
    primary = replace(
        background, is_primary=True,
        killed=0 if background.killed is None and lead_none[0] else background.killed,
        wounded=0 if background.wounded is None and lead_none[1] else background.wounded,
        claimed_by=claimed,
        suspected=background.suspected or fields.suspected(article)
        or (None if claimed else _attacker(texts, sentences)))
    return primary, background


def _attacker(texts: list[str], sentences: list[Sentence]) -> str | None:
    """The state the report's own sentences, or else its headline and lead, name as the attack's agent."""
    return fields.attacker(texts) or fields.attacker(s.text for s in sentences[:_lead_end(sentences)])


def _lead_end(sentences: list[Sentence]) -> int:
    """The index after the lead: the body's first sentences carry the news (inverted pyramid). Page furniture
    before them ("What's the story", the headline repeated) is not the lead."""
    prose = (s.index for s in sentences if not s.is_title and is_prose(s.text))
    lead = list(islice(prose, LEAD_SENTENCES))
    if len(lead) < LEAD_SENTENCES:
        return next((s.index for s in sentences if not s.is_title), 0) + LEAD_SENTENCES
    return lead[-1] + 1



def _article_claim(inc: _Incident, sentences: list[Sentence], refs: dict[int, list[BaseRef]],
                   published: date | None) -> str | None:
    """A claim stated apart from the report's own sentences ("... claimed responsibility for the Erbil
    attack" after a tally paragraph), from sentences about no other base and no other time. An article
    that says no group claimed the attack has no such claim (a named claim is then for another attack)."""
    v = vocabulary()
    claims = [(s, cue) for s in sentences if (cue := v.claim.search(s.text))]
    if any(v.claim_negation.search(s.text) for s, _ in claims):
        return None
    # a date after "claimed the attack" is when the claim came ("... in a statement published by its Amaq news
    # agency on Monday evening"), not another attack's
    texts = [s.text for s, cue in claims if not v.background.search(s.text)
             and all(r.name == inc.ref.name for r in refs.get(s.index, []) if r.kind != "generic")
             and not any(d.precision != "day" or inc.date is None
                         or abs((d.value - inc.date).days) > MATCH_WINDOW_DAYS
                         for d in find_dates(s.text, published) if not d.speech and d.start < cue.end())]
    return fields.spelled_out(fields.claimed_by(texts), (s.text for s in sentences))


def _unlisted_place(inc: _Incident, sentences: list[Sentence], refs: dict[int, list[BaseRef]]) -> PlaceMention | None:
    """The most specific place an installation known only by description is given: in its own sentences, or when
    they give no town, in the sentences that speak of an installation without naming one (the lead's "a military
    camp in northwest Pakistan" or "an army base in the Far North region", later "the camp ... in the Daraban
    area"): a report places its installation more exactly as it goes on, never less."""
    own = sorted({m.sentence for m in inc.mentions})
    # the body before the headline: a headline shortens "at Surankote in ... Poonch district" to "in Poonch"
    order = {i: i + (len(sentences) if sentences[i].is_title else 0) for i in own}
    place = most_specific(places_near_installations([(order[i], sentences[i].text) for i in own]))
    if place is None or place.kind != "town":
        texts = [(s.index, s.text) for s in sentences if s.index not in own and not any(
            r.kind in {"gazetteer", "named"} for r in refs.get(s.index, ()))]
        place = most_specific(places_near_installations(texts) + ([place] if place else []))
    return place


def _whereabouts(place: PlaceMention | None, name: str, sentences: list[Sentence], country: str | None) -> Place | None:
    """Where an unlisted installation stands: the first of its town, the town its name starts with ("the military
    detachment of Gorom-Gorom, in the Oudalan province"), the wider place the text gives it, and the districts and
    provinces the text names ("the Daraban area" that GeoNames does not list), that GeoNames knows. A name's town is
    looked up only in the country the article gives, by name or by a province it names: a name's first word
    abroad is mostly a namesake ("Konna" in Ireland)."""
    in_name = place_in_name(name, place.position if place else 0)
    town = place if place and place.kind == "town" else None

    @cache
    def regions() -> list[Place]:
        return [] if place is None else [_as_stated(found, r) for r in stated_regions(
            ((s.index, s.text) for s in sentences), place) if (found := _locate(r, country)) is not None]

    def name_town() -> Place | None:
        hint = country or next((r.country for r in regions()), None) or _dateline_country(sentences)
        return resolve_place(in_name.name, hint) if hint else None

    located = (_locate(town, country) if town else None) or (name_town() if in_name else None) \
        or (_as_stated(found, place) if place and place is not town and (found := _locate(place, country)) else None)
    return located or next(iter(regions()), None)


def _on_local_clock(inc: _Incident, country: str | None) -> date | None:
    """The incident's day at the installation, when the time that dates it is told on another clock ("at about 2200
    GMT on Saturday" at a Somali base is Sunday there)."""
    clock = next((m.date.clock for m in inc.mentions if m.date is not None and m.date.clock is not None
                  and m.date.value == inc.date), None)
    if clock is None or inc.date is None or inc.precision != "day" or country is None:
        return inc.date
    return local_day(inc.date, clock, country_code(country))


def _dateline_country(sentences: list[Sentence]) -> str | None:
    """The country of the town a story was filed from ("OUAGADOUGOU (Burkina Information Agency) -"): a story that
    never names its country is local news, filed where it happened."""
    first = next((s.text for s in sentences if not s.is_title), "")
    town = re.match(r"\s*([A-Z][A-Z'’ -]+[A-Z])\b", first[:dateline_end(first)])
    found = resolve_place(town.group(1).title()) if town else None
    return found.country if found else None


def _as_stated(found: Place, place: PlaceMention) -> Place:
    """"In Sagaing Region", "in Kandahar province": a text that puts the installation only in a province that GeoNames
    gives as its namesake town (some provinces it knows only by that) is located in the province, for which the town
    stands, as a province's largest place does."""
    return replace(found, precision="province") \
        if place.kind == "province" and found.precision == "town" and fold(found.name) == fold(place.name) else found


def _locate(place: PlaceMention, country: str | None) -> Place | None:
    """Where the place is: the first country the article names picks among namesakes, but it is only the first
    country named ("... Dera Ismail Khan, which borders Afghanistan"): a place it does not have is looked up
    everywhere, as GeoNames' most populous namesake."""
    return resolve_place(place.name, country) or (resolve_place(place.name) if country else None)


def _unnamed_name(inc: _Incident, ref: BaseRef, sentences: list[Sentence], place: PlaceMention | None) -> str:
    """The name a description gives outside the headline ("Golani Brigade training base"), with its place."""
    name = next((n for m in inc.mentions if not sentences[m.sentence].is_title
                 and not is_title_case(sentences[m.sentence].text) and (n := name_in_description(m.ref.name))), None)
    return unlisted_name(ref.name, name, place)


def _most_specific(mentions: list[Mention]) -> BaseRef:
    """The description of an unnamed base that says most about where it is (most proper nouns, body first)."""
    def score(m: Mention) -> tuple:
        capitals = sum(w[0].isupper() for w in m.ref.name.split()[1:])
        return (-capitals, m.sentence == 0, m.sentence)
    return min(mentions, key=score).ref
