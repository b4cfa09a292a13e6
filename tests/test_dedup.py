"""The merge rules of extractors/dedup.py, one behaviour per test."""
from __future__ import annotations

from datetime import date, datetime, timezone

from extractors.dedup import ReportOnFile, StoredIncident, assign_incidents, reconcile
from extractors.records import IncidentReport


def report(base="Camp Taji", day=date(2026, 6, 13), weapons=("rocket",), primary=True, precision="day", **kw):
    values = dict(country="Iraq", latitude=None, longitude=None, projectiles=None, killed=None, wounded=None,
                  claimed_by=None, suspected=None, evidence="...")
    values.update(kw)
    return IncidentReport(base=base, attack_date=day, date_precision=precision, weapons=weapons,
                          is_primary=primary, **values)


def ids(decisions):
    return [None if incident is None else incident.incident_id for _, incident in decisions]


def test_reports_of_one_attack_from_several_outlets_share_one_id():
    decisions = assign_incidents([(report(), None), (report(base="camp taji"), None),
                                  (report(day=date(2026, 6, 14)), None)], [])
    assert ids(decisions) == ["camp-taji-2026-06-13"] * 3


def test_different_days_at_one_base_stay_separate():
    decisions = assign_incidents([(report(), None), (report(day=date(2026, 6, 16)), None)], [])
    assert ids(decisions) == ["camp-taji-2026-06-13", "camp-taji-2026-06-16"]


def test_two_bases_hit_the_same_night_stay_separate():
    decisions = assign_incidents([(report(), None), (report(base="Balad Air Base"), None)], [])
    assert ids(decisions) == ["camp-taji-2026-06-13", "balad-air-base-2026-06-13"]


def test_the_closest_day_wins_when_two_incidents_are_near():
    on_file = [StoredIncident("camp-taji-2026-06-13", "Camp Taji", date(2026, 6, 13), ("rocket",)),
               StoredIncident("camp-taji-2026-06-15", "Camp Taji", date(2026, 6, 15), ("rocket",))]
    assert ids(assign_incidents([(report(day=date(2026, 6, 14)), None)], on_file)) == ["camp-taji-2026-06-13"]
    assert ids(assign_incidents([(report(day=date(2026, 6, 15)), None)], on_file)) == ["camp-taji-2026-06-15"]


def test_disjoint_weapons_a_day_apart_are_two_attacks():
    decisions = assign_incidents([(report(), None),
                                  (report(day=date(2026, 6, 14), weapons=("drone",)), None)], [])
    assert ids(decisions) == ["camp-taji-2026-06-13", "camp-taji-2026-06-14"]


def test_a_background_mention_corroborates_but_never_creates():
    on_file = [StoredIncident("camp-taji-2026-03-11", "Camp Taji", date(2026, 3, 11), ("rocket",))]
    month_mention = report(day=date(2026, 3, 1), precision="month", primary=False)
    unknown_mention = report(base="Balad Air Base", primary=False)
    decisions = assign_incidents([(month_mention, None), (unknown_mention, None)], on_file)
    assert ids(decisions) == ["camp-taji-2026-03-11", None]


def test_reconcile_keeps_the_largest_counts_the_common_date_and_the_latest_claim():
    t = [datetime(2026, 6, 14, h, tzinfo=timezone.utc) for h in (6, 8, 12)]
    reports = [
        ReportOnFile(report(projectiles=10, killed=0, suspected="militias"), "u1", t[0]),
        ReportOnFile(report(projectiles=14, killed=1, weapons=("rocket", "mortar")), "u2", t[1]),
        ReportOnFile(report(day=date(2026, 6, 14), claimed_by="Group X", killed=None), "u3", t[2]),
        ReportOnFile(report(day=date(2026, 3, 1), precision="month", primary=False, killed=3), "u4", t[2]),
    ]
    incident = reconcile("camp-taji-2026-06-13", reports)
    assert (incident.attack_date, incident.projectiles, incident.killed) == (date(2026, 6, 13), 14, 1)
    assert incident.weapons == ("mortar", "rocket")
    assert (incident.claimed_by, incident.suspected) == ("Group X", "militias")
    assert (incident.first_reported_at, incident.last_reported_at, incident.source_count) == (t[0], t[2], 3)


def test_same_day_reports_merge_whatever_weapons_they_name():
    decisions = assign_incidents([(report(weapons=("missile",)), None), (report(weapons=("rocket",)), None),
                                  (report(weapons=("drone",)), None)], [])
    assert ids(decisions) == ["camp-taji-2026-06-13"] * 3


def test_rockets_and_missiles_a_day_apart_can_be_one_salvo():
    decisions = assign_incidents([(report(weapons=("missile",)), None),
                                  (report(day=date(2026, 6, 14), weapons=("rocket",)), None)], [])
    assert ids(decisions) == ["camp-taji-2026-06-13"] * 2
