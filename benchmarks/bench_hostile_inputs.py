"""How long the CPU-bound hostile inputs of the fault suite take, against the bounds they must stay under.

The tests (`tests/test_faults.py`, `tests/test_report.py`) check what happens to each input; timing them
there would fail on a busy machine for reasons that are not bugs, so their clocks live here. Network
deadlines stay in the tests: there the deadline itself is what is tested.
Run from the project root: `uv run python benchmarks/bench_hostile_inputs.py`. Exit 1 if a bound is passed.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.article_text import ArticleError, extract_article  # noqa: E402
from extractors.feeds import parse_feed  # noqa: E402
from extractors.records import FeedItem  # noqa: E402
from tests import faults  # noqa: E402
from tests.test_report import large_db  # noqa: E402

ITEM = FeedItem("http://127.0.0.1:1/feed.xml", "http://127.0.0.1:1/a.html", "", None)
PARAGRAPH = ("Three rockets struck the air base late on Sunday, wounding two soldiers, officials said in a "
             "statement, adding that an investigation had been opened into the attack. ")
NOW = datetime.now(timezone.utc)


def report_on_20000_incidents() -> None:
    with tempfile.TemporaryDirectory(prefix="basewatch-bench-") as tmp:
        db = large_db(Path(tmp) / "large.duckdb")
        subprocess.run([sys.executable, "-m", "flows.cli", "report", "--db", str(db), "--out", f"{tmp}/r.html"],
                       cwd=ROOT, check=True, capture_output=True)


# (case, bound in seconds, what to run): the bounds the tests used to assert
CASES = (
    ("5 MB HTML page (unbounded: ~14 s)", 10, lambda: extract_article(ITEM, faults.five_megabyte_page(PARAGRAPH),
                                                                      "text/html", NOW)),
    ("HTML nested 10,000 deep", 10, lambda: _tolerant(lambda: extract_article(
        ITEM, faults.deeply_nested_page(PARAGRAPH), "text/html", NOW))),
    ("400,000 unclosed <script> tags", 10, lambda: extract_article(ITEM, faults.unclosed_script_flood(PARAGRAPH),
                                                                   "text/html", NOW)),
    ("billion-laughs feed", 10, lambda: parse_feed("http://127.0.0.1:9/f.xml", faults.billion_laughs_feed())),
    ("`basewatch report` on 20,000 incidents (with its DB)", 60, report_on_20000_incidents),
)


def _tolerant(run) -> None:
    try:
        run()
    except ArticleError:  # a clean "no article text" is as good as text here: only the time counts
        pass


def main() -> int:
    over = 0
    print(f"{'case':<54} {'seconds':>8} {'bound':>6}")
    for case, bound, run in CASES:
        started = time.perf_counter()
        run()
        seconds = time.perf_counter() - started
        over += seconds > bound
        print(f"{case:<54} {seconds:>8.2f} {bound:>6}{'  OVER' if seconds > bound else ''}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
