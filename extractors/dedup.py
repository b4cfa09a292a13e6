"""Which reports are one attack, and what that attack's row says: pure functions of the *set* of reports.

Nothing here depends on the order reports arrive in, on batch boundaries, or on which run read an article
first: every rule below is applied to all reports of a base at once, after sorting them, so replaying the
same articles in any order (`basewatch backtest`) gives the same incidents, ids and values.

Evidence strength, used wherever reports disagree:
- a *story* is one independent source: syndicated copies of one wire story (near-duplicate text,
  extractors/fingerprint.py) count once, so fifty reprints outvote nobody;
- an *explicit* date ("on January 28", "1/28/2024") is stronger than a relative one ("on Sunday",
  "yesterday") resolved against the publication time: a report is explicit when its evidence sentence
  states its attack day as a calendar date;
- a primary report (the article's own news) is stronger than a background mention: only primary reports
  make incidents and set their values; background mentions only link to them.

Grouping, one base at a time (bases compare by their slug: case, accents and punctuation aside):
1. A report's day is its attack day, or for a primary report without one its publication day (UTC).
   Primary reports of one base and one day are always one attack, whatever weapons they name (so are
   those with neither date nor publication time: `<base-slug>-undated`).
2. Days are taken strongest first: most explicit stories, then most stories, then most reports, then the
   earliest day. Each day not yet taken starts an incident and takes the day before and the day after
   ("overnight", time zones, relative days read against another publication time) when they are not yet
   taken and their weapons can describe the same attack (rockets, missiles and mortars are one kind,
   indirect fire, as outlets name one salvo all three ways; drones, IEDs and gunfire/ground assaults are
   kinds of their own; a day naming no weapon agrees with anything). So an incident spans at most three
   days, and the best-attested day of a run of daily attacks is never swallowed by a weaker neighbour.
3. A background mention joins the incident holding its day, else one holding the day before or after
   whose weapons agree (the nearest, then the earliest); a month-precision mention ("in March, Taji came
   under rocket fire") joins the base's only incident in that month.
4. One article gives an incident one report: its primary one if it has one, else the first by content.
   A claim left out (a mention joining nothing, an article's second claim) is not lost: storage keeps it
   unlinked, and it is grouped again with whatever is reported later.

Reconciling an incident's row from its primary reports (each report keeps its own values in storage):
- attack date: the day with most explicit stories, then most stories, then most reports (ties: the
  earliest); precision "day"; undated when no report gives a day;
- projectiles: the figure most stories give (ties: the latest report's, then the larger), so one outlier
  report (107 projectiles for a 25-rocket barrage) cannot set it;
- killed, wounded: the latest report's figure (ties: most stories, then the larger), because tolls rise
  as the wounded die and counts are completed;
- weapons: those named by at least half of the stories that name any weapon (else the most named), so
  one stray report cannot add a weapon; "unknown" only when no report names one;
- claimed_by, suspected: the latest report naming one (ties: most stories, then the name last in
  alphabetical order);
- base name, country, coordinates: the value most stories give (ties: alphabetical / smallest); the coordinates'
  precision (base, town, province, country) is what most of the reports giving those coordinates say;
- first/last_reported_at: earliest and latest publication time of all its reports; source_count: its
  distinct primary articles; independent_sources: their distinct stories.

Ids: `<base-slug>-<attack date>`, from the reconciled date, so an id never contradicts its row; an undated
incident is `<base-slug>-undated-<first publication day>`. Storage keeps an id that later evidence
replaces as a redirect to the incident that now holds its reports (storage/database.py).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date, datetime, timedelta, timezone

from extractors.dates import find_dates
from extractors.fingerprint import story_labels
from extractors.gazetteer import lookup
from extractors.records import Incident, IncidentReport
from extractors.unlisted import unlisted_identity

MATCH_WINDOW_DAYS = 1
BASE_KEY_RULES = 3  # the version of base_slug's rules that stored base keys were made by
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class ReportOnFile:
    """A report as stored: the claim plus which article said it and when."""

    report: IncidentReport
    article_url: str
    reported_at: datetime | None
    fingerprint: tuple[int, ...] = ()


@lru_cache(maxsize=16384)  # grouping asks it of every report, storage of every key
def base_slug(base: str) -> str:
    """The base's name in ids, and what tells bases apart: "Ain al-Asad" and "Ain Al Asad" are one base, and an
    installation no gazetteer lists is told by its kind and place, however outlets name it ("Golani Brigade
    training base, Binyamina", "Unnamed military base, Binyamina" and "the Binyamina army camp" are one:
    binyamina-military-base). A name with no Latin letters gets a hash of itself, so two such bases never share a
    slug. Stored keys follow these rules: change them and bump BASE_KEY_RULES, so files are re-keyed on opening."""
    identity = None if lookup(base) else unlisted_identity(base)
    ascii_name = unicodedata.normalize("NFKD", identity or base).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return slug or "base-" + hashlib.sha1(base.casefold().encode("utf-8")).hexdigest()[:8]


def published_day(report: ReportOnFile) -> date | None:
    """The publication day in UTC (what storage gives back, whatever zone the feed used)."""
    return report.reported_at.astimezone(timezone.utc).date() if report.reported_at else None


def report_day(report: ReportOnFile) -> date | None:
    """The day a report is grouped by (rule 1); None for month/year precision and fully undated reports."""
    claim = report.report
    if claim.attack_date is not None:
        return claim.attack_date if claim.date_precision == "day" else None
    return published_day(report)


def lookup_days(report: ReportOnFile) -> list[date | None]:
    """The days storage looks incidents up by (their attack day, or an undated one's id day) that this report
    can join or regroup: an incident holding the report's day or a neighbouring one spans at most three
    days and is dated by one of them, so three days either side (for a month mention: of its month)."""
    claim = report.report
    if claim.date_precision == "month" and claim.attack_date:
        first = claim.attack_date.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return [first + timedelta(days=n) for n in range(-3, (last - first).days + 4)]
    day = report_day(report)
    return [None] if day is None else [day + timedelta(days=n) for n in range(-3, 4)]


def group_reports(reports: Iterable[ReportOnFile]) -> list[list[ReportOnFile]]:
    """The incidents the rules make of these reports: each a list of its reports (one per article)."""
    by_base: dict[str, list[ReportOnFile]] = {}
    for r in reports:
        by_base.setdefault(base_slug(r.report.base), []).append(r)
    incidents: list[list[ReportOnFile]] = []
    for base in sorted(by_base):
        incidents += _group_base(sorted(by_base[base], key=_content_key))
    return incidents


def _group_base(reports: list[ReportOnFile]) -> list[list[ReportOnFile]]:
    primary = [r for r in reports if r.report.is_primary]
    by_day: dict[date | None, list[ReportOnFile]] = {}
    for r in primary:
        by_day.setdefault(report_day(r), []).append(r)
    groups: list[list[ReportOnFile]] = [by_day.pop(None)] if None in by_day else []
    day_of: dict[date, int] = {}
    for day in sorted(by_day, key=lambda d: (_strength(by_day[d]), -d.toordinal()), reverse=True):
        if day in day_of:
            continue
        day_of[day] = len(groups)
        groups.append(list(by_day[day]))
        own = _weapons_named(by_day[day])
        for neighbour in (day - timedelta(days=1), day + timedelta(days=1)):
            if neighbour in by_day and neighbour not in day_of and _weapons_agree(own, _weapons_named(by_day[neighbour])):
                day_of[neighbour] = day_of[day]
                groups[-1] += by_day[neighbour]
    for r in reports:
        if not r.report.is_primary and (n := _background_home(r, by_day, day_of, groups)) is not None:
            groups[n].append(r)
    return [_one_per_article(g) for g in groups]


def _background_home(r: ReportOnFile, by_day: dict, day_of: dict[date, int], groups: list) -> int | None:
    claim = r.report
    if claim.date_precision == "month" and claim.attack_date:
        month = {n for d, n in day_of.items() if (d.year, d.month) == (claim.attack_date.year, claim.attack_date.month)}
        return month.pop() if len(month) == 1 else None
    day = report_day(r)
    if day is None:
        return None
    if day in day_of:
        return day_of[day]
    near = [d for d in (day - timedelta(days=1), day + timedelta(days=1))
            if d in day_of and _weapons_agree(claim.weapons, _weapons_named(by_day[d]))]
    return day_of[near[0]] if near else None


def _one_per_article(reports: list[ReportOnFile]) -> list[ReportOnFile]:
    kept: dict[str, ReportOnFile] = {}
    for r in sorted(reports, key=lambda r: (not r.report.is_primary, _content_key(r))):
        kept.setdefault(r.article_url, r)
    return sorted(kept.values(), key=_content_key)


def _content_key(r: ReportOnFile) -> tuple:
    """A total order on reports by what they say, so nothing depends on the order they came in."""
    c = r.report
    return (r.reported_at is None, r.reported_at or _EPOCH, r.article_url, not c.is_primary,
            c.attack_date or date.min, repr(c))


def _strength(reports: list[ReportOnFile]) -> tuple[int, int, int]:
    """(explicit stories, stories, reports): how well attested a day is."""
    stories = story_labels([r.fingerprint for r in reports])
    explicit = {s for s, r in zip(stories, reports) if _explicit(r)}
    return len(explicit), len(set(stories)), len(reports)


@lru_cache(maxsize=4096)  # grouping and reconciling ask for the same reports again
def _explicit(r: ReportOnFile) -> bool:
    """Whether the report's evidence sentence states its attack day as a calendar date (not "on Sunday")."""
    claim = r.report
    if claim.attack_date is None or claim.date_precision != "day":
        return False
    return any(d.rank == 0 and d.value == claim.attack_date for d in find_dates(claim.evidence, published_day(r)))


def merge(reports: Iterable[ReportOnFile]) -> list[tuple[Incident, list[ReportOnFile]]]:
    """The incident rows these reports make, each with the reports it keeps."""
    merged = []
    for group in group_reports(reports):
        row = reconcile("", group)
        merged.append((replace(row, incident_id=incident_id(group, row.attack_date)), group))
    return merged


def incident_id(incident: list[ReportOnFile], row_date: date | None) -> str:
    """`<base-slug>-<attack date>`; undated: `<base-slug>-undated-<first publication day>`."""
    slug = base_slug(_most_attested([(r.report.base, r) for r in _primary(incident)]))
    if row_date is not None:
        return f"{slug}-{row_date.isoformat()}"
    days = [d for r in _primary(incident) if (d := published_day(r))]
    return f"{slug}-undated-{min(days).isoformat()}" if days else f"{slug}-undated"


def reconcile(incident_id: str, reports: Sequence[ReportOnFile]) -> Incident:
    """The incident row that the rules in this module's docstring derive from its reports."""
    primary = _primary(reports)
    attack_date = reconciled_date(reports)
    coordinates = _most_attested([((r.report.latitude, r.report.longitude), r) for r in primary
                                  if r.report.latitude is not None and r.report.longitude is not None])
    location_precision = _most_attested([(r.report.location_precision, r) for r in primary if r.report.location_precision
                                         and (r.report.latitude, r.report.longitude) == coordinates])
    times = [r.reported_at for r in reports if r.reported_at]
    articles = {r.article_url: r.fingerprint for r in primary}
    return Incident(
        incident_id=incident_id,
        base=_most_attested([(r.report.base, r) for r in primary]),
        country=_most_attested([(r.report.country, r) for r in primary if r.report.country]),
        latitude=coordinates[0] if coordinates else None,
        longitude=coordinates[1] if coordinates else None,
        attack_date=attack_date,
        date_precision="day" if attack_date else None,
        weapons=agreed_weapons(primary),
        projectiles=_agreed_figure([(r.report.projectiles, r) for r in primary if r.report.projectiles is not None]),
        killed=_latest([(r.report.killed, r) for r in primary if r.report.killed is not None]),
        wounded=_latest([(r.report.wounded, r) for r in primary if r.report.wounded is not None]),
        claimed_by=_latest([(r.report.claimed_by, r) for r in primary if r.report.claimed_by]),
        suspected=_latest([(r.report.suspected, r) for r in primary if r.report.suspected]),
        first_reported_at=min(times, default=None),
        last_reported_at=max(times, default=None),
        source_count=len(articles),
        independent_sources=len(set(story_labels(list(articles.values())))),
        location_precision=location_precision,
    )


def reconciled_date(reports: Sequence[ReportOnFile]) -> date | None:
    dated: dict[date, list[ReportOnFile]] = {}
    for r in _primary(reports):
        if r.report.attack_date and r.report.date_precision == "day":
            dated.setdefault(r.report.attack_date, []).append(r)
    return min(dated, key=lambda d: (tuple(-n for n in _strength(dated[d])), d), default=None)


def agreed_weapons(primary: Sequence[ReportOnFile]) -> tuple[str, ...]:
    naming = [r for r in primary if set(r.report.weapons) - {"unknown"}]
    if not naming:
        return ("unknown",) if primary else ()
    stories = story_labels([r.fingerprint for r in naming])
    support = {w: len({s for s, r in zip(stories, naming) if w in r.report.weapons})
               for r in naming for w in r.report.weapons if w != "unknown"}
    total = len(set(stories))
    kept = [w for w, n in support.items() if 2 * n >= total] or \
        [w for w, n in support.items() if n == max(support.values())]
    return tuple(sorted(kept))


def _primary(reports: Sequence[ReportOnFile]) -> list[ReportOnFile]:
    return [r for r in reports if r.report.is_primary]


def _latest_time(reports: list[ReportOnFile]) -> tuple:
    return max((r.reported_at is not None, r.reported_at or _EPOCH) for r in reports)


def _most_attested(values: Sequence[tuple[object, ReportOnFile]]):
    """The value most stories give; ties: the smallest."""
    return _best(values, lambda v, reports, stories: (stories,))


def _agreed_figure(values: Sequence[tuple[int, ReportOnFile]]) -> int | None:
    """The figure most stories give; ties: the latest report's, then the larger ("at least four" beside 3)."""
    return _best(values, lambda v, reports, stories: (stories, _latest_time(reports), v))


def _latest(values: Sequence[tuple[object, ReportOnFile]]):
    """The latest report's value; ties (same publication time) by most stories, then the larger value."""
    return _best(values, lambda v, reports, stories: (_latest_time(reports), stories, v))


def _best(values: Sequence[tuple[object, ReportOnFile]], rank: Callable[[object, list[ReportOnFile], int], tuple]):
    """The value ranked highest by `rank(value, its reports, its story count)`; full ties: the smallest."""
    by_value: dict[object, list[ReportOnFile]] = {}
    for value, r in values:
        by_value.setdefault(value, []).append(r)
    labels = dict(zip((id(r) for _, r in values), story_labels([r.fingerprint for _, r in values])))
    return max(sorted(by_value), key=lambda v: rank(v, by_value[v], len({labels[id(r)] for r in by_value[v]})),
               default=None)


_WEAPON_KIND = {"rocket": "indirect fire", "missile": "indirect fire", "mortar": "indirect fire",
                "drone": "drone", "ied": "ied", "gunfire": "assault", "ground_assault": "assault"}


def _weapons_named(reports: Sequence[ReportOnFile]) -> tuple[str, ...]:
    return tuple(sorted({w for r in reports for w in r.report.weapons}))


def _weapons_agree(a: Iterable[str], b: Iterable[str]) -> bool:
    kinds_a = {_WEAPON_KIND[w] for w in a if w in _WEAPON_KIND}
    kinds_b = {_WEAPON_KIND[w] for w in b if w in _WEAPON_KIND}
    return not kinds_a or not kinds_b or bool(kinds_a & kinds_b)
