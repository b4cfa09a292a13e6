"""Bounded retries around one fetch (only transient failures, only while the fetch is still young), and the
back-off schedule of a feed that keeps failing.

A transient failure is HTTP 429, 500, 502, 503 or 504, a timeout, or a refused/reset connection. A 404, a
DNS failure, a refused address or a body over the cap is not retried: trying again gives the same answer.

The budget keeps a dead feed from slowing every run: no new attempt starts once the time spent on this
fetch (attempts and waits together) would pass `budget_seconds`. The wait doubles from `first_delay`; a
short `Retry-After` in seconds is honoured when it fits in the budget, a long one ends the retries.
"""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from extractors.fetch import FetchError

log = logging.getLogger(__name__)
T = TypeVar("T")

_TRANSIENT = re.compile(r"^(HTTP (429|500|502|503|504)\b|timed out|gave up at the|connection refused|"
                        r"cannot connect|RemoteProtocolError|ReadError|WriteError)")
_RETRY_AFTER = re.compile(r"retry after (\d+)\)")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    budget_seconds: float = 10.0
    first_delay: float = 0.5


def is_transient(error: FetchError) -> bool:
    return bool(_TRANSIENT.match(error.reason))


def with_retries(attempt: Callable[[], T], policy: RetryPolicy,
                    sleep: Callable[[float], None] = time.sleep,
                    clock: Callable[[], float] = time.monotonic) -> T:
    """Call `attempt()` until it returns, retrying transient `FetchError`s within the policy."""
    started = clock()
    delay = policy.first_delay
    for number in range(1, policy.attempts + 1):
        try:
            return attempt()
        except FetchError as exc:
            if number == policy.attempts or not is_transient(exc):
                raise
            wait = _retry_after(exc) or delay
            if clock() - started + wait > policy.budget_seconds:
                raise
            log.info("%s: attempt %d failed (%s), retrying in %.1f s", exc.url, number, exc.reason, wait)
            sleep(wait)
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def _retry_after(error: FetchError) -> float | None:
    found = _RETRY_AFTER.search(error.reason)
    return float(found.group(1)) if found else None


def next_poll_at(last_polled_at: datetime | None, consecutive_failures: int, backoff_minutes: int,
                 max_hours: int) -> datetime | None:
    """When a failing feed may be polled again: last poll + min(2^(failures-1) x backoff, max).

    None when the feed is not backing off: fewer than two failures in a row (one failure may be a blip,
    and the next scheduled run tries again), or never polled.
    """
    if last_polled_at is None or consecutive_failures < 2:
        return None
    delay = min(timedelta(minutes=backoff_minutes) * 2 ** min(consecutive_failures - 1, 20),
                timedelta(hours=max_hours))
    return last_polled_at + delay
