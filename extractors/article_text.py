"""Article title, text and publication time from a fetched page (trafilatura does the reading)."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

import trafilatura

from extractors.records import Article, FeedItem

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")


class ArticleError(Exception):
    """A page gave no usable article; str() is `URL: reason`."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def extract_article(item: FeedItem, body: bytes, content_type: str, fetched_at: datetime) -> Article:
    """Read the page; the feed entry fills in what the page lacks (title, date)."""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in _HTML_TYPES:
        raise ArticleError(item.url, f"not an HTML page ({media_type})")
    if not body.strip():
        raise ArticleError(item.url, "empty page")
    try:
        document = trafilatura.bare_extraction(
            body, url=item.url, include_comments=False, include_tables=False, with_metadata=True
        )
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        raise ArticleError(item.url, f"unreadable HTML ({type(exc).__name__}: {exc})") from exc
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        raise ArticleError(item.url, "no article text found")
    return Article(
        url=item.url,
        title=(document.title or "").strip() or item.title,
        text=text,
        published_at=publication_time(document.date, item.published_at),
        fetched_at=fetched_at,
        feed_url=item.feed_url,
    )


def publication_time(page_date: str | None, feed_time: datetime | None) -> datetime | None:
    """The page's own date wins; the feed's timestamp adds the time of day when both agree on the day."""
    try:
        day = date.fromisoformat(page_date[:10]) if page_date else None
    except ValueError:
        day = None
    if day is None:
        return feed_time
    if feed_time is not None and feed_time.date() == day:
        return feed_time
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)
