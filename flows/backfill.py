"""The `backfill` flow: read a list of article URLs, or every item a feeds file lists now, through the same
functions as `monitor-feeds` (fetch, extract, detect, store-and-merge).

Idempotent: articles already on file are skipped (store_articles adds nothing twice), so re-running a
backfill, or back-filling what the schedule already read, changes nothing. Feeds are fetched without
conditional headers (a backfill wants the whole current list) and their poll state is left alone, so the
schedule's ETags, failure counts and back-off are not disturbed.
"""
from __future__ import annotations

from dataclasses import dataclass

from prefect import flow, get_run_logger
from prefect.states import Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.fetch import Trust
from extractors.records import FeedItem
from extractors.urls import canonical_url
from flows.monitor import follow_run_log_level, format_stages, new_items, poll_feed, process_items, retry_policy
from flows.settings import ConfigError, load_feeds, load_settings
from storage.database import known_urls, run_changes

BACKFILL_FEED = "backfill:"  # feed_url recorded for articles given by URL


@dataclass(frozen=True)
class BackfillSummary:
    requested: int
    already_stored: int
    articles_added: int
    attack_reports: int
    errors: tuple[str, ...]
    new_incidents: tuple[str, ...]
    updated_incidents: tuple[str, ...]


def url_items(urls: list[str]) -> list[tuple[FeedItem, Trust]]:
    """The analyst named these pages, so they are trusted like a configured feed (loopback included)."""
    items = {}
    for url in urls:
        if not url.strip().lower().startswith(("http://", "https://")):
            raise ConfigError(f"backfill URL {url!r} is not an http(s) URL")
        canonical = canonical_url(url)
        items.setdefault(canonical, (FeedItem(BACKFILL_FEED, canonical, "", None), Trust.CONFIGURED))
    return list(items.values())


@flow(name="backfill", task_runner=ThreadPoolTaskRunner(max_workers=8), log_prints=False)
def backfill(urls: list[str] | None = None, feeds_file: str | None = None, db_path: str | None = None) -> State:
    """Re-process article URLs and/or a feeds file's current items; articles already stored are skipped."""
    logger = get_run_logger()
    follow_run_log_level(logger)
    settings = load_settings({"db_path": db_path})
    todo = url_items(urls or [])
    feed_errors: list[str] = []
    if feeds_file:
        polls = [f.result() for f in [poll_feed.submit(feed, None, settings.http_policy, retry_policy(settings))
                                      for feed in load_feeds(load_settings({"feeds_file": feeds_file}).feeds_file)]]
        feed_errors = [f"{p.feed.url}: {p.status.error}" for p in polls if p.status.status == "error"]
        seen = {item.url for item, _ in todo}
        todo += new_items(polls, seen)
    if not todo and not feed_errors:
        return Completed(message="nothing to backfill (give urls or feeds_file)",
                         data=BackfillSummary(0, 0, 0, 0, (), (), ()))
    stored = known_urls(settings.db_path, [item.url for item, _ in todo])
    fresh = [(item, trust) for item, trust in todo if item.url not in stored]
    logger.info("%d URLs to backfill, %d already stored, %d to read", len(todo), len(stored), len(fresh))
    processed = process_items(fresh, settings)
    errors = tuple(feed_errors) + processed.errors
    for error in errors:
        logger.warning("%s", error)
    new, updated = run_changes(processed.results)
    summary = BackfillSummary(len(todo), len(stored), sum(r.articles_added for r in processed.results),
                              processed.attack_reports, errors, new, updated)
    logger.info("%d articles stored, %d new incidents, %d updated", summary.articles_added, len(new), len(updated))
    logger.info("Stage seconds: %s", format_stages(processed.stage_seconds))
    if fresh and len(processed.errors) == len(fresh):
        return Failed(message="no page could be read", data=summary)
    return Completed(message="backfill completed", data=summary)
