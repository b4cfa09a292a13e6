"""An archive of a few hundred loopback pages for back-fill tests: the challenge articles written for this
project (tests/challenge_articles*.toml, positives and look-alike negatives), each served as a news page."""
from __future__ import annotations

import tomllib
from datetime import datetime, time, timezone
from pathlib import Path

import duckdb

from tests.conftest import LoopbackSite
from tests.wire_site import WireArticle, page

HERE = Path(__file__).parent


def archive_articles() -> list[WireArticle]:
    articles = []
    for path in sorted(HERE.glob("challenge_articles*.toml")):
        for a in tomllib.loads(path.read_text("utf-8"))["article"]:
            paragraphs = tuple(p.strip() for p in a["text"].splitlines() if p.strip())
            published = datetime.combine(a["published"], time(12), tzinfo=timezone.utc)
            articles.append(WireArticle(f"/{path.stem}/{a['id']}.html", "Archive", a["title"], published, paragraphs))
    return articles


def publish_archive(site: LoopbackSite) -> list[str]:
    """Serve every archive article; return their URLs in a fixed order."""
    return [site.add(a.path, page(a)) for a in archive_articles()]


def incident_table(db: Path) -> tuple[list[tuple], list[tuple], tuple[int, int]]:
    """Incidents (ids and figures), which articles back which incident, and (articles, distinct article URLs)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        incidents = con.execute("SELECT incident_id, base, attack_date, weapons, projectiles, killed, wounded, "
                                "source_count FROM incidents ORDER BY incident_id").fetchall()
        sources = con.execute("SELECT incident_id, article_url, is_primary FROM incident_reports "
                              "ORDER BY incident_id, article_url").fetchall()
        articles = con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    finally:
        con.close()
    return incidents, sources, articles
