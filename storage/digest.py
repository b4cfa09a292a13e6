"""The daily digest's query: which incidents an article fetched inside a time window reported."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from extractors.records import Incident
from storage.database import INCIDENT_COLUMNS, LOCK_WAIT_SECONDS, connect, incident_from_row


@dataclass(frozen=True)
class DigestEntry:
    incident: Incident
    is_new: bool  # every article behind it was fetched inside the window
    articles: int  # articles fetched inside the window that report it


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
