"""Webhook delivery from the `alerts` outbox: the incident is stored first, then its alert is queued, then
sent. A failed POST stays queued (with its error and attempt count) and is tried again on the next run.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import httpx

from extractors.alerts import alerts_for
from extractors.dedup import Incident
from extractors.fetch import FetchError
from extractors.retry import RetryPolicy, with_retries
from storage.feed_health import Delivery, enqueue_alerts, pending_alerts, record_deliveries

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


def deliver_pending(db_path: Path, webhook_url: str, retry: RetryPolicy, timeout_seconds: float = 10.0) -> AlertResult:
    """POST every queued alert; record each outcome. Never raises for a failed delivery."""
    pending = pending_alerts(db_path)
    deliveries, failed = [], []
    with httpx.Client(timeout=timeout_seconds, trust_env=False) as client:
        for alert in pending:
            try:
                with_retries(lambda: _post(client, webhook_url, alert.payload), retry)
                error = None
            except FetchError as exc:
                error = exc.reason
                failed.append(f"{webhook_url}: alert {alert.kind} {alert.incident_id} not delivered "
                              f"(attempt {alert.attempts + 1}): {exc.reason}")
            deliveries.append(Delivery(alert.alert_id, datetime.now(timezone.utc), error))
    record_deliveries(db_path, deliveries)
    return AlertResult(0, len(deliveries) - len(failed), tuple(failed))


def _post(client: httpx.Client, url: str, body: str) -> None:
    try:
        response = client.post(url, content=body.encode("utf-8"),
                               headers={"Content-Type": "application/json", "User-Agent": "basewatch-alerts"})
    except httpx.TimeoutException as exc:
        raise FetchError(url, "timed out") from exc
    except httpx.ConnectError as exc:
        raise FetchError(url, "connection refused" if "refused" in str(exc).lower() else f"cannot connect ({exc})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc
    if not 200 <= response.status_code < 300:
        raise FetchError(url, f"HTTP {response.status_code}")
