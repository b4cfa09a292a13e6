"""What the one-time re-grouping costs when a file was keyed by older rules of what tells bases apart
(`base_key_rules`, extractors.dedup.BASE_KEY_RULES): seconds for the first open, and whether every incident is kept.

Run: `uv run python benchmarks/bench_rekey.py [--incidents 10000]`.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import SyntheticHistory, fill_synthetic_incidents  # noqa: E402
from storage.database import connect  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "rekey.duckdb"
        with connect(db) as con:
            fill_synthetic_incidents(con, SyntheticHistory(args.incidents))
        raw = duckdb.connect(str(db))
        raw.execute("UPDATE base_key_rules SET version = version - 1")  # as a file written by the older rules
        raw.close()
        start = time.perf_counter()
        with connect(db):
            pass
        seconds = time.perf_counter() - start
        with connect(db, read_only=True) as con:
            kept = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
    print(f"{args.incidents} incidents re-grouped on first open in {seconds:.1f} s; {kept} kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
