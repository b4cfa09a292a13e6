"""Time `detect` per article over the dev corpus: prints median and p95 milliseconds.

Run from the project root: `uv run python benchmarks/bench_detect.py [CORPUS.jsonl]`.
"""
from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

from extractors.detect import detect
from extractors.evaluation import load_corpus

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/corpus/dev.jsonl"
ROUNDS = 5


def main() -> int:
    rows = load_corpus(sys.argv[1] if len(sys.argv) > 1 else DEFAULT)
    detect(rows[0]["text"], None, rows[0].get("title", ""))  # load data files outside the timing
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
