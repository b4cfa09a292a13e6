"""`basewatch serve`: one long-running process that serves all three deployments with their schedules.

The same names and schedules as prefect.yaml (a test keeps them equal), so
`prefect deployment run monitor-feeds/every-15-minutes` works whichever way basewatch is run; use one
way at a time against one server. Prefect pauses served schedules when `serve` exits unless told not to:
basewatch passes `pause_on_shutdown=False` and `paused=False`, so Ctrl-C leaves the schedules active and a
restart (or a worker) carries on. The deployments that write DuckDB take one run at a time and queue the next.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.schedules import Cron

from flows.backfill import backfill
from flows.digest import daily_digest
from flows.monitor import monitor_feeds

TIMEZONE = "UTC"
# how long Prefect's runner may take to shut down after Ctrl-C before the process leaves without it
SHUTDOWN_GRACE_SECONDS = 15


@dataclass(frozen=True)
class Plan:
    flow_name: str
    deployment: str
    cron: str | None  # None: manual runs only
    writes: bool  # writes DuckDB: one run at a time, the next one queued (ENQUEUE), as in prefect.yaml


PLANS = (Plan("monitor-feeds", "every-15-minutes", "*/15 * * * *", writes=True),
         Plan("backfill", "manual", None, writes=True),
         Plan("daily-digest", "daily", "0 6 * * *", writes=False))
ONE_WRITER = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)


def build_deployments(feeds_file: Path | None, db_path: Path) -> list:
    flows = {"monitor-feeds": (monitor_feeds, {"feeds_file": str(feeds_file) if feeds_file else None,
                                               "db_path": str(db_path)}),
             "backfill": (backfill, {"db_path": str(db_path)}),
             "daily-digest": (daily_digest, {"db_path": str(db_path)})}
    deployments = []
    for plan in PLANS:
        flow, parameters = flows[plan.flow_name]
        deployments.append(flow.to_deployment(
            name=plan.deployment, parameters=parameters, paused=False,
            schedules=[Cron(plan.cron, timezone=TIMEZONE)] if plan.cron else None,
            concurrency_limit=ONE_WRITER if plan.writes else None,
            description=(flow.description or "").splitlines()[0] if flow.description else None))
    return deployments


def serve_all(feeds_file: Path | None, db_path: Path, stopped: Callable[[], None], limit: int = 2) -> None:
    """Blocks until Ctrl-C/SIGTERM; runs at most `limit` flow runs at once. Schedules stay active on exit, and
    `stopped` is called once the process is about to leave."""
    left = threading.Event()

    def leave() -> None:
        if not left.is_set():
            stopped()
        os._exit(0)

    def interrupted(signum: int, frame: object) -> None:
        # Prefect's runner now and then hangs in its own shutdown after a Ctrl-C (it looked like an ignored Ctrl-C
        # that a second one ended): the process leaves after a grace period, schedules active as on a clean stop
        signal.signal(signal.SIGINT, signal.default_int_handler)
        timer = threading.Timer(SHUTDOWN_GRACE_SECONDS, leave)
        timer.daemon = True
        timer.start()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        serve(*build_deployments(feeds_file, db_path), pause_on_shutdown=False, limit=limit)
    finally:
        signal.signal(signal.SIGINT, previous)
    left.set()
    stopped()
