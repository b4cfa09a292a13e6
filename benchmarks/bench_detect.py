"""Time `detect` per article over labelled corpora: prints median and p95 milliseconds, and the one-time cost of
loading the place index (GeoNames), which the first article needing a place lookup pays once per process.

Run from the project root: `uv run python benchmarks/bench_detect.py [CORPUS.jsonl ...]` (default: dev + dev2).
"""
from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

from extractors.detect import detect
from extractors.evaluation import load_corpus
from extractors.places import resolve_place

CORPORA = Path(__file__).resolve().parents[1].parent / "shared/corpus"
DEFAULT = [CORPORA / "dev.jsonl", CORPORA / "dev2.jsonl"]
ROUNDS = 5


def main() -> int:
    rows = [row for path in (sys.argv[1:] or DEFAULT) for row in load_corpus(path)]
    detect(rows[0]["text"], None, rows[0].get("title", ""))  # load data files outside the timing
    start = time.perf_counter()
    resolve_place("Cucuta")
    print(f"place index: first lookup {time.perf_counter() - start:.1f} s (once per process)")
    timings = []
    for _ in range(ROUNDS):
        for row in rows:
            published = date.fromisoformat(row["published"]) if row.get("published") else None
            start = time.perf_counter()
            detect(row["text"], published, row.get("title", ""))
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{len(rows)} articles x {ROUNDS} rounds: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
