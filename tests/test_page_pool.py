"""Extraction and detection in worker processes give exactly what they give in threads."""
from __future__ import annotations

import dataclasses

from extractors.fetch import HttpPolicy
from extractors.records import FeedConfig
from flows import monitor
from flows.monitor import PagePool, analyse_articles, new_items, poll, run_monitor
from flows.settings import load_settings
from tests.test_pipeline import incident_rows
from tests.wire_site import ARTICLES, EXPECTED_INCIDENTS, feeds_toml, publish


def without_fetch_time(analysed):
    return dataclasses.replace(analysed.article, fetched_at=None), analysed.detection


def test_worker_processes_read_the_same_articles_as_threads(site):
    polls = [poll(FeedConfig(name, url), None, HttpPolicy()) for name, url in publish(site)]
    items = new_items(polls, set())
    settings = load_settings({}, environ={})
    in_threads = analyse_articles(items, settings)
    with PagePool(2) as pages:
        in_processes = analyse_articles(items, settings, pages)
    assert list(map(without_fetch_time, in_processes.analysed)) == list(map(without_fetch_time, in_threads.analysed))
    assert in_processes.errors == in_threads.errors
    assert len(in_processes.analysed) == len(ARTICLES)
    assert set(in_processes.stage_seconds) == {"fetch", "extract", "detect"}


def test_a_run_using_worker_processes_stores_the_expected_incidents(site, tmp_path, monkeypatch):
    monkeypatch.setattr(monitor, "POOL_MIN_ARTICLES", 1)
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(publish(site)))
    db = tmp_path / "bw.duckdb"
    summary, completed = run_monitor(feeds, db)
    assert completed and summary.articles_added == len(ARTICLES)
    assert incident_rows(db)[0] == EXPECTED_INCIDENTS
    assert {"poll", "fetch", "extract", "detect", "store", "read", "flow"} <= set(summary.stage_seconds)
