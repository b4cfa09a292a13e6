"""Shared fixtures: a real loopback HTTP site the tests fill with pages, and an isolated Prefect home."""
from __future__ import annotations

import hashlib
import http.server
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

# Prefect reads its settings when first imported (test modules import flows at collection), so the
# test session's own Prefect home, quiet logs and no telemetry are set here, before any import.
_PREFECT_HOME = tempfile.mkdtemp(prefix="basewatch-test-prefect-")
os.environ.update({
    "PREFECT_HOME": _PREFECT_HOME,
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "WARNING",
    # the ephemeral server's 20 s start-up limit is too short on a busy 2-core machine
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
})
os.environ.pop("PREFECT_API_URL", None)


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class LoopbackSite:
    """A threaded http.server on 127.0.0.1 that serves registered routes and answers conditional GETs."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.delay = 0.0  # seconds before each answer: a slow site, so work is under way long enough to interrupt
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                site.requests.append((self.path, dict(self.headers)))
                time.sleep(site.delay)
                route = site.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
                if route.status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.send_header("ETag", etag)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            status: int = 200, headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type, status, headers or {})
        return self.url + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[LoopbackSite]:
    s = LoopbackSite()
    yield s
    s.close()




def pytest_terminal_summary(terminalreporter) -> None:
    """One line naming the gates this run skipped and why: a lone clone passes, but should not look complete."""
    from tests.gates import PREFIX

    reasons = []
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        reason = reason.removeprefix("Skipped: ")
        if reason.startswith(PREFIX) and reason[len(PREFIX):] not in reasons:
            reasons.append(reason[len(PREFIX):])
    if reasons:
        terminalreporter.write_line("basewatch gates skipped: " + "; ".join(reasons)
                                    + " (README: \"What ../shared is\")", yellow=True, bold=True)
