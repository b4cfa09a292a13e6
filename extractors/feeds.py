"""Turn fetched feed bytes into `FeedItem`s; feedparser only parses, it never touches the network."""
from __future__ import annotations

import calendar
import logging
from datetime import datetime, timedelta, timezone

import feedparser

from extractors.records import FeedItem
from extractors.urls import canonical_url

log = logging.getLogger(__name__)

MAX_ITEMS = 1000  # a feed listing more is cut here: one hostile feed must not queue 100k page fetches
_EARLIEST = datetime(1995, 1, 1, tzinfo=timezone.utc)  # before web news feeds: a placeholder (often 1970)
_FUTURE_SLACK = timedelta(days=1)  # clocks and time zones differ a little; more than this is a bad date


class FeedError(Exception):
    """A feed's bytes are not a usable feed; str() is `URL: reason`."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def parse_feed(feed_url: str, body: bytes, content_type: str = "") -> tuple[FeedItem, ...]:
    """Items with a usable http(s) link, canonicalised and de-duplicated, in feed order.

    Malformed XML that still yields entries is accepted (feedparser's bozo flag is common in the wild);
    a document with no feed structure at all is an error, an empty but valid feed is not. Entries
    without an http(s) link (none, `javascript:`, `file:`, `data:`, `ftp:`) are skipped; a date before
    1995 or more than a day ahead is treated as no date; at most `MAX_ITEMS` items are kept.
    """
    headers = {"content-location": feed_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries and not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom structure"
        raise FeedError(feed_url, f"not a feed ({_first_line(reason)})")
    items: dict[str, FeedItem] = {}
    for entry in parsed.entries:
        link = _entry_link(entry)
        if not link:
            continue
        url = canonical_url(link, base=feed_url)
        if not url.startswith(("http://", "https://")):
            log.info("%s: skipped an entry whose link %r is not http(s)", feed_url, link[:100])
            continue
        if url in items:
            continue
        if len(items) == MAX_ITEMS:
            log.warning("%s: more than %d items; the rest are ignored", feed_url, MAX_ITEMS)
            break
        items[url] = FeedItem(
            feed_url=feed_url,
            url=url,
            title=(entry.get("title") or "").strip(),
            published_at=_entry_datetime(entry),
            summary=(entry.get("summary") or "").strip(),
        )
    return tuple(items.values())


def _entry_link(entry: feedparser.FeedParserDict) -> str | None:
    link = entry.get("link")
    if link:
        return link
    for candidate in entry.get("links", []):
        if candidate.get("href") and candidate.get("rel", "alternate") == "alternate":
            return candidate["href"]
    guid = entry.get("id") or ""
    return guid if guid.startswith(("http://", "https://")) else None


def _entry_datetime(entry: feedparser.FeedParserDict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                moment = datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
            except (OverflowError, OSError, ValueError):
                continue
            if _EARLIEST <= moment <= datetime.now(timezone.utc) + _FUTURE_SLACK:
                return moment
    return None


def _first_line(reason: object) -> str:
    return str(reason).strip().splitlines()[0] if str(reason).strip() else type(reason).__name__
