"""End to end: the real Prefect flow over a real loopback site into a real DuckDB file."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import duckdb

from flows.monitor import run_monitor
from tests.wire_site import ARTICLES, EXPECTED_INCIDENTS, feeds_toml, publish


def incident_rows(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT base, attack_date, weapons, projectiles, killed, wounded, source_count FROM incidents"
        ).fetchall()
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "incidents", "incident_reports", "feeds")}
    finally:
        con.close()
    return {(b, d, tuple(w), p, k, wd, s) for b, d, w, p, k, wd, s in rows}, counts


def test_two_passes_store_each_attack_once_and_the_second_adds_nothing(site, tmp_path):
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(publish(site)))
    db = tmp_path / "bw.duckdb"

    first, completed = run_monitor(feeds, db)
    assert completed
    assert first.articles_added == len(ARTICLES)  # the aggregator's tagged links are the same articles
    assert {f.status for f in first.feeds} == {"ok"}
    rows, counts = incident_rows(db)
    assert rows == EXPECTED_INCIDENTS
    assert counts["articles"] == len(ARTICLES)

    second, completed = run_monitor(feeds, db)
    assert completed
    assert second.articles_added == 0 and second.new_incidents == () and second.updated_incidents == ()
    assert {f.status for f in second.feeds} == {"not modified"}
    assert incident_rows(db) == (rows, counts)


def test_one_broken_feed_is_reported_and_the_others_are_read(site, tmp_path):
    good = publish(site)[:1]
    broken = [("Garbage", site.add("/feeds/garbage.xml", "this is not <xml", "application/rss+xml")),
              ("Missing", site.url + "/feeds/gone.xml"),
              ("Refused", "http://127.0.0.1:9/feed.xml")]
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(good + broken))
    db = tmp_path / "bw.duckdb"

    summary, completed = run_monitor(feeds, db)

    assert completed
    status = {f.name: (f.status, f.error) for f in summary.feeds}
    assert status["Wire One"] == ("ok", None)
    assert status["Garbage"][0] == "error" and "not a feed" in status["Garbage"][1]
    assert status["Missing"] == ("error", f"{site.url}/feeds/gone.xml: HTTP 404")
    assert status["Refused"] == ("error", "http://127.0.0.1:9/feed.xml: connection refused")
    assert summary.articles_added == 2
    con = duckdb.connect(str(db), read_only=True)
    failures = dict(con.execute("SELECT name, consecutive_failures FROM feeds").fetchall())
    con.close()
    assert failures == {"Wire One": 0, "Garbage": 1, "Missing": 1, "Refused": 1}


def test_cli_run_exits_0_and_lists_new_incidents(site, tmp_path):
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(publish(site)))
    db = tmp_path / "bw.duckdb"
    done = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--feeds", str(feeds), "--db", str(db)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "new      camp-taji-2026-06-13" in done.stdout
    assert "new      ain-al-asad-air-base-2026-06-19" in done.stdout


def test_cli_runs_report_to_a_temporary_prefect_server_that_stops_cleanly(site, tmp_path):
    """Both runs are recorded by the temporary server, which is gone when the command ends (it holds the
    command's output pipes, so a server left running would hang `subprocess.run`); a run with nothing new
    leaves no server traceback behind."""
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(publish(site)))
    home = tmp_path / "prefect-home"
    env = {**os.environ, "PREFECT_HOME": str(home)}
    command = [sys.executable, "-m", "flows.cli", "run", "--feeds", str(feeds), "--db", str(tmp_path / "bw.duckdb")]
    runs = [subprocess.run(command, capture_output=True, text=True, timeout=300, env=env) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[-1].stderr
    assert "Incidents: 0 new, 0 updated" in runs[1].stdout
    assert "Traceback" not in runs[1].stderr and "ERROR" not in runs[1].stderr, runs[1].stderr
    with sqlite3.connect(home / "prefect.db") as con:
        states = con.execute("SELECT flow_run.state_type FROM flow_run JOIN flow ON flow.id = flow_run.flow_id"
                             " WHERE flow.name = 'monitor-feeds'").fetchall()
    assert states == [("COMPLETED",), ("COMPLETED",)]


def test_cli_run_with_a_bad_feeds_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "feeds.toml"
    bad.write_text('[[feeds]]\nname = "x"\nurl = "file:///etc/passwd"\n')
    for args, reason in (([str(tmp_path / "nope.toml")], "no such feeds file"),
                         ([str(bad)], "is not an http(s) URL")):
        done = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--feeds", *args,
                               "--db", str(tmp_path / "x.duckdb")], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert len(done.stderr.strip().splitlines()) == 1 and reason in done.stderr


def test_backtest_replays_stored_articles_to_the_same_incidents(site, tmp_path):
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(publish(site)))
    db = tmp_path / "bw.duckdb"
    run_monitor(feeds, db)
    done = subprocess.run([sys.executable, "-m", "flows.cli", "backtest", "--db", str(db)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "new         camp-taji-2026-06-13" in done.stdout
    assert "merge       camp-taji-2026-06-13" in done.stdout
    assert done.stdout.strip().splitlines()[-2:] == [
        "Replayed incidents: 2; stored incidents: 2; only in replay: none; only stored: none",
        "Rows that differ: none"]
