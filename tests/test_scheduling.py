"""Run hygiene for unattended operation: bounded fetch retries, feed back-off, the webhook outbox, the
digest, and the CLI under another process's write lock."""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from extractors.alerts import alert_id, alerts_for
from extractors.fetch import FetchError, HttpPolicy
from extractors.records import Incident
from extractors.retry import RetryPolicy, next_poll_at, with_retries
from flows.alerts import deliver_pending
from flows.digest import render_digest
from flows.monitor import run_monitor
from storage.database import connect
from storage.alerts_outbox import pending_alerts
from storage.digest import incidents_learned_since
from storage.feed_health import feed_health
from tests.test_export import fixture_db
from tests.test_pipeline import incident_rows
from tests.wire_site import EXPECTED_INCIDENTS, WireArticle, feeds_toml, page, publish, rss

URL = "http://feeds.example/rss"


class Clock:
    def __init__(self):
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def flaky(*reasons: str):
    """An attempt that fails with these reasons in turn, then returns 'ok'."""
    left = list(reasons)

    def attempt():
        if left:
            raise FetchError(URL, left.pop(0))
        return "ok"
    return attempt


def test_a_transient_failure_is_retried_with_doubling_waits():
    clock = Clock()
    assert with_retries(flaky("HTTP 503", "timed out after 20 s"), RetryPolicy(3, 10, 0.5),
                        clock.sleep, lambda: clock.now) == "ok"
    assert clock.slept == [0.5, 1.0]


@pytest.mark.parametrize("reason", ["HTTP 404", "DNS lookup failed", "refused: 10.0.0.1 is private, and the feed is public"])
def test_a_permanent_failure_is_not_retried(reason):
    clock = Clock()
    with pytest.raises(FetchError, match=reason.split(":")[0]):
        with_retries(flaky(reason), RetryPolicy(3, 10, 0.5), clock.sleep, lambda: clock.now)
    assert clock.slept == []


def test_retries_stop_at_the_attempt_limit_and_at_the_time_budget():
    clock = Clock()
    with pytest.raises(FetchError):
        with_retries(flaky(*["HTTP 502"] * 5), RetryPolicy(3, 10, 0.5), clock.sleep, lambda: clock.now)
    assert clock.slept == [0.5, 1.0]
    clock = Clock()
    with pytest.raises(FetchError, match="retry after 60"):  # a long Retry-After does not fit the budget
        with_retries(flaky("HTTP 429 (retry after 60)"), RetryPolicy(3, 10, 0.5), clock.sleep, lambda: clock.now)
    assert clock.slept == []
    clock = Clock()
    assert with_retries(flaky("HTTP 429 (retry after 2)"), RetryPolicy(3, 10, 0.5),
                        clock.sleep, lambda: clock.now) == "ok"
    assert clock.slept == [2.0]


def test_a_failing_feed_backs_off_exponentially_up_to_a_day():
    t = datetime(2026, 6, 1, tzinfo=timezone.utc)
    assert next_poll_at(t, 0, 15, 24) is None and next_poll_at(t, 1, 15, 24) is None
    assert next_poll_at(t, 2, 15, 24) == t + timedelta(minutes=30)
    assert next_poll_at(t, 4, 15, 24) == t + timedelta(hours=2)
    assert next_poll_at(t, 50, 15, 24) == t + timedelta(hours=24)


class Webhook:
    """A loopback webhook that answers `status` and records every body it receives."""

    def __init__(self):
        self.status = 500
        self.bodies: list[dict] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.bodies.append(json.loads(body))
                self.send_response(hook.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_backing_off_feed_is_skipped_and_shown_and_a_failed_webhook_keeps_its_alerts(site, tmp_path, monkeypatch):
    wire = publish(site)
    dead = "http://127.0.0.1:9/dead.xml"
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(wire + [("Dead", dead)]))
    db = tmp_path / "bw.duckdb"
    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    with connect(db) as con:  # the dead feed failed 5 times, last polled an hour ago: it waits 4 h
        con.execute("INSERT INTO feeds (url, name, last_polled_at, last_status, last_error, consecutive_failures, "
                    "items_seen) VALUES (?, 'Dead', ?, 'error', 'connection refused', 5, 0)", [dead, an_hour_ago])
    hook = Webhook()
    monkeypatch.setenv("BASEWATCH_WEBHOOK_URL", hook.url)
    monkeypatch.setenv("BASEWATCH_RETRY_BUDGET_SECONDS", "0")
    try:
        summary, completed = run_monitor(feeds, db)

        assert completed
        status = {f.name: f for f in summary.feeds}
        assert status["Dead"].status == "backing off" and "5 failures in a row" in status["Dead"].error
        health = {h.name: h for h in feed_health(db)}
        assert (health["Dead"].last_status, health["Dead"].consecutive_failures,
                health["Dead"].last_polled_at) == ("backing off", 5, an_hour_ago)
        # the incidents are stored although the webhook failed; their alerts wait in the outbox
        assert incident_rows(db)[0] == EXPECTED_INCIDENTS
        pending = pending_alerts(db)
        assert len(pending) == len(EXPECTED_INCIDENTS) == len(hook.bodies)
        assert all(a.kind == "new" and a.attempts == 1 for a in pending)

        hook.status = 204
        result = deliver_pending(db, hook.url, RetryPolicy(attempts=1), HttpPolicy(timeout_seconds=5))
        assert (result.delivered, result.failed) == (len(EXPECTED_INCIDENTS), ())
        assert pending_alerts(db) == []
        delivered = hook.bodies[-len(EXPECTED_INCIDENTS):]
        assert {b["incident"]["incident_id"] for b in delivered} == {a.incident_id for a in pending}
        assert {b["event"] for b in delivered} == {"incident.new"}

        # the digest lists what this run learned
        entries = incidents_learned_since(db, datetime.now(timezone.utc) - timedelta(hours=24))
        assert len(entries) == len(EXPECTED_INCIDENTS) and all(e.is_new for e in entries)
        markdown = render_digest(entries, feed_health(db), datetime.now(timezone.utc) - timedelta(hours=24),
                                 datetime.now(timezone.utc))
        assert f"**{len(EXPECTED_INCIDENTS)} new incidents, 0 updated.**" in markdown
        assert "`camp-taji-2026-06-13`" in markdown and "**Dead** (backing off, 5 failures in a row)" in markdown
    finally:
        hook.close()


ASAD_FOLLOW_UP = WireArticle(
    "/world/ain-al-asad-drone-toll.html", "Wire Two",
    "Service member dies after drone attack on Ain al-Asad base",
    datetime(2026, 6, 20, 18, 30, tzinfo=timezone.utc),
    (
        "BAGHDAD (AP) - A U.S. service member died and three contractors were wounded when an explosive-laden "
        "drone struck Ain al-Asad air base in western Iraq on Friday, the Pentagon said on Saturday.",
        "Earlier reports had put the toll at one contractor wounded.",
        "The Islamic Resistance in Iraq, an umbrella group of Iran-aligned militias, claimed the attack.",
    ),
)


def test_a_later_run_that_raises_the_toll_sends_a_revised_alert_with_the_previous_figures(site, tmp_path,
                                                                                          monkeypatch):
    wire = publish(site)
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(wire))
    db = tmp_path / "bw.duckdb"
    hook = Webhook()
    hook.status = 204
    monkeypatch.setenv("BASEWATCH_WEBHOOK_URL", hook.url)
    try:
        run_monitor(feeds, db)
        assert {b["event"] for b in hook.bodies} == {"incident.new"}
        site.add(ASAD_FOLLOW_UP.path, page(ASAD_FOLLOW_UP))
        site.add("/feeds/late.xml", rss(site.url, "Late", (ASAD_FOLLOW_UP,)), "application/rss+xml")
        feeds.write_text(feeds_toml(wire + [("Late", f"{site.url}/feeds/late.xml")]))
        summary, completed = run_monitor(feeds, db)
        assert completed and summary.updated_incidents == ("ain-al-asad-air-base-2026-06-19",)
        [revised] = [b for b in hook.bodies if b["event"] == "incident.revised"]
        assert revised["previous"] == {"killed": None, "wounded": 1}
        assert (revised["incident"]["killed"], revised["incident"]["wounded"]) == (1, 3)
        assert pending_alerts(db) == []
    finally:
        hook.close()


def incident(killed, wounded, incident_id="camp-taji-2026-06-13"):
    return Incident(incident_id, "Camp Taji", "Iraq", None, None, date(2026, 6, 13), "day", ("rocket",), 2,
                    killed, wounded, None, None, None, None, 1, 1)


def test_an_alert_is_sent_for_a_new_incident_and_for_a_revision_only_when_casualties_change():
    new = alerts_for([incident(0, 0, "a-2026-01-01")], [], {})
    assert [(a.incident_id, a.kind) for a in new] == [("a-2026-01-01", "new")]
    assert alerts_for([], [incident(0, 1)], {"camp-taji-2026-06-13": (0, 1)}) == []
    revised = alerts_for([], [incident(2, 1)], {"camp-taji-2026-06-13": (0, 1)})
    assert [a.kind for a in revised] == ["revised"]
    body = json.loads(revised[0].payload)
    assert body["event"] == "incident.revised" and body["previous"] == {"killed": 0, "wounded": 1}
    assert body["incident"]["killed"] == 2 and body["incident"]["attack_date"] == "2026-06-13"
    assert revised[0].alert_id == alert_id(incident(2, 1)) != alert_id(incident(0, 1))


@pytest.fixture
def db_with_incidents(tmp_path):
    return fixture_db(tmp_path / "locked.duckdb")


def hold_write_lock(db, seconds: float) -> subprocess.Popen:
    """Another process (a scheduled run, say) with the file open for writing."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(db)!r})\n"
        "con.execute('BEGIN TRANSACTION'); con.execute(\"UPDATE incidents SET killed = killed\")\n"
        "print('locked', flush=True)\n"
        f"time.sleep({seconds})\n"
        "con.execute('COMMIT'); con.close()\n")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def basewatch(*args, env=None):
    import os
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True,
                          timeout=60, env={**os.environ, **(env or {})})


def test_incidents_waits_for_a_brief_write_lock_and_then_lists(db_with_incidents):
    holder = hold_write_lock(db_with_incidents, 2)
    try:
        done = basewatch("incidents", "--db", str(db_with_incidents), "--format", "json")
    finally:
        holder.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 4


def test_incidents_gives_up_on_a_held_lock_with_one_clear_line(db_with_incidents):
    holder = hold_write_lock(db_with_incidents, 30)
    try:
        done = basewatch("incidents", "--db", str(db_with_incidents), env={"BASEWATCH_LOCK_WAIT_SECONDS": "1.5"})
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"basewatch: database error: {db_with_incidents}: locked by another process for 1.5 s; "
        "try again when it finishes"]
