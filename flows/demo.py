"""The bundled demo site: invented outlets served on loopback, so `basewatch demo` and the end-to-end
tests exercise the real pipeline (HTTP, feeds, page extraction, dedup) with no internet.

The stories and the incidents each one reports live in `demo_site/articles.toml` (the site is its own
answer key). This module only dresses them the way the web serves news: HTML pages with boilerplate
around the story in the outlet's language (one outlet writes in Arabic), RSS 2.0 feeds, an Atom feed with
relative links, an aggregator that re-publishes links with tracking parameters, and the caching headers
(ETag, Last-Modified, 304) real servers send.
"""
from __future__ import annotations

import hashlib
import re
import threading
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import urlsplit

from extractors.records import FeedConfig

TRACKING = "?utm_source=conflict-digest&utm_medium=rss#top"  # the aggregator's link decoration
HTML, RSS, ATOM = (f"{kind}; charset=utf-8" for kind in ("text/html", "application/rss+xml", "application/atom+xml"))


@dataclass(frozen=True)
class ExpectedIncident:
    """One incident an article reports; `primary` is False for a background mention."""

    base: str
    country: str
    date: date
    weapons: tuple[str, ...]
    projectiles: int | None
    killed: int | None
    wounded: int | None
    claimed_by: str | None
    suspected: str | None
    primary: bool
    date_precision: str = "day"  # "month" when the story names only the month (date is the 1st)


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    outlet: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    expected: tuple[ExpectedIncident, ...]

    @property
    def path(self) -> str:
        """Where the site serves the page, dated like most news sites' URLs."""
        return f"/{slugify(self.outlet)}/{self.published:%Y/%m/%d}/{self.slug}"


@dataclass(frozen=True)
class DemoSite:
    base_url: str
    feeds: tuple[FeedConfig, ...]


@dataclass(frozen=True)
class _Resource:
    body: bytes
    content_type: str
    last_modified: datetime

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:20] + '"'


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("flows.demo_site").joinpath(name).read_text(encoding="utf-8"))


def _expected(raw: Mapping[str, Any]) -> ExpectedIncident:
    return ExpectedIncident(
        base=raw["base"], country=raw["country"], date=raw["date"], weapons=tuple(raw["weapons"]),
        projectiles=raw.get("projectiles"), killed=raw.get("killed"), wounded=raw.get("wounded"),
        claimed_by=raw.get("claimed_by"), suspected=raw.get("suspected"), primary=raw["primary"],
        date_precision=raw.get("date_precision", "day"),
    )


def _articles(data: Mapping[str, Any]) -> tuple[DemoArticle, ...]:
    articles = []
    for raw in data["articles"]:
        published = raw["published"]
        if not isinstance(published, datetime) or published.tzinfo is None:
            raise ValueError(f"articles.toml: {raw['slug']}: published must be a datetime with an offset")
        articles.append(DemoArticle(
            slug=raw["slug"], outlet=raw["outlet"], title=raw["title"], published=published,
            paragraphs=tuple(raw["paragraphs"]),
            expected=tuple(_expected(e) for e in raw.get("expected", ())),
        ))
    return tuple(articles)


def load_demo_articles() -> tuple[DemoArticle, ...]:
    """The demo stories with their answer key, read from the packaged articles.toml."""
    return _articles(_read_toml("articles.toml"))


def _text(value: str) -> str:
    """Escape element text the way CMSs do: markup characters only, apostrophes and quotes left alone."""
    return escape(value, quote=False)


def _http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)


def _page(t: Mapping[str, Any], article: DemoArticle, base_url: str, byline: str, language: str) -> str:
    """A news page as trafilatura meets it: nav, cookie banner and a "Most read" box around the story, all in
    the outlet's language."""
    when, words = article.published, t["chrome"][language]
    spaced = " ".join
    return Template(t["page"]).substitute(
        title=_text(article.title), og_title=escape(article.title), outlet=_text(article.outlet),
        url=base_url + article.path, description=escape(article.paragraphs[0]), iso=when.isoformat(),
        author=escape(byline), byline=_text(byline), year=when.year, shown=words["shown"].format(when),
        paragraphs="\n".join(f"      <p>{_text(p)}</p>" for p in article.paragraphs),
        most_read="\n".join(f'        <li><a href="/">{_text(h)}</a></li>' for h in words["most_read"]),
        lang=words["lang"], dir=words["dir"], cookie_label=escape(words["cookie_label"]), by=_text(words["by"]),
        cookies=_text(words["cookies"]), most_read_heading=_text(words["most_read_heading"]),
        rights=_text(words["rights"]), nav=spaced(f'<a href="/">{_text(w)}</a>' for w in words["nav"]),
        buttons=spaced(f'<button type="button">{_text(w)}</button>' for w in words["buttons"]),
        footer_links=spaced(f'<a href="/">{_text(w)}</a>' for w in words["footer_links"]),
    )


def _rss(t: Mapping[str, Any], name: str, base_url: str, items: list[tuple[str, str, str, DemoArticle]],
         language: str = "en") -> str:
    """RSS 2.0; each item is (title, link, guid, article); the guid is a permalink when it is the link."""
    rows = [Template(t["rss_item"]).substitute(
        title=_text(title), link=_text(link), guid=_text(guid), permalink=str(guid == link).lower(),
        pub_date=format_datetime(a.published), description=_text(a.paragraphs[0]),
    ) for title, link, guid, a in items]
    built = format_datetime(max(a.published for *_, a in items))
    return Template(t["rss"]).substitute(name=_text(name), home=base_url + "/", built=built, items="\n".join(rows),
                                         language=language)


def _atom(t: Mapping[str, Any], name: str, self_path: str, articles: list[DemoArticle], byline: str) -> str:
    """Atom 1.0 with relative links only: readers must resolve them against the feed's URL."""
    tag = f"tag:{slugify(name)}.example"
    entries = [Template(t["atom_entry"]).substitute(
        title=_text(a.title), path=a.path, tag=tag, day=f"{a.published:%Y-%m-%d}", slug=a.slug,
        iso=a.published.isoformat(), author=_text(byline), summary=_text(a.paragraphs[0]),
    ) for a in articles]
    updated = max(a.published for a in articles).isoformat()
    return Template(t["atom"]).substitute(
        name=_text(name), tag=tag, updated=updated, self_path=self_path, entries="\n".join(entries))


def _build_site(base_url: str) -> tuple[dict[str, _Resource], tuple[FeedConfig, ...]]:
    """Every route of the site, plus the feed list in the order `basewatch demo` polls it."""
    data, t = _read_toml("articles.toml"), _read_toml("templates.toml")
    articles = sorted(_articles(data), key=lambda a: a.published, reverse=True)
    routes: dict[str, _Resource] = {}
    feeds: list[FeedConfig] = []
    for outlet in data["outlets"]:
        name, byline, slug = outlet["name"], outlet["byline"], slugify(outlet["name"])
        language = outlet.get("language", "en")
        own = [a for a in articles if a.outlet == name]
        for a in own:
            routes[a.path] = _Resource(_page(t, a, base_url, byline, language).encode(), HTML, a.published)
        if outlet["format"] == "atom":
            path, body, ctype = f"/{slug}/atom.xml", _atom(t, name, f"/{slug}/atom.xml", own, byline), ATOM
        else:
            items = [(a.title, base_url + a.path, base_url + a.path, a) for a in own]
            path, body, ctype = f"/{slug}/rss.xml", _rss(t, name, base_url, items, language), RSS
        routes[path] = _Resource(body.encode(), ctype, own[0].published)
        feeds.append(FeedConfig(name=name, url=base_url + path))
    name, slug = data["aggregator"]["name"], slugify(data["aggregator"]["name"])
    picked = [a for a in articles if a.slug in data["aggregator"]["slugs"]]
    items = [(f"{a.outlet}: {a.title}", base_url + a.path + TRACKING, f"{slug}-{a.slug}", a) for a in picked]
    routes[f"/{slug}/rss.xml"] = _Resource(_rss(t, name, base_url, items).encode(), RSS, picked[0].published)
    feeds.append(FeedConfig(name=name, url=f"{base_url}/{slug}/rss.xml"))
    listing = "\n".join(f'<li><a href="{f.url}">{_text(f.name)}</a></li>' for f in feeds)
    routes["/"] = _Resource(Template(t["index"]).substitute(feeds=listing).encode(), HTML, articles[0].published)
    return routes, tuple(feeds)


def _not_modified(headers: Message, resource: _Resource) -> bool:
    """RFC 9110 order: If-None-Match wins; If-Modified-Since only when no ETag was sent."""
    if (tags := headers.get("If-None-Match")) is not None:
        sent = {tag.strip().removeprefix("W/") for tag in tags.split(",")}
        return "*" in sent or resource.etag in sent
    if since_text := headers.get("If-Modified-Since"):
        try:
            since = parsedate_to_datetime(since_text)
        except (TypeError, ValueError):
            return False
        since = since if since.tzinfo else since.replace(tzinfo=timezone.utc)
        return resource.last_modified.replace(microsecond=0) <= since
    return False


_NOT_FOUND = _Resource(b"<!doctype html><title>Not found</title><h1>404 Not found</h1>", HTML,
                       datetime(2026, 1, 1, tzinfo=timezone.utc))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, _Resource]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "demo-news/1.0"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: `basewatch demo` prints the incidents table, not an access log."""

    def _respond(self, send_body: bool) -> None:
        # Query strings (utm_*) are ignored, as news sites do; fragments never reach a server.
        found = self.server.routes.get(urlsplit(self.path).path)
        status = 404 if found is None else 304 if _not_modified(self.headers, found) else 200
        resource = found or _NOT_FOUND
        self.send_response(status)
        if found is not None:
            self.send_header("ETag", resource.etag)
            self.send_header("Last-Modified", _http_date(resource.last_modified))
            self.send_header("Cache-Control", "max-age=60")
        if status != 304:
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(resource.body)))
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(resource.body)


@contextmanager
def serve_demo_site(port: int = 0) -> Iterator[DemoSite]:
    """Serve the demo site on 127.0.0.1 in a background thread; stop it on exit.

    A fixed `port` gives the articles the same URLs every time, so a second demo run into the same
    database recognises them; when that port is taken, or `port` is 0, any free port is used.
    """
    try:
        server = _Server(("127.0.0.1", port), _Handler)
    except OSError:
        server = _Server(("127.0.0.1", 0), _Handler)
    host, port = server.server_address[:2]
    base_url = f"http://{host}:{port}"
    server.routes, feeds = _build_site(base_url)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="basewatch-demo-site", daemon=True)
    thread.start()
    try:
        yield DemoSite(base_url=base_url, feeds=feeds)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
