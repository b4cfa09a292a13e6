"""The demo site through the real flow: the stored incidents are the site's answer key, merged."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from flows.demo import load_demo_articles, serve_demo_site
from flows.incident_table import render_table
from flows.monitor import run_monitor
from flows.settings import feeds_toml
from storage.database import incident_detail, list_incidents


def expected_incidents():
    """Primary expectations grouped per (base, day ±1). The demo's outlets never disagree on a figure (some
    leave it out), so every reconciliation rule gives the one they state."""
    groups: dict[tuple[str, object], list] = defaultdict(list)
    for article in load_demo_articles():
        for e in article.expected:
            if e.primary:
                key = next((k for k in groups if k[0] == e.base and abs((k[1] - e.date).days) <= 1),
                           (e.base, e.date))
                groups[key].append(e)

    def stated(values):
        [figure] = {v for v in values if v is not None} or {None}
        return figure

    return {(base, day, stated(e.projectiles for e in es), stated(e.killed for e in es),
             stated(e.wounded for e in es), len(es)) for (base, day), es in groups.items()}


def test_the_demo_yields_exactly_its_answer_key_and_a_rerun_adds_nothing(tmp_path):
    db = tmp_path / "demo.duckdb"
    with serve_demo_site() as site:
        feeds = tmp_path / "feeds.toml"
        feeds.write_text(feeds_toml(site.feeds))
        first, completed = run_monitor(feeds, db)
        assert completed and first.articles_added == len(load_demo_articles())
        stored = {(i.base, i.attack_date, i.projectiles, i.killed, i.wounded, i.source_count)
                  for i in list_incidents(db)}
        assert stored == expected_incidents()
        second, _ = run_monitor(feeds, db)
    assert (second.articles_added, second.new_incidents, second.updated_incidents) == (0, (), ())
    assert len(list_incidents(db)) == len(stored)
    # the Arabic outlet's stories joined the English reports of the same attacks
    languages = {i.incident_id: sorted(incident_detail(db, i.incident_id).languages.values())
                 for i in list_incidents(db)}
    assert languages["ain-al-asad-air-base-2026-01-13"] == ["ar", "en", "en", "en"]
    assert languages["camp-taji-2026-02-09"] == ["ar", "en"]
    assert sum("ar" in found for found in languages.values()) == 2
    # the README shows the demo's table as an 80-column terminal prints it
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"\$ basewatch demo\n.*?\n\n(date .*?)```", readme, re.DOTALL).group(1)
    assert shown == render_table(list_incidents(db), 80)
