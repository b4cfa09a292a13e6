"""The `backfill` flow: read a list of article URLs, a file of them (an archive's list, streamed), or every
item a feeds file lists now, through the same functions as `monitor-feeds` (fetch, extract, detect,
store-and-merge), on this machine or on a Dask cluster (`task_runner`).

Idempotent: articles already on file are skipped (store_articles adds nothing twice), so re-running a
backfill, or back-filling what the schedule already read, changes nothing. Feeds are fetched without
conditional headers (a backfill wants the whole current list) and their poll state is left alone, so the
schedule's ETags, failure counts and back-off are not disturbed. A URL file is never loaded whole: a
stopped back-fill started again skips, window by window, what the first run stored, and carries on.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.states import Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.fetch import Trust
from extractors.records import FeedItem
from extractors.url_list import UrlListError, read_url_list
from extractors.urls import canonical_url
from flows.monitor import (POOL_MIN_ARTICLES, follow_run_log_level, format_stages, new_items, poll_feed, process_items,
                           retry_policy)
from flows.settings import ConfigError, Settings, load_feeds, load_settings
from storage.database import known_urls, run_changes

BACKFILL_FEED = "backfill:"  # feed_url recorded for articles given by URL
URL_WINDOW = 1000  # URL-file lines read and checked against the database at once


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


class UrlFile:
    """The items of a URL file, streamed: read `URL_WINDOW` lines at a time, each window checked against the
    database at once, so a restarted back-fill skips what an earlier run stored and carries on. Counts what
    it read as it goes; unreadable entries become error lines."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self.listed = 0
        self.already_stored = 0
        self.errors: list[str] = []

    def __iter__(self) -> Iterator[tuple[FeedItem, Trust]]:
        try:
            with self.path.open(encoding="utf-8", newline="") as lines:
                entries = read_url_list(lines, str(self.path))
                while window := list(islice(entries, URL_WINDOW)):
                    self.errors.extend(e.error for e in window if e.error)
                    urls = list(dict.fromkeys(e.url for e in window if e.url))
                    stored = known_urls(self.settings.db_path, urls)
                    self.listed += len(urls)
                    self.already_stored += len(stored)
                    yield from ((FeedItem(BACKFILL_FEED, url, "", None), Trust.CONFIGURED)
                                for url in urls if url not in stored)
        except UrlListError as exc:
            raise ConfigError(str(exc)) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{self.path}: cannot read URL file ({exc})") from exc


@flow(name="backfill", task_runner=ThreadPoolTaskRunner(max_workers=8), log_prints=False)
def backfill(urls: list[str] | None = None, feeds_file: str | None = None, db_path: str | None = None,
             urls_file: str | None = None, task_runner: str | None = None,
             dask_address: str | None = None) -> State:
    """Re-process article URLs, a file of URLs and/or a feeds file's current items; stored articles are skipped."""
    logger = get_run_logger()
    follow_run_log_level(logger)
    settings = load_settings({"db_path": db_path, "task_runner": task_runner, "dask_address": dask_address})
    todo = url_items(urls or [])
    feed_errors: list[str] = []
    if feeds_file:
        polls = [f.result() for f in [poll_feed.submit(feed, None, settings.http_policy, retry_policy(settings))
                                      for feed in load_feeds(load_settings({"feeds_file": feeds_file}).feeds_file)]]
        feed_errors = [f"{p.feed.url}: {p.status.error}" for p in polls if p.status.status == "error"]
        seen = {item.url for item, _ in todo}
        todo += new_items(polls, seen)
    if not todo and not feed_errors and not urls_file:
        return Completed(message="nothing to backfill (give urls, urls_file or feeds_file)",
                         data=BackfillSummary(0, 0, 0, 0, (), (), ()))
    stored = known_urls(settings.db_path, [item.url for item, _ in todo])
    fresh = [(item, trust) for item, trust in todo if item.url not in stored]
    listed = UrlFile(Path(urls_file).expanduser(), settings) if urls_file else None
    logger.info("%d URLs given, %d already stored%s", len(todo), len(stored),
                f"; streaming {listed.path}" if listed else "")
    processed = process_items(chain(fresh, listed or ()), settings,
                              use_pool=listed is not None or len(fresh) >= POOL_MIN_ARTICLES)
    errors = tuple(feed_errors) + tuple(listed.errors if listed else ()) + processed.errors
    for error in errors:
        logger.warning("%s", error)
    new, updated = run_changes(processed.results)
    requested = len(todo) + (listed.listed if listed else 0)
    already = len(stored) + (listed.already_stored if listed else 0)
    summary = BackfillSummary(requested, already, sum(r.articles_added for r in processed.results),
                              processed.attack_reports, errors, new, updated)
    logger.info("%d URLs, %d already stored, %d articles stored, %d new incidents, %d updated", requested, already,
                summary.articles_added, len(new), len(updated))
    logger.info("Stage seconds: %s", format_stages(processed.stage_seconds))
    if requested > already and len(processed.errors) == requested - already:
        return Failed(message="no page could be read", data=summary)
    return Completed(message="backfill completed", data=summary)
