"""Score the detector against a labelled corpus (JSONL in the shared schema, see corpus SCHEMA.md).

What is measured, per article and then summed:
- article precision / recall / F1 of `is_attack_report`; rows marked `ambiguous` are left out of everything;
- primary-incident recall: each labelled primary incident (except "Unnamed ..." bases, which a text
  cannot name) must be found among the article's primary reports;
- incident precision: each primary report must match a labelled primary incident of its article
  (one matching only a background incident is a false alarm too: it would create a wrong incident);
- a match is the same base (`gazetteer.same_base`: generic words dropped, shared word or fuzzy) and the
  same date within one day; a month-precision label matches any day of that month, a year label any day
  of that year;
- exact-date rate over matched day-precision incidents;
- field accuracy over matched incidents: weapons as the e2e check counts them (no weapon outside the
  label, at least one in it), projectiles/killed/wounded exactly (null must stay null), country
  case-insensitively, claimed_by/suspected as "both empty, or naming the same group".
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from extractors.detect import detect
from extractors.gazetteer import same_base
from extractors.records import Detection, IncidentReport

Detector = Callable[[str, date | None, str], Detection]
FIELDS = ("weapons", "projectiles", "killed", "wounded", "country", "claimed_by", "suspected")
_GROUP_NOISE = frozenset({"the", "of", "in", "and", "backed", "supported", "aligned", "pro", "shia", "shiite",
                          "group", "groups", "militia", "militias", "forces", "armed", "per", "sources"})


@dataclass(frozen=True)
class Finding:
    """One miss or false alarm, with the sentence it rests on."""

    article_id: str
    kind: str
    base: str | None
    date: str | None
    evidence: str


@dataclass(frozen=True)
class FieldScore:
    field: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return round(self.correct / self.total, 3) if self.total else None


@dataclass(frozen=True)
class EvaluationReport:
    articles_scored: int
    true_positives: int
    false_positives: int
    false_negatives: int
    primary_incidents: int
    primary_found: int
    predicted_primary: int
    predicted_correct: int
    exact_dates: int
    dated_matches: int
    fields: tuple[FieldScore, ...]
    misses: tuple[Finding, ...]
    false_alarms: tuple[Finding, ...]

    @property
    def article_precision(self) -> float | None:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def article_recall(self) -> float | None:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def article_f1(self) -> float | None:
        p, r = self.article_precision, self.article_recall
        return round(2 * p * r / (p + r), 3) if p and r else None

    @property
    def primary_recall(self) -> float | None:
        return _ratio(self.primary_found, self.primary_incidents)

    @property
    def incident_precision(self) -> float | None:
        return _ratio(self.predicted_correct, self.predicted_primary)

    @property
    def exact_date_rate(self) -> float | None:
        return _ratio(self.exact_dates, self.dated_matches)

    def as_dict(self) -> dict:
        """Plain data for JSON output: counts, rates, per-field accuracy and the findings."""
        out = asdict(self)
        out["fields"] = {f.field: {"correct": f.correct, "total": f.total, "accuracy": f.accuracy} for f in self.fields}
        for name in ("article_precision", "article_recall", "article_f1", "primary_recall",
                     "incident_precision", "exact_date_rate"):
            out[name] = getattr(self, name)
        return out


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def load_corpus(path: str | Path) -> list[dict]:
    """Rows of a corpus JSONL file (blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def parse_day(value: str | None) -> date | None:
    """A corpus date ("2020-06-14"), or None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _truth_date(inc: dict) -> date | None:
    raw = str(inc.get("date") or "")
    if re.fullmatch(r"\d{4}", raw):
        return date(int(raw), 1, 1)
    if re.fullmatch(r"\d{4}-\d{2}", raw):
        return date.fromisoformat(raw + "-01")
    return parse_day(raw)


def matches(report: IncidentReport, inc: dict) -> bool:
    """Same base and same date (within a day; by month or year for coarser labels)."""
    if not same_base(report.base, inc.get("base")):
        return False
    truth, got = _truth_date(inc), report.attack_date
    if truth is None or got is None:
        return False
    precision = inc.get("date_precision") or "day"
    if precision == "year":
        return truth.year == got.year
    if precision == "month":
        return (truth.year, truth.month) == (got.year, got.month)
    return abs((got - truth).days) <= 1


def _group_words(name: str | None) -> set[str]:
    words = re.split(r"[^a-z0-9]+", (name or "").lower().replace("iranian", "iran"))
    return {w for w in words if w and w not in _GROUP_NOISE}


def _field_ok(name: str, report: IncidentReport, inc: dict) -> bool:
    truth = inc.get(name)
    if name == "weapons":
        want = set(truth or []) - {"unknown"}
        got = set(report.weapons)
        return got <= want | {"unknown"} and bool(got & want) if want else got == {"unknown"}
    if name == "country":
        return (report.country or "").lower() == (truth or "").lower()
    if name in {"claimed_by", "suspected"}:
        got = getattr(report, name)
        if not truth or not got:
            return not truth and not got
        return bool(_group_words(got) & _group_words(truth))
    return getattr(report, name) == truth


def evaluate_rows(rows: Iterable[dict], detector: Detector = detect) -> EvaluationReport:
    """Run `detector` on every non-ambiguous row and score it (see module docstring)."""
    tp = fp = fn = found = total = predicted = correct = exact = dated = scored = 0
    field_hits = {f: [0, 0] for f in FIELDS}
    misses: list[Finding] = []
    alarms: list[Finding] = []
    for row in rows:
        if row.get("ambiguous"):
            continue
        scored += 1
        det = detector(row.get("text") or "", parse_day(row.get("published")), row.get("title") or "")
        truth_flag = bool(row.get("is_attack_report"))
        first = det.primary[0] if det.primary else None
        if det.is_attack_report and truth_flag:
            tp += 1
        elif det.is_attack_report:
            fp += 1
            alarms.append(Finding(row["id"], "article", first.base if first else None,
                                  str(first.attack_date) if first else None, first.evidence if first else ""))
        elif truth_flag:
            fn += 1
            misses.append(Finding(row["id"], "article", None, None, (row.get("title") or "")[:200]))
        incidents = row.get("incidents") or []
        primaries = [i for i in incidents if i.get("primary") and truth_flag]
        for inc in primaries:
            if str(inc.get("base", "")).lower().startswith("unnamed"):
                continue
            total += 1
            hit = next((r for r in det.primary if matches(r, inc)), None)
            if hit is None:
                misses.append(Finding(row["id"], "incident", inc.get("base"), inc.get("date"), row.get("title") or ""))
                continue
            found += 1
            if (inc.get("date_precision") or "day") == "day":
                dated += 1
                exact += hit.attack_date == _truth_date(inc)
            for f in FIELDS:
                field_hits[f][1] += 1
                field_hits[f][0] += _field_ok(f, hit, inc)
        for rep in det.primary:
            predicted += 1
            if any(matches(rep, inc) for inc in primaries):
                correct += 1
                continue
            kind = "background as primary" if any(matches(rep, i) for i in incidents) else "incident"
            alarms.append(Finding(row["id"], kind, rep.base, str(rep.attack_date), rep.evidence))
    return EvaluationReport(
        articles_scored=scored, true_positives=tp, false_positives=fp, false_negatives=fn,
        primary_incidents=total, primary_found=found, predicted_primary=predicted, predicted_correct=correct,
        exact_dates=exact, dated_matches=dated,
        fields=tuple(FieldScore(f, h[0], h[1]) for f, h in field_hits.items()),
        misses=tuple(misses), false_alarms=tuple(alarms))


def combine(reports: Iterable[EvaluationReport]) -> EvaluationReport:
    """One report summing several (the folds of a cross-validation)."""
    reports = list(reports)
    counts = {name: sum(getattr(r, name) for r in reports) for name in (
        "articles_scored", "true_positives", "false_positives", "false_negatives", "primary_incidents",
        "primary_found", "predicted_primary", "predicted_correct", "exact_dates", "dated_matches")}
    fields = tuple(FieldScore(f, sum(r.fields[i].correct for r in reports), sum(r.fields[i].total for r in reports))
                   for i, f in enumerate(FIELDS))
    return EvaluationReport(**counts, fields=fields, misses=tuple(m for r in reports for m in r.misses),
                            false_alarms=tuple(a for r in reports for a in r.false_alarms))


def evaluate(path: str | Path, detector: Detector = detect) -> EvaluationReport:
    """Score `detector` on the corpus file at `path`."""
    return evaluate_rows(load_corpus(path), detector)


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.3f}"


_HEADLINE = (("article F1", "article_f1"), ("article precision", "article_precision"),
             ("article recall", "article_recall"), ("primary recall", "primary_recall"),
             ("incident precision", "incident_precision"), ("exact date", "exact_date_rate"))


def format_comparison(columns: dict[str, EvaluationReport]) -> str:
    """The headline figures and field accuracies of several reports side by side (e.g. plain and cross-validated)."""
    names = list(columns)
    width = max(12, *(len(n) for n in names))
    lines = [" " * 22 + "".join(f"{n:>{width + 2}}" for n in names)]
    lines += [f"{label:<22}" + "".join(f"{_pct(getattr(columns[n], attr)):>{width + 2}}" for n in names)
              for label, attr in _HEADLINE]
    for i, field in enumerate(FIELDS):
        lines.append(f"  {field:<20}" + "".join(f"{_pct(columns[n].fields[i].accuracy):>{width + 2}}" for n in names))
    return "\n".join(lines)


def format_report(report: EvaluationReport) -> str:
    """A human-readable table of the scores followed by every miss and false alarm."""
    pct = _pct
    lines = [
        f"articles scored        {report.articles_scored}",
        f"article precision      {pct(report.article_precision)}   ({report.true_positives} TP, {report.false_positives} FP)",
        f"article recall         {pct(report.article_recall)}   ({report.false_negatives} FN)",
        f"article F1             {pct(report.article_f1)}",
        f"primary recall         {pct(report.primary_recall)}   ({report.primary_found}/{report.primary_incidents})",
        f"incident precision     {pct(report.incident_precision)}   ({report.predicted_correct}/{report.predicted_primary})",
        f"exact date             {pct(report.exact_date_rate)}   ({report.exact_dates}/{report.dated_matches})",
        "",
        "field accuracy (matched incidents)",
    ]
    lines += [f"  {f.field:<20} {pct(f.accuracy)}   ({f.correct}/{f.total})" for f in report.fields]
    for title, items in (("misses", report.misses), ("false alarms", report.false_alarms)):
        lines += ["", f"{title} ({len(items)})"]
        lines += [f"  {i.article_id} [{i.kind}] {i.base or '-'} @ {i.date or '-'}: {i.evidence[:160]}" for i in items]
    return "\n".join(lines)
