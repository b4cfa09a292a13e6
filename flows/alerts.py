"""Webhook delivery from the `alerts` outbox: the incident is stored first, then its alert is queued, then
sent. A failed POST stays queued (with its error and attempt count) and is tried again on the next run.
Posting goes through `extractors.fetch.post`: the same timeouts, total deadline and client as every fetch;
the webhook URL is configured by the user, so it is trusted like a configured feed.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from extractors.alerts import alerts_for
from extractors.fetch import FetchError, HttpPolicy, new_client, post
from extractors.records import Incident
from extractors.retry import RetryPolicy, with_retries
from storage.alerts_outbox import Delivery, enqueue_alerts, pending_alerts, record_deliveries

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AlertResult:
    queued: int
    delivered: int
    failed: tuple[str, ...]  # one line per alert that stays queued


def queue_alerts(db_path: Path, new: Sequence[Incident], updated: Sequence[Incident],
                 before: dict[str, tuple[int | None, int | None]]) -> int:
    alerts = alerts_for(new, updated, before)
    return enqueue_alerts(db_path, [(a.alert_id, a.incident_id, a.kind, a.payload) for a in alerts],
                          datetime.now(timezone.utc))


def deliver_pending(db_path: Path, webhook_url: str, retry: RetryPolicy, policy: HttpPolicy) -> AlertResult:
    """POST every queued alert; record each outcome. Never raises for a failed delivery."""
    pending = pending_alerts(db_path)
    deliveries, failed = [], []
    with new_client(policy) as client:
        for alert in pending:
            try:
                with_retries(lambda: post(client, webhook_url, alert.payload.encode("utf-8"), policy), retry)
                error = None
            except FetchError as exc:
                error = exc.reason
                failed.append(f"{webhook_url}: alert {alert.kind} {alert.incident_id} not delivered "
                              f"(attempt {alert.attempts + 1}): {exc.reason}")
            deliveries.append(Delivery(alert.alert_id, datetime.now(timezone.utc), error))
    record_deliveries(db_path, deliveries)
    return AlertResult(0, len(deliveries) - len(failed), tuple(failed))

