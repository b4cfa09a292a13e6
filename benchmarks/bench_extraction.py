"""What trafilatura's fallbacks cost, and what `read_text` pays for them: CPU ms per real page, and the pages whose
text differs from trafilatura's whole cascade.

Over the real pages in ../shared/bench/html/ that pass the first look (those basewatch extracts), five rounds,
alternating: `bare_extraction` with its readability/jusText comparison (the default), without it (`fast`), and
`read_text` (fast, then the whole cascade where the main extractor kept under `FAST_MIN_SHARE` of the visible text).
CPU time (process_time). Run: `uv run python benchmarks/bench_extraction.py`.
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from extractors.article_text import ArticleError, read_text, readable_markup, trafilatura_text
from extractors.prefilter import may_report_attack, visible_text
from extractors.records import FeedItem

PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "html"
ITEM = FeedItem("https://example.org/feed.xml", "https://example.org/article", "", None)


def cascade(body: bytes, visible_chars: int, fast: bool) -> str:
    try:
        return trafilatura_text(ITEM, readable_markup(body), fast)
    except ArticleError:
        return ""


def as_read(body: bytes, visible_chars: int) -> str:
    try:
        return read_text(ITEM, readable_markup(body), visible_chars)
    except ArticleError:
        return ""


def main() -> None:
    pages = []
    for path in sorted(PAGES.glob("*.html")):
        body = path.read_bytes()
        seen = visible_text(readable_markup(body))
        if may_report_attack(seen):
            pages.append((path.name, body, len(seen)))
    ways: dict[str, Callable[[bytes, int], str]] = {
        "whole cascade (default)": lambda b, v: cascade(b, v, fast=False),
        "main extractor only (fast)": lambda b, v: cascade(b, v, fast=True),
        "read_text": as_read,
    }
    texts = {name: [run(body, chars) for _, body, chars in pages] for name, run in ways.items()}  # also warms up
    ms: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(5):
        for name, run in ways.items():
            start = time.process_time()
            for _, body, chars in pages:
                run(body, chars)
            ms[name].append((time.process_time() - start) / len(pages) * 1000)
    print(f"{len(pages)} real pages pass the first look")
    default = texts["whole cascade (default)"]
    for name, values in ms.items():
        differ = [(pages[i][0], len(default[i]), len(t)) for i, t in enumerate(texts[name]) if t != default[i]]
        print(f"{name:<28} median {statistics.median(values):5.1f} CPU ms/page "
              f"(rounds: {' '.join(f'{v:.1f}' for v in values)}); text differs from the default on {len(differ)}"
              + "".join(f"\n    {page}: {a} -> {b} characters" for page, a, b in differ))


if __name__ == "__main__":
    main()
