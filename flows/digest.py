"""The `daily-digest` flow: a Markdown summary of what basewatch learned in the last 24 hours, published
as a Prefect Markdown artifact (key `daily-digest`).

"Learned" means an incident backed by at least one article fetched in the window: it is *new* when all
its articles were fetched in the window, *updated* when older reports already existed.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from flows.settings import load_settings
from storage.digest import DigestEntry, incidents_learned_since
from storage.feed_health import FeedHealth, feed_health


def render_digest(entries: Sequence[DigestEntry], feeds: Sequence[FeedHealth], since: datetime,
                  until: datetime) -> str:
    new = [e for e in entries if e.is_new]
    lines = [f"# basewatch digest: {since:%Y-%m-%d %H:%M} – {until:%Y-%m-%d %H:%M} UTC", "",
             f"**{len(new)} new incidents, {len(entries) - len(new)} updated.**", ""]
    if entries:
        lines += ["| | date | base | country | weapons | killed | wounded | claimed by | sources | id |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for e in entries:
            i = e.incident
            cells = ["new" if e.is_new else "updated", str(i.attack_date or "?"), i.base, i.country or "",
                     ", ".join(i.weapons), _n(i.killed), _n(i.wounded), i.claimed_by or "",
                     str(i.independent_sources), f"`{i.incident_id}`"]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    else:
        lines.append("No incidents reported in this window.")
    failing = [f for f in feeds if f.consecutive_failures]
    if failing:
        lines += ["", f"## Feeds failing ({len(failing)} of {len(feeds)})", ""]
        lines += [f"- **{f.name}** ({f.last_status}, {f.consecutive_failures} failures in a row): "
                  f"{f.last_error or ''}" for f in failing]
    return "\n".join(lines) + "\n"


def _n(value: int | None) -> str:
    return "" if value is None else str(value)


@flow(name="daily-digest", log_prints=False)
def daily_digest(db_path: str | None = None, hours: int = 24) -> str:
    """Publish the digest artifact for the last `hours` hours and return its Markdown."""
    settings = load_settings({"db_path": db_path})
    until = datetime.now(timezone.utc)
    since = until - timedelta(hours=hours)
    if not settings.db_path.exists():
        entries, feeds = [], []
    else:
        entries = incidents_learned_since(settings.db_path, since, settings.lock_wait_seconds)
        feeds = feed_health(settings.db_path, settings.lock_wait_seconds)
    markdown = render_digest(entries, feeds, since, until)
    create_markdown_artifact(markdown, key="daily-digest",
                             description=f"{sum(e.is_new for e in entries)} new incidents in the last {hours} h")
    get_run_logger().info("%s: digest of %d incidents published", settings.db_path, len(entries))
    return markdown
