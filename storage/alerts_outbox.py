"""The webhook outbox (`alerts` table): alerts are queued in the run that stores their incident, and each
delivery attempt is recorded, so a failed one stays queued for the next run."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storage.database import connect, insert_rows
from storage.layout import transaction


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
