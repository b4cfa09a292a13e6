"""Article title, text and publication time from a fetched page (trafilatura does the reading)."""
from __future__ import annotations

import html
import re
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
        # Metadata comes from page_metadata(): trafilatura's own (htmldate) costs ~10 ms more a page.
        document = trafilatura.bare_extraction(body, url=item.url, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        raise ArticleError(item.url, f"unreadable HTML ({type(exc).__name__}: {exc})") from exc
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        raise ArticleError(item.url, "no article text found")
    page_title, page_time = page_metadata(body)
    return Article(
        url=item.url,
        title=item.title or page_title,
        text=text,
        published_at=publication_time(page_time, item.published_at),
        fetched_at=fetched_at,
        feed_url=item.feed_url,
    )


_META = re.compile(rb"<meta\s[^>]*>", re.IGNORECASE)
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DATE_KEYS = (b"article:published_time", b"og:published_time", b"datepublished", b"date", b"pubdate",
              b"publish-date", b"dc.date.issued", b"parsely-pub-date", b"sailthru.date")
_JSONLD_DATE = re.compile(rb'"datePublished"\s*:\s*"([^"]+)"')
_TIME_TAG = re.compile(rb"<time[^>]+datetime\s*=\s*[\"']([^\"']+)", re.IGNORECASE)
_TITLE_TAG = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def page_metadata(body: bytes) -> tuple[str, datetime | None]:
    """The page's own title and publication time, from its meta tags, JSON-LD or first <time>."""
    head = body[:200_000]
    metas: dict[bytes, bytes] = {}
    for tag in _META.findall(head):
        attrs = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                 for m in _ATTR.finditer(tag)}
        key = attrs.get(b"property") or attrs.get(b"name") or attrs.get(b"itemprop")
        if key and attrs.get(b"content"):
            metas.setdefault(key.lower(), attrs[b"content"])
    title_tag = _TITLE_TAG.search(head)
    raw_title = metas.get(b"og:title") or (title_tag.group(1) if title_tag else b"")
    candidates = [metas.get(k) for k in _DATE_KEYS]
    candidates += [m.group(1) for m in (_JSONLD_DATE.search(head), _TIME_TAG.search(head)) if m]
    published = next((t for t in map(_parse_time, filter(None, candidates)) if t), None)
    return html.unescape(raw_title.decode("utf-8", "replace")).strip(), published


def _parse_time(raw: bytes) -> datetime | None:
    text = raw.decode("ascii", "ignore").strip().replace("Z", "+00:00")
    try:
        value = datetime.fromisoformat(text) if len(text) > 10 else datetime.combine(
            date.fromisoformat(text), time(0, 0))
    except ValueError:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def publication_time(page_time: datetime | None, feed_time: datetime | None) -> datetime | None:
    """The page's own time wins; a bare page date takes the feed's time of day when both name that day."""
    if page_time is None:
        return feed_time
    is_bare_date = page_time.time() == time(0, 0)
    if is_bare_date and feed_time is not None and feed_time.date() == page_time.date():
        return feed_time
    return page_time
