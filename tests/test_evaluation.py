"""The evaluation of a detector against a labelled corpus."""
import json
from datetime import date

from extractors.evaluation import evaluate, format_report, matches
from extractors.records import Detection, IncidentReport


def report(base: str, day: date, primary: bool = True, **fields) -> IncidentReport:
    values = {"country": "Iraq", "latitude": None, "longitude": None, "date_precision": "day",
              "weapons": ("rocket",), "projectiles": 2, "killed": 0, "wounded": 0, "claimed_by": None,
              "suspected": None, "evidence": "e", **fields}
    return IncidentReport(base=base, attack_date=day, is_primary=primary, **values)


ROWS = [
    {"id": "hit", "published": "2020-06-14", "title": "t", "text": "a", "is_attack_report": True, "ambiguous": False,
     "incidents": [{"base": "Camp Taji", "date": "2020-06-13", "date_precision": "day", "primary": True,
                    "weapons": ["rocket"], "projectiles": 2, "killed": 0, "wounded": 0, "country": "Iraq",
                    "claimed_by": None, "suspected": None}]},
    {"id": "missed", "published": "2020-06-14", "title": "t", "text": "b", "is_attack_report": True,
     "ambiguous": False, "incidents": [{"base": "Balad Air Base", "date": "2020-06", "date_precision": "month",
                                        "primary": True, "weapons": ["mortar"]}]},
    {"id": "negative", "published": "2020-06-14", "title": "t", "text": "c", "is_attack_report": False,
     "ambiguous": False, "incidents": []},
    {"id": "ignored", "published": "2020-06-14", "title": "t", "text": "d", "is_attack_report": True,
     "ambiguous": True, "incidents": []},
]


def fake_detector(text: str, published: date | None, title: str) -> Detection:
    if text == "a":
        return Detection(True, (report("Taji military base", date(2020, 6, 14)),))
    if text == "c":
        return Detection(True, (report("Erbil Air Base", date(2020, 6, 14)),))
    return Detection(False)


def test_scores_articles_incidents_dates_and_fields(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    result = evaluate(corpus, fake_detector)
    assert result.articles_scored == 3
    assert (result.true_positives, result.false_positives, result.false_negatives) == (1, 1, 1)
    assert (result.primary_found, result.primary_incidents) == (1, 2)
    assert (result.predicted_correct, result.predicted_primary) == (1, 2)
    assert result.exact_date_rate == 0.0
    assert {f.field: f.accuracy for f in result.fields}["projectiles"] == 1.0
    assert [f.article_id for f in result.misses] == ["missed", "missed"]
    assert [f.article_id for f in result.false_alarms] == ["negative", "negative"]
    data = result.as_dict()
    assert data["article_f1"] == 0.5 and data["fields"]["weapons"]["accuracy"] == 1.0
    text = format_report(result)
    assert "primary recall" in text and "false alarms (2)" in text


def test_month_labels_match_any_day_of_that_month():
    inc = {"base": "Camp Taji", "date": "2020-03", "date_precision": "month"}
    assert matches(report("Camp Taji", date(2020, 3, 11)), inc)
    assert not matches(report("Camp Taji", date(2020, 4, 1)), inc)
