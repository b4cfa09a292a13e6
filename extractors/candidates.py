"""The evidence about one candidate event, as named features: the only place they are computed.

A candidate is one installation and time that an article's attack sentences connect (detect.py finds
them). Whether it is the article's own news is decided by extractors/scorer.py from these features, and
the same function feeds fitting (`basewatch fit-scorer`, `evaluate --cv`) and serving (`detect`), so the
two cannot drift apart (tests/test_scorer.py holds them equal).

Each feature states one way news signals its own event versus background: where the place is said
(headline, lead, late paragraphs), how often, how it is named, how it is dated relative to publication,
whether a background cue or a reaction framing surrounds it, and whether other candidates compete.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extractors.dates import DateMention

LEAD_SENTENCES = 3  # the body's first sentences carry the news (inverted pyramid)
LATE_SENTENCES = 6  # a place first named after this many body sentences is usually context
RECENT_DAYS = 2


@dataclass(frozen=True)
class Evidence:
    """What the detector read about one candidate."""

    rules_primary: bool  # the reading rules' own verdict (no background cue, dated with the article's news)
    sentences: tuple[int, ...]  # indices of the sentences that report it
    headline_sentences: int  # sentences [0, headline_sentences) are the headline
    kinds: tuple[str, ...]  # how each mention names it: gazetteer / named / generic
    dates: tuple[DateMention, ...]  # date phrases attached to its mentions
    published: date | None
    background_cue: bool  # some mention carries a background cue ("in March", "last month", "previous")
    order: int  # 0 for the candidate named first in the article
    competitors: int  # other candidates in the article
    headline_framed: bool  # the headline is about something else (strikes back, trial, handover ...)
    headline_names: bool  # the headline names this installation
    figures: bool  # its own sentences give a count or a toll
    roles: tuple[str, ...]  # per mention: "target" of the attack in its clause, "landmark", or ""


FEATURES = (
    "rules_primary", "in_headline", "in_lead", "only_late", "repeated", "gazetteer", "named_unlisted",
    "described_only", "date_explicit", "date_relative", "undated", "date_coarse", "days_before_publication",
    "recent", "speech_date_only", "background_cue", "first_candidate", "crowded", "headline_framed",
    "headline_names", "figures", "targeted", "landmark_only",
)


def evidence_features(e: Evidence) -> dict[str, float]:
    """The named features of one candidate (every name in FEATURES, each in [0, 1])."""
    body = [s - e.headline_sentences for s in e.sentences if s >= e.headline_sentences]
    day_dates = [d for d in e.dates if d.precision == "day"]
    event_dates = [d for d in day_dates if not d.speech]
    best = min(event_dates or day_dates, key=lambda d: (d.rank, d.start), default=None)
    back = (e.published - best.value).days if best is not None and e.published is not None else None
    return {
        "rules_primary": float(e.rules_primary),
        "in_headline": float(any(s < e.headline_sentences for s in e.sentences)),
        "in_lead": float(any(s < LEAD_SENTENCES for s in body)),
        "only_late": float(bool(body) and min(body) >= LATE_SENTENCES and len(body) == len(e.sentences)),
        "repeated": min(len(set(e.sentences)) - 1, 3) / 3,
        "gazetteer": float("gazetteer" in e.kinds),
        "named_unlisted": float("named" in e.kinds and "gazetteer" not in e.kinds),
        "described_only": float(all(k == "generic" for k in e.kinds)),
        "date_explicit": float(best is not None and best.rank == 0),
        "date_relative": float(best is not None and best.rank > 0),
        "undated": float(not e.dates),
        "date_coarse": float(bool(e.dates) and not day_dates),
        "days_before_publication": min(max(back, 0), 30) / 30 if back is not None else 0.0,
        "recent": float(back is not None and 0 <= back <= RECENT_DAYS),
        "speech_date_only": float(bool(e.dates) and all(d.speech for d in e.dates)),
        "background_cue": float(e.background_cue),
        "first_candidate": float(e.order == 0),
        "crowded": 1 - 1 / (1 + e.competitors),
        "headline_framed": float(e.headline_framed),
        "headline_names": float(e.headline_names),
        "figures": float(e.figures),
        "targeted": float("target" in e.roles),
        "landmark_only": float(all(r == "landmark" for r in e.roles)),
    }
