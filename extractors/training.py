"""Fit the candidate scorer on labelled articles, and score that fitting on articles it was not fitted to.

Every candidate the detector finds in a labelled article is an example: positive when, read as the article's
own news, it matches a primary incident of the article's labels (extractors/evaluation.py `matches`),
negative otherwise (background, a landmark, a made-up place), and no example when it is a labelled attack no
candidate reads on its day (the reading's error, not the decision's). Cross-validation folds are grouped by
incident: articles that share an incident key are always in the same fold, so no attack is learned from one
outlet's report and scored on another's.
"""
from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extractors.candidates import FEATURES
from extractors.detect import Candidate, candidates, decide
from extractors.evaluation import EvaluationReport, combine, evaluate_rows, load_corpus, matches, parse_day
from extractors.gazetteer import same_base
from extractors.scorer import Scorer, fit


@dataclass(frozen=True)
class Example:
    article_id: str
    features: dict[str, float]
    is_primary: bool


def load_labelled(path: str | Path) -> list[dict]:
    """Rows in the corpus schema from a corpus JSONL file or a challenge-set TOML file (tests/)."""
    path = Path(path)
    if path.suffix != ".toml":
        return load_corpus(path)
    rows = []
    for a in tomllib.loads(path.read_text("utf-8"))["article"]:
        published = a["published"]
        incidents = [{**inc, "date": inc["date"].isoformat(), "date_precision": "day", "primary": True,
                      "incident_key": f"{a['id']}/{inc['base']}"} for inc in a.get("primary", [])]
        rows.append({"id": a["id"], "title": a.get("title", ""), "text": a["text"],
                     "published": published.isoformat() if isinstance(published, date) else published,
                     "is_attack_report": a["is_attack_report"], "incidents": incidents})
    return rows


def read_candidates(rows: Iterable[dict]) -> dict[str, list[Candidate]]:
    """Each scored row's candidates, read once (they do not depend on the weights)."""
    return {r["id"]: candidates(r.get("text") or "", parse_day(r.get("published")), r.get("title") or "")
            for r in rows if not r.get("ambiguous")}


def examples(rows: Iterable[dict], found: dict[str, list[Candidate]]) -> list[Example]:
    out = []
    for row in rows:
        if row.get("ambiguous"):
            continue
        primaries = [i for i in row.get("incidents") or [] if i.get("primary") and row.get("is_attack_report")]
        read = [c.as_primary for c in found[row["id"]] if c.as_primary is not None]
        # a labelled attack no candidate reads on its day, read at its installation on another, is the reading's
        # error, not evidence of how the article's own news is told: neither a positive nor a negative example
        misread = [i for i in primaries if not any(matches(r, i) for r in read)]
        for c in found[row["id"]]:
            if c.as_primary is None:
                continue
            is_primary = any(matches(c.as_primary, i) for i in primaries)
            if is_primary or not any(same_base(c.as_primary.base, i.get("base")) for i in misread):
                out.append(Example(row["id"], c.features, is_primary))
    return out


def fit_examples(train: Sequence[Example]) -> Scorer:
    return fit(FEATURES, [e.features for e in train], [e.is_primary for e in train])


def fit_labelled(rows: Sequence[dict]) -> Scorer:
    """Weights fitted on every candidate of the labelled `rows` (what `basewatch fit-scorer` writes)."""
    return fit_examples(examples(rows, read_candidates(rows)))


def folds(rows: Sequence[dict], k: int) -> dict[str, int]:
    """Fold of each article: articles sharing an incident key are joined first, then each group goes to a fold
    by a hash of its smallest article id (stable across runs and machines)."""
    parent = {r["id"]: r["id"] for r in rows}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_key: dict[str, str] = {}
    for r in rows:
        for inc in r.get("incidents") or []:
            key = inc.get("incident_key")
            if key in by_key:
                parent[root(r["id"])] = root(by_key[key])
            elif key:
                by_key[key] = r["id"]
    groups: dict[str, list[str]] = {}
    for r in rows:
        groups.setdefault(root(r["id"]), []).append(r["id"])
    out = {}
    for members in groups.values():
        fold = int(hashlib.sha256(min(members).encode()).hexdigest(), 16) % k
        out.update({m: fold for m in members})
    return out


def cross_validate(rows: Sequence[dict], k: int, extra_training: Sequence[dict] = ()) -> EvaluationReport:
    """Score each fold of `rows` with weights fitted on the other folds plus `extra_training`."""
    rows = [r for r in rows if not r.get("ambiguous")]
    found = read_candidates([*rows, *extra_training])
    fold_of = folds(rows, k)
    extra = examples(extra_training, found)
    everything = examples(rows, found)
    reports = []
    for fold in range(k):
        scorer = fit_examples([e for e in everything if fold_of[e.article_id] != fold] + extra)
        scored = [r for r in rows if fold_of[r["id"]] == fold]
        by_text = {(r.get("title") or "", r.get("text") or ""): found[r["id"]] for r in scored}
        reports.append(evaluate_rows(scored, lambda text, _published, title, s=scorer, f=by_text:
                                     decide(f[(title, text)], s)))
    return combine(reports)
