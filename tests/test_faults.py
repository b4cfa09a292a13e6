"""Fault injection: hostile servers, feeds, pages and storage faults; nothing lost, nobody let in.

Every case is one test, named after the behaviour it proves; `benchmarks/fault_table.py` runs this file
and prints the table. Servers are loopback servers started here (tests/faults.py), never the network.
Tests that check stored data record `records_lost` (expected rows missing afterwards), which must be 0.
Time bounds are generous: the policy's deadline plus several seconds of slack.
"""
from __future__ import annotations

import gzip
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import tracemalloc
import zlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

import extractors.fetch as fetch_module
from extractors.article_text import MAX_MARKUP_BYTES, ArticleError, extract_article, readable_markup
from extractors.feeds import MAX_ITEMS, FeedError, parse_feed
from extractors.fetch import FetchError, HttpPolicy, Trust, fetch, new_client, trust_for_links
from extractors.records import AnalysedArticle, Article, Detection, FeedConfig, FeedItem, IncidentReport
from extractors.urls import canonical_url
from flows.settings import ConfigError, load_feeds, load_settings
from storage.database import StorageError, list_incidents, store_articles
from tests import faults
from tests.faults import HostileServer
from tests.wire_site import ARTICLES, EXPECTED_INCIDENTS, feeds_toml, publish, rss

POLICY = HttpPolicy(timeout_seconds=1.5, max_bytes=1_000_000)  # total deadline: 3 s; drips come every 1 s
DEADLINE = POLICY.timeout_seconds * 2
SLACK = 4.0
NOW = datetime.now(timezone.utc)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def bad():
    server = HostileServer()
    yield server
    server.close()


def get(url: str, trust: Trust = Trust.CONFIGURED, policy: HttpPolicy = POLICY):
    with new_client(policy) as client:
        return fetch(client, url, policy, trust)


def failure(url: str, trust: Trust = Trust.CONFIGURED, policy: HttpPolicy = POLICY) -> tuple[str, float]:
    """The one-line error a fetch ends with, and how long it took."""
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        get(url, trust, policy)
    message = str(err.value)
    assert "\n" not in message and message.startswith(url + ": ")
    return message, time.monotonic() - started


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- network


def test_network_connection_refused_is_one_line():
    url = f"http://127.0.0.1:{closed_port()}/feed.xml"
    assert failure(url)[0] == f"{url}: connection refused"


@pytest.mark.parametrize("trust", [Trust.CONFIGURED, Trust.PUBLIC_ONLY])
def test_network_dns_failure_is_one_line(trust):
    url = "http://feeds.nowhere.invalid/rss.xml"
    assert failure(url, trust)[0] == f"{url}: DNS lookup failed"


def test_network_a_silent_server_times_out_at_the_read_timeout(bad):
    url = bad.add("/silent", faults.silent())
    message, took = failure(url)
    assert "timed out after 1.5 s" in message
    assert took < DEADLINE + SLACK


@pytest.mark.parametrize("behaviour", ["drip_body", "drip_headers"])
def test_network_a_byte_a_second_drip_stops_at_the_total_deadline(bad, behaviour):
    url = bad.add("/drip", getattr(faults, behaviour)(seconds=30))
    message, took = failure(url)
    assert message == f"{url}: gave up at the {DEADLINE:g} s total deadline"
    assert DEADLINE - 0.5 < took < DEADLINE + SLACK


def test_network_redirect_loops_stop(bad):
    loop = bad.add("/loop", faults.redirect("/loop"))
    assert failure(loop)[0] == f"{loop}: more than 5 redirects"
    ping = bad.add("/ping", faults.redirect("/pong"))
    bad.add("/pong", faults.redirect(ping))
    assert failure(ping)[0] == f"{ping}: more than 5 redirects"
    assert bad.hits["/ping"] + bad.hits["/pong"] == 6  # bounded: the first request and five hops


@pytest.mark.parametrize(("status", "headers", "reason"), [
    (404, {}, "HTTP 404"),
    (410, {}, "HTTP 410"),
    (500, {}, "HTTP 500"),
    (503, {"Retry-After": "60"}, "HTTP 503 (retry after 60)"),
    (429, {"Retry-After": "120"}, "HTTP 429 (retry after 120)"),
    (429, {"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}, "HTTP 429 (retry after Wed, 21 Oct 2026 07:28:00 GMT)"),
])
def test_network_http_errors_are_one_line_with_the_status(bad, status, headers, reason):
    url = bad.add("/e", faults.respond(b"error page", status=status, headers=headers))
    assert failure(url)[0] == f"{url}: {reason}"


# ---------------------------------------------------------------- size and encoding


def test_size_a_50_mb_body_stops_at_the_cap_without_reading_it(bad):
    url = bad.add("/huge", faults.endless_body(limit=50_000_000))
    message, took = failure(url)
    assert message == f"{url}: body exceeds the 1000000-byte cap"
    assert bad.wait_finished("/huge")
    assert bad.sent["/huge"] < 12_000_000  # the cap plus socket buffers, not 50 MB
    assert took < DEADLINE + SLACK


def test_size_a_declared_50_mb_body_is_refused_before_reading(bad):
    url = bad.add("/declared", faults.endless_body(limit=50_000_000, declare_length=True))
    assert failure(url)[0] == f"{url}: body of 50000000 bytes exceeds the 1000000-byte cap"
    assert bad.wait_finished("/declared")
    assert bad.sent["/declared"] < 12_000_000


def test_size_a_gzip_bomb_stops_at_the_decoded_cap_in_bounded_memory(bad):
    url = bad.add("/bomb", faults.gzip_bomb(decoded_bytes=1 << 30))
    tracemalloc.start()
    try:
        message, took = failure(url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message == f"{url}: body exceeds the 1000000-byte cap"
    assert peak < 16_000_000  # inflating a whole 64 KB network chunk would take ~64 MB
    assert took < DEADLINE + SLACK


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate"])
def test_size_compressed_pages_are_decoded(bad, coding):
    page = b"<html><body><p>" + b"Rockets hit the base. " * 2000 + b"</p></body></html>"
    if coding == "gzip":
        data = gzip.compress(page)
    elif coding == "deflate":
        data = zlib.compress(page)
    else:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        data = compressor.compress(page) + compressor.flush()
    encoding = "gzip" if coding == "gzip" else "deflate"
    url = bad.add("/z", faults.respond(data, headers={"Content-Encoding": encoding}))
    assert get(url).body == page


def test_size_an_unknown_content_encoding_is_one_line(bad):
    url = bad.add("/br", faults.respond(b"\x00\x01", headers={"Content-Encoding": "br"}))
    assert failure(url)[0] == f"{url}: unsupported content encoding 'br'"


def test_size_corrupt_gzip_is_one_line(bad):
    url = bad.add("/corrupt", faults.respond(b"\x1f\x8b\x08\x00garbage-not-gzip", headers={"Content-Encoding": "gzip"}))
    assert failure(url)[0].startswith(f"{url}: undecodable gzip content")


ITEM = FeedItem("http://127.0.0.1:1/feed.xml", "http://127.0.0.1:1/a.html", "", None)
PARAGRAPH = ("Three rockets struck the air base late on Sunday, wounding two soldiers, officials said in a "
             "statement, adding that an investigation had been opened into the attack. ")


def html_page(text: str, charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Story</title></head><body>'
            f"<article><h1>Story</h1><p>{text}</p><p>{text}</p></article></body></html>")


def article_error(body: bytes, content_type: str = "text/html") -> str:
    with pytest.raises(ArticleError) as err:
        extract_article(ITEM, body, content_type, NOW)
    assert "\n" not in str(err.value) and str(err.value).startswith(ITEM.url + ": ")
    return str(err.value)


@pytest.mark.parametrize(("body", "content_type", "reason"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf", "not an HTML page (application/pdf)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "text/html", "not an HTML page (PDF, served as text/html)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", "not an HTML page (image/png)"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "", "not an HTML page (JPEG image, served as no type)"),
    (b'{"story": "json, not a page"}', "application/json", "not an HTML page (application/json)"),
])
def test_size_pdf_image_or_json_at_an_article_url_is_refused(body, content_type, reason):
    assert article_error(body, content_type) == f"{ITEM.url}: {reason}"


@pytest.mark.parametrize("content_type", ["", "text/plain", "application/octet-stream", "text/html; charset=bogus"])
def test_size_an_html_page_with_a_wrong_or_missing_content_type_is_read(content_type):
    article = extract_article(ITEM, html_page(PARAGRAPH).encode(), content_type, NOW)
    assert "Three rockets struck the air base" in article.text


ARABIC = ("أطلقت ثلاثة صواريخ على قاعدة عين الأسد الجوية في محافظة الأنبار غرب العراق مساء الأحد، "
          "بحسب مصادر أمنية عراقية، ولم تسفر الهجمات عن إصابات. ")
FRENCH = "Les forces armées françaises ont été visées près de la base aérienne, a indiqué l'état-major. "


@pytest.mark.parametrize(("text", "encoding", "declared"), [
    (ARABIC * 3, "cp1256", "utf-8"),
    (ARABIC * 3, "cp1256", ""),
    (FRENCH * 3, "latin-1", "utf-8"),
    (FRENCH * 3, "utf-8", "iso-8859-1"),
])
def test_size_a_page_in_a_wrongly_declared_charset_reads_correctly(text, encoding, declared):
    body = html_page(text, declared or "utf-8").encode(encoding)
    content_type = f"text/html; charset={declared}" if declared else "text/html"
    article = extract_article(ITEM, body, content_type, NOW)
    assert text.split("،")[0].split(",")[0] in article.text


def test_size_a_5_mb_html_page_is_read_from_its_first_megabyte_of_text():
    """Unbounded, trafilatura takes ~14 s on 5 MB of paragraphs; its time is in benchmarks/bench_hostile_inputs.py."""
    body = faults.five_megabyte_page(PARAGRAPH)
    assert len(body) > 5_000_000
    assert len(readable_markup(body)) <= MAX_MARKUP_BYTES and b"<script" not in readable_markup(body)
    article = extract_article(ITEM, body, "text/html", NOW)
    assert "Three rockets struck the air base" in article.text and "Paragraph 24999." not in article.text


def test_size_html_nested_10000_deep_is_a_clean_result():
    body = faults.deeply_nested_page(PARAGRAPH)
    try:
        article = extract_article(ITEM, body, "text/html", NOW)
        assert "rockets" in article.text.lower()
    except ArticleError as exc:
        assert str(exc) == f"{ITEM.url}: no article text found"


def test_size_an_unclosed_script_flood_is_cut_and_the_story_still_read():
    body = faults.unclosed_script_flood(PARAGRAPH)
    assert readable_markup(body).startswith(b"<html><body><article><p>") and b"<script" not in readable_markup(body)
    assert "Three rockets struck the air base" in extract_article(ITEM, body, "text/html", NOW).text


@pytest.mark.parametrize(("body", "reason"), [
    (b"", "empty page"),
    (b" \n\t ", "empty page"),
    (b"<html><body><nav><a href='/'>Home</a> | <a href='/about'>About</a></nav></body></html>",
     "no article text found (12 characters)"),
    (b"<html><head><title>x</title></head><body><script>app()</script></body></html>", "no article text found"),
])
def test_size_an_empty_page_or_one_without_article_text_is_one_line(body, reason):
    assert article_error(body) == f"{ITEM.url}: {reason}"


def test_size_page_dates_in_the_future_or_1970_fall_back_to_the_feed_date():
    feed_time = NOW - timedelta(hours=3)
    item = FeedItem(ITEM.feed_url, ITEM.url, "", feed_time)
    for stamp in ("2099-01-01T00:00:00Z", "1970-01-01T00:00:00Z"):
        body = html_page(PARAGRAPH).replace("<title>", f'<meta property="article:published_time" content="{stamp}"><title>')
        assert extract_article(item, body.encode(), "text/html", NOW).published_at == feed_time


# ---------------------------------------------------------------- feeds

FEED = "http://127.0.0.1:9/feeds/x.xml"


def rss_of(*items: str, channel: str = "<title>t</title>") -> bytes:
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{channel}{"".join(items)}</channel></rss>'.encode()


def test_feed_malformed_xml_that_still_has_entries_is_read():
    body = b'<rss version="2.0"><channel><title>Tom & Jerry</title><item><title>a <b>bold</title>' \
           b'<link>http://127.0.0.1:9/m.html</link></item></channel>'
    assert [i.url for i in parse_feed(FEED, body)] == ["http://127.0.0.1:9/m.html"]
    truncated = b"<?xml version='1.0'?><rss><channel><item><link>http://127.0.0.1:9/t.html</link><title>unterminat"
    assert [i.url for i in parse_feed(FEED, truncated)] == ["http://127.0.0.1:9/t.html"]


@pytest.mark.parametrize("body", [
    b"<!DOCTYPE html><html><head><title>News</title></head><body><a href='/a'>A</a></body></html>",
    b"\x00\x01\x02 binary garbage",
    b"",
])
def test_feed_html_garbage_or_empty_bytes_are_one_line_not_a_feed(body):
    with pytest.raises(FeedError) as err:
        parse_feed(FEED, body, "application/rss+xml")
    assert str(err.value).startswith(f"{FEED}: not a feed") and "\n" not in str(err.value)


def test_feed_an_empty_feed_is_ok_with_no_items():
    assert parse_feed(FEED, rss_of()) == ()
    assert parse_feed(FEED, b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title></feed>') == ()


def test_feed_entries_without_links_are_skipped():
    body = rss_of("<item><title>no link</title></item>", '<item><guid isPermaLink="false">abc</guid></item>',
                  "<item><title>ok</title><link>http://127.0.0.1:9/ok.html</link></item>")
    assert [i.url for i in parse_feed(FEED, body)] == ["http://127.0.0.1:9/ok.html"]


def test_feed_duplicate_guids_give_one_item_per_url():
    body = rss_of(*["<item><guid>same</guid><link>http://127.0.0.1:9/a.html</link></item>"] * 3,
                  "<item><guid>same</guid><link>http://127.0.0.1:9/b.html</link></item>")
    assert [i.url for i in parse_feed(FEED, body)] == ["http://127.0.0.1:9/a.html", "http://127.0.0.1:9/b.html"]


def test_feed_dates_in_the_future_or_1970_are_treated_as_unknown():
    body = rss_of(*(f"<item><link>http://127.0.0.1:9/{n}.html</link><pubDate>{d}</pubDate></item>" for n, d in [
        ("future", "Mon, 01 Jan 2099 00:00:00 GMT"), ("epoch", "Thu, 01 Jan 1970 00:00:00 GMT"),
        ("far", "Fri, 31 Dec 9999 23:59:59 GMT"), ("junk", "yesterday-ish"),
        ("good", "Sun, 14 Jun 2026 07:40:00 GMT")]))
    dates = {i.url.rsplit("/", 1)[1]: i.published_at for i in parse_feed(FEED, body)}
    assert dates == {"future.html": None, "epoch.html": None, "far.html": None, "junk.html": None,
                     "good.html": datetime(2026, 6, 14, 7, 40, tzinfo=timezone.utc)}


def test_feed_changing_tracking_parameters_give_the_same_article_url():
    base = "https://news.example.com/world/story-1.html?id=7"
    variants = [f"{base}&utm_source=rss&utm_campaign=poll{n}&fbclid={n}x&xtor=RSS-{n}&_ga={n}&ns_mchannel=rss#c{n}"
                for n in range(5)]
    assert {canonical_url(v) for v in variants} == {"https://news.example.com/world/story-1.html?id=7"}


def test_feed_atom_relative_links_resolve_against_xml_base_or_the_feed_url():
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://127.0.0.1:9/news/"><title>A</title>'
            b'<entry><title>r</title><link href="r1.html"/><id>u1</id></entry>'
            b'<entry><title>r2</title><link rel="enclosure" href="/pic.jpg"/><link rel="alternate" href="../x/r2.html"/>'
            b'<id>u2</id></entry></feed>')
    assert [i.url for i in parse_feed(FEED, body)] == ["http://127.0.0.1:9/news/r1.html", "http://127.0.0.1:9/x/r2.html"]
    plain = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><link href="/a/b.html"/><id>u</id></entry></feed>'
    assert [i.url for i in parse_feed(FEED, plain)] == ["http://127.0.0.1:9/a/b.html"]


def test_feed_entity_expansion_and_external_entities_are_harmless():
    items = parse_feed(FEED, faults.billion_laughs_feed())
    assert all(len(i.title) < 1_000_000 for i in items)
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "localhost"
    xxe = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]><rss version="2.0">'
           b"<channel><title>t</title><item><title>&x;</title><description>&x;</description>"
           b"<link>http://127.0.0.1:9/a.html</link></item></channel></rss>")
    for item in parse_feed(FEED, xxe):
        assert secret not in item.title + item.summary


def test_feed_a_feed_of_100k_items_is_cut_at_the_item_cap():
    body = rss_of(*(f"<item><link>http://127.0.0.1:9/i{n}.html</link></item>" for n in range(MAX_ITEMS + 500)))
    assert len(parse_feed(FEED, body)) == MAX_ITEMS


# ---------------------------------------------------------------- security: schemes and addresses


def test_security_non_http_links_in_a_feed_are_dropped():
    body = rss_of(*(f"<item><link>{link}</link></item>" for link in [
        "file:///etc/passwd", "ftp://example.com/a", "javascript:alert(1)", " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "http://127.0.0.1:9/ok.html"]))
    assert [i.url for i in parse_feed(FEED, body)] == ["http://127.0.0.1:9/ok.html"]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "javascript:alert(1)",
                                 "data:text/html,hi", "gopher://127.0.0.1:70/"])
@pytest.mark.parametrize("trust", list(Trust))
def test_security_non_http_schemes_are_refused_by_fetch(url, trust):
    with pytest.raises(FetchError, match="is not http or https"):
        get(url, trust)


def test_security_a_configured_feed_is_trusted_whatever_its_address(bad):
    url = bad.add("/feed.xml", faults.respond(rss_of(), "application/rss+xml"))
    assert get(url, Trust.CONFIGURED).status == 200


def test_security_links_from_a_private_feed_may_be_private_and_from_a_public_feed_may_not(bad):
    url = bad.add("/a.html", faults.respond(b"<p>ok</p>"))
    assert trust_for_links(bad.url + "/feed.xml") is Trust.PRIVATE_OK
    assert trust_for_links("http://93.184.216.34/feed.xml") is Trust.PUBLIC_ONLY
    assert trust_for_links("http://feeds.nowhere.invalid/feed.xml") is Trust.PUBLIC_ONLY
    assert get(url, Trust.PRIVATE_OK).status == 200
    assert failure(url, Trust.PUBLIC_ONLY)[0] == f"{url}: refused: 127.0.0.1 is private, and the feed is public"
    assert bad.hits["/a.html"] == 1  # the refused request never reached the server


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x",
                                 "http://[::ffff:169.254.169.254]/latest/", "http://169.254.1.1:8080/"])
@pytest.mark.parametrize("trust", [Trust.PRIVATE_OK, Trust.PUBLIC_ONLY])
def test_security_link_local_and_metadata_addresses_are_always_refused(url, trust):
    assert "is a link-local/metadata address" in failure(url, trust)[0]


def test_security_every_redirect_hop_is_checked(bad):
    to_metadata = bad.add("/r1", faults.redirect("http://169.254.169.254/latest/meta-data/"))
    assert "169.254.169.254 is a link-local/metadata address" in failure(to_metadata, Trust.PRIVATE_OK)[0]
    to_file = bad.add("/r2", faults.redirect("file:///etc/passwd"))
    assert "is not http or https" in failure(to_file, Trust.PRIVATE_OK)[0]
    chain = bad.add("/r3", faults.redirect("/r4"))
    bad.add("/r4", faults.redirect("http://[fe80::1]/"))
    assert "link-local" in failure(chain, Trust.CONFIGURED)[0]


@pytest.fixture
def fake_dns(monkeypatch):
    """Names that the policy check resolves to a public address, while connections go to loopback."""
    public = {"public.test", "rebind.test"}
    real_resolve, real_getaddrinfo = fetch_module._resolve, socket.getaddrinfo

    def resolve(url):
        from urllib.parse import urlsplit
        import ipaddress
        if urlsplit(url).hostname in public:
            return [ipaddress.ip_address("93.184.216.34")]
        return real_resolve(url)

    def getaddrinfo(host, *args, **kwargs):
        return real_getaddrinfo("127.0.0.1" if host in public else host, *args, **kwargs)

    monkeypatch.setattr(fetch_module, "_resolve", resolve)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_security_dns_rebinding_to_loopback_is_refused_at_connect(bad, fake_dns):
    bad.add("/a.html", faults.respond(b"<p>secret</p>"))
    url = bad.url.replace("127.0.0.1", "rebind.test") + "/a.html"
    message = failure(url, Trust.PUBLIC_ONLY)[0]
    assert message == f"{url}: refused: 127.0.0.1 is private, and the feed is public (connected address)"
    assert bad.hits["/a.html"] == 0


def test_security_a_public_feed_redirecting_to_a_private_address_is_refused(bad, fake_dns):
    inside = bad.add("/internal/feed.xml", faults.respond(rss_of(), "application/rss+xml"))
    url = bad.url.replace("127.0.0.1", "public.test") + "/feed.xml"
    bad.add("/feed.xml", faults.redirect(inside))
    assert "127.0.0.1 is private, and the feed is public" in failure(url, Trust.CONFIGURED)[0]
    assert bad.hits["/internal/feed.xml"] == 0


def test_security_links_of_a_public_feed_to_loopback_are_refused_in_the_pipeline(site, fake_dns, monkeypatch):
    from flows.monitor import analyse_articles, new_items, poll

    for article in ARTICLES[:2]:
        site.add(article.path, "<p>private page</p>")
    feed_url = site.add("/feeds/pub.xml", rss(site.url, "Pub", ARTICLES[:2]), "application/rss+xml")
    public_url = feed_url.replace("127.0.0.1", "public.test")
    polled = poll(FeedConfig("Public", public_url), None, POLICY)
    assert polled.status.status == "ok" and polled.link_trust is Trust.PUBLIC_ONLY
    settings = load_settings({"timeout_seconds": 1.5}, environ={})
    batch = analyse_articles(new_items([polled], set()), settings)
    assert batch.analysed == ()
    assert sorted(batch.errors) == sorted(f"{site.url}{a.path}: refused: 127.0.0.1 is private, and the feed is public"
                                          for a in ARTICLES[:2])
    assert [path for path, _ in site.requests if not path.startswith("/feeds/")] == []


def test_security_sql_in_the_base_filter_is_harmless(tmp_path, capsys, record_property):
    from flows.cli import main

    db = tmp_path / "bw.duckdb"
    store_articles(db, [analysed("http://127.0.0.1:1/a.html", claim())])
    before = list_incidents(db)
    for argv in (["incidents", "--db", str(db), "--base", "x'; DROP TABLE incidents; --"],
                 ["incidents", "--db", str(db), "--base", "%' OR '1'='1", "--format", "json"],
                 ["incidents", "--db", str(db), "--show", "x' OR '1'='1"]):
        main(argv)
    out = capsys.readouterr()
    header, rule, *rest = out.out.splitlines()  # an empty table, then an empty JSON list
    assert header.startswith("date") and set(rule) <= {"-", " "} and rest == ["[]"] and "no incident" in out.err
    after = list_incidents(db)
    assert after == before and len(after) == 1
    record_property("records_lost", len(before) - len(after))


def test_security_configuration_files_and_feeds_never_execute_code(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feeds]]\nname = "$(touch {marker})"\nurl = "http://127.0.0.1:9/f.xml?q=`touch {marker}`"\n'
                     f'[[feeds]]\nname = "x"\nurl = "__import__(\'os\').system(\'touch {marker}\')"\n')
    with pytest.raises(ConfigError, match="is not an http\\(s\\) URL"):
        load_feeds(feeds)
    with pytest.raises(ConfigError, match="timeout_seconds"):
        load_settings(environ={"BASEWATCH_TIMEOUT_SECONDS": f"__import__('os').system('touch {marker}')"})
    config = tmp_path / "basewatch.toml"
    config.write_text(f'[basewatch]\nuser_agent = "$(touch {marker})"\ndb_path = "`touch {marker}`"\n')
    settings = load_settings(environ={"BASEWATCH_CONFIG": str(config)})
    assert settings.user_agent == f"$(touch {marker})"
    body = rss_of(f"<item><title>&lt;script&gt;alert(1)&lt;/script&gt;</title><link>http://127.0.0.1:9/a.html</link>"
                  f"<description><![CDATA[<img src=x onerror=\"require('child_process').exec('touch {marker}')\">]]>"
                  "</description></item>")
    parse_feed(FEED, body)
    assert not marker.exists()


# ---------------------------------------------------------------- storage

STAMP = datetime(2026, 6, 14, 8, tzinfo=timezone.utc)


def analysed(url: str, *reports: IncidentReport) -> AnalysedArticle:
    return AnalysedArticle(Article(url, "t", f"text of {url}", STAMP, STAMP, "http://127.0.0.1:1/f.xml"),
                           Detection(bool(reports), tuple(reports)))


def claim(base: str = "Camp Taji", day: date = date(2026, 6, 13)) -> IncidentReport:
    return IncidentReport(base, "Iraq", 33.52, 44.25, day, "day", ("rocket",), 2, None, None, None, None, True,
                          f"Rockets hit {base} on {day}.")


def batch_of(prefix: str, n: int) -> list[AnalysedArticle]:
    bases = ["Camp Taji", "Ain al-Asad Air Base", "Erbil Air Base", "Al Tanf"]
    return [analysed(f"http://127.0.0.1:1/{prefix}/{i}.html", claim(bases[i % 4], date(2026, 6, 1 + i % 20)))
            for i in range(n)]


def table_counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "incidents", "incident_reports")}
    finally:
        con.close()


def stored_urls(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
    finally:
        con.close()


def half_written(db: Path) -> int:
    """Incidents without a report, and reports without an article or an incident: must be 0."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("""
            SELECT (SELECT count(*) FROM incidents i WHERE NOT EXISTS
                        (SELECT 1 FROM incident_reports r WHERE r.incident_id = i.incident_id))
                 + (SELECT count(*) FROM incident_reports r WHERE NOT EXISTS
                        (SELECT 1 FROM articles a WHERE a.url = r.article_url))
                 + (SELECT count(*) FROM incident_reports r WHERE NOT EXISTS
                        (SELECT 1 FROM incidents i WHERE i.incident_id = r.incident_id))""").fetchone()[0]
    finally:
        con.close()


KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {root!r})
    import storage.database as database
    from tests.test_faults import batch_of
    real = database._write_incidents
    def die(con, incidents):  # articles are written, half the incidents and their reports: SIGKILL
        real(con, incidents[: len(incidents) // 2])
        os.kill(os.getpid(), signal.SIGKILL)
    database._write_incidents = die
    database.store_articles({db!r}, batch_of("second", 40))
""")


def test_storage_sigkill_mid_batch_then_rerun_loses_nothing_and_duplicates_nothing(tmp_path, record_property):
    db = tmp_path / "bw.duckdb"
    first = batch_of("first", 40)
    store_articles(db, first)
    before = table_counts(db)
    done = subprocess.run([sys.executable, "-c", KILLER.format(root=str(ROOT), db=str(db))],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert table_counts(db) == before and half_written(db) == 0  # opens; the killed batch left no trace
    second = batch_of("second", 40)
    assert store_articles(db, second).articles_added == 40
    assert store_articles(db, second).articles_added == 0 and store_articles(db, first).articles_added == 0
    counts = table_counts(db)
    assert counts["articles"] == 80 and counts["incident_reports"] == 80 and half_written(db) == 0
    expected = {a.article.url for a in first + second}
    record_property("records_lost", len(expected - stored_urls(db)))
    assert expected <= stored_urls(db)


HOLDER = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect({db!r})
    con.execute("CREATE TABLE IF NOT EXISTS holder (x INTEGER)")
    print("locked", flush=True)
    time.sleep({seconds})
    con.close()
""")


def test_storage_a_file_locked_by_another_process_is_waited_for_then_written(tmp_path, record_property):
    db = tmp_path / "bw.duckdb"
    store_articles(db, batch_of("first", 5))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER.format(db=str(db), seconds=1.5)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StorageError) as err:
            list_incidents(db, lock_wait_seconds=0.3)
        assert str(err.value) == f"{db}: locked by another process for 0.3 s; try again when it finishes"
        assert store_articles(db, batch_of("second", 5)).articles_added == 5  # waits out the lock
    finally:
        holder.wait(timeout=30)
    lost = 10 - len(stored_urls(db))
    record_property("records_lost", lost)
    assert lost == 0


def test_storage_a_database_path_under_a_regular_file_is_one_line(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(StorageError) as err:
        store_articles(blocker / "bw.duckdb", batch_of("a", 1))
    assert str(err.value) in {f"{blocker / 'bw.duckdb'}: cannot create its directory ({why})" for why in ("File exists", "Not a directory")}


def _chattr(flag: str, path: Path) -> bool:
    return shutil.which("chattr") is not None and subprocess.run(
        ["chattr", flag, str(path)], capture_output=True).returncode == 0


def test_storage_a_read_only_directory_is_one_line_and_keeps_what_was_stored(tmp_path, record_property):
    folder = tmp_path / "ro"
    db = folder / "bw.duckdb"
    store_articles(db, batch_of("first", 10))
    if not _chattr("+i", folder):
        pytest.skip("chattr +i is not available here (needs root and a filesystem that supports it)")
    try:
        with pytest.raises(StorageError) as err:
            store_articles(db, batch_of("second", 10))
        assert str(err.value).startswith(f"{db}: ") and "Operation not permitted" in str(err.value)
        assert "\n" not in str(err.value)
        with pytest.raises(StorageError, match="Operation not permitted"):
            store_articles(folder / "new.duckdb", batch_of("third", 1))
    finally:
        _chattr("-i", folder)
    lost = len({a.article.url for a in batch_of("first", 10)} - stored_urls(db))
    record_property("records_lost", lost)
    assert lost == 0 and half_written(db) == 0
    assert store_articles(db, batch_of("second", 10)).articles_added == 10  # writable again: the work completes


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs when this process may mount one; the test is skipped otherwise."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.decode().strip()})")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


def test_storage_a_full_disk_is_one_line_and_keeps_what_was_stored(small_disk, record_property):
    import random
    import string

    db = small_disk / "bw.duckdb"
    rng = random.Random(6)
    stored: set[str] = set()
    error = None
    for n in range(40):  # bounded: 40 batches of 250 KB of incompressible text would need 10 MB
        batch = [AnalysedArticle(Article(f"http://127.0.0.1:1/full/{n}/{i}.html", "t",
                                         "".join(rng.choices(string.ascii_letters, k=50_000)), STAMP, STAMP, "f"),
                                 Detection(False, ())) for i in range(5)]
        try:
            store_articles(db, batch)
        except StorageError as exc:
            error = str(exc)
            break
        stored |= {a.article.url for a in batch}
    assert error is not None and error.startswith(f"{db}: ") and "No space left on device" in error
    assert "\n" not in error
    lost = len(stored - stored_urls(db))
    record_property("records_lost", lost)
    assert stored and lost == 0 and half_written(db) == 0


# ---------------------------------------------------------------- the whole flow


def _hostile_world(site, bad) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Three good wire feeds plus every kind of broken feed, and a feed full of hostile article links."""
    good = publish(site)
    arabic_body = html_page(ARABIC * 3, "utf-8").encode("cp1256")
    links = {
        "pdf": bad.add("/a/report.pdf", faults.respond(b"%PDF-1.7\n%\xe2\xe3", "application/pdf")),
        "png": bad.add("/a/photo.html", faults.respond(b"\x89PNG\r\n\x1a\n\x00\x00", "text/html")),
        "empty": bad.add("/a/empty.html", faults.respond(b"")),
        "nav": bad.add("/a/nav.html", faults.respond(b"<html><body><nav>Home | About</nav></body></html>")),
        "huge": bad.add("/a/huge.html", faults.endless_body(limit=50_000_000)),
        "slow": bad.add("/a/slow.html", faults.drip_headers(seconds=30)),
        "gone": bad.add("/a/gone.html", faults.respond(b"gone", status=410)),
        "metadata": bad.add("/a/redirect.html", faults.redirect("http://169.254.169.254/latest/meta-data/")),
        "arabic": bad.add("/a/arabic.html", faults.respond(arabic_body, "text/html; charset=utf-8")),
        # answers 503 on the first pass, the real page afterwards: must be read on the second pass
        "flaky": bad.add("/a/flaky.html", faults.sequence(
            faults.respond(b"busy", status=503, headers={"Retry-After": "30"}),
            faults.respond(html_page(PARAGRAPH).encode()))),
        "file": "file:///etc/passwd",
        "js": "javascript:alert(document.cookie)",
    }
    hostile_links_feed = site.add("/feeds/hostile-links.xml", rss_of(*(
        f"<item><title>{name}</title><link>{link}</link></item>" for name, link in links.items())),
        "application/rss+xml")
    # the same two articles each poll, with new tracking parameters every time (and no ETag)
    polls = [0]

    def tracking(sock, request):
        polls[0] += 1
        n = polls[0]
        body = rss_of(*(f"<item><title>t{i}</title><link>{bad.url}/t/{i}.html?utm_source=rss&amp;utm_campaign=p{n}"
                        f"&amp;fbclid=f{n}</link><guid>{bad.url}/t/{i}.html?n={n}</guid></item>" for i in (1, 2)))
        faults.respond(body, "application/rss+xml")(sock, request)

    for i in (1, 2):
        bad.add(f"/t/{i}.html", faults.respond(html_page(f"Tracked story {i}. " + PARAGRAPH).encode()))
    broken = [
        ("Refused", f"http://127.0.0.1:{closed_port()}/feed.xml"),
        ("No DNS", "http://feeds.nowhere.invalid/rss.xml"),
        ("Server error", bad.add("/f/500.xml", faults.respond(b"oops", status=500))),
        ("Rate limited", bad.add("/f/429.xml", faults.respond(b"slow down", status=429, headers={"Retry-After": "120"}))),
        ("Dripping", bad.add("/f/drip.xml", faults.drip_body(seconds=30))),
        ("Bomb", bad.add("/f/bomb.xml", faults.gzip_bomb())),
        ("Garbage", bad.add("/f/garbage.xml", faults.respond(b"this is not <xml", "application/rss+xml"))),
        ("HTML page", bad.add("/f/page.xml", faults.respond(b"<!DOCTYPE html><html><body>Hi</body></html>",
                                                            "application/rss+xml"))),
        ("Redirect loop", bad.add("/f/loop.xml", faults.redirect("/f/loop.xml"))),
        ("Hostile links", hostile_links_feed),
        ("Tracking", bad.add("/f/tracking.xml", tracking)),
    ]
    return good + broken, links


def test_flow_hostile_feeds_and_pages_fail_one_line_each_and_lose_nothing(site, bad, tmp_path, monkeypatch,
                                                                          record_property):
    """Two real passes of the Prefect flow over every broken feed and hostile link at once."""
    from flows.monitor import run_monitor

    monkeypatch.setenv("BASEWATCH_TIMEOUT_SECONDS", "1.5")
    monkeypatch.setenv("BASEWATCH_MAX_BYTES", "1000000")
    monkeypatch.setenv("BASEWATCH_FETCH_ATTEMPTS", "1")  # retries have their own tests; here they only cost time
    feeds, links = _hostile_world(site, bad)
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text(feeds_toml(feeds))
    db = tmp_path / "bw.duckdb"

    first, completed = run_monitor(feeds_file, db)
    assert completed
    url_of = dict(feeds)
    status = {f.name: (f.status, f.error) for f in first.feeds}
    expected_errors = {
        "Refused": "connection refused", "No DNS": "DNS lookup failed", "Server error": "HTTP 500",
        "Rate limited": "HTTP 429 (retry after 120)", "Dripping": f"gave up at the {DEADLINE:g} s total deadline",
        "Bomb": "body exceeds the 1000000-byte cap", "Garbage": "not a feed", "HTML page": "not a feed",
        "Redirect loop": "more than 5 redirects",
    }
    for name, reason in expected_errors.items():
        state, error = status[name]
        assert state == "error" and error.startswith(f"{url_of[name]}: {reason}") and "\n" not in error, (name, error)
    for name in ("Wire One", "Wire Two", "Aggregator", "Hostile links", "Tracking"):
        assert status[name] == ("ok", None), name
    con = duckdb.connect(str(db), read_only=True)
    on_file = dict(con.execute("SELECT name, last_error FROM feeds").fetchall())
    con.close()
    assert on_file == {name: error for name, (_, error) in status.items()}  # the same line in the feed's status

    errors = {e.split(": ", 1)[0]: e.split(": ", 1)[1] for e in first.article_errors}
    assert all("\n" not in e for e in first.article_errors)
    assert errors == {
        links["pdf"]: "not an HTML page (application/pdf)",
        links["png"]: "not an HTML page (PNG image, served as text/html)",
        links["empty"]: "empty page",
        links["nav"]: "no article text found (12 characters)",
        links["huge"]: "body exceeds the 1000000-byte cap",
        links["slow"]: f"gave up at the {DEADLINE:g} s total deadline",
        links["gone"]: "HTTP 410",
        links["metadata"]: "redirected to http://169.254.169.254/latest/meta-data/: "
                           "refused: 169.254.169.254 is a link-local/metadata address",
        links["flaky"]: "HTTP 503 (retry after 30)",
    }
    expected_first = {site.url + a.path for a in ARTICLES} | {links["arabic"], f"{bad.url}/t/1.html",
                                                              f"{bad.url}/t/2.html"}
    assert stored_urls(db) == expected_first
    con = duckdb.connect(str(db), read_only=True)
    arabic_text = con.execute("SELECT text FROM articles WHERE url = ?", [links["arabic"]]).fetchone()[0]
    con.close()
    assert "قاعدة عين الأسد" in arabic_text

    second, completed = run_monitor(feeds_file, db)
    assert completed
    assert second.articles_added == 1  # the flaky page, now answering; tracking tags added no duplicates
    expected = expected_first | {links["flaky"]}
    lost = len(expected - stored_urls(db))
    record_property("records_lost", lost)
    assert lost == 0 and stored_urls(db) == expected
    counts = table_counts(db)
    assert counts["articles"] == len(expected) and half_written(db) == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = {r[0] for r in con.execute("SELECT base FROM incidents").fetchall()}
    con.close()
    assert rows == {base for base, *_ in EXPECTED_INCIDENTS}
