"""Article title, text and publication time from a fetched page (trafilatura does the reading)."""
from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta, timezone

import trafilatura

from extractors.prefilter import visible_text
from extractors.records import Article, FeedItem

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
# What a body is by its first bytes, whatever its Content-Type says (servers mislabel PDFs and images).
_MAGIC = ((b"%PDF-", "PDF"), (b"\x89PNG", "PNG image"), (b"GIF8", "GIF image"), (b"\xff\xd8\xff", "JPEG image"),
          (b"PK\x03\x04", "ZIP archive"), (b"\x1f\x8b", "gzip data"), (b"OggS", "Ogg media"), (b"ID3", "MP3 audio"))
_GENERIC_TYPES = ("application/octet-stream", "binary/octet-stream", "application/unknown", "unknown/unknown")
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
MIN_TEXT_CHARS = 80  # less is a menu, a cookie wall or "enable JavaScript", not an article
# trafilatura's main extractor kept less than this share of the page's visible text: its fallbacks may find the
# article it missed (4 of the 109 real pages in ../shared/bench/html, all below 0.08; the rest are at 0.085 and up)
FAST_MIN_SHARE = 0.1
# trafilatura's time grows faster than the page (2.8 MB of paragraphs ~4 s, 5 MB ~14 s): past this size
# scripts and styles are dropped, and what remains is cut here (lxml reads a truncated page).
MAX_MARKUP_BYTES = 1_000_000
_NON_CONTENT_OPEN = re.compile(rb"<(script|style|svg|noscript|template)\b")
_EARLIEST = datetime(1995, 1, 1, tzinfo=timezone.utc)
_FUTURE_SLACK = timedelta(days=1)


class ArticleError(Exception):
    """A page gave no usable article; str() is `URL: reason`."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def check_page(item: FeedItem, body: bytes, content_type: str) -> None:
    """Refuse what is not an HTML page, whatever its Content-Type says (ArticleError)."""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in _HTML_TYPES and not (media_type in _GENERIC_TYPES and _looks_like_html(body)):
        raise ArticleError(item.url, f"not an HTML page ({media_type})")
    if not body.strip():
        raise ArticleError(item.url, "empty page")
    sniffed = next((kind for magic, kind in _MAGIC if body.startswith(magic)), None)
    if sniffed:
        raise ArticleError(item.url, f"not an HTML page ({sniffed}, served as {media_type or 'no type'})")


def extract_article(item: FeedItem, body: bytes, content_type: str, fetched_at: datetime) -> Article:
    """Read the page; the feed entry fills in what the page lacks (title, date).

    The page's bytes are decoded by trafilatura, which tries UTF-8 and then guesses, so a page whose
    declared charset is wrong (cp1256 or latin-1 sent as UTF-8) still reads correctly.
    """
    check_page(item, body, content_type)
    markup = readable_markup(body)
    return page_article(item, body, read_text(item, markup, len(visible_text(markup))), fetched_at)


def read_text(item: FeedItem, markup: bytes, visible_chars: int) -> str:
    """The article's text by trafilatura; ArticleError when the page has none (a menu, a cookie wall).

    trafilatura's main extractor alone (`fast`) first: its comparison with readability and jusText costs ~25% of
    its time and changes the text of few pages, those where the main extractor kept a small share of what a reader
    sees (`visible_chars`, prefilter.visible_text). Those pages, and those it found too little text in, are read
    again with the whole cascade. `markup` is the page as `readable_markup` gives it (the caller has it already).
    """
    text = trafilatura_text(item, markup, fast=True)
    if len(text) < max(MIN_TEXT_CHARS, FAST_MIN_SHARE * visible_chars):
        text = trafilatura_text(item, markup, fast=False)
    if len(text) < MIN_TEXT_CHARS:
        raise ArticleError(item.url, f"no article text found ({len(text)} characters)" if text
                           else "no article text found")
    return text


def trafilatura_text(item: FeedItem, markup: bytes, fast: bool) -> str:
    """trafilatura's text of the page, main extractor only (`fast`) or with its fallbacks; "" when it finds none."""
    try:
        # Metadata comes from page_metadata(): trafilatura's own (htmldate) costs ~10 ms more a page.
        document = trafilatura.bare_extraction(markup, url=item.url, include_comments=False, include_tables=False,
                                               fast=fast)
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        raise ArticleError(item.url, f"unreadable HTML ({type(exc).__name__}: {exc})") from exc
    return (document.text or "").strip() if document is not None else ""


def page_article(item: FeedItem, body: bytes, text: str, fetched_at: datetime) -> Article:
    """The article record for a page whose text is `text`: title and time from the page, else the feed."""
    page_title, page_time = page_metadata(body)
    if page_time is not None and not _EARLIEST <= page_time <= fetched_at + _FUTURE_SLACK:
        page_time = None  # a placeholder (1970) or a date in the future: the feed's date is better
    return Article(
        url=item.url,
        title=item.title or page_title,
        text=text,
        published_at=publication_time(page_time, item.published_at),
        fetched_at=fetched_at,
        feed_url=item.feed_url,
    )


def _looks_like_html(body: bytes) -> bool:
    """A mislabelled page (application/octet-stream) is still read when its first bytes are HTML."""
    return bool(_HTML_START.match(body[:2048]))


def readable_markup(body: bytes) -> bytes:
    """The page as trafilatura should see it: unchanged up to `MAX_MARKUP_BYTES`, else without scripts,
    styles and SVG, cut at that size. One linear pass, so unclosed tags cannot make it slow."""
    if len(body) <= MAX_MARKUP_BYTES:
        return body
    lower = body.lower()
    kept: list[bytes] = []
    size = pos = 0
    while size < MAX_MARKUP_BYTES and (opening := _NON_CONTENT_OPEN.search(lower, pos)):
        kept.append(body[pos:opening.start()])
        size += opening.start() - pos
        closing = lower.find(b"</" + opening.group(1), opening.end())
        end = lower.find(b">", closing) if closing >= 0 else -1
        pos = len(body) if end < 0 else end + 1
    kept.append(body[pos:pos + MAX_MARKUP_BYTES])
    return b"".join(kept)[:MAX_MARKUP_BYTES]


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
