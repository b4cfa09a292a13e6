"""Peak memory of a large back-fill: N article URLs (default 10,000) from the loopback bench site.

The `backfill` flow runs in a fresh process (ephemeral Prefect) over URLs that cycle over the real pages in
../shared/bench/html/. Peak RSS is read with `resource.getrusage` in that process (ru_maxrss): its own
peak, and the largest of its children (extraction workers, Prefect's ephemeral server). The DB file's size
per 10k articles is reported too.
With `--task-runner dask` the analysis runs on a local Dask cluster (peak RSS then covers the flow process;
the Dask workers are the cluster's processes). Run:
`uv run python benchmarks/bench_backfill_memory.py [--articles 10000] [--task-runner default|dask]`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import ROOT, BenchSite  # noqa: E402

CHILD = """
import json, resource, sys, time
from flows.backfill import backfill
urls = open(sys.argv[1]).read().split()
t0 = time.perf_counter()
state = backfill(urls=urls, db_path=sys.argv[2], task_runner=sys.argv[3], return_state=True)
summary = state.result(raise_on_failure=False)
print(json.dumps({
    "seconds": time.perf_counter() - t0,
    "state": state.type.value,
    "added": summary.articles_added,
    "errors": len(summary.errors),
    "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--task-runner", choices=("default", "dask"), default="default",
                        help="dask: a local cluster, one single-threaded worker process per core")
    args = parser.parse_args()
    site = BenchSite(args.articles, 1)
    work = Path(tempfile.mkdtemp(prefix="bw-bench-backfill-"))
    try:
        urls = work / "urls.txt"
        urls.write_text("\n".join(site.article_urls()))
        db = work / "backfill.duckdb"
        env = {**os.environ, "PREFECT_HOME": str(work / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "DO_NOT_TRACK": "1", "PYTHONPATH": str(ROOT), "PREFECT_LOGGING_LEVEL": "WARNING"}
        env.pop("PREFECT_API_URL", None)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CHILD, str(urls), str(db), args.task_runner], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=7200)
        wall = time.perf_counter() - t0
        if done.returncode != 0:
            raise SystemExit(f"backfill failed ({done.returncode}): {done.stderr[-2000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        size_mb = db.stat().st_size / 1e6
        print(f"machine: {os.cpu_count()} cores; back-fill of {args.articles} URLs from the loopback bench site, "
              f"task runner {args.task_runner}")
        print(f"{'measure':<52} {'value':>10}")
        for name, value in [
            ("wall seconds (process, Prefect start-up included)", f"{wall:.1f}"),
            ("flow seconds", f"{result['seconds']:.1f}"),
            ("articles/s (wall)", f"{result['added'] / wall:.1f}"),
            ("articles stored / errors", f"{result['added']} / {result['errors']}"),
            ("peak RSS, flow process (MB)", f"{result['self_mb']:.0f}"),
            ("peak RSS, largest child: worker or server (MB)", f"{result['children_mb']:.0f}"),
            ("DB file (MB)", f"{size_mb:.1f}"),
            ("DB file per 10k articles (MB)", f"{size_mb / max(result['added'], 1) * 10_000:.1f}"),
        ]:
            print(f"{name:<52} {value:>10}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
