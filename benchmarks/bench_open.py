"""What opening the database file costs, and the part of it that checks the file's layout.

On a file with the current layout, written by the store step (2,000 articles by default), CPU ms per open and
close: with nothing checked, with the statement that binds only on the whole schema (`has_current_layout`, what
every open runs since session 5), with the catalog queries plus the schema script every open ran before, and
through `storage.database.connect()`. Median of 30, CPU time (process_time).
Run: `uv run python benchmarks/bench_open.py [--articles 2000]`.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from extractors.records import AnalysedArticle, Article, Detection
from storage.database import _lacks_redirects, connect, store_articles
from storage.layout import SCHEMA, has_current_layout, has_indexed_layout, missing_columns


def cpu_ms(run: Callable[[], object], rounds: int = 30) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        run()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    now = datetime.now(timezone.utc)
    db = Path(tempfile.mkdtemp(prefix="bw-open-")) / "bw.duckdb"
    articles = [AnalysedArticle(Article(f"https://example.org/{n}", f"Title {n}", "Some article text. " * 100, now,
                                        now, "https://example.org/feed"), Detection(False))
                for n in range(args.articles)]
    for start in range(0, len(articles), 200):
        store_articles(db, articles[start:start + 200])

    def opened(check: Callable[[duckdb.DuckDBPyConnection], object]) -> Callable[[], None]:
        def run() -> None:
            con = duckdb.connect(str(db))
            check(con)
            con.close()
        return run

    def catalog_checks(con: duckdb.DuckDBPyConnection) -> None:
        has_indexed_layout(con), _lacks_redirects(con), missing_columns(con)
        con.execute(SCHEMA)

    def ours() -> None:
        with connect(db):
            pass

    print(f"file of {args.articles} articles, {db.stat().st_size / 1e6:.1f} MB; median CPU ms per open + close")
    for name, run in [("duckdb.connect(), nothing checked", opened(lambda con: None)),
                      ("+ has_current_layout (one statement)", opened(has_current_layout)),
                      ("+ catalog queries + schema script (before)", opened(catalog_checks)),
                      ("storage connect()", ours)]:
        print(f"  {name:<44} {cpu_ms(run):6.1f}")


if __name__ == "__main__":
    main()
