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
from dataclasses import dataclass, field
from datetime import date, datetime

from extractors import fields
from extractors.candidates import LEAD_SENTENCES, Evidence, evidence_features
from extractors.dates import DateMention, find_dates
from extractors.gazetteer import Base, lookup, same_base
from extractors.mentions import (BaseRef, attack_cue, base_refs, dateline_end, excluded, is_origin, is_title_case,
                                 negative_target)
from extractors.records import Detection, IncidentReport
from extractors.scorer import Scorer, packaged_scorer
from extractors.sentences import Sentence, article_sentences
from extractors.places import resolve_place
from extractors.unlisted import PlaceMention, most_specific, name_in_description, places_near_installations, unlisted_name
from extractors.vocabulary import vocabulary

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
# "attacked at least 55 times since Oct. 17": a date opening a period dates no single event.
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
# "A day earlier, on Monday, a rocket struck Harir": another attack on a base already reported that day.
_SEPARATE_DAY = re.compile(r"\b(?:a day (?:earlier|later|before)|the (?:previous|next|following) day|the day before)\b",
                           re.IGNORECASE)
# "..., causing no damage, and later that day two drones targeted al-Tanf": a clause boundary before another base's
# own attack clause.
_CLAUSE_BREAK = re.compile(r",\s*and\b|;")


@dataclass(frozen=True)
class Mention:
    sentence: int
    ref: BaseRef
    segment: str
    date: DateMention | None
    background: bool
    clause: str  # the text its facts are read from: its own clause when another base has its own, else the sentence
    role: str  # "target" (attacked in its clause), "landmark" (near, opposite, km from it) or "" (said otherwise)


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
    sentences = article_sentences(text, title)
    mentions, refs_by_sentence = _mentions(sentences, published)
    framed = _framed(title)
    main = None if framed else _main_date(mentions, sentences, refs_by_sentence, published)
    incidents = _incidents(mentions, main, published, sentences)
    _attach_followers(incidents, sentences, refs_by_sentence, published)
    first = min((m.sentence for inc in incidents for m in inc.mentions), default=0)
    lead_none = _lead_says_no_casualties(sentences, first)
    headline = sum(s.is_title for s in sentences)
    in_headline = {r.name for s in sentences[:headline] for r in refs_by_sentence.get(s.index, [])}
    reading_order = sorted(incidents, key=lambda i: i.mentions[0].sentence)
    out = []
    for inc in incidents:
        background = _report(inc, sentences, refs_by_sentence, False, published)
        primary = _report(inc, sentences, refs_by_sentence, lead_none, published, primary=True) \
            if inc.precision in (None, "day") else None
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


def _mentions(sentences: list[Sentence], published: date | None) -> tuple[list[Mention], dict[int, list[BaseRef]]]:
    v = vocabulary()
    out: list[Mention] = []
    refs_by_sentence: dict[int, list[BaseRef]] = {}
    last: BaseRef | None = None
    civilian_camps: set[str] = set()
    anaphoric: set[tuple[int, int]] = set()  # (sentence, start) of references made by "the base", "the outpost"
    latest: dict[str, Mention] = {}
    for s in sentences:
        headline = s.is_title or is_title_case(s.text)
        refs = []
        for ref in base_refs(s.text, headline=headline):
            if ref.kind == "anaphor" and last is None:
                # "attacked their base in Rueso district" as the story's first mention: a description placed by its
                # town, not a reference back; with no place ("the base of the paint") it refers to nothing
                described = _described(s.text, ref)
                if described is None:
                    continue
                ref = BaseRef(ref.start, ref.end, "generic", described)
            elif ref.kind == "anaphor":
                ref = BaseRef(ref.start, ref.end, last.kind, last.name, last.base)
                anaphoric.add((s.index, ref.start))
            elif ref.kind != "generic" or last is None or last.kind == "generic":
                last = ref
            refs.append(ref)
        nxt = sentences[s.index + 1].text if s.index + 1 < len(sentences) else ""
        civilian = [r for r in refs if _civilian_camp(r, s.text + " " + nxt)]
        civilian_camps.update(r.name.casefold() for r in civilian)
        refs = [r for r in refs if r not in civilian]
        refs_by_sentence[s.index] = refs
        if not refs:
            continue
        dates = [d for d in find_dates(s.text, published) if not _SINCE.search(s.text[max(0, d.start - 12):d.start])]
        if excluded(s.text, dated=any(d.precision == "day" and not d.speech for d in dates)):
            continue
        cue = attack_cue(s.text)
        if cue is None or negative_target(s.text, cue, refs):
            continue
        after = min((m for m in (v.after_phrase.search(s.text), v.response_to.search(s.text)) if m),
                    key=lambda m: m.start(), default=None)
        filed_from = dateline_end(s.text)
        targets = [r for r in refs if not is_origin(s.text, r) and not _PLURAL_ATTACKS.search(s.text[:r.start])
                   and r.start >= filed_from]
        for i, ref in enumerate(targets):
            lo = max((r.end for r in targets[:i] if r.name != ref.name), default=0)
            hi = min((r.start for r in targets[i + 1:] if r.name != ref.name), default=len(s.text))
            if after and after.start() >= ref.end:
                hi = min(hi, after.start())  # "..., 48 hours after a drone attack on ...": not this attack's words
            clause = _own_clause(s.text, ref.end, hi)
            hi = clause if clause is not None else hi
            segment = s.text[lo:hi]
            near = [d for d in dates if _near(d, ref, s.text)]
            local = [d for d in near if lo <= d.start < hi]
            if all(d.speech for d in local):
                local += [d for d in near if not d.speech]
            best = min(local, key=lambda d: (d.speech, not _adjacent(d, ref), d.rank, d.start)) if local else None
            background = bool(v.background.search(segment)) or _in_earlier_clause(s.text[:ref.start]) \
                or (best is not None and best.precision != "day") or _past_year_after(s.text, ref, published)
            if best is None and _dated_in_past(dates, published):
                background = True  # "The drone, which hit a shed on Feb. 11, ... sites in Erbil": the sentence is past
            antecedent = latest.get(ref.name)
            if best is None and not background and (s.index, ref.start) in anaphoric and antecedent is not None:
                # "the outpost" with no time or cue of its own is still the attack its antecedent sentence dated
                best, background = antecedent.date, antecedent.background
            latest[ref.name] = Mention(s.index, ref, segment, best, background,
                                       s.text if clause is None else segment, _role(s.text, ref))
            out.append(latest[ref.name])
    if civilian_camps:
        # A camp the article describes as sheltering civilians anywhere is a civilian camp everywhere
        # (the headline "drone strike hits Makhmour camp" before the body says who lives there).
        out = [m for m in out if m.ref.base is not None or m.ref.name.casefold() not in civilian_camps]
        refs_by_sentence = {i: [r for r in rs if r.base is not None or r.name.casefold() not in civilian_camps]
                            for i, rs in refs_by_sentence.items()}
    return out, refs_by_sentence


def _dated_in_past(dates: list[DateMention], published: date | None) -> bool:
    """Whether a sentence's event dates (not speech) are all days more than a week before publication."""
    events = [d for d in dates if not d.speech and d.precision == "day"]
    return bool(events) and published is not None and all(
        (published - d.value).days > MAX_NEWS_AGE_DAYS for d in events)


def _described(sentence: str, ref: BaseRef) -> str | None:
    """The installation word and the place phrase after it ("base in Rueso district"), None without one."""
    tail = re.match(r"\s+(?:in|at|near|outside)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s*){1,3}(?:district|province|region|"
                    r"area|town|village|city|state)?", sentence[ref.end:])
    return (ref.name + tail.group()).strip() if tail else None


_ADJACENT = 30  # characters: a date this close to the installation's name is the time of its own clause


def _adjacent(d: DateMention, ref: BaseRef) -> bool:
    """A date phrase next to the installation ("struck Tower 22 in Jordan in January 2024", "On Sunday, a drone
    struck X") dates its attack rather than a later clause's event ("..., was discharged on Thursday")."""
    return -_ADJACENT <= d.start - ref.end <= _ADJACENT or -_ADJACENT <= ref.start - d.end <= _ADJACENT


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


_MILITARY_WORD = re.compile(r"\b(?:military|army|militia|base|air|naval|police|training)\b|^Camp\b", re.IGNORECASE)


# "rockets hit the base", "an attack on Camp X", "stormed a military camp in Y": the installation is what the verb
# or preposition of attack governs, with at most a few modifiers between.
_TARGET_BEFORE = re.compile(
    r"\b(?:on|against|at|into|inside|targeting|targeted|target|hit|hits|hitting|struck|strikes?|striking|stormed|"
    r"storming|attacked|attacking|shelled|shelling|raided|raiding|overran|overrun|bombed|bombing|pounded|rammed)\s+"
    r"(?:(?:the|a|an|its|their)\s+)?(?:[\w’'.-]+\s+){0,4}$", re.IGNORECASE)
# "Camp X was attacked", "Ain al-Asad, which hosts U.S. troops, came under rocket fire".
_TARGET_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,60},\s*)?(?:was|were|has been|had been|is being|came|comes|has come)\s+(?:\w+\s+){0,2}?"
    r"(?:attacked|hit|struck|targeted|shelled|stormed|raided|overrun|bombed|under)\b", re.IGNORECASE)
_LANDMARK_BEFORE = re.compile(
    r"\b(?:near|opposite|outside|close to|next to|not far from|north|south|east|west|from)\s+(?:of\s+)?"
    r"(?:(?:the|a|an)\s+)?(?:[\w’'.-]+\s+){0,3}$|\b\d[\d,.]*\s*(?:km|kilomet(?:re|er)s|miles)\b[^,.;]{0,30}$",
    re.IGNORECASE)


def _role(sentence: str, ref: BaseRef) -> str:
    """Whether the installation is the attack's target in its sentence, a landmark, or neither."""
    before = sentence[max(0, ref.start - 60):ref.start]
    if _LANDMARK_BEFORE.search(before):
        return "landmark"
    if _TARGET_BEFORE.search(before) or _TARGET_AFTER.match(sentence[ref.end:ref.end + 90]):
        return "target"
    return ""


# "Camp Willowbrook", a science summer camp: a named camp for children or holidays, not a base.
_LEISURE_CAMP = re.compile(
    r"\b(?:summer|science|holiday|scout|day|youth|sports?|football|soccer|basketball|music|art|coding|space|"
    r"bible|church|family|kids'?|children's) camps?\b|\bcampers\b", re.IGNORECASE)


def _civilian_camp(ref: BaseRef, context: str) -> bool:
    """A bare camp that is not a known base ("the Zamzam camp") next to displaced/refugee context, or a named
    "Camp X" that is not a known base next to summer-camp context."""
    if ref.base is None and ref.kind == "named" and ref.name.startswith("Camp ") and _LEISURE_CAMP.search(context):
        return True
    if ref.base is not None or not ref.name.lower().endswith("camp") or _MILITARY_WORD.search(ref.name[:-4]):
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
    opener = max((m.end() for rx in (v.after_phrase, v.response_to) for m in rx.finditer(before)), default=None)
    return opener is not None and "," not in _LISTING_COMMA.sub(" ", before[opener:])


def _near(d: DateMention, ref: BaseRef, sentence: str) -> bool:
    """Date phrases far from the base name, or inside a later clause, usually date something else.

    A date before the "48 hours after ..." clause that names the base dates the main clause, not the base.
    """
    if d.end <= ref.start and _in_earlier_clause(sentence[d.end:ref.start]):
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


def _framed(title: str) -> bool:
    """Headline about something other than an attack (strikes back at militants, trial, handover ...)."""
    v = vocabulary()
    if not title or not v.title_frames.search(title):
        return False
    return not (base_refs(title, headline=True) and attack_cue(title) is not None)


def _recent(d: DateMention | None, published: date | None) -> bool:
    if d is None:
        return True
    if d.precision != "day":
        return False
    return published is None or 0 <= (published - d.value).days <= MAX_NEWS_AGE_DAYS


def _main_date(mentions: list[Mention], sentences: list[Sentence], refs: dict[int, list[BaseRef]],
               published: date | None) -> date | None:
    """Date of the article's own news: the main base's first event date, else the lead's, else publication."""
    eligible = [m for m in mentions if not m.background and _recent(m.date, published)]
    if not eligible:
        return None
    main = next((m for m in eligible if m.ref.kind != "generic"), eligible[0])
    # With no base named, every description ("a Nigerian army base", "a military base in Marte") is the
    # same unnamed base: they become one report, so any of them may date it.
    dated = [m for m in eligible if m.date is not None and (
        m.ref.name == main.ref.name or (main.ref.kind == "generic" and m.ref.kind == "generic"))]
    if not dated:
        # The lead describes the installation the body names later ("attacked a military camp in western Niger"
        # ... "the Inates camp"): one installation, so the lead's description dates the named one.
        dated = [m for m in eligible if m.date is not None and m.ref.kind == "generic" and m.sentence < main.sentence]
    if dated:
        first_event = [m for m in dated if not m.date.speech]
        return (first_event or dated)[0].date.value
    lead = _lead_date([s for s in sentences[:main.sentence + 2] if not refs.get(s.index)], published) \
        or _story_date([s for s in sentences[:LEAD_SENTENCES + 2]
                        if any(r.name == main.ref.name for r in refs.get(s.index, []))], published)
    return lead or published or date.min


def _story_date(sentences: list[Sentence], published: date | None) -> date | None:
    """A recent event date in a lead sentence that names the main installation, with or without an attack word
    ("Four soldiers embraced shahadat as forces foiled an attempt to enter the Kohat cantonment on Tuesday")."""
    for s in sentences:
        for d in find_dates(s.text, published):
            if not d.speech and d.precision == "day" and _recent(d, published):
                return d.value
    return None


def _lead_date(sentences: list[Sentence], published: date | None) -> date | None:
    """A recent event date stated by an attack sentence that names no base ("attacked four times late on ...")."""
    for s in sentences:
        if attack_cue(s.text) is None or excluded(s.text):
            continue
        for d in find_dates(s.text, published):
            if not d.speech and d.precision == "day" and _recent(d, published):
                return d.value
    return None


def _incidents(mentions: list[Mention], main: date | None, published: date | None,
               sentences: list[Sentence]) -> list[_Incident]:
    incidents: dict[tuple, _Incident] = {}
    named_primary: BaseRef | None = None
    pending_generic: list[Mention] = []
    for m in mentions:
        same_day = m.date is not None and m.date.precision == "day" and main is not None \
            and abs((m.date.value - main).days) <= 1
        primary = main is not None and (same_day or (not m.background and m.date is None))
        if m.ref.kind == "generic":
            if primary and named_primary is None:
                pending_generic.append(m)
            continue
        if primary:
            when, precision = (m.date.value if m.date else main), "day"
        elif m.date is None:
            continue
        else:
            when, precision = m.date.value, m.date.precision
        separate = primary and m.date is not None and m.date.value != main and _SEPARATE_DAY.search(m.segment)
        key = (m.ref.name.lower(), primary, when if not primary or separate else None)
        if primary and named_primary is None:
            named_primary = m.ref
        inc = incidents.setdefault(key, _Incident(key, m.ref, primary, when, precision))
        inc.mentions.append(m)
    for m in pending_generic:
        if named_primary is not None:
            incidents[(named_primary.name.lower(), True, None)].mentions.append(m)
            continue
        key = ("unnamed", True, None)
        when = m.date.value if m.date else main
        inc = incidents.setdefault(key, _Incident(key, m.ref, True, when, "day" if when else None))
        inc.mentions.append(m)
    incidents = _one_installation_each(incidents)
    for inc in incidents.values():
        inc.mentions.sort(key=lambda m: m.sentence)
        if inc.primary:
            dated = [m.date for m in inc.mentions if m.date is not None and abs((m.date.value - main).days) <= 1]
            if dated:
                inc.date = min(dated, key=lambda d: d.speech).value
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
            by_sentence.setdefault(m.sentence, []).append(inc)
    current: list[_Incident] = []
    for s in sentences:
        if s.index in by_sentence:
            current = by_sentence[s.index]
            continue
        if not current:
            continue
        names = {inc.ref.name for inc in current}
        other_base = any(r.name not in names for r in refs_by_sentence.get(s.index, []) if r.kind != "generic")
        dates = [d for d in find_dates(s.text, published) if not d.speech]
        when = current[0].date
        other_time = when is not None and any(
            d.precision != "day" or abs((d.value - when).days) > 1 for d in dates)
        if other_base or other_time or v.background.search(s.text) or v.after_phrase.search(s.text):
            current = []
            continue
        for inc in current:
            inc.follow.append(s.text)


def _lead_says_no_casualties(sentences: list[Sentence], first_mention: int) -> bool:
    """A lead sentence like "attacked four times ... but there were no casualties" covers every report."""
    v = vocabulary()
    return any(v.zero_casualties.search(s.text) and not v.zero_qualified.search(s.text)
               and attack_cue(s.text) is not None for s in sentences[:first_mention + 1])


def _report(inc: _Incident, sentences: list[Sentence], refs: dict[int, list[BaseRef]], lead_none: bool,
            published: date | None, primary: bool = False) -> IncidentReport:
    own = [m.segment for m in inc.mentions]
    whole = list(dict.fromkeys(m.clause for m in inc.mentions))
    named = [m for m in inc.mentions if m.ref.kind != "generic"]
    ref = named[0].ref if named else _most_specific(inc.mentions)
    base: Base | None = ref.base
    place = None if base or ref.kind == "named" else _unlisted_place(inc, sentences, refs)
    if place is not None and place.kind == "town":
        # "a military base in Binyamina" is the gazetteer's Binyamina base when it lists one there under that name
        base = next((b for b in map(lookup, (f"{place.name} base", f"{place.name} air base", f"{place.name} camp"))
                     if b is not None), None)
        place = None if base else place
    name = base.name if base else (ref.name if ref.kind == "named" else _unnamed_name(inc, ref, sentences, place))
    country = base.country if base else fields.country_in(whole + [s.text for s in sentences])
    located = resolve_place(place.name, country) if place is not None else None
    prose = [t for t in inc.follow if t.rstrip("\"”’') ").endswith((".", "!", "?"))]  # not furniture / tags
    weapons = fields.weapons(own) or fields.weapons(whole) or fields.weapons(prose)
    killed, wounded, none_killed, none_wounded = fields.casualties(whole + inc.follow)
    if none_killed or lead_none:
        killed = 0 if killed is None else killed
    if none_wounded or lead_none:
        wounded = 0 if wounded is None else wounded
    texts = whole + inc.follow
    return IncidentReport(
        base=name,
        country=base.country if base else (located.country if located else country),
        latitude=base.latitude if base else (located.latitude if located else None),
        longitude=base.longitude if base else (located.longitude if located else None),
        location_precision=(base.coord_precision if base.latitude is not None else None) if base
        else (located.precision if located else None),
        attack_date=inc.date,
        date_precision=inc.precision if inc.date else None,
        weapons=weapons or ("unknown",),
        projectiles=fields.projectiles(own, inc.follow) or fields.projectiles(whole, inc.follow),
        killed=killed,
        wounded=wounded,
        claimed_by=fields.claimed_by(texts)
        or (_article_claim(inc, sentences, refs, published) if primary else None),
        suspected=fields.suspected(texts) or (fields.suspected(s.text for s in sentences) if primary else None),
        is_primary=primary,
        evidence=sentences[(named or inc.mentions)[0].sentence].text,
    )


def _article_claim(inc: _Incident, sentences: list[Sentence], refs: dict[int, list[BaseRef]],
                   published: date | None) -> str | None:
    """A claim stated apart from the report's own sentences ("... claimed responsibility for the Erbil
    attack" after a tally paragraph), from sentences about no other base and no other time. An article
    that says no group claimed the attack has no such claim (a named claim is then for another attack)."""
    v = vocabulary()
    claims = [s for s in sentences if v.claim.search(s.text)]
    if any(v.claim_negation.search(s.text) for s in claims):
        return None
    texts = [s.text for s in claims if not v.background.search(s.text)
             and all(r.name == inc.ref.name for r in refs.get(s.index, []) if r.kind != "generic")
             and not any(d.precision != "day" or inc.date is None or abs((d.value - inc.date).days) > 1
                         for d in find_dates(s.text, published) if not d.speech)]
    return fields.claimed_by(texts)


def _unlisted_place(inc: _Incident, sentences: list[Sentence], refs: dict[int, list[BaseRef]]) -> PlaceMention | None:
    """The most specific place an installation known only by description is given: in its own sentences, or when
    they give none or only a country, in the sentences that describe an installation without naming one (the
    lead's "a military camp in northwest Pakistan", later "the camp ... in the Daraban area")."""
    own = sorted({m.sentence for m in inc.mentions})
    # the body before the headline: a headline shortens "at Surankote in ... Poonch district" to "in Poonch"
    order = {i: i + (len(sentences) if sentences[i].is_title else 0) for i in own}
    place = most_specific(places_near_installations([(order[i], sentences[i].text) for i in own]))
    if place is None or place.kind == "country":
        texts = [(s.index, s.text) for s in sentences if s.index not in own and refs.get(s.index) and not any(
            r.kind in {"gazetteer", "named"} for r in refs[s.index])]
        place = most_specific(places_near_installations(texts) + ([place] if place else []))
    return place


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
