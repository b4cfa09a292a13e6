"""Canonical URLs and feed parsing: the same story reached two ways is one article."""
from __future__ import annotations

import pytest

from extractors.feeds import FeedError, parse_feed
from extractors.urls import canonical_url


@pytest.mark.parametrize(("raw", "canonical"), [
    ("https://News.Example.com/a/story.html?utm_source=x&utm_medium=rss#top", "https://news.example.com/a/story.html"),
    ("https://example.com/a?id=7&fbclid=abc", "https://example.com/a?id=7"),
    ("https://m.example.co.uk/news/story-1", "https://example.co.uk/news/story-1"),
    ("https://example.com/news/story-1/amp", "https://example.com/news/story-1"),
    ("http://example.com:80/x", "http://example.com/x"),
    ("http://127.0.0.1:8123/a/b.html?utm_campaign=z", "http://127.0.0.1:8123/a/b.html"),
])
def test_canonical_url_drops_tracking_fragments_and_variants(raw, canonical):
    assert canonical_url(raw) == canonical


def test_relative_links_resolve_against_the_feed():
    assert canonical_url("/a/b.html", base="http://127.0.0.1:9000/feeds/x.xml") == "http://127.0.0.1:9000/a/b.html"


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>http://n.example/a/1.html?utm_source=rss</link><pubDate>Sun, 14 Jun 2026 07:40:00 GMT</pubDate></item>
<item><title>One again</title><link>http://n.example/a/1.html#comments</link></item>
<item><title>No link</title><description>x</description></item>
<item><title>Script</title><link>javascript:alert(1)</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>
<updated>2026-06-14T08:00:00Z</updated>
<entry><title>Rel</title><link href="/news/rel.html"/><id>urn:1</id><updated>2026-06-14T08:00:00Z</updated></entry></feed>"""


def test_rss_items_are_canonical_unique_and_dated():
    items = parse_feed("http://n.example/feed.xml", RSS, "application/rss+xml")
    assert [i.url for i in items] == ["http://n.example/a/1.html"]
    assert items[0].published_at.isoformat() == "2026-06-14T07:40:00+00:00"


def test_atom_relative_links_resolve_against_the_feed_url():
    items = parse_feed("http://127.0.0.1:8000/feeds/a.xml", ATOM, "application/atom+xml")
    assert [i.url for i in items] == ["http://127.0.0.1:8000/news/rel.html"]


def test_an_empty_feed_is_not_an_error():
    assert parse_feed("http://n.example/f", b'<rss version="2.0"><channel><title>x</title></channel></rss>') == ()


@pytest.mark.parametrize("body", [b"<html><body>Not a feed</body></html>", b"", b"\x00\x01garbage"])
def test_a_document_that_is_not_a_feed_raises_one_line_naming_the_url(body):
    with pytest.raises(FeedError) as err:
        parse_feed("http://n.example/f", body)
    assert str(err.value).startswith("http://n.example/f: not a feed")
    assert "\n" not in str(err.value)
