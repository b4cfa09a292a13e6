"""Read an Arabic article into candidate events, the way detect.py reads an English one.

Every rule matches normalised text (extractors/arabic.py) with the Arabic vocabulary
(`extractors/data/vocabulary_ar.json`) and the gazetteer's Arabic aliases. The reading follows the English
design in a smaller form:
1. A sentence that names a gazetteer installation and an attack word is a *mention*, with the first date
   phrase of that sentence (an explicit day and month, a weekday, or a day relative to publication).
2. The article's own news is dated by the first mention without a background cue that is at most a week
   old; with none dated, by a date in the lead, else by publication.
3. An installation is the article's own news (primary) when one of its mentions has no background cue and
   is undated or within a day of that date; otherwise it is background, reported only when dated.
4. Each report reads weapons, counts (digits, number words, duals), casualties (a "no losses" phrasing is
   zero killed and zero wounded), claims and blame from its own sentences and those that follow them
   without naming another installation.
The result is the same `Evidence` and `IncidentReport`s the English reader gives, so one scorer decides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from extractors.arabic import normalise
from extractors.candidates import LEAD_SENTENCES, Evidence
from extractors.dates import DateMention, weekday_on_or_before
from extractors.dedup import MATCH_WINDOW_DAYS
from extractors.gazetteer import Base, find_arabic_bases
from extractors.reading import MAX_NEWS_AGE_DAYS, is_recent
from extractors.records import WEAPONS, IncidentReport
from extractors.sentences import Sentence, article_sentences
from extractors.vocabulary import ArabicVocabulary, arabic_vocabulary

_DIGITS = r"\d{1,4}"


@dataclass
class _Read:
    base: Base
    primary: bool
    when: date | None
    precision: str | None
    sentences: list[int] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    background: bool = False


def read_arabic(text: str, published: date | None, title: str = "") -> list[tuple[IncidentReport | None,
                                                                                 IncidentReport, Evidence]]:
    """Each installation the article's attack sentences name: (as primary or None, as background, evidence)."""
    v = arabic_vocabulary()
    sentences = article_sentences(text, title)
    norm = [normalise(s.text) for s in sentences]
    bases = [find_arabic_bases(n) for n in norm]
    mentions = []  # (sentence, base, date, background)
    for s, n in zip(sentences, norm):
        # a drill, a threat or a reconnaissance flight uses the words of an attack without being one
        if not bases[s.index] or not v.strong_attack.search(n) or v.not_attack.search(n):
            continue
        found = _event_dates(n, norm[s.index + 1] if s.index + 1 < len(norm) and not bases[s.index + 1] else "",
                             published, v)
        # "earlier today" is today's news: only an unanchored "earlier" or a past period makes a mention background
        background = bool(v.background.search(v.background_not.sub(" ", n)))
        for b in dict.fromkeys(m.base for m in bases[s.index]):
            mentions.append((s.index, b, found[0] if found else None, background))
    mentions = _one_time_each(mentions, published)
    main = _main_date(mentions, norm, published)
    reads: dict[str, _Read] = {}
    for i, b, d, background in mentions:
        near = d is None or (main is not None and d.precision == "day"
                             and abs((d.value - main).days) <= MATCH_WINDOW_DAYS)
        primary = main is not None and not background and near
        r = reads.setdefault(b.name, _Read(b, False, None, None))
        r.sentences.append(i)
        r.dates += [d] if d else []
        r.background |= background
        if primary and not r.primary:
            when = d.value if d else main
            r.primary, r.when, r.precision = True, None if when == date.min else when, "day"
        elif not r.primary and r.when is None and d is not None:
            r.when, r.precision = d.value, d.precision
    headline = sum(s.is_title for s in sentences)
    order = sorted(reads.values(), key=lambda r: r.sentences[0])
    out = []
    for r in order:
        if not r.primary and r.when is None:
            continue
        follow = _followers(r, sentences, bases)
        background = _report(r, sentences, norm, bases, follow, v, primary=False)
        primary = replace(background, is_primary=True, claimed_by=_claim(
            [norm[i] for i in (*r.sentences, *follow)], norm, bases, r, v, primary=True)) if r.primary else None
        evidence = Evidence(
            rules_primary=r.primary, sentences=tuple(r.sentences), headline_sentences=headline,
            kinds=("gazetteer",) * len(r.sentences), dates=tuple(r.dates), published=published,
            background_cue=r.background, order=order.index(r), competitors=len(reads) - 1, headline_framed=False,
            headline_names=any(i < headline for i in r.sentences),
            figures=any(x is not None for x in (background.projectiles, background.killed, background.wounded)),
            roles=("target",) * len(r.sentences))
        out.append((primary, background, evidence))
    return out


def _event_dates(n: str, next_sentence: str, published: date | None, v: ArabicVocabulary) -> list[DateMention]:
    """Date phrases of a mention sentence, the attack's first. Arabic news opens with when a statement was made
    ("أعلنت الخلية، اليوم السبت، سقوط صاروخ ... مساء الجمعة"; "أفاد مصدر اليوم بسقوط قذيفتين" followed by "سقطتا
    ليلة الأربعاء"): a "today" that an earlier day follows, in the sentence or in the next one telling the same
    attack, dates the telling, and the earlier day the attack."""
    found = arabic_dates(n, published)
    if not found or published is None or found[0].value != published:
        return found
    later = found[1:] + (arabic_dates(next_sentence, published) if v.strong_attack.search(next_sentence) else [])
    earlier = [d for d in later if d.precision == "day" and 0 < (published - d.value).days <= MAX_NEWS_AGE_DAYS]
    return earlier[:1] + found if earlier else found


def _one_time_each(mentions: list, published: date | None) -> list:
    """An installation the article dates only in the past ("the attack on Ain al-Asad ... early last month") is
    background wherever it is named undated, as in a headline about the attack's aftermath."""
    stale = {b.name for _, b, d, background in mentions if background or not is_recent(d, published)} - {
        b.name for _, b, d, background in mentions if not background and d is not None and is_recent(d, published)}
    return [(i, b, d, background or b.name in stale) for i, b, d, background in mentions]


def _main_date(mentions: list, norm: list[str], published: date | None) -> date | None:
    """Date of the article's own news (see the module docstring); None when every mention is background."""
    eligible = [(i, d) for i, _, d, background in mentions if not background and is_recent(d, published)]
    if not eligible:
        return None
    dated = [d for _, d in eligible if d is not None]
    if dated:
        return dated[0].value
    lead = [d for n in norm[:eligible[0][0] + LEAD_SENTENCES] for d in arabic_dates(n, published) if is_recent(d, published)]
    return lead[0].value if lead else published or date.min



def arabic_dates(norm: str, published: date | None) -> list[DateMention]:
    """Date phrases in normalised Arabic text, in order: explicit days, weekdays, days relative to publication."""
    v = arabic_vocabulary()
    found: list[DateMention] = []
    for m in _explicit(v).finditer(norm):
        year = int(m.group(3)) if m.group(3) else (published.year if published else None)
        if year is None:
            continue
        try:
            day = date(year, v.months[" ".join(m.group(2).split())], int(m.group(1)))
        except ValueError:
            continue
        if not m.group(3) and published and day > published:
            day = day.replace(year=year - 1)
        found.append(DateMention(m.start(), m.end(), day, "day", False, 0))
    if published is not None:
        for m in _weekdays(v).finditer(norm):
            day = weekday_on_or_before(v.weekdays[m["day"]], published)
            # The Arabic day begins at sunset, and Iraqi and Levantine usage keeps that for nights: "ليلة الجمعة" is
            # the night before Friday (Thursday evening), so a bare "laylat X" dates the evening of the day before X.
            # "ليل X" (the night-time of X) and a spelled-out span ("ليلة الجمعة على السبت", "ليل الجمعة-السبت") name
            # the evening X itself, when the night began.
            if m["night"] == "ليله" and not m["span"]:
                day -= timedelta(days=1)
            found.append(DateMention(m.start(), m.end(), day, "day", False, 1))
        for m in _relative(v.relative_days).finditer(norm):
            found.append(DateMention(m.start(), m.end(), published - timedelta(days=v.relative_days[
                " ".join(m.group(1).split())]), "day", False, 2))
        for m in _relative(v.relative_months).finditer(norm):
            back = published.year * 12 + published.month - 1 - v.relative_months[" ".join(m.group(1).split())]
            found.append(DateMention(m.start(), m.end(), date(back // 12, back % 12 + 1, 1), "month", False, 3))
    return sorted(found, key=lambda d: d.start)


def _alternatives(words) -> str:
    return _alternation(tuple(words))


@cache
def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _explicit(v: ArabicVocabulary) -> re.Pattern[str]:
    return re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({_alternatives(v.months)})(?![ء-ي])"
                      rf"(?:\s*(?:\(\s*\w+\s*\)\s*)?(?:عام|سنه|لعام)?\s*(\d{{4}}))?")


def _weekdays(v: ArabicVocabulary) -> re.Pattern[str]:
    day = _alternatives(v.weekdays)
    return re.compile(rf"(?<![ء-ي])[وف]?(?:يوم\s+|(?P<night>ليله|ليل)\s+(?:يوم\s+)?|فجر\s+|صباح\s+|مساء\s+|ظهر\s+)?"
                      rf"(?P<day>{day})(?![ء-ي])(?P<span>\s*(?:[-–/]|علي|الي)\s*(?:{day})(?![ء-ي]))?")


def _relative(words: dict[str, int]) -> re.Pattern[str]:
    return re.compile(rf"(?<![ء-ي])[وف]?({_alternatives(words)})(?![ء-ي])")


def _followers(r: _Read, sentences: list[Sentence], bases: list) -> list[int]:
    """Sentences after a report's first mention that name no other installation (its story continues)."""
    out = []
    for s in sentences[min(r.sentences) + 1:]:
        if s.is_title or s.index in r.sentences:
            continue
        if any(m.base.name != r.base.name for m in bases[s.index]):
            break
        out.append(s.index)
    return out


def _report(r: _Read, sentences: list[Sentence], norm: list[str], bases: list, follow: list[int],
            v: ArabicVocabulary, primary: bool) -> IncidentReport:
    own = [norm[i] for i in r.sentences]
    after = [norm[i] for i in follow]
    texts = own + after
    killed, wounded = casualties(texts, v)
    return IncidentReport(
        base=r.base.name, country=r.base.country, latitude=r.base.latitude, longitude=r.base.longitude,
        location_precision=r.base.coord_precision if r.base.latitude is not None else None,
        attack_date=r.when,
        date_precision=r.precision if r.when else None,
        weapons=weapons(own, v) or weapons(after, v) or ("unknown",),
        projectiles=next((n for t in texts if (n := projectiles(t, v)) is not None), None) or _one_projectile(texts, v),
        killed=killed, wounded=wounded,
        claimed_by=_claim(texts, norm, bases, r, v, primary),
        suspected=_group(texts, v.blame, v),
        is_primary=primary,
        evidence=sentences[r.sentences[0]].text,
    )


def weapons(texts: list[str], v: ArabicVocabulary) -> tuple[str, ...]:
    """Weapon kinds named; a ballistic or cruise qualifier makes the rocket word it qualifies a missile."""
    found = set()
    for t in texts:
        if v.weapons["missile"].search(t):
            found.add("missile")
            t = v.weapons["missile"].sub(" ", t)
        found |= {k for k, p in v.weapons.items() if p.search(t)}
    return tuple(w for w in WEAPONS if w in found)


def _number(token: str, v: ArabicVocabulary) -> int | None:
    token = re.sub(r"^[وب]", "", token) if token not in v.number_words else token
    return int(token) if token.isdigit() else v.number_words.get(token)


def _count_before(nouns: tuple[str, ...], v: ArabicVocabulary) -> re.Pattern[str]:
    """A number just before a noun; a digit inside a date or time ("2026-03-09", "10:45") is no count."""
    return re.compile(rf"(?<![ء-ي\d/:-])[وب]?({_DIGITS}|{_alternatives(v.number_words)})\s+(?:من\s+)?(?:ال)?"
                      rf"(?:{_alternatives(nouns)})(?![ء-ي])")


def _duals(nouns: tuple[str, ...], endings: tuple[str, ...], construct: tuple[str, ...] = ()) -> re.Pattern[str]:
    forms = {(n[:-1] + "ت" if n.endswith("ه") else n) + e for n in nouns for e in endings}
    forms |= {n[:-1] + "ت" + e for n in nouns if n.endswith("ه") for e in construct}
    return re.compile(rf"(?<![ء-ي])[وب]?(?:ال)?(?:{_alternatives(forms)})(?![ء-ي])")


def _one_after(nouns: tuple[str, ...], v: ArabicVocabulary) -> re.Pattern[str]:
    """"One" follows its noun and the noun's adjectives ("صاروخ كاتيوشا واحد", "طائرة مسيرة مفخخة واحدة")."""
    return re.compile(rf"(?<![ء-ي])[وب]?(?:ال)?(?:{_alternatives(nouns)})(?:\s+[ء-ي]+){{0,3}}?\s+"
                      rf"(?:ال)?(?:{_alternatives(v.one_words)})(?![ء-ي])")


def projectiles(norm: str, v: ArabicVocabulary) -> int | None:
    """How many projectiles a sentence counts: "3 صواريخ", "ثلاثه صواريخ", a dual noun ("صاروخين", and in
    construct "قذيفتي هاون" = 2), or "one" after the noun ("صاروخ واحد")."""
    m = _count_before(v.projectile_nouns, v).search(norm)
    if m:
        return _number(m.group(1), v)
    if _duals(v.projectile_singulars, v.dual_endings, v.construct_dual_endings).search(norm):
        return 2
    return 1 if _one_after(v.projectile_singulars + v.single_projectiles, v).search(norm) else None


def _one_projectile(texts: list[str], v: ArabicVocabulary) -> int | None:
    """Arabic marks number on the noun: a story that names its projectile only in the singular ("بطائرة مسيرة",
    "صاروخا باليستيا") and never speaks of several (a plural, a dual, a salvo) reports one."""
    single = re.compile(rf"(?<![ء-ي])[وفب]?(?:ال)?(?:{_alternatives(v.single_projectiles)})(?![ء-ي])")
    if not any(single.search(t) for t in texts):
        return None
    duals = _duals(v.projectile_singulars, v.dual_endings, v.construct_dual_endings)
    return None if any(v.plural_projectiles.search(t) or duals.search(t) for t in texts) else 1


def casualties(texts: list[str], v: ArabicVocabulary) -> tuple[int | None, int | None]:
    """Killed and wounded: a count next to a kill or wound word; a "no losses" phrasing is zero of each."""
    killed = wounded = None
    count = rf"({_DIGITS}|{_alternatives(v.number_words)}|{_alternatives(v.people_duals)})"
    people = rf"(?:\s+(?:{_alternatives(v.people)})[ء-ي]{{0,2}})?"
    for t in texts:
        for words, slot in ((v.kill_words, "k"), (v.wound_words, "w")):
            cue = _alternatives(words)
            m = re.search(rf"(?<![ء-ي])[وف]?(?:{cue})\s+(?:نحو\s+|حوالي\s+)?{count}(?![ء-ي\d])", t) or \
                re.search(rf"(?<![ء-ي\d]){count}{people}\s+(?:{cue})(?![ء-ي])", t)
            # a singular person after the cue is one ("استشهاد جندي", "مقتل جندي واحد"), as Arabic marks number on nouns
            one = None if m else re.search(rf"(?<![ء-ي])[وف]?(?:{cue})\s+(?:{_alternatives(v.people_singulars)})"
                                           rf"ا?(?![ء-ي])(?!\s+\d)", t)
            if not m and not one:
                continue
            n = 1 if one else 2 if m.group(1) in v.people_duals else _number(m.group(1), v)
            if slot == "k" and killed is None:
                killed = n
            elif slot == "w" and wounded is None:
                wounded = n
        if v.zero_casualties.search(t):
            killed = 0 if killed is None else killed
            wounded = 0 if wounded is None else wounded
    return killed, wounded


def _claim(texts: list[str], norm: list[str], bases: list, r: _Read, v: ArabicVocabulary,
           primary: bool) -> str | None:
    """The claim in the report's own sentences; for the article's own news, else a claim made anywhere in the
    article about no other installation and no earlier time. An article saying nobody claimed it has none."""
    if any(v.claim_negation.search(t) for t in norm):
        return None
    elsewhere = [n for n, found in zip(norm, bases) if primary and not v.background.search(n)
                 and all(m.base.name == r.base.name for m in found)]
    return _group(texts, v.claim, v) or _group(elsewhere, v.claim, v)


def _group(texts: list[str], cue: re.Pattern[str], v: ArabicVocabulary) -> str | None:
    """The first armed group named in a sentence carrying `cue` (a claim, or blame)."""
    for t in texts:
        if not cue.search(t):
            continue
        named = [(m.start(), name) for name, p in v.groups for m in [p.search(t)] if m]
        if named:
            return min(named)[1]
    return None
