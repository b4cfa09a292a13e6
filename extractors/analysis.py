"""The CPU-bound half of reading an article: extract the text from fetched bytes, then detect attacks.

`analyse_page` is what a worker process runs (flows/monitor.py starts one per core): everything it takes and
returns pickles, it imports nothing heavier than trafilatura, and it times its two stages so the run summary
can say where the time went. It is also called directly (in a thread) when no worker processes are used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from time import perf_counter

from extractors.article_text import MIN_TEXT_CHARS, ArticleError, check_page, page_article, readable_markup, read_text
from extractors.detect import detect
from extractors.places import resolve_place
from extractors.prefilter import may_report_attack, visible_text
from extractors.records import AnalysedArticle, Detection, FeedItem


@dataclass(frozen=True)
class PageResult:
    outcome: AnalysedArticle | str  # the article with its detection, or a one-line `URL: reason` error
    extract_seconds: float
    detect_seconds: float


def analyse_page(item: FeedItem, body: bytes, content_type: str, fetched_at: datetime) -> PageResult:
    """Extract the article from a fetched page and run the detector on it; an unusable page is an error line.

    A page whose visible text has no attack cue at all (extractors/prefilter.py) skips extraction and
    detection: it is stored with that text and no reports, so `backtest` can still re-read it.
    """
    start = perf_counter()
    try:
        check_page(item, body, content_type)
        markup = readable_markup(body)
        seen = visible_text(markup)
        if len(seen) >= MIN_TEXT_CHARS and not may_report_attack(f"{item.title}\n{item.summary}\n{seen}"):
            return PageResult(AnalysedArticle(page_article(item, body, seen, fetched_at), Detection(False)),
                              perf_counter() - start, 0.0)
        article = page_article(item, body, read_text(item, markup, len(seen)), fetched_at)
    except ArticleError as exc:
        return PageResult(str(exc), perf_counter() - start, 0.0)
    extracted = perf_counter()
    published = article.published_at.date() if article.published_at else None
    detection = detect(article.text, published, article.title)
    return PageResult(AnalysedArticle(article, detection), extracted - start, perf_counter() - extracted)


def warm_up() -> None:
    """Load the detector's vocabularies, gazetteer and place index before the first page."""
    detect("Rockets hit Ain al-Asad air base on Tuesday.", None, "")
    resolve_place("Baghdad")
