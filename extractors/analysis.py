"""The CPU-bound half of reading an article: extract the text from fetched bytes, then detect attacks.

`analyse_page` is what a worker process runs (flows/monitor.py starts one per core): everything it takes and
returns pickles, it imports nothing heavier than trafilatura, and it times its two stages so the run summary
can say where the time went. It is also called directly (in a thread) when no worker processes are used.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from time import perf_counter

from extractors.article_text import ArticleError, extract_article
from extractors.detect import detect
from extractors.records import AnalysedArticle, FeedItem


@dataclass(frozen=True)
class PageResult:
    outcome: AnalysedArticle | str  # the article with its detection, or a one-line `URL: reason` error
    extract_seconds: float
    detect_seconds: float


def analyse_page(item: FeedItem, body: bytes, content_type: str, fetched_at: datetime) -> PageResult:
    """Extract the article from a fetched page and run the detector on it; an unusable page is an error line."""
    start = perf_counter()
    try:
        article = extract_article(item, body, content_type, fetched_at)
    except ArticleError as exc:
        return PageResult(str(exc), perf_counter() - start, 0.0)
    extracted = perf_counter()
    published = article.published_at.date() if article.published_at else None
    detection = detect(article.text, published, article.title)
    return PageResult(AnalysedArticle(article, detection), extracted - start, perf_counter() - extracted)


def warm_up() -> None:
    """Load the detector's vocabularies and gazetteer before the first page (a worker's initializer)."""
    detect("Rockets hit Ain al-Asad air base on Tuesday.", None, "")
