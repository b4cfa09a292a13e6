"""The `monitor-feeds` flow: poll feeds, read new articles, detect attacks, merge incidents into DuckDB.

Tasks only orchestrate functions from `extractors` and `storage`. Work is batched inside tasks (one task
per feed, one per batch of articles) because each Prefect task run costs ~20 ms of server time. Every
feed and every article fails on its own: its error is one line in the summary, never the run's end.
Writes go through one writer, one transaction per batch.

Where the work runs: pages are fetched in threads; extraction and detection (CPU-bound, and serialised
by the GIL in threads) run in a pool of one worker process per core, started once per flow run when there
are at least `POOL_MIN_ARTICLES` pages to read (start-up costs ~1 s of CPU, more than a few pages do).
At most `BATCHES_AHEAD` batches are read ahead of the one being stored, so a large back-fill holds a few
batches in memory, never the whole list. With `task_runner = "dask"` the analyse-articles batches run on a
Dask cluster instead (see `batch_runner`); either way the reports come back to this process, which stores
them batch by batch in order: the single writer. The run summary's `stage_seconds` says where the time went.

Run hygiene:
- network fetches (feeds and pages) retry transient failures (429, 5xx, timeouts, refused connections)
  within a small time budget (`fetch_attempts`, `retry_budget_seconds`); nothing else is retried;
- pages are fetched at most `per_host_limit` at a time per host;
- a feed that keeps failing is skipped until last_polled_at + min(2^(failures-1) x `backoff_minutes`,
  `backoff_max_hours`) (from its second failure in a row), and shown as "backing off", never dropped;
- the final state: Completed when storage worked, even if some feeds failed; Failed when storage failed
  or no feed was read (every feed failed or is backing off);
- each run publishes two table artifacts (new/updated incidents, feed status) and, when `webhook_url`
  is set, queues and sends one alert per new incident or casualty revision (see flows/alerts.py).
"""
from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import islice
from pathlib import Path
from time import perf_counter
from urllib.parse import urlsplit

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.states import Completed, Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from extractors.analysis import PageResult, analyse_page, warm_up
from extractors.feeds import FeedError, parse_feed
from extractors.fetch import FetchError, HttpPolicy, Trust, fetch, new_client, trust_for_links
from extractors.records import AnalysedArticle, FeedConfig, FeedItem
from extractors.retry import RetryPolicy, next_poll_at, with_retries
from flows.settings import Settings, load_feeds, load_settings
from storage.database import IncidentFilter, StoreResult, known_urls, list_incidents, run_changes, store_articles
from storage.feed_health import FeedState, FeedStatus, feed_states, save_feed_statuses
from storage.feed_health import FeedHealth, feed_health, mark_backing_off

LIBRARY_LOGGERS = ("extractors", "storage")
NO_RETRY = RetryPolicy(attempts=1)
BACKOFF_SLACK = timedelta(minutes=1)  # a scheduled run that starts a few seconds early still polls
POOL_MIN_ARTICLES = 20  # fewer new pages are analysed in threads: worker start-up would cost more
BATCHES_AHEAD = 2  # batches read while one is stored: keeps every core busy through a batch's stragglers


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
    stage_seconds: dict[str, float] = field(default_factory=dict, compare=False)  # fetch/extract/detect, summed


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
    # Where the run's time went, in seconds: "poll", "read" and "flow" are wall-clock spans of the run;
    # "fetch", "extract", "detect" and "store" are summed over the pages (fetches overlap, so their sum can
    # exceed the wall clock; extract and detect ran on `processes` cores).
    stage_seconds: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def every_feed_failed(self) -> bool:
        return bool(self.feeds) and all(f.status in ("error", "backing off") for f in self.feeds)


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(attempts=settings.fetch_attempts, budget_seconds=settings.retry_budget_seconds)


def backing_off(feed: FeedConfig, health: FeedHealth | None, settings: Settings, now: datetime) -> FeedPoll | None:
    """A "backing off" result for a feed that is skipped this run, else None (poll it)."""
    due = next_poll_at(health.last_polled_at, health.consecutive_failures, settings.backoff_minutes,
                       settings.backoff_max_hours) if health else None
    if due is None or now >= due - BACKOFF_SLACK:
        return None
    reason = (f"{health.consecutive_failures} failures in a row, next poll after {due:%Y-%m-%d %H:%M} UTC"
              f" (last error: {health.last_error})")
    status = FeedStatus(feed.url, feed.name, "backing off", reason, None, None, 0, now)
    return FeedPoll(feed, status, (), Trust.PUBLIC_ONLY)


def poll(feed: FeedConfig, state: FeedState | None, policy: HttpPolicy, retry: RetryPolicy = NO_RETRY) -> FeedPoll:
    """Fetch and parse one feed; any failure becomes the feed's status, never an exception."""
    polled_at = datetime.now(timezone.utc)
    etag, last_modified = (state.etag, state.last_modified) if state else (None, None)
    try:
        with new_client(policy) as client:
            fetched = with_retries(lambda: fetch(client, feed.url, policy, Trust.CONFIGURED, etag=etag,
                                                 last_modified=last_modified), retry)
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


class PagePool:
    """Worker processes for extraction and detection, one per core, started once per flow run.

    Forkserver workers (never fork: the flow process runs Prefect's threads); the forkserver loads the
    detector's data once (flows/warm_workers.py) and the workers it forks start with it. A worker that dies (a crash
    in lxml on hostile markup) costs the pages it held, as one error line each; the pool is restarted.
    """

    def __init__(self, processes: int | None = None) -> None:
        self.processes = processes or os.cpu_count() or 1
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["flows.warm_workers"])
        self._lock = threading.Lock()
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, mp_context=self._context, initializer=warm_up)

    def analyse(self, item: FeedItem, body: bytes, content_type: str, fetched_at: datetime) -> PageResult:
        executor = self._executor
        try:
            return executor.submit(analyse_page, item, body, content_type, fetched_at).result()
        except BrokenProcessPool as exc:
            with self._lock:
                if self._executor is executor:
                    executor.shutdown(wait=False, cancel_futures=True)
                    self._executor = self._start()
            return PageResult(f"{item.url}: analysis worker process died ({exc})", 0.0, 0.0)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> PagePool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def analyse_articles(items: Sequence[tuple[FeedItem, Trust]], settings: Settings,
                     pages: PagePool | None = None) -> ArticleBatch:
    """Fetch pages concurrently (a few at a time per host); extract text and detect attacks in `pages`'
    worker processes, or in the fetching threads when `pages` is None."""
    policy = settings.http_policy
    retry = retry_policy(settings)
    host_slots: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(settings.per_host_limit))
    lock = threading.Lock()
    analyse = pages.analyse if pages is not None else analyse_page

    def read(entry: tuple[FeedItem, Trust]) -> tuple[PageResult, float]:
        item, trust = entry
        with lock:
            slot = host_slots[urlsplit(item.url).netloc]
        try:
            with slot, new_client(policy) as client:
                start = perf_counter()  # the fetch itself, not the wait for a slot
                fetched = with_retries(lambda: fetch(client, item.url, policy, trust), retry)
        except FetchError as exc:
            return PageResult(str(exc), 0.0, 0.0), perf_counter() - start  # FetchError comes from fetch() alone
        fetch_seconds = perf_counter() - start
        return analyse(item, fetched.body, fetched.content_type, datetime.now(timezone.utc)), fetch_seconds

    with ThreadPoolExecutor(max_workers=settings.fetch_workers) as pool:
        results = list(pool.map(read, items))
    outcomes = [r.outcome for r, _ in results]
    return ArticleBatch(
        analysed=tuple(o for o in outcomes if isinstance(o, AnalysedArticle)),
        errors=tuple(o for o in outcomes if isinstance(o, str)),
        stage_seconds={"fetch": sum(f for _, f in results), "extract": sum(r.extract_seconds for r, _ in results),
                       "detect": sum(r.detect_seconds for r, _ in results)},
    )


poll_feed = task(poll, name="poll-feed", cache_policy=NO_CACHE,
                 task_run_name="poll {feed.name}")
analyse_batch = task(analyse_articles, name="analyse-articles", cache_policy=NO_CACHE)
store_batch = task(store_articles, name="store-articles", cache_policy=NO_CACHE)

Submit = Callable[[list[tuple[FeedItem, Trust]]], PrefectFuture]


@contextmanager
def batch_runner(settings: Settings, use_pool: bool) -> Iterator[tuple[Submit, Callable[[], int]]]:
    """Where analyse-articles batches run, and how many may be in flight at once.

    `default`: the flow's threads, with extraction in this machine's worker processes when `use_pool`.
    `dask`: prefect-dask's DaskTaskRunner on the scheduler at `dask_address`, or on a local cluster of one
    single-threaded worker process per core; as many batches in flight as the cluster has threads, plus
    `BATCHES_AHEAD` (asked again for every batch, so workers that join mid-run are used). Dask re-runs the
    batches of a worker that dies on another worker: analysis writes nothing, so a re-run loses or doubles
    nothing. Workers report their task runs to this flow's Prefect API, the temporary one included.
    """
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner  # imports dask.distributed (~0.3 s): only runs that use it pay

        runner = (DaskTaskRunner(address=settings.dask_address) if settings.dask_address else
                  DaskTaskRunner(cluster_kwargs={"n_workers": os.cpu_count() or 1, "threads_per_worker": 1,
                                                 "dashboard_address": None}))
        api_url = FlowRunContext.get().client.api_url
        with runner, temporary_settings({PREFECT_API_URL: str(api_url)}):
            yield (lambda chunk: runner.submit(analyse_batch, {"items": chunk, "settings": settings}),
                   lambda: sum(runner.client.nthreads().values()) + BATCHES_AHEAD)
        return
    with PagePool() if use_pool else nullcontext() as pages:
        yield lambda chunk: analyse_batch.submit(chunk, settings, pages), lambda: BATCHES_AHEAD + 1


@dataclass(frozen=True)
class Processed:
    results: tuple[StoreResult, ...]
    errors: tuple[str, ...]
    attack_reports: int
    stage_seconds: dict[str, float] = field(default_factory=dict)
    unread_feeds: frozenset[str] = frozenset()  # feeds with an item not read (it failed and comes back)


def process_items(todo: Iterable[tuple[FeedItem, Trust]], settings: Settings, use_pool: bool) -> Processed:
    """Read, analyse and store items in batches (inside a flow: one task per batch). Shared with backfill.

    `todo` is consumed lazily and batches are stored in the order they were cut, each in one transaction,
    whichever runner analysed them: the same items give the same incident table. Only the batches in
    flight are held in memory, whatever the length of `todo`. `use_pool`: enough work for worker processes.
    """
    items = iter(todo)
    results: list[StoreResult] = []
    errors: list[str] = []
    unread_feeds: set[str] = set()
    attack_reports = 0
    seconds: dict[str, float] = defaultdict(float)
    started = perf_counter()
    with batch_runner(settings, use_pool) as (submit, in_flight):
        reading: deque[tuple[list[tuple[FeedItem, Trust]], PrefectFuture]] = deque()
        more = True
        while more or reading:
            while more and len(reading) < in_flight():
                chunk = list(islice(items, settings.articles_per_batch))
                more = bool(chunk)
                if chunk:
                    reading.append((chunk, submit(chunk)))
            if not reading:
                break
            chunk, future = reading.popleft()
            batch: ArticleBatch = future.result()
            errors.extend(batch.errors)
            read = {a.article.url for a in batch.analysed}
            unread_feeds.update(item.feed_url for item, _ in chunk if item.url not in read)
            attack_reports += sum(a.detection.is_attack_report for a in batch.analysed)
            for stage, value in batch.stage_seconds.items():
                seconds[stage] += value
            start = perf_counter()
            results.append(store_batch(settings.db_path, list(batch.analysed)))
            seconds["store"] += perf_counter() - start
    seconds["read"] = perf_counter() - started
    return Processed(tuple(results), tuple(errors), attack_reports, dict(seconds), frozenset(unread_feeds))


@flow(name="monitor-feeds", task_runner=ThreadPoolTaskRunner(max_workers=8), log_prints=False)
def monitor_feeds(feeds_file: str | None = None, db_path: str | None = None, task_runner: str | None = None,
                  dask_address: str | None = None) -> State:
    """One polling pass. Completed when storage worked, even if some feeds failed; Failed otherwise."""
    started = perf_counter()
    logger = get_run_logger()
    follow_run_log_level(logger)
    settings = load_settings({"feeds_file": feeds_file, "db_path": db_path, "task_runner": task_runner,
                              "dask_address": dask_address})
    feeds = load_feeds(settings.feeds_file)
    states = feed_states(settings.db_path)
    health = {h.url: h for h in feed_health(settings.db_path, read_only=False)}
    now = datetime.now(timezone.utc)
    skipped = {feed.url: s for feed in feeds if (s := backing_off(feed, health.get(feed.url), settings, now))}
    futures = {feed.url: poll_feed.submit(feed, states.get(feed.url), settings.http_policy, retry_policy(settings))
               for feed in feeds if feed.url not in skipped}
    polls = [skipped[feed.url] if feed.url in skipped else futures[feed.url].result() for feed in feeds]
    poll_seconds = perf_counter() - started
    for p in polls:
        if p.status.status == "error":
            logger.warning("%s: feed failed: %s", p.feed.url, p.status.error)
        elif p.status.status == "backing off":
            logger.warning("%s: feed skipped, backing off: %s", p.feed.url, p.status.error)
    candidates = [item for p in polls for item in p.items]
    stored = known_urls(settings.db_path, [item.url for item in candidates])
    todo = new_items(polls, stored)
    logger.info("%d feeds polled (%d backing off), %d new articles to read", len(polls) - len(skipped),
                len(skipped), len(todo))
    processed = process_items(todo, settings, use_pool=len(todo) >= POOL_MIN_ARTICLES)
    for error in processed.errors:
        logger.warning("%s", error)
    # A feed with an item still unread (503, timeout, ...) keeps its old validators, so its next poll is a
    # full GET that lists the item again instead of a 304 that would hide it for good.
    behind = processed.unread_feeds
    save_feed_statuses(settings.db_path, [
        FeedStatus(p.status.url, p.status.name, p.status.status, p.status.error, None, None, p.status.items_seen,
                   p.status.polled_at) if p.feed.url in behind else p.status
        for p in polls if p.feed.url not in skipped])
    mark_backing_off(settings.db_path, list(skipped))
    summary = _summarise(polls, todo, processed.results, processed.errors, processed.attack_reports)
    logger.info("%d articles stored, %d new incidents, %d updated", summary.articles_added,
                len(summary.new_incidents), len(summary.updated_incidents))
    changed = summary.new_incidents + summary.updated_incidents
    touched = list_incidents(settings.db_path, IncidentFilter(ids=changed)) if changed else []
    publish_run_artifacts(summary, touched)
    if settings.webhook_url:
        send_alerts(settings, summary, touched, casualties_before(processed.results))
    stages = {"poll": poll_seconds, **processed.stage_seconds, "flow": perf_counter() - started}
    summary = dataclasses.replace(summary, stage_seconds={k: round(v, 3) for k, v in stages.items()})
    logger.info("Stage seconds: %s", format_stages(summary.stage_seconds))
    if summary.every_feed_failed:
        return Failed(message="no feed could be read (every feed failed or is backing off)", data=summary)
    return Completed(message="pass completed", data=summary)


def format_stages(stage_seconds: dict[str, float]) -> str:
    """`poll=0.41 fetch=3.20 ...`: the run log's "Stage seconds:" line, which benchmarks/bench_pipeline.py reads."""
    return " ".join(f"{stage}={seconds:.2f}" for stage, seconds in stage_seconds.items())


def follow_run_log_level(logger) -> None:
    """Library loggers (attached to the run log by PREFECT_LOGGING_EXTRA_LOGGERS) log at the run log's level."""
    level = logger.logger.getEffectiveLevel() if hasattr(logger, "logger") else logging.INFO
    for name in LIBRARY_LOGGERS:
        library = logging.getLogger(name)
        if library.level == logging.NOTSET:
            library.setLevel(level)


def publish_run_artifacts(summary: RunSummary, touched: Sequence) -> None:
    """Two table artifacts per run: what changed in the incidents, and how each feed did."""
    new = set(summary.new_incidents)
    rows = [{"change": "new" if i.incident_id in new else "updated", "incident_id": i.incident_id,
             "attack_date": str(i.attack_date or ""), "base": i.base, "country": i.country or "",
             "weapons": ", ".join(i.weapons), "killed": i.killed, "wounded": i.wounded,
             "sources": i.independent_sources} for i in touched]
    create_table_artifact(rows or [{"change": "none", "incident_id": "", "attack_date": "", "base": "",
                                    "country": "", "weapons": "", "killed": None, "wounded": None, "sources": 0}],
                          key="monitor-incidents",
                          description=f"{len(summary.new_incidents)} new, {len(summary.updated_incidents)} "
                                      f"updated incidents; {summary.articles_added} articles stored")
    create_table_artifact([{"feed": f.name, "url": f.url, "status": f.status, "new_articles": f.new_articles,
                            "error": f.error or ""} for f in summary.feeds],
                          key="monitor-feed-status",
                          description=f"{sum(f.status in ('ok', 'not modified') for f in summary.feeds)} of "
                                      f"{len(summary.feeds)} feeds read")


def send_alerts(settings: Settings, summary: RunSummary, touched: Sequence, before: dict) -> None:
    """Queue alerts for this run's changes, then send everything queued; failures stay queued."""
    from flows.alerts import deliver_pending, queue_alerts

    logger = get_run_logger()
    new = set(summary.new_incidents)
    queued = queue_alerts(settings.db_path, [i for i in touched if i.incident_id in new],
                          [i for i in touched if i.incident_id not in new], before)
    result = deliver_pending(settings.db_path, settings.webhook_url, retry_policy(settings), settings.http_policy)
    for line in result.failed:
        logger.warning("%s", line)
    logger.info("%s: %d alerts queued, %d delivered, %d left for the next run", settings.webhook_url, queued,
                result.delivered, len(result.failed))


def casualties_before(results: Sequence[StoreResult]) -> dict[str, tuple[int | None, int | None]]:
    """incident_id -> (killed, wounded) before this run: the first batch that updated it saw them."""
    before: dict[str, tuple[int | None, int | None]] = {}
    for result in results:
        for incident_id, killed, wounded in result.casualties_before:
            before.setdefault(incident_id, (killed, wounded))
    return before


def _summarise(polls: Sequence[FeedPoll], todo: Sequence[tuple[FeedItem, Trust]], results: Sequence[StoreResult],
               errors: Sequence[str], attack_reports: int) -> RunSummary:
    per_feed = defaultdict(int)
    for item, _ in todo:
        per_feed[item.feed_url] += 1
    new, updated = run_changes(results)
    return RunSummary(
        feeds=tuple(FeedOutcome(p.feed.name, p.feed.url, p.status.status, p.status.error, per_feed[p.feed.url])
                    for p in polls),
        articles_added=sum(r.articles_added for r in results),
        attack_reports=attack_reports,
        article_errors=tuple(errors),
        new_incidents=new,
        updated_incidents=updated,
    )


def run_monitor(feeds_file: Path | None, db_path: Path, task_runner: str | None = None,
                dask_address: str | None = None) -> tuple[RunSummary, bool]:
    """Run the flow in this process (ephemeral Prefect when no server is configured)."""
    state = monitor_feeds(feeds_file=str(feeds_file) if feeds_file else None, db_path=str(db_path),
                          task_runner=task_runner, dask_address=dask_address, return_state=True)
    summary = state.result(raise_on_failure=False)
    if isinstance(summary, BaseException):
        raise summary
    return summary, state.is_completed()
