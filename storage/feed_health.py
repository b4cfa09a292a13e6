"""SQL for unattended operation: feed health, the incidents a run touched, the daily digest's window and
the webhook outbox. Every function opens the file for its own short job, like storage.database.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from extractors.dedup import Incident
from storage.database import (INCIDENT_COLUMNS, LOCK_WAIT_SECONDS, connect, incident_from_row, insert_rows,
                              transaction)


@dataclass(frozen=True)
class FeedHealth:
    url: str
    name: str
    last_polled_at: datetime | None
    last_status: str | None  # ok | not modified | error | backing off
    last_error: str | None
    consecutive_failures: int
    last_success_at: datetime | None
    items_seen: int


@dataclass(frozen=True)
class DigestEntry:
    incident: Incident
    is_new: bool  # every article behind it was fetched inside the window
    articles: int  # articles fetched inside the window that report it


@dataclass(frozen=True)
class PendingAlert:
    alert_id: str
    incident_id: str
    kind: str
    payload: str
    attempts: int


@dataclass(frozen=True)
class Delivery:
    alert_id: str
    attempted_at: datetime
    error: str | None  # None: delivered


def feed_health(path: Path | str, lock_wait_seconds: float = LOCK_WAIT_SECONDS,
                read_only: bool = True) -> list[FeedHealth]:
    with connect(path, read_only=read_only, lock_wait_seconds=lock_wait_seconds) as con:
        rows = con.execute(
            "SELECT url, name, last_polled_at, last_status, last_error, coalesce(consecutive_failures, 0), "
            "last_success_at, coalesce(items_seen, 0) FROM feeds ORDER BY name, url").fetchall()
    return [FeedHealth(*row) for row in rows]


def mark_backing_off(path: Path | str, urls: Sequence[str]) -> None:
    """Show that a feed was skipped on purpose; its failure count, last error and poll time stay as they are."""
    if not urls:
        return
    with connect(path) as con:
        con.execute("UPDATE feeds SET last_status = 'backing off' WHERE list_contains(?, url)", [list(urls)])


def incidents_learned_since(path: Path | str, since: datetime,
                            lock_wait_seconds: float = LOCK_WAIT_SECONDS) -> list[DigestEntry]:
    """Incidents backed by at least one article fetched at or after `since`, newest attack first."""
    columns = ", ".join("i." + c for c in INCIDENT_COLUMNS)
    with connect(path, read_only=True, lock_wait_seconds=lock_wait_seconds) as con:
        rows = con.execute(
            f"""
            SELECT {columns}, min(a.fetched_at) >= ?, count(*) FILTER (WHERE a.fetched_at >= ?)
            FROM incidents i
            JOIN incident_reports r ON r.incident_id = i.incident_id
            JOIN articles a ON a.url = r.article_url
            GROUP BY ALL
            HAVING max(a.fetched_at) >= ?
            ORDER BY i.attack_date DESC NULLS LAST, i.base
            """,
            [since, since, since],
        ).fetchall()
    width = len(INCIDENT_COLUMNS)
    return [DigestEntry(incident_from_row(row[:width]), bool(row[width]), row[width + 1]) for row in rows]


def enqueue_alerts(path: Path | str, alerts: Sequence[tuple[str, str, str, str]], created_at: datetime) -> int:
    """Add (alert_id, incident_id, kind, payload) rows; an id already queued or sent is skipped. Returns rows added."""
    if not alerts:
        return 0
    with connect(path) as con, transaction(con):
        before = con.execute("SELECT count(*) FROM alerts").fetchone()[0]
        insert_rows(con, "alerts", ("alert_id", "incident_id", "kind", "payload", "created_at"),
                     [(*a, created_at) for a in alerts], on_conflict="DO NOTHING")
        return con.execute("SELECT count(*) FROM alerts").fetchone()[0] - before


def pending_alerts(path: Path | str, limit: int = 500) -> list[PendingAlert]:
    with connect(path) as con:
        rows = con.execute("SELECT alert_id, incident_id, kind, payload, coalesce(attempts, 0) FROM alerts "
                           "WHERE delivered_at IS NULL ORDER BY created_at, alert_id LIMIT ?", [limit]).fetchall()
    return [PendingAlert(*row) for row in rows]


def record_deliveries(path: Path | str, deliveries: Sequence[Delivery]) -> None:
    if not deliveries:
        return
    with connect(path) as con, transaction(con):
        for d in deliveries:
            con.execute(
                "UPDATE alerts SET attempts = coalesce(attempts, 0) + 1, last_attempt_at = ?, last_error = ?, "
                "delivered_at = CASE WHEN ? IS NULL THEN ? ELSE NULL END WHERE alert_id = ?",
                [d.attempted_at, d.error, d.error, d.attempted_at, d.alert_id])
