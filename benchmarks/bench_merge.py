"""Does the merge step's cost stay flat as the incidents table grows?

Builds DuckDB files holding N synthetic incidents (and one report each), then times `store_articles`
on the same batch of 100 new articles (half corroborate stored attacks, half are new ones) against
each file. Run: `uv run python benchmarks/bench_merge.py [--sizes 10000 100000 1000000]`.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.records import AnalysedArticle, Article, Detection, IncidentReport  # noqa: E402
from storage.database import connect, store_articles  # noqa: E402
from storage.synthetic import fill_synthetic_incidents  # noqa: E402

BASES = 2000
START = date(2015, 1, 1)


def batch(tag: str, size: int = 100) -> list[AnalysedArticle]:
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    out = []
    for n in range(size):
        base = f"Synthetic Base {n * 7 % BASES}"
        day = START + timedelta(days=n * 13 % 3000) if n % 2 else date(2026, 1, 1) - timedelta(days=n % 5)
        report = IncidentReport(base, "Iraq", None, None, day, "day", ("rocket",), 2, 0, 0, None, None, True,
                                f"Two rockets hit {base}.")
        article = Article(f"http://bench.example/{tag}/{n}", "t", f"Two rockets hit {base} on day {n}.",
                          now, now, "http://bench.example/feed")
        out.append(AnalysedArticle(article, Detection(True, (report,))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bw-bench-merge-"))
    print(f"{'incidents':>10} {'build s':>8} {'merge 100 reports: median ms':>30} {'min ms':>8} {'file MB':>8}")
    try:
        for size in args.sizes:
            seed = work / f"seed-{size}.duckdb"
            t0 = time.perf_counter()
            with connect(seed) as con:
                fill_synthetic_incidents(con, size, BASES, START)
            build = time.perf_counter() - t0
            timings = []
            for repeat in range(args.repeats):
                db = work / f"run-{size}-{repeat}.duckdb"
                shutil.copy(seed, db)
                t0 = time.perf_counter()
                result = store_articles(db, batch(f"r{repeat}"))
                timings.append((time.perf_counter() - t0) * 1000)
                assert result.articles_added == 100
                db.unlink()
            print(f"{size:>10} {build:>8.1f} {statistics.median(timings):>30.1f} {min(timings):>8.1f} "
                  f"{seed.stat().st_size / 1e6:>8.1f}")
            seed.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
