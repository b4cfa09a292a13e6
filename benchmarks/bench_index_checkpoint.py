"""Why the growing tables carry no index: what one small write costs with and without an ART index.

A table of N rows (an integer key hash, a base, a day, a list) with or without an index on the key; on a
fresh, flushed copy of the file, one transaction looks up 100 keys, inserts 100 rows and commits, and the
connection closes (DuckDB checkpoints then). Run: `uv run python benchmarks/bench_index_checkpoint.py
[--sizes 10000 1000000]`.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import flushed_copy  # noqa: E402


def build(path: Path, rows: int, indexed: bool) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (h UBIGINT, k VARCHAR, d DATE, v INTEGER, w VARCHAR[])")
    con.execute(f"INSERT INTO t SELECT md5_number_upper('old-' || i), 'base ' || (i % 2000), "
                f"DATE '2015-01-01' + (i // 2000)::INTEGER, 1, ['rocket'] FROM range({rows}) r(i)")
    if indexed:
        con.execute("CREATE INDEX t_h ON t (h)")
    con.close()


def one_write_ms(seed: Path, repeats: int) -> tuple[float, float]:
    """Median ms of the whole write, and of its 100-key lookup alone."""
    con = duckdb.connect(str(seed), read_only=True)
    keys = ", ".join(str(r[0]) for r in con.execute("SELECT h FROM t USING SAMPLE 100 ROWS").fetchall())
    con.close()
    totals, lookups = [], []
    for repeat in range(repeats):
        copy = seed.with_name(f"copy-{repeat}.duckdb")
        flushed_copy(seed, copy)
        t0 = time.perf_counter()
        con = duckdb.connect(str(copy))
        con.execute("BEGIN TRANSACTION")
        t1 = time.perf_counter()
        con.execute(f"SELECT k, d, w FROM t WHERE h IN ({keys})").fetchall()
        lookups.append((time.perf_counter() - t1) * 1000)
        con.execute("INSERT INTO t SELECT md5_number_upper('new-' || i), 'base ' || (i * 7 % 2000), "
                    "DATE '2020-01-01', 1, ['rocket'] FROM range(100) r(i)")
        con.execute("COMMIT")
        con.close()
        totals.append((time.perf_counter() - t0) * 1000)
        copy.unlink()
    return statistics.median(totals), statistics.median(lookups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bw-bench-index-"))
    print(f"{'rows':>10} {'index':>6} {'write + checkpoint ms':>22} {'of which lookup ms':>19}")
    try:
        for indexed in (False, True):
            for rows in args.sizes:
                seed = work / "seed.duckdb"
                build(seed, rows, indexed)
                total, lookup = one_write_ms(seed, args.repeats)
                print(f"{rows:>10} {'yes' if indexed else 'no':>6} {total:>22.1f} {lookup:>19.1f}")
                seed.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
