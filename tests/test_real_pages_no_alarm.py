"""Precision on real pages: the 109 unrelated web pages in ../shared/bench/html (trafilatura's test cache:
news, blogs, shops, docs, in several languages and encodings) go through extraction and detection as a
fetched page does, and none may be reported as an attack on a base."""
from __future__ import annotations

from datetime import datetime, timezone

from extractors.analysis import analyse_page
from extractors.records import FeedItem
from tests.gates import SHARED, shared_missing, skip_unless

PAGES = sorted((SHARED / "bench/html").glob("*"))
FETCHED = datetime(2024, 1, 1, tzinfo=timezone.utc)

pytestmark = skip_unless(bool(PAGES), "the real-pages check", shared_missing("bench/html"))


def test_no_real_unrelated_page_raises_an_alarm():
    alarms, errors = [], []
    for n, path in enumerate(PAGES):
        result = analyse_page(FeedItem("http://feed.example/f", f"http://page.example/{n}", "", FETCHED),
                              path.read_bytes(), "text/html", FETCHED)
        if isinstance(result.outcome, str):
            errors.append(result.outcome)
        elif result.outcome.detection.is_attack_report:
            alarms.append((path.name, [r.evidence[:120] for r in result.outcome.detection.primary]))
    assert len(PAGES) >= 100 and len(errors) <= len(PAGES) // 20, errors
    assert alarms == []
