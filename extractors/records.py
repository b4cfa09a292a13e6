"""The records that cross basewatch's layers: small, frozen and typed.

Feeds become `FeedItem`s, pages become `Article`s, the detector turns one article into
`IncidentReport`s (one claim, with its evidence sentence) and storage merges reports into `Incident`s.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

WEAPONS = ("rocket", "mortar", "drone", "missile", "ied", "gunfire", "ground_assault", "unknown")


@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str


@dataclass(frozen=True)
class FeedItem:
    feed_url: str
    url: str  # canonical article URL
    title: str
    published_at: datetime | None
    summary: str = ""


@dataclass(frozen=True)
class Article:
    url: str  # canonical
    title: str
    text: str
    published_at: datetime | None
    fetched_at: datetime
    feed_url: str


@dataclass(frozen=True)
class IncidentReport:
    """One article's claim about one attack, with the sentence that says so."""

    base: str
    country: str | None
    latitude: float | None
    longitude: float | None
    attack_date: date | None
    date_precision: str | None  # "day" | "month" | "year" | None when unknown
    weapons: tuple[str, ...]
    projectiles: int | None
    killed: int | None
    wounded: int | None
    claimed_by: str | None
    suspected: str | None
    is_primary: bool
    evidence: str
    location_precision: str | None = None  # what the coordinates are of: "base" | "town" | "province" | "country"


@dataclass(frozen=True)
class Detection:
    is_attack_report: bool
    reports: tuple[IncidentReport, ...] = field(default_factory=tuple)

    @property
    def primary(self) -> tuple[IncidentReport, ...]:
        return tuple(r for r in self.reports if r.is_primary)


@dataclass(frozen=True)
class AnalysedArticle:
    """An article with what the detector found in it: the unit storage writes."""

    article: Article
    detection: Detection


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
    location_precision: str | None = None  # what the coordinates are of: "base" | "town" | "province" | "country"
