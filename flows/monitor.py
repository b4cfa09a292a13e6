"""The `monitor-feeds` flow: poll feeds, read new articles, detect attacks, merge incidents into DuckDB.

Tasks only orchestrate functions from `extractors` and `storage`. Work is batched inside tasks (one task
per feed, one per batch of articles) because each Prefect task run costs ~20 ms of server time. Every
feed and every article fails on its own: its error is one line in the summary, never the run's end.
Writes go through one writer, one transaction per batch.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.article_text import ArticleError, extract_article
from extractors.detect import detect
from extractors.feeds import FeedError, parse_feed
from extractors.fetch import FetchError, HttpPolicy, Trust, fetch, new_client, trust_for_links
from extractors.records import AnalysedArticle, FeedConfig, FeedItem
from flows.settings import Settings, load_feeds, load_settings
from storage.database import FeedState, FeedStatus, StoreResult, feed_states, known_urls, save_feed_statuses, store_articles


@dataclass(frozen=True)
class FeedPoll:
    feed: FeedConfig
    status: FeedStatus
    items: tuple[FeedItem, ...]
    link_trust: Trust


@dataclass(frozen=True)
class ArticleBatch:
    analysed: tuple[AnalysedArticle, ...]
    errors: tuple[str, ...]


@dataclass(frozen=True)
class FeedOutcome:
    name: str
    url: str
    status: str
    error: str | None
    new_articles: int


@dataclass(frozen=True)
class RunSummary:
    feeds: tuple[FeedOutcome, ...]
    articles_added: int
    attack_reports: int
    article_errors: tuple[str, ...]
    new_incidents: tuple[str, ...]
    updated_incidents: tuple[str, ...]

    @property
    def every_feed_failed(self) -> bool:
        return bool(self.feeds) and all(f.status == "error" for f in self.feeds)


def poll(feed: FeedConfig, state: FeedState | None, policy: HttpPolicy) -> FeedPoll:
    """Fetch and parse one feed; any failure becomes the feed's status, never an exception."""
    polled_at = datetime.now(timezone.utc)
    etag, last_modified = (state.etag, state.last_modified) if state else (None, None)
    try:
        with new_client(policy) as client:
            fetched = fetch(client, feed.url, policy, Trust.CONFIGURED, etag=etag, last_modified=last_modified)
        if fetched.not_modified:
            status = FeedStatus(feed.url, feed.name, "not modified", None, etag, last_modified, 0, polled_at)
            return FeedPoll(feed, status, (), Trust.PUBLIC_ONLY)
        items = parse_feed(feed.url, fetched.body, fetched.content_type)
    except (FetchError, FeedError) as exc:
        status = FeedStatus(feed.url, feed.name, "error", str(exc), None, None, 0, polled_at)
        return FeedPoll(feed, status, (), Trust.PUBLIC_ONLY)
    status = FeedStatus(feed.url, feed.name, "ok", None, fetched.etag, fetched.last_modified, len(items), polled_at)
    return FeedPoll(feed, status, items, trust_for_links(fetched.final_url))


def new_items(polls: Sequence[FeedPoll], already_stored: set[str]) -> list[tuple[FeedItem, Trust]]:
    """Items not yet stored, each canonical URL once (the first feed that lists it wins)."""
    seen = set(already_stored)
    chosen = []
    for p in polls:
        for item in p.items:
            if item.url not in seen:
                seen.add(item.url)
                chosen.append((item, p.link_trust))
    return chosen


def analyse_articles(items: Sequence[tuple[FeedItem, Trust]], settings: Settings) -> ArticleBatch:
    """Fetch pages concurrently (a few at a time per host), then extract text and detect attacks."""
    policy = settings.http_policy
    host_slots: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(settings.per_host_limit))
    lock = threading.Lock()

    def read(entry: tuple[FeedItem, Trust]) -> AnalysedArticle | str:
        item, trust = entry
        with lock:
            slot = host_slots[urlsplit(item.url).netloc]
        try:
            with slot, new_client(policy) as client:
                fetched = fetch(client, item.url, policy, trust)
            article = extract_article(item, fetched.body, fetched.content_type, datetime.now(timezone.utc))
        except (FetchError, ArticleError) as exc:
            return str(exc)
        published = article.published_at.date() if article.published_at else None
        return AnalysedArticle(article, detect(article.text, published, article.title))

    with ThreadPoolExecutor(max_workers=settings.fetch_workers) as pool:
        results = list(pool.map(read, items))
    return ArticleBatch(
        analysed=tuple(r for r in results if isinstance(r, AnalysedArticle)),
        errors=tuple(r for r in results if isinstance(r, str)),
    )


poll_feed = task(poll, name="poll-feed", cache_policy=NO_CACHE,
                 task_run_name="poll {feed.name}")
analyse_batch = task(analyse_articles, name="analyse-articles", cache_policy=NO_CACHE)
store_batch = task(store_articles, name="store-articles", cache_policy=NO_CACHE)


@flow(name="monitor-feeds", task_runner=ThreadPoolTaskRunner(max_workers=8), log_prints=False)
def monitor_feeds(feeds_file: str | None = None, db_path: str | None = None) -> State:
    """One polling pass. Completed when storage worked, even if some feeds failed; Failed otherwise."""
    logger = get_run_logger()
    settings = load_settings({"feeds_file": feeds_file, "db_path": db_path})
    feeds = load_feeds(settings.feeds_file)
    states = feed_states(settings.db_path)
    polls = [f.result() for f in [poll_feed.submit(feed, states.get(feed.url), settings.http_policy)
                                  for feed in feeds]]
    for p in polls:
        if p.status.status == "error":
            logger.warning("%s: feed failed: %s", p.feed.url, p.status.error)
    candidates = [item for p in polls for item in p.items]
    stored = known_urls(settings.db_path, [item.url for item in candidates])
    todo = new_items(polls, stored)
    logger.info("%d feeds polled, %d new articles to read", len(polls), len(todo))
    size = settings.articles_per_batch
    batches = [analyse_batch.submit(todo[i:i + size], settings) for i in range(0, len(todo), size)]
    results: list[StoreResult] = []
    errors: list[str] = []
    attack_reports = 0
    for future in batches:
        batch: ArticleBatch = future.result()
        errors.extend(batch.errors)
        attack_reports += sum(a.detection.is_attack_report for a in batch.analysed)
        results.append(store_batch(settings.db_path, list(batch.analysed)))
    for error in errors:
        logger.warning("%s", error)
    save_feed_statuses(settings.db_path, [p.status for p in polls])
    summary = _summarise(polls, todo, results, errors, attack_reports)
    logger.info("%d articles stored, %d new incidents, %d updated", summary.articles_added,
                len(summary.new_incidents), len(summary.updated_incidents))
    if summary.every_feed_failed:
        return Failed(message="every feed failed", data=summary)
    return Completed(message="pass completed", data=summary)


def _summarise(polls: Sequence[FeedPoll], todo: Sequence[tuple[FeedItem, Trust]], results: Sequence[StoreResult],
               errors: Sequence[str], attack_reports: int) -> RunSummary:
    per_feed = defaultdict(int)
    for item, _ in todo:
        per_feed[item.feed_url] += 1
    new = tuple(dict.fromkeys(i for r in results for i in r.new_incidents))
    updated = tuple(dict.fromkeys(i for r in results for i in r.updated_incidents if i not in new))
    return RunSummary(
        feeds=tuple(FeedOutcome(p.feed.name, p.feed.url, p.status.status, p.status.error, per_feed[p.feed.url])
                    for p in polls),
        articles_added=sum(r.articles_added for r in results),
        attack_reports=attack_reports,
        article_errors=tuple(errors),
        new_incidents=new,
        updated_incidents=updated,
    )


def run_monitor(feeds_file: Path | None, db_path: Path) -> tuple[RunSummary, bool]:
    """Run the flow in this process (ephemeral Prefect when no server is configured)."""
    state = monitor_feeds(feeds_file=str(feeds_file) if feeds_file else None, db_path=str(db_path),
                          return_state=True)
    summary = state.result(raise_on_failure=False)
    if isinstance(summary, BaseException):
        raise summary
    return summary, state.is_completed()
