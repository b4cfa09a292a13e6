"""Each feed's health as the monitor records it: last poll, last success, last error, failures in a row, and
the "backing off" mark of a feed skipped on purpose. Every function opens the file for its own short job."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage.database import LOCK_WAIT_SECONDS, connect


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
