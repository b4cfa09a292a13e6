"""The back-fill on a real Dask cluster on loopback: a `dask scheduler` and two `dask worker` processes, the
Prefect flow in this process, a few hundred loopback pages. The cluster must give the same incident table
(ids, figures and sources) as the run on this machine alone, even with one worker killed mid-run.

Marked `dask_cluster` (select or skip it with `-m`); it runs by default and takes about a minute.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from distributed import Client

from flows.backfill import backfill
from flows.monitor import run_monitor
from tests.archive_site import incident_table, publish_archive
from tests.processes import Processes, free_port
from tests.test_pipeline import incident_rows
from tests.wire_site import EXPECTED_INCIDENTS, feeds_toml, publish

ROOT = Path(__file__).resolve().parents[1]
DASK = str(Path(sys.executable).with_name("dask"))
KILL_AFTER_REQUESTS = 80  # into the second round of batches: both workers hold one

pytestmark = pytest.mark.dask_cluster


def run_backfill(urls_file: Path, db: Path, **runner: str):
    state = backfill(urls_file=str(urls_file), db_path=str(db), return_state=True, **runner)
    assert state.is_completed(), state.message
    return state.result()


def kill_when(site, count: int, proc, killed: threading.Event) -> None:
    deadline = time.monotonic() + 120
    while len(site.requests) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    killed.set()


def test_backfill_on_a_dask_cluster_stores_what_one_machine_does_even_when_a_worker_dies(site, tmp_path, monkeypatch):
    monkeypatch.setenv("BASEWATCH_ARTICLES_PER_BATCH", "50")  # several rounds of batches, so one is cut short
    urls = publish_archive(site)
    assert len(urls) > 300
    urls_file = tmp_path / "archive.txt"
    urls_file.write_text("\n".join(urls) + "\n")

    alone = run_backfill(urls_file, tmp_path / "alone.duckdb")
    assert alone.articles_added == len(urls) and not alone.errors
    expected = incident_table(tmp_path / "alone.duckdb")
    assert len(expected[0]) > 100  # the archive has many attacks, and many merge across articles

    procs = Processes(tmp_path)
    address = f"tcp://127.0.0.1:{free_port()}"
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "worker-prefect-home")}
    try:
        procs.start("scheduler", [DASK, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                  "--no-dashboard"], env, ROOT)
        workers = [procs.start(f"worker{n}", [DASK, "worker", address, "--nthreads", "1", "--no-dashboard",
                                             "--name", f"worker{n}"], env, ROOT) for n in (1, 2)]
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=60)
        site.requests.clear()
        site.delay = 0.01  # a batch takes long enough to be cut short
        killed = threading.Event()
        watcher = threading.Thread(target=kill_when, args=(site, KILL_AFTER_REQUESTS, workers[0], killed))
        watcher.start()
        distributed = run_backfill(urls_file, tmp_path / "dask.duckdb", task_runner="dask", dask_address=address)
        watcher.join()
    finally:
        procs.stop_all()

    assert killed.is_set() and workers[0].returncode == -signal.SIGKILL
    page_requests = len(site.requests)
    assert page_requests > len(urls), "the killed worker's batch was not fetched again"
    assert distributed.articles_added == len(urls) and not distributed.errors
    assert incident_table(tmp_path / "dask.duckdb") == expected


def test_monitor_feeds_runs_its_batches_on_a_local_dask_cluster(site, tmp_path):
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(publish(site)))
    db = tmp_path / "bw.duckdb"

    summary, completed = run_monitor(feeds, db, task_runner="dask")

    assert completed and not summary.article_errors
    assert incident_rows(db)[0] == EXPECTED_INCIDENTS
