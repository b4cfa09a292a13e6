"""Does the merge step's cost stay flat as the incidents table grows?

Builds DuckDB files holding N synthetic incidents (each with one report from its own article), then times
`store_articles` on a batch of 100 new articles (half corroborate stored attacks, half are new ones) against
each file, for two kinds of batch: a poll's (recent attacks) and a back-fill's (attacks from anywhere in
the file's history). Reports merged per second (100 / median) is the single writer's ceiling. Run: `uv run python benchmarks/bench_merge.py [--sizes 10000 100000 1000000]`.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.records import AnalysedArticle, Article, Detection, IncidentReport  # noqa: E402
from storage.database import connect, store_articles  # noqa: E402
from benchmarks.synthetic import SyntheticHistory, fill_synthetic_incidents, flushed_copy  # noqa: E402

def batch(tag: str, history: SyntheticHistory, workload: str, size: int = 100) -> list[AnalysedArticle]:
    """Odd reports corroborate an incident on file (each a different one), even ones report new attacks
    three or more days after the latest on file, so every table size sees the same work. `poll`: the
    corroborated attacks are from the last week on file, as a 15-minute poll brings; `backfill`: from
    anywhere in the file's history."""
    latest = history.day(history.count - 1)
    now = datetime.combine(latest + timedelta(days=10), datetime.min.time(), timezone.utc)
    out = []
    for n in range(size):
        if n % 2 == 0:
            base, day = f"Synthetic Base {n * 7 % history.bases}", latest + timedelta(days=3 + n % 5)
        else:
            on_file = (history.count - 1 - n * 37 % (7 * history.per_day) if workload == "poll"
                       else n * 7919 % history.count)
            base, day = history.base(on_file), history.day(on_file)
        report = IncidentReport(base, "Iraq", None, None, day, "day", ("rocket",), 2, 0, 0, None, None, True,
                                f"Two rockets hit {base}.")
        article = Article(f"http://bench.example/{tag}/{n}", "t", f"Two rockets hit {base} on day {n}.",
                          now, now, "http://bench.example/feed")
        out.append(AnalysedArticle(article, Detection(True, (report,))))
    return out


def merge_ms(seed: Path, history: SyntheticHistory, workload: str, repeats: int) -> list[float]:
    """Each repeat merges a fresh batch into a fresh, flushed copy of the seed file."""
    timings = []
    for repeat in range(repeats):
        db = seed.with_name(f"run-{workload}-{repeat}.duckdb")
        flushed_copy(seed, db)
        articles = batch(f"{workload}{repeat}", history, workload)
        t0 = time.perf_counter()
        result = store_articles(db, articles)
        timings.append((time.perf_counter() - t0) * 1000)
        assert result.articles_added == 100 and len(result.updated_incidents) == 50, result
        db.unlink()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--per-day", type=int, default=50,
                        help="incidents a day in the generated history (default 50; 1M of them span 55 years)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bw-bench-merge-"))
    print(f"merge 100 reports (50 corroborate, 50 new) into N incidents, {args.per_day} a day: "
          f"median (min) ms of {args.repeats} fresh copies")
    print(f"{'incidents':>10} {'build s':>8} {'poll batch':>16} {'backfill batch':>16} {'file MB':>8}"
          f" {'poll rep/s':>10} {'backfill rep/s':>14}")
    try:
        for size in args.sizes:
            seed = work / f"seed-{size}.duckdb"
            t0 = time.perf_counter()
            history = SyntheticHistory(size, per_day=args.per_day)
            with connect(seed) as con:
                fill_synthetic_incidents(con, history)
            build = time.perf_counter() - t0
            cells, rates = [], []
            for workload in ("poll", "backfill"):
                timings = merge_ms(seed, history, workload, args.repeats)
                cells.append(f"{statistics.median(timings):.1f} ({min(timings):.1f})")
                rates.append(100 / statistics.median(timings) * 1000)  # the single writer's ceiling, reports/s
            print(f"{size:>10} {build:>8.1f} {cells[0]:>16} {cells[1]:>16} {seed.stat().st_size / 1e6:>8.1f}"
                  f" {rates[0]:>10.0f} {rates[1]:>14.0f}")
            seed.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
