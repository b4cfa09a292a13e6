"""What the first look (extractors/prefilter.py) saves: CPU ms per page with it and with every page read in full.

Runs both over the real pages in ../shared/bench/html/ in this process, five rounds each, alternating, and
counts the pages the look rules out. CPU time (process_time), so other load on the machine disturbs it less than wall time.
Run: `uv run python benchmarks/bench_first_look.py`.
"""
from __future__ import annotations

import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

from extractors.analysis import analyse_page, warm_up
from extractors.article_text import ArticleError, extract_article
from extractors.detect import detect
from extractors.records import AnalysedArticle, FeedItem

PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "html"
ITEM = FeedItem("https://example.org/feed.xml", "https://example.org/article", "", None)


def in_full(body: bytes, now: datetime) -> None:
    try:
        article = extract_article(ITEM, body, "text/html", now)
    except ArticleError:
        return
    detect(article.text, None, article.title)


def main() -> None:
    pages = [p.read_bytes() for p in sorted(PAGES.glob("*.html"))]
    now = datetime.now(timezone.utc)
    warm_up()
    results = [analyse_page(ITEM, body, "text/html", now) for body in pages]
    ruled_out = sum(isinstance(r.outcome, AnalysedArticle) and r.detect_seconds == 0.0 for r in results)
    print(f"{len(pages)} real pages; ruled out by the first look: {ruled_out}")
    ways = {"every page in full": lambda b: in_full(b, now),
            "first look, then in full": lambda b: analyse_page(ITEM, b, "text/html", now)}
    ms: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(5):
        for name, run in ways.items():
            start = time.process_time()
            for body in pages:
                run(body)
            ms[name].append((time.process_time() - start) / len(pages) * 1000)
    for name, values in ms.items():
        print(f"{name:<26} median {statistics.median(values):5.1f} CPU ms/page "
              f"(rounds: {' '.join(f'{v:.1f}' for v in values)})")


if __name__ == "__main__":
    main()
