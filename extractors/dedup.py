"""Which stored incident a new report belongs to, and what an incident's row says: pure functions.

Matching rules, in the order they are applied to each report:
1. Only reports naming the same canonical base (case-insensitive) can be the same attack.
2. A day-precision report matches an incident at that base whose attack date is the same day or one
   day either side ("overnight" and time-zone differences); the closest date wins, then the oldest id.
3. Nothing may contradict the match: a report dated a day away from an incident joins it only if
   their weapons can describe one attack. Outlets name the same salvo "rockets", "missiles" or
   "mortars", so those count as one kind (indirect fire); drones, IEDs and gunfire/ground assaults
   are kinds of their own. A mortar attack and a drone attack a day apart are two attacks; on the
   same day at the same base, reports merge whatever weapons they name.
4. A primary report that matches nothing creates a new incident whose id is `<base-slug>-<date>`
   (`-2`, `-3` … when that id is taken by an attack the rules kept apart), so re-runs and back-fills
   of the same articles always reach the same ids.
5. A background report (an earlier attack mentioned in passing) only corroborates: it joins an
   incident by rules 1–3 (a month-precision mention joins the one incident at that base in that month,
   if there is exactly one) and never creates an incident.
6. A report without an attack date is matched like a day-precision report dated on its article's
   publication day; if it creates an incident, the incident's date stays unknown.

Reconciling an incident from all of its reports (every report keeps its own values in storage):
- attack date: the day most primary reports give (ties: the earliest); precision follows it;
- weapons: the union of what primary reports name ("unknown" only when nothing else is named);
- projectiles, killed, wounded: the largest figure any primary report gives, because later reports
  revise counts upwards ("at least 10 rockets" becomes 14; casualties rise) far more often than down;
- claimed_by and suspected: the most recent primary report that names one;
- first/last_reported_at: the earliest and latest publication time; source_count: distinct articles
  that report the attack as their own news; independent_sources counts syndicated copies of one wire
  story (near-duplicate text, see extractors/fingerprint.py) once.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from extractors.fingerprint import count_independent
from extractors.records import IncidentReport

MATCH_WINDOW_DAYS = 1
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class StoredIncident:
    """What the matcher needs to know of an incident already on file."""

    incident_id: str
    base: str
    attack_date: date | None
    weapons: tuple[str, ...]


@dataclass(frozen=True)
class ReportOnFile:
    """A report as stored: the claim plus which article said it and when."""

    report: IncidentReport
    article_url: str
    reported_at: datetime | None
    fingerprint: tuple[int, ...] = ()


@dataclass(frozen=True)
class Incident:
    incident_id: str
    base: str
    country: str | None
    latitude: float | None
    longitude: float | None
    attack_date: date | None
    date_precision: str | None
    weapons: tuple[str, ...]
    projectiles: int | None
    killed: int | None
    wounded: int | None
    claimed_by: str | None
    suspected: str | None
    first_reported_at: datetime | None
    last_reported_at: datetime | None
    source_count: int
    independent_sources: int


def base_slug(base: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "unnamed"


def assign_incidents(
    reports: list[tuple[IncidentReport, date | None]], on_file: list[StoredIncident]
) -> list[tuple[IncidentReport, StoredIncident | None]]:
    """Pair each (report, publication day) with the incident it belongs to, creating incidents as needed.

    `None` means the report is dropped: a background mention that corroborates nothing.
    Incidents created here are visible to later reports in the same call.
    """
    by_base: dict[str, list[StoredIncident]] = {}
    for incident in on_file:
        by_base.setdefault(incident.base.casefold(), []).append(incident)
    taken = {incident.incident_id for incident in on_file}
    decisions: list[tuple[IncidentReport, StoredIncident | None]] = []
    for report, published_day in reports:
        same_base = by_base.setdefault(report.base.casefold(), [])
        match = find_match(report, published_day, same_base)
        if match is None and report.is_primary:
            match = _new_incident(report, taken)
            same_base.append(match)
            taken.add(match.incident_id)
        elif match is not None and report.is_primary and not set(report.weapons) <= set(match.weapons):
            # later reports in this call see the weapons the incident has gathered so far
            grown = replace(match, weapons=tuple(sorted(set(match.weapons) | set(report.weapons))))
            same_base[same_base.index(match)] = grown
        decisions.append((report, match))
    return decisions


def search_window(report: IncidentReport, published_day: date | None) -> tuple[date, date] | None:
    """The attack dates an incident may have to match the report (None: it can match nothing)."""
    if report.date_precision == "month" and report.attack_date and not report.is_primary:
        first = report.attack_date.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    if report.date_precision not in (None, "day"):
        return None
    day = report.attack_date or published_day
    if day is None:
        return None
    return day - timedelta(days=MATCH_WINDOW_DAYS), day + timedelta(days=MATCH_WINDOW_DAYS)


def find_match(report: IncidentReport, published_day: date | None,
               on_file: list[StoredIncident]) -> StoredIncident | None:
    """The incident the rules pair the report with, among incidents on file (any base)."""
    window = search_window(report, published_day)
    if window is None:
        return None
    same_base = [i for i in on_file if i.attack_date and window[0] <= i.attack_date <= window[1]
                 and i.base.casefold() == report.base.casefold()]
    if report.date_precision == "month":
        return same_base[0] if len(same_base) == 1 else None
    day = report.attack_date or published_day
    close = [i for i in same_base if i.attack_date == day or _weapons_agree(i.weapons, report.weapons)]
    return min(close, key=lambda i: (abs((i.attack_date - day).days), i.incident_id), default=None)


def reconcile(incident_id: str, reports: list[ReportOnFile]) -> Incident:
    """The incident row that the rules in this module's docstring derive from its reports."""
    primary = [r for r in reports if r.report.is_primary] or list(reports)
    dated = [r.report for r in primary if r.report.attack_date and r.report.date_precision == "day"]
    attack_date, precision = None, None
    if dated:
        counts = Counter(r.attack_date for r in dated)
        attack_date = min(counts, key=lambda d: (-counts[d], d))
        precision = "day"
    first = primary[0].report
    latest_first = sorted(primary, key=lambda r: (r.reported_at is not None, r.reported_at or _EPOCH),
                          reverse=True)
    times = [r.reported_at for r in reports if r.reported_at]
    primary_articles = {r.article_url: r.fingerprint for r in reports if r.report.is_primary}
    return Incident(
        incident_id=incident_id,
        base=first.base,
        country=next((r.report.country for r in primary if r.report.country), None),
        latitude=next((r.report.latitude for r in primary if r.report.latitude is not None), None),
        longitude=next((r.report.longitude for r in primary if r.report.longitude is not None), None),
        attack_date=attack_date,
        date_precision=precision,
        weapons=_merged_weapons(r.report.weapons for r in primary),
        projectiles=_largest(r.report.projectiles for r in primary),
        killed=_largest(r.report.killed for r in primary),
        wounded=_largest(r.report.wounded for r in primary),
        claimed_by=next((r.report.claimed_by for r in latest_first if r.report.claimed_by), None),
        suspected=next((r.report.suspected for r in latest_first if r.report.suspected), None),
        first_reported_at=min(times, default=None),
        last_reported_at=max(times, default=None),
        source_count=len(primary_articles),
        independent_sources=count_independent(list(primary_articles.values())),
    )


def _new_incident(report: IncidentReport, taken: set[str]) -> StoredIncident:
    stem = f"{base_slug(report.base)}-{report.attack_date.isoformat() if report.attack_date else 'undated'}"
    incident_id, n = stem, 1
    while incident_id in taken:
        n += 1
        incident_id = f"{stem}-{n}"
    return StoredIncident(incident_id, report.base, report.attack_date, report.weapons)


_WEAPON_KIND = {"rocket": "indirect fire", "missile": "indirect fire", "mortar": "indirect fire",
                "drone": "drone", "ied": "ied", "gunfire": "assault", "ground_assault": "assault"}


def _weapons_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    kinds_a = {_WEAPON_KIND[w] for w in a if w in _WEAPON_KIND}
    kinds_b = {_WEAPON_KIND[w] for w in b if w in _WEAPON_KIND}
    return not kinds_a or not kinds_b or bool(kinds_a & kinds_b)


def _merged_weapons(weapon_lists) -> tuple[str, ...]:
    named = set().union(*weapon_lists)
    return tuple(sorted(named - {"unknown"})) or (("unknown",) if named else ())


def _largest(values) -> int | None:
    present = [v for v in values if v is not None]
    return max(present, default=None)
