"""Replay stored articles through the detector and the merge rules, to see every decision they make.

Used after changing the detector or the dedup rules: the replay starts from nothing, so its incidents can be
compared, row for row, with what the database holds. The merge is a function of the set of reports
(extractors/dedup.py), so a database built in any order and batches must equal its replay.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from extractors.dedup import ReportOnFile, merge
from extractors.detect import detect
from extractors.fingerprint import text_fingerprint
from extractors.records import Article, Incident


@dataclass(frozen=True)
class ReplayDecision:
    article_url: str
    base: str
    attack_date: date | None
    is_primary: bool
    incident_id: str | None
    action: str  # "new" | "merge" | "corroborate" | "drop"
    evidence: str


@dataclass(frozen=True)
class Replay:
    decisions: tuple[ReplayDecision, ...]  # in publication order
    incidents: tuple[Incident, ...]


def replay(articles: Iterable[Article]) -> Replay:
    """The incidents the articles make read afresh, and each claim's fate in publication order.

    Articles are read one at a time and only their claims are kept, so memory follows the number of
    attack reports, not the size of the stored texts."""
    claims: list[tuple[tuple, ReportOnFile]] = []
    for article in articles:
        reports = detect(article.text, _day(article), article.title).reports
        sketch = text_fingerprint(article.text) if reports else ()
        claims += [((article.published_at is None, article.published_at or article.fetched_at, article.url, n),
                    ReportOnFile(report, article.url, article.published_at, sketch))
                   for n, report in enumerate(reports)]
    merged = merge(claim for _, claim in claims)
    home = {id(r): incident.incident_id for incident, reports in merged for r in reports}
    seen: set[str] = set()
    decisions = []
    for _, claim in sorted(claims, key=lambda c: c[0]):
        incident_id = home.get(id(claim))
        if incident_id is None:
            action = "drop"
        elif incident_id not in seen:
            action = "new"
            seen.add(incident_id)
        else:
            action = "merge" if claim.report.is_primary else "corroborate"
        decisions.append(ReplayDecision(claim.article_url, claim.report.base, claim.report.attack_date,
                                        claim.report.is_primary, incident_id, action, claim.report.evidence))
    return Replay(tuple(decisions), tuple(incident for incident, _ in merged))


def differences(replayed: Iterable[Incident], stored: Iterable[Incident]) -> list[str]:
    """One line per incident whose stored row differs from its replay (`id: field stored -> replayed`)."""
    by_id = {i.incident_id: i for i in stored}
    lines = []
    for incident in replayed:
        on_file = by_id.get(incident.incident_id)
        if on_file is None:
            continue
        changed = [f"{f.name} {getattr(on_file, f.name)!r} -> {getattr(incident, f.name)!r}" for f in fields(Incident)
                   if getattr(on_file, f.name) != getattr(incident, f.name)]
        if changed:
            lines.append(f"{incident.incident_id}: {'; '.join(changed)}")
    return lines


def _day(article: Article) -> date | None:
    return article.published_at.date() if article.published_at else None
