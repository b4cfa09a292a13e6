"""Replay stored articles through the detector and the merge rules, to see every decision they make.

Used after changing the detector or the dedup rules: the replay starts from an empty incident list,
so its result can be compared with what the database holds.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from extractors.dedup import assign_incidents
from extractors.detect import detect
from extractors.records import Article


@dataclass(frozen=True)
class ReplayDecision:
    article_url: str
    base: str
    attack_date: date | None
    is_primary: bool
    incident_id: str | None
    action: str  # "new" | "merge" | "corroborate" | "drop"
    evidence: str


def replay(articles: Iterable[Article]) -> Iterator[ReplayDecision]:
    """Decisions in publication order, as the pipeline would make them reading the articles afresh.

    Articles are read one at a time and only their claims are kept, so memory follows the number of
    attack reports, not the size of the stored texts."""
    claims = sorted(
        ((article.published_at is None, article.published_at or article.fetched_at, article.url, n),
         article.url, _day(article), report)
        for article in articles
        for n, report in enumerate(detect(article.text, _day(article), article.title).reports))
    decisions = assign_incidents([(report, day) for _, _, day, report in claims], [])
    seen: set[str] = set()
    for (_, url, _, report), (_, incident) in zip(claims, decisions):
        if incident is None:
            action = "drop"
        elif incident.incident_id not in seen:
            action = "new"
            seen.add(incident.incident_id)
        else:
            action = "merge" if report.is_primary else "corroborate"
        yield ReplayDecision(url, report.base, report.attack_date, report.is_primary,
                             incident.incident_id if incident else None, action, report.evidence)


def _day(article: Article) -> date | None:
    return article.published_at.date() if article.published_at else None
