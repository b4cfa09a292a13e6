"""The candidate scorer: one feature function for fitting and serving, a deterministic fit, grouped folds."""
from datetime import date

from extractors.candidates import FEATURES
from extractors.detect import candidates, decide, detect
from extractors.scorer import Scorer, fit, packaged_scorer, scorer_from_json
from extractors.training import examples, fit_labelled, folds

ARTICLE = ("BAGHDAD (Reuters) - Two Katyusha rockets landed inside Camp Taji north of Baghdad on Saturday night, "
           "causing no casualties, the Iraqi military said. In March, Taji came under a rocket attack that killed "
           "two Americans and a British national.")
ROW = {"id": "taji", "published": "2020-06-14", "title": "Rockets hit Camp Taji", "text": ARTICLE,
       "is_attack_report": True,
       "incidents": [{"incident_key": "camp-taji-2020-06-13", "base": "Camp Taji", "date": "2020-06-13",
                      "date_precision": "day", "primary": True}]}


def test_detect_is_the_packaged_scorer_deciding_the_same_candidates():
    found = candidates(ARTICLE, date(2020, 6, 14), "Rockets hit Camp Taji")
    assert decide(found, packaged_scorer()) == detect(ARTICLE, date(2020, 6, 14), "Rockets hit Camp Taji")


def test_fitting_reads_the_very_features_serving_decides_on():
    served = [c.features for c in candidates(ARTICLE, date(2020, 6, 14), "Rockets hit Camp Taji")
              if c.as_primary is not None]
    fitted = [e.features for e in examples([ROW], {"taji": candidates(ARTICLE, date(2020, 6, 14),
                                                                      "Rockets hit Camp Taji")})]
    assert fitted == served and all(set(f) == set(FEATURES) for f in fitted)
    assert [e.is_primary for e in examples([ROW], {"taji": candidates(ARTICLE, date(2020, 6, 14),
                                                                      "Rockets hit Camp Taji")})] == [True]


def test_every_feature_is_a_number_between_zero_and_one():
    for c in candidates(ARTICLE, date(2020, 6, 14), "Rockets hit Camp Taji"):
        assert all(0.0 <= v <= 1.0 for v in c.features.values())


def test_fit_learns_a_separable_rule_and_is_deterministic():
    rows = [{name: 0.0 for name in FEATURES} | {"targeted": float(i % 2), "recent": float(i % 3 == 0)}
            for i in range(60)]
    labels = [bool(i % 2) for i in range(60)]
    first, second = fit(FEATURES, rows, labels), fit(FEATURES, rows, labels)
    assert first == second
    assert [first.is_primary(r) for r in rows] == labels
    assert dict(zip(first.features, first.weights))["targeted"] > 1


def test_weights_survive_their_json_file():
    scorer = Scorer(("a", "b"), (1.5, -2.0), 0.25)
    assert scorer_from_json(scorer.as_json(about="test")) == scorer


def test_packaged_weights_name_every_feature():
    assert set(packaged_scorer().features) == set(FEATURES)


def test_articles_sharing_an_incident_always_share_a_fold():
    rows = [{"id": f"a{i}", "incidents": [{"incident_key": f"k{i // 2}"}]} for i in range(40)]
    rows += [{"id": "bridge", "incidents": [{"incident_key": "k0"}, {"incident_key": "k7"}]}]
    fold_of = folds(rows, 5)
    for i in range(0, 40, 2):
        assert fold_of[f"a{i}"] == fold_of[f"a{i + 1}"]
    assert fold_of["a0"] == fold_of["bridge"] == fold_of["a14"]
    assert len(set(fold_of.values())) > 1
    assert folds(rows, 5) == fold_of


def test_fit_labelled_gives_a_scorer_for_every_feature():
    assert set(fit_labelled([ROW]).features) == set(FEATURES)


def test_an_attack_read_on_the_wrong_day_teaches_nothing_about_the_decision():
    found = {"taji": candidates(ARTICLE, date(2020, 6, 14), "Rockets hit Camp Taji")}
    misdated = {**ROW, "incidents": [{**ROW["incidents"][0], "date": "2020-06-09"}]}
    assert examples([misdated], found) == []
    other_base = {**ROW, "incidents": [{**ROW["incidents"][0], "base": "Balad Air Base"}]}
    assert [e.is_primary for e in examples([other_base], found)] == [False]
