"""A small news site written for the tests: wire-style articles, each with the incident it should yield.

The articles are fictional reports written for basewatch's tests, in the way wire services write.
"""
from __future__ import annotations

import email.utils
import html
from dataclasses import dataclass
from datetime import date, datetime, timezone

from extractors.records import FeedConfig
from flows.settings import feeds_toml as settings_feeds_toml
from tests.conftest import LoopbackSite


@dataclass(frozen=True)
class WireArticle:
    path: str
    outlet: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]


TAJI_REUTERS = WireArticle(
    "/world/iraq-taji-rockets-0614.html", "Wire One",
    "Two rockets hit Iraq's Camp Taji, no casualties - military",
    datetime(2026, 6, 14, 7, 40, tzinfo=timezone.utc),
    (
        "BAGHDAD, June 14 - Two Katyusha rockets landed inside Camp Taji, a military base north of Baghdad "
        "that hosts U.S.-led coalition troops, late on Saturday, causing no casualties, Iraq's military said.",
        "The rockets were launched from a farm area east of the base, the military said in a statement, "
        "adding that security forces found the launch platform.",
        "No group immediately claimed responsibility for the attack.",
        "In March, Taji came under a rocket attack that killed two American soldiers and a British national.",
        "Washington has blamed Iran-backed militias for a string of such attacks this year.",
    ),
)

TAJI_AP = WireArticle(
    "/news/taji-base-rockets.html", "Wire Two",
    "Rockets strike Iraqi base housing coalition troops",
    datetime(2026, 6, 14, 9, 5, tzinfo=timezone.utc),
    (
        "BAGHDAD (AP) - Two rockets struck the Taji military base north of the Iraqi capital on Saturday night, "
        "Iraqi security officials said, the latest in a series of attacks on bases hosting U.S. troops.",
        "There were no casualties, the officials said, speaking on condition of anonymity because they were "
        "not authorized to brief reporters.",
        "The coalition said it was aware of the reports and was assessing the damage.",
        "The attacks come amid rising tensions between Washington and Tehran.",
    ),
)

ASAD_DRONE = WireArticle(
    "/world/ain-al-asad-drone.html", "Wire One",
    "Drone attack targets Ain al-Asad air base in western Iraq",
    datetime(2026, 6, 20, 6, 15, tzinfo=timezone.utc),
    (
        "BAGHDAD, June 20 - An explosive-laden drone attacked Ain al-Asad air base in Iraq's western Anbar "
        "province on Friday, wounding one contractor, a coalition spokesman said.",
        "The base's air defences shot down a second drone, the spokesman said.",
        "An Iran-aligned group calling itself the Islamic Resistance in Iraq claimed responsibility for the "
        "attack in a statement on Telegram.",
        "Ain al-Asad hosts U.S. and other international forces helping Iraq's military.",
    ),
)

K1_HANDOVER = WireArticle(
    "/world/k1-handover.html", "Wire Two",
    "Coalition hands over K1 base to Iraqi forces",
    datetime(2026, 6, 21, 11, 0, tzinfo=timezone.utc),
    (
        "KIRKUK, Iraq (AP) - The U.S.-led coalition on Sunday handed over the K1 air base near Kirkuk to "
        "Iraqi security forces in a ceremony attended by senior officers.",
        "The handover is part of a planned drawdown agreed between Baghdad and Washington, officials said.",
        "Some 300 coalition personnel had been stationed at the base, which will now house Iraqi army units.",
        "Officials said the transfer had been planned for months.",
    ),
)

BASKETBALL = WireArticle(
    "/sport/rockets-win.html", "Wire Two",
    "Rockets rally past Lakers behind 35 points from Green",
    datetime(2026, 6, 20, 4, 0, tzinfo=timezone.utc),
    (
        "HOUSTON (AP) - Jalen Green scored 35 points and the Houston Rockets rallied from 18 down to beat the "
        "Los Angeles Lakers 118-111 on Friday night.",
        "The Rockets opened the fourth quarter on a 14-2 run and held on as the Lakers missed their last "
        "five shots from the field.",
        "Houston improved to 6-1 at home, where its attack has scored at least 110 points in every game.",
    ),
)

ARTICLES = (TAJI_REUTERS, TAJI_AP, ASAD_DRONE, K1_HANDOVER, BASKETBALL)

# (base, attack date, weapons, projectiles, killed, wounded, primary sources)
EXPECTED_INCIDENTS = {
    ("Camp Taji", date(2026, 6, 13), ("rocket",), 2, 0, 0, 2),
    ("Ain al-Asad Air Base", date(2026, 6, 19), ("drone",), None, None, 1, 1),
}


def page(article: WireArticle) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    stamp = article.published.isoformat()
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(article.title)} | {article.outlet}</title>
<meta property="og:title" content="{html.escape(article.title)}">
<meta property="article:published_time" content="{stamp}"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies. <a href="/privacy">Privacy</a></div></header>
<main><article><h1>{html.escape(article.title)}</h1>
<p class="byline">By Staff Reporter, <time datetime="{stamp}">{article.published:%B %d, %Y}</time></p>
{paragraphs}
</article><aside><h3>Most read</h3><ul><li><a href="/sport/x">Rockets sign new guard</a></li>
<li><a href="/biz/y">Central bank holds base rate</a></li></ul></aside></main>
<footer>&copy; {article.published.year} {article.outlet}. All rights reserved.</footer></body></html>"""


def rss(site_url: str, title: str, articles: tuple[WireArticle, ...], query: str = "") -> str:
    items = "".join(
        f"<item><title>{html.escape(a.title)}</title><link>{site_url}{a.path}{html.escape(query)}</link>"
        f"<guid isPermaLink=\"false\">{a.path}</guid><pubDate>{email.utils.format_datetime(a.published)}</pubDate>"
        f"<description>{html.escape(a.paragraphs[0][:150])}</description></item>"
        for a in articles
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{site_url}/</link><description>{title}</description>{items}</channel></rss>")


def publish(site: LoopbackSite) -> list[tuple[str, str]]:
    """Serve every article and three feeds (one re-lists links with tracking tags); return (name, url)."""
    for article in ARTICLES:
        site.add(article.path, page(article))
    one = tuple(a for a in ARTICLES if a.outlet == "Wire One")
    two = tuple(a for a in ARTICLES if a.outlet == "Wire Two")
    return [
        ("Wire One", site.add("/feeds/one.xml", rss(site.url, "Wire One", one), "application/rss+xml")),
        ("Wire Two", site.add("/feeds/two.xml", rss(site.url, "Wire Two", two), "application/rss+xml")),
        ("Aggregator", site.add("/feeds/agg.xml", rss(site.url, "Aggregator", ARTICLES, "?utm_source=agg#top"),
                                "application/rss+xml")),
    ]


def feeds_toml(feeds: list[tuple[str, str]]) -> str:
    return settings_feeds_toml([FeedConfig(name, url) for name, url in feeds])
