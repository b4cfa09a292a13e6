"""The bundled demo site: served over real loopback HTTP, parseable feeds, and an answer key that holds."""
from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime, timezone
from importlib import resources
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx
import pytest
import trafilatura

from extractors.arabic import language, normalise
from flows.demo import TRACKING, DemoArticle, DemoSite, ExpectedIncident, load_demo_articles, serve_demo_site

ARTICLES = load_demo_articles()
SITE = resources.files("flows.demo_site")
ANSWER_KEY = tomllib.loads(SITE.joinpath("articles.toml").read_text(encoding="utf-8"))
CHROME = tomllib.loads(SITE.joinpath("templates.toml").read_text(encoding="utf-8"))["chrome"]
LANGUAGE = {o["name"]: o.get("language", "en") for o in ANSWER_KEY["outlets"]}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ARABIC_WEEKDAYS = ("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد")  # normalised spelling
WEEKDAY_WORD = re.compile(r"\b(" + "|".join(WEEKDAYS + ARABIC_WEEKDAYS) + r")\b")
NOT_INCIDENTS = ("baghdad-embassy-rockets", "ain-asad-handover-ceremony", "rockets-rally-past-lakers",
                 "vandenberg-weather-satellite-launch", "bank-of-england-holds-base-rate")


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoSite]:
    with serve_demo_site() as site:
        yield site


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as c:
        yield c


def by_slug(slug: str) -> DemoArticle:
    return next(a for a in ARTICLES if a.slug == slug)


def parse_feed(response: httpx.Response) -> feedparser.FeedParserDict:
    """As the pipeline does: bytes fetched by httpx, relative links resolved against the feed URL."""
    headers = {"content-location": str(response.url), "content-type": response.headers["content-type"]}
    return feedparser.parse(response.content, response_headers=headers)


def weekday_problems(article: DemoArticle) -> list[str]:
    """Weekday words must name the publication day, or the day of an incident from the week before it."""
    published = article.published.date()
    allowed = {published.weekday()} | {
        e.date.weekday() for e in article.expected
        if e.date_precision == "day" and 0 <= (published - e.date).days <= 6}
    text = normalise(" ".join((article.title, *article.paragraphs)))
    return [f"{article.slug}: {word!r} but published on a {published:%A}"
            for word in WEEKDAY_WORD.findall(text) if (WEEKDAYS + ARABIC_WEEKDAYS).index(word) % 7 not in allowed]


def test_site_serves_every_feed_and_page_over_loopback(demo: DemoSite, client: httpx.Client):
    assert urlsplit(demo.base_url).hostname == "127.0.0.1"
    for feed in demo.feeds:
        response = client.get(feed.url)
        assert response.status_code == 200, feed.url
        assert response.headers["content-type"].startswith(("application/rss+xml", "application/atom+xml"))
        assert response.headers["etag"] and response.headers["last-modified"]
    for article in ARTICLES:
        response = client.get(demo.base_url + article.path)
        assert response.status_code == 200, article.path
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        html = response.text
        assert html.startswith("<!doctype html>") and '<meta charset="utf-8">' in html
        assert f'<meta property="article:published_time" content="{article.published.isoformat()}">' in html
        assert f'<time datetime="{article.published.isoformat()}">' in html
        words = CHROME[LANGUAGE[article.outlet]]
        assert f'<html lang="{words["lang"]}" dir="{words["dir"]}">' in html
        assert 'property="og:title"' in html and f"<h2>{words['most_read_heading']}</h2>" in html
        assert "cookie-banner" in html
        assert html.count("<p>") >= len(article.paragraphs)


def test_unknown_paths_are_404_and_tracking_parameters_are_ignored(demo: DemoSite, client: httpx.Client):
    assert client.get(demo.base_url + "/no/such/story").status_code == 404
    article = by_slug("camp-taji-mortar-monday")
    tracked = client.get(demo.base_url + article.path + TRACKING)
    assert tracked.status_code == 200 and tracked.text == client.get(demo.base_url + article.path).text


def test_feeds_parse_with_one_entry_per_article(demo: DemoSite, client: httpx.Client):
    aggregator = ANSWER_KEY["aggregator"]
    for feed in demo.feeds:
        parsed = parse_feed(client.get(feed.url))
        assert not parsed.bozo, (feed.url, parsed.get("bozo_exception"))
        assert parsed.feed.title == feed.name
        expected = (len(aggregator["slugs"]) if feed.name == aggregator["name"]
                    else sum(a.outlet == feed.name for a in ARTICLES))
        assert len(parsed.entries) == expected, feed.url
        for entry in parsed.entries:
            assert entry.id and entry.title and entry.summary and entry.published_parsed, entry


def test_rss_items_carry_guid_rfc822_pubdate_and_description(demo: DemoSite, client: httpx.Client):
    feed = next(f for f in demo.feeds if f.name == "Tigris Wire")
    channel = ET.fromstring(client.get(feed.url).content).find("channel")
    assert channel is not None
    for item in channel.iter("item"):
        assert item.findtext("guid") == item.findtext("link")
        assert re.fullmatch(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}", item.findtext("pubDate") or "")
        assert item.findtext("description")


def test_atom_relative_links_resolve_against_the_feed_url_to_pages(demo: DemoSite, client: httpx.Client):
    feed = next(f for f in demo.feeds if f.url.endswith("atom.xml"))
    response = client.get(feed.url)
    root = ET.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    hrefs = [link.get("href") or "" for link in root.findall("atom:entry/atom:link", ns)]
    assert hrefs and all(href.startswith("/") for href in hrefs)  # relative on the wire
    entries = parse_feed(response).entries
    assert [e.link for e in entries] == [urljoin(feed.url, href) for href in hrefs]
    for entry in entries:
        page = client.get(entry.link)
        assert page.status_code == 200 and f"<h1>{entry.title}</h1>" in page.text


def test_aggregator_republishes_links_with_tracking_parameters(demo: DemoSite, client: httpx.Client):
    feed = next(f for f in demo.feeds if f.name == ANSWER_KEY["aggregator"]["name"])
    pages = {demo.base_url + a.path for a in ARTICLES}
    for entry in parse_feed(client.get(feed.url)).entries:
        assert entry.link.endswith("?utm_source=conflict-digest&utm_medium=rss#top")
        parts = urlsplit(entry.link)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" in pages  # same story as an outlet feed
        assert client.get(entry.link).status_code == 200


def test_conditional_get_on_feeds_answers_304(demo: DemoSite, client: httpx.Client):
    for feed in demo.feeds:
        first = client.get(feed.url)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        by_etag = client.get(feed.url, headers={"If-None-Match": etag})
        assert by_etag.status_code == 304 and by_etag.content == b"" and by_etag.headers["etag"] == etag
        assert client.get(feed.url, headers={"If-Modified-Since": modified}).status_code == 304
        assert client.get(feed.url, headers={"If-None-Match": '"stale"'}).status_code == 200
        assert client.get(feed.url, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}).status_code == 200


def test_server_is_quiet_and_stops_on_exit(capfd: pytest.CaptureFixture[str]):
    with serve_demo_site() as site, httpx.Client(timeout=5) as c:
        for feed in site.feeds:
            c.get(feed.url)
        c.get(site.base_url + "/missing")
    assert capfd.readouterr().err == ""
    with pytest.raises(httpx.ConnectError):
        httpx.get(site.feeds[0].url, timeout=2)


def test_text_extraction_finds_the_story_and_skips_the_boilerplate(demo: DemoSite, client: httpx.Client):
    for article in ARTICLES:
        text = trafilatura.extract(client.get(demo.base_url + article.path).text, include_comments=False) or ""
        for paragraph in article.paragraphs:
            assert paragraph[:60] in text, article.slug
        words = CHROME[LANGUAGE[article.outlet]]
        assert words["most_read_heading"] not in text and words["cookies"][:30] not in text, article.slug
        assert words["most_read"][3] not in text and words["nav"][-1] not in text, article.slug


def test_weekday_words_match_publication_dates():
    problems = [p for a in ARTICLES for p in weekday_problems(a)]
    assert problems == []


def test_weekday_check_catches_a_wrong_day():
    wednesday = datetime(2026, 1, 14, 9, 0, tzinfo=timezone.utc)
    story = DemoArticle("x", "Tigris Wire", "t", wednesday, ("Rockets hit the base on Friday.",), ())
    assert weekday_problems(story) == ["x: 'Friday' but published on a Wednesday"]
    story = DemoArticle("x", "Rafidain Press", "t", wednesday, ("سقط صاروخ على القاعدة يوم الجمعة.",), ())
    assert weekday_problems(story) == ["x: 'الجمعه' but published on a Wednesday"]


def test_expected_incidents_are_well_formed():
    weapons = {"rocket", "mortar", "drone", "missile", "ied", "gunfire", "ground_assault"}
    for article in ARTICLES:
        assert article.published.tzinfo is not None and 4 <= len(article.paragraphs) <= 7, article.slug
        for incident in article.expected:
            assert set(incident.weapons) <= weapons and incident.weapons, article.slug
            assert incident.date <= article.published.date(), article.slug
            assert incident.date_precision in {"day", "month"}


def test_answer_key_covers_the_required_cases():
    primaries = {(e.base, e.date) for a in ARTICLES for e in a.expected if e.primary}
    background = {(e.base, e.date) for a in ARTICLES for e in a.expected if not e.primary}
    assert len(primaries) >= 6 and background - primaries
    # one attack, four outlets in two languages, three ways of saying when in English
    same: list[tuple[DemoArticle, ExpectedIncident]] = [
        (a, e) for a in ARTICLES for e in a.expected if (e.base, e.date) == ("Ain al-Asad Air Base", by_slug("ain-asad-rockets-tuesday").expected[0].date)]
    assert len({a.outlet for a, _ in same}) == 4 and {LANGUAGE[a.outlet] for a, _ in same} == {"ar", "en"}
    texts = [a.paragraphs[0] for a, _ in same]
    assert any("on Tuesday" in t for t in texts) and any("late Tuesday" in t for t in texts)
    assert any("overnight" in t and a.published.date() > e.date for (a, e), t in zip(same, texts))
    # the same base on two different days; two bases in one night
    taji = {e.date for a in ARTICLES for e in a.expected if e.primary and e.base == "Camp Taji"}
    assert len(taji) == 2
    assert any(len({e.base for e in a.expected if e.primary}) == 2 for a in ARTICLES)
    # stories about rockets, bases and attacks that are not attacks on bases
    assert all(by_slug(slug).expected == () for slug in NOT_INCIDENTS)


def test_a_fixed_port_gives_the_same_urls_each_run_and_a_taken_port_falls_back():
    import socket

    from flows.demo import serve_demo_site

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with serve_demo_site(port) as first:
        urls = [f.url for f in first.feeds]
        with serve_demo_site(port) as second:  # the port is taken now
            assert second.base_url != first.base_url
    with serve_demo_site(port) as again:
        assert [f.url for f in again.feeds] == urls


def test_the_arabic_outlet_serves_arabic_and_reports_attacks_an_english_outlet_reports_too(
        demo: DemoSite, client: httpx.Client):
    arabic = [a for a in ARTICLES if LANGUAGE[a.outlet] == "ar"]
    english = {(e.base, e.date) for a in ARTICLES if LANGUAGE[a.outlet] == "en" for e in a.expected if e.primary}
    assert arabic and all(language(" ".join(a.paragraphs)) == "ar" for a in arabic)
    assert all((e.base, e.date) in english for a in arabic for e in a.expected if e.primary)
    feed = next(f for f in demo.feeds if LANGUAGE.get(f.name) == "ar")
    assert "<language>ar</language>" in client.get(feed.url).text
