"""Each feed's health as the monitor records it: last poll, last success, last error, failures in a row, and
the "backing off" mark of a feed skipped on purpose. Every function opens the file for its own short job."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage.database import LOCK_WAIT_SECONDS, connect
from storage.layout import transaction


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None
    last_modified: str | None
    consecutive_failures: int


@dataclass(frozen=True)
class FeedStatus:
    url: str
    name: str
    status: str  # "ok" | "not modified" | "error"
    error: str | None
    etag: str | None
    last_modified: str | None
    items_seen: int
    polled_at: datetime


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


def feed_states(path: Path | str) -> dict[str, FeedState]:
    with connect(path) as con:
        rows = con.execute("SELECT url, etag, last_modified, consecutive_failures FROM feeds").fetchall()
    return {row[0]: FeedState(row[0], row[1], row[2], row[3] or 0) for row in rows}


def save_feed_statuses(path: Path | str, statuses: Sequence[FeedStatus]) -> None:
    """Record each feed's poll; validators are kept across errors so the next poll can still be conditional."""
    if not statuses:
        return
    with connect(path) as con, transaction(con):
        for s in statuses:
            failed = s.status == "error"
            con.execute(
                """
                INSERT INTO feeds AS f (url, name, etag, last_modified, last_polled_at, last_status, last_error,
                                        consecutive_failures, last_success_at, items_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET
                    name = excluded.name,
                    etag = coalesce(excluded.etag, f.etag),
                    last_modified = coalesce(excluded.last_modified, f.last_modified),
                    last_polled_at = excluded.last_polled_at,
                    last_status = excluded.last_status,
                    last_error = excluded.last_error,
                    consecutive_failures = CASE WHEN excluded.last_status = 'error'
                                                THEN f.consecutive_failures + 1 ELSE 0 END,
                    last_success_at = coalesce(excluded.last_success_at, f.last_success_at),
                    items_seen = f.items_seen + excluded.items_seen
                """,
                [s.url, s.name, s.etag, s.last_modified, s.polled_at, s.status, s.error,
                 1 if failed else 0, None if failed else s.polled_at, s.items_seen],
            )
