"""The cheap first look (extractors/prefilter.py): it never rules out an attack report, it rules out many
ordinary pages, and a page it rules out is still stored with text a later detector can read."""
from __future__ import annotations

import json
import tomllib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from extractors.analysis import analyse_page
from extractors.mentions import attack_cue, base_refs
from extractors.prefilter import literal_start, may_report_attack, visible_text
from extractors.records import AnalysedArticle, FeedItem
from tests.wire_site import ARTICLES, page

HERE = Path(__file__).parent
SHARED = HERE.parents[1] / "shared"
CORPORA = [SHARED / "corpus" / f"{name}.jsonl" for name in ("dev", "dev2", "dev3", "dev_ar")]
REAL_PAGES = sorted((SHARED / "bench" / "html").glob("*.html"))
NOW = datetime(2026, 6, 20, tzinfo=timezone.utc)


def labelled_articles() -> list[tuple[str, str, bool]]:
    """(id, title + text, is_attack_report) of every corpus present and every challenge article."""
    found = []
    for corpus in CORPORA:
        if corpus.is_file():
            for line in corpus.read_text("utf-8").splitlines():
                a = json.loads(line)
                found.append((a["id"], f"{a['title']}\n{a['text']}", bool(a["is_attack_report"])))
    for path in sorted(HERE.glob("challenge_articles*.toml")):
        for a in tomllib.loads(path.read_text("utf-8"))["article"]:
            found.append((a["id"], f"{a['title']}\n{a['text']}", a["is_attack_report"]))
    return found


ARTICLES_LABELLED = labelled_articles()


def test_recall_is_one_on_every_labelled_attack_report():
    """`uv run pytest tests/test_prefilter.py` checks dev, dev2, dev3 and dev_ar in ../shared/corpus when present."""
    positives = [(i, text) for i, text, positive in ARTICLES_LABELLED if positive]
    assert len(positives) >= 150
    assert [i for i, text in positives if not may_report_attack(text)] == []


def test_whatever_the_detector_reads_an_attacked_installation_in_passes_the_first_look():
    texts = [text for _, text, _ in ARTICLES_LABELLED] + [visible_text(p.read_bytes()) for p in REAL_PAGES]
    read = [text for text in texts if attack_cue(text) is not None and base_refs(text)]
    assert read and [t[:80] for t in read if not may_report_attack(t)] == []


def test_a_page_with_attack_words_but_no_installation_is_ruled_out():
    assert not may_report_attack("Markets: shares fell after the attack on the tariff plan; two killed in a crash.")
    assert may_report_attack("Shares fell after rockets hit the Erbil airport on Monday.")
    assert may_report_attack("Rockets hit the army post on Monday.")


@pytest.mark.skipif(not REAL_PAGES, reason="../shared/bench/html not present")
def test_many_ordinary_pages_are_ruled_out_and_stored_with_their_visible_text():
    ruled_out = []
    for path in REAL_PAGES:
        item = FeedItem("https://example.org/feed.xml", f"https://example.org/{path.stem}", "", None)
        result = analyse_page(item, path.read_bytes(), "text/html", NOW)
        if isinstance(result.outcome, AnalysedArticle) and result.detect_seconds == 0.0:
            ruled_out.append(result.outcome)
    assert len(ruled_out) >= len(REAL_PAGES) // 4
    for analysed in ruled_out:
        assert not analysed.detection.is_attack_report and analysed.detection.reports == ()
        assert len(analysed.article.text) >= 80 and not may_report_attack(analysed.article.text)


def test_an_attack_report_page_is_read_in_full():
    article = ARTICLES[0]
    item = FeedItem("https://example.org/feed.xml", f"https://example.org{article.path}", article.title, None)
    result = analyse_page(item, page(article).encode(), "text/html", NOW)
    assert result.outcome.detection.is_attack_report and "Most read" not in result.outcome.article.text


def test_text_in_scripts_the_cues_do_not_cover_is_never_ruled_out():
    assert not may_report_attack("The central bank held its base rate on Tuesday, and markets rose.")
    assert may_report_attack("أعلنت وزارة الدفاع اليوم عن افتتاح معرض للكتاب في العاصمة")


def test_cue_regexes_reduce_to_the_text_every_match_starts_with():
    assert literal_start("rockets?") == "rocket"
    assert literal_start("katy?u?s?h?ya?s?") == "kat"
    assert literal_start("c(?:o|a)mes? under") == "c"


def test_the_visible_text_skips_scripts_and_styles_even_unclosed_ones():
    body = b"<html><style>p{}</style><p>Hello &amp; welcome</p><script>attack()</script>" * 3 + b"<script>x()"
    assert visible_text(body) == "Hello & welcome Hello & welcome Hello & welcome"
    assert visible_text(b"<p>kept</p>" + b"<script>" * 400_000) == "kept"


def test_a_unit_attacked_in_its_town_passes_the_first_look():
    assert may_report_attack("Dissidents attacked the battalion based in Suarez with drones on Monday.")
    assert may_report_attack("Rebels attacked Light Infantry Battalion 228 in Ye-U on Monday.")
