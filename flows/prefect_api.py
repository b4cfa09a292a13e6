"""A temporary Prefect API for one command, started at the command's first step rather than after its imports.

Prefect's ephemeral mode starts its temporary server when the first client is made: after the command has
imported the flow (~1.4 s), after importing the server's own modules into this process (~1.7 s), and it then
waits ~3.5 s while the server imports the same modules again. Starting that same server (Prefect's
`create_app(ephemeral=True)` under uvicorn, which is what ephemeral mode runs) before the imports lets it
boot on another core meanwhile, and this process never imports the server: about 3 s less per run
(`benchmarks/bench_pipeline.py`, `../shared/tools/perf_vs_floor.py`). Anything that names an API (the
environment, a Prefect profile, `prefect.toml`) wins: then the early server is stopped unused.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
START_ATTEMPTS = 3  # a port taken between choosing it and the server binding it costs one more start
STOP_SECONDS = 5  # as Prefect's own temporary server: terminate, then kill
# The server records a run's last task-run events just after the flow returns; stopped at that moment it logs
# their loss as an error with a traceback (on every run that had little to do). 0.2 s sufficed on an idle machine.
RECORD_GRACE_SECONDS = 0.5


def ephemeral_app():
    """uvicorn's factory: the API without UI and with only the services a temporary server runs."""
    from prefect.server.api.server import create_app

    return create_app(ephemeral=True, final=True)


class TemporaryApi:
    """One uvicorn process serving `ephemeral_app` on a free loopback port; `url` is its API address."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self._start()

    def _start(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/api"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(PROJECT_ROOT), "--factory",
             f"{__name__}:ephemeral_app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "error",
             "--lifespan", "on"],
            env={**os.environ, "PREFECT_UI_ENABLED": "0"})

    def wait_until_ready(self, timeout_seconds: float) -> None:
        """Block until the API answers /health; a server that exits at start is restarted on another port."""
        import httpx

        deadline = time.monotonic() + timeout_seconds
        attempts = 1
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                if attempts == START_ATTEMPTS:
                    break
                attempts += 1
                self._start()
                point_prefect_at(self.url)
                continue
            try:
                if httpx.get(f"{self.url}/health", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        code = self.process.poll() if self.process else None
        raise RuntimeError(f"temporary Prefect server at {self.url} did not start within {timeout_seconds:.0f} s"
                           + (f" (it exited with code {code})" if code is not None else ""))

    def stop(self, grace_seconds: float = RECORD_GRACE_SECONDS) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            time.sleep(grace_seconds)
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def point_prefect_at(url: str | None) -> None:
    """Every Prefect client of this process and its children, in any thread, uses `url` (None: the settings')."""
    from prefect.context import refresh_global_settings_context

    if url is None:
        os.environ.pop("PREFECT_API_URL", None)
    else:
        os.environ["PREFECT_API_URL"] = url
    refresh_global_settings_context()


def _nothing_to_wait_for() -> None:
    """A configured API is Prefect's to reach."""


@contextmanager
def prefect_api() -> Iterator[Callable[[], None]]:
    """The API this command's flow runs report to: the configured one, else a temporary server.

    Yields the wait for that API: call it after the flow's imports, so that they overlap its start-up.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield _nothing_to_wait_for
        return
    server = TemporaryApi()  # before importing Prefect: the server boots while this process imports it
    try:
        from prefect.settings import get_current_settings

        configured = get_current_settings()
        if configured.api.url or not configured.server.ephemeral.enabled:
            server.stop(grace_seconds=0)  # it recorded nothing
            yield _nothing_to_wait_for
            return
        point_prefect_at(server.url)
        try:
            yield partial(server.wait_until_ready, configured.server.ephemeral.startup_timeout_seconds)
        finally:
            point_prefect_at(None)
    finally:
        server.stop()
