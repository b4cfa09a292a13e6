"""The merge rules of extractors/dedup.py, one behaviour per test."""
from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone

import pytest

from extractors.dedup import ReportOnFile, base_slug, merge, reconcile
from extractors.records import IncidentReport

T0 = datetime(2026, 6, 14, 6, tzinfo=timezone.utc)
_urls = itertools.count()


def report(base="Camp Taji", day=date(2026, 6, 13), weapons=("rocket",), primary=True, precision="day",
           at=T0, url=None, sketch=None, evidence="Rockets hit the base on Saturday.", **kw):
    values = dict(country="Iraq", latitude=None, longitude=None, projectiles=None, killed=None, wounded=None,
                  claimed_by=None, suspected=None)
    values.update(kw)
    claim = IncidentReport(base=base, attack_date=day, date_precision=precision if day else None, weapons=weapons,
                           is_primary=primary, evidence=evidence, **values)
    n = next(_urls)
    return ReportOnFile(claim, url or f"http://news.example/{n}", at, sketch or (n,))


def ids(reports):
    """Each report's incident id, in the order given (None: not kept)."""
    home = {id(r): incident.incident_id for incident, kept in merge(reports) for r in kept}
    return [home.get(id(r)) for r in reports]


def test_reports_of_one_attack_from_several_outlets_share_one_id():
    reports = [report(), report(base="camp taji"), report(day=date(2026, 6, 14))]
    assert ids(reports) == ["camp-taji-2026-06-13"] * 3


def test_different_days_at_one_base_stay_separate():
    assert ids([report(), report(day=date(2026, 6, 16))]) == ["camp-taji-2026-06-13", "camp-taji-2026-06-16"]


def test_two_bases_hit_the_same_night_stay_separate():
    assert ids([report(), report(base="Balad Air Base")]) == ["camp-taji-2026-06-13", "balad-air-base-2026-06-13"]


def test_spellings_that_differ_only_in_case_and_punctuation_are_one_base():
    assert ids([report(base="Ain al-Asad"), report(base="Ain Al Asad")]) == ["ain-al-asad-2026-06-13"] * 2


def test_a_day_between_two_attested_days_joins_the_better_attested_one():
    reports = [report(day=date(2026, 6, 13)), report(day=date(2026, 6, 15)), report(day=date(2026, 6, 15)),
               report(day=date(2026, 6, 14))]
    assert ids(reports) == ["camp-taji-2026-06-13"] + ["camp-taji-2026-06-15"] * 3


def test_daily_attacks_do_not_chain_into_one_incident():
    reports = [report(day=date(2026, 6, 10) + timedelta(days=n)) for n in range(5)]
    assert ids(reports) == ["camp-taji-2026-06-10"] * 2 + ["camp-taji-2026-06-12"] * 2 + ["camp-taji-2026-06-14"]


def test_disjoint_weapons_a_day_apart_are_two_attacks():
    assert ids([report(), report(day=date(2026, 6, 14), weapons=("drone",))]) == \
        ["camp-taji-2026-06-13", "camp-taji-2026-06-14"]


def test_same_day_reports_merge_whatever_weapons_they_name():
    reports = [report(weapons=("missile",)), report(weapons=("rocket",)), report(weapons=("drone",))]
    assert ids(reports) == ["camp-taji-2026-06-13"] * 3


def test_rockets_and_missiles_a_day_apart_can_be_one_salvo():
    assert ids([report(weapons=("missile",)), report(day=date(2026, 6, 14))]) == ["camp-taji-2026-06-13"] * 2


def test_a_background_mention_corroborates_but_never_creates():
    primary = report(day=date(2026, 3, 11))
    month_mention = report(day=date(2026, 3, 1), precision="month", primary=False)
    unknown_mention = report(base="Balad Air Base", primary=False)
    assert ids([month_mention, unknown_mention, primary]) == ["camp-taji-2026-03-11", None, "camp-taji-2026-03-11"]


def test_a_month_mention_joins_nothing_when_the_month_had_two_attacks():
    reports = [report(day=date(2026, 3, 11)), report(day=date(2026, 3, 20)),
               report(day=date(2026, 3, 1), precision="month", primary=False)]
    assert ids(reports)[2] is None


def test_an_explicit_date_outweighs_relative_days():
    """Two outlets resolve "on Sunday" against their own publication time to the 14th; the one stating
    "June 13" gives the stronger evidence, so the incident is dated the 13th."""
    reports = [report(day=date(2026, 6, 13), evidence="Rockets hit Camp Taji on June 13, officials said."),
               report(day=date(2026, 6, 14)), report(day=date(2026, 6, 14))]
    assert ids(reports) == ["camp-taji-2026-06-13"] * 3


def test_syndicated_copies_count_as_one_source():
    wire = (1, 2, 3)
    reports = [report(day=date(2026, 6, 14), sketch=wire), report(day=date(2026, 6, 14), sketch=wire),
               report(day=date(2026, 6, 13)), report(day=date(2026, 6, 13))]
    [(incident, _)] = merge(reports)
    assert (incident.attack_date, incident.source_count, incident.independent_sources) == (date(2026, 6, 13), 4, 3)


def test_one_outlier_report_does_not_set_the_projectile_count():
    reports = [report(projectiles=25), report(projectiles=25), report(projectiles=107, at=T0 + timedelta(hours=5))]
    assert reconcile("x", reports).projectiles == 25


def test_tolls_take_the_latest_report():
    reports = [report(killed=3, wounded=20, at=T0), report(killed=3, wounded=20, at=T0),
               report(killed=4, wounded=34, at=T0 + timedelta(hours=9))]
    incident = reconcile("x", reports)
    assert (incident.killed, incident.wounded) == (4, 34)


def test_one_stray_weapon_does_not_join_the_agreed_ones():
    reports = [report(weapons=("rocket",)), report(weapons=("rocket",)), report(weapons=("rocket", "drone"))]
    assert reconcile("x", reports).weapons == ("rocket",)


def test_reconcile_keeps_the_latest_claim_and_the_reporting_times():
    t = [T0 + timedelta(hours=h) for h in (0, 2, 6)]
    reports = [report(suspected="militias", at=t[0]), report(at=t[1]), report(claimed_by="Group X", at=t[2]),
               report(day=date(2026, 3, 1), precision="month", primary=False, killed=3, at=t[2])]
    incident = reconcile("camp-taji-2026-06-13", reports)
    assert (incident.claimed_by, incident.suspected, incident.killed) == ("Group X", "militias", None)
    assert (incident.first_reported_at, incident.last_reported_at, incident.source_count) == (t[0], t[2], 3)


def test_an_undated_incident_is_named_after_its_first_publication_day():
    assert ids([report(day=None), report(day=None, at=T0 + timedelta(hours=3))]) == ["camp-taji-undated-2026-06-14"] * 2


def test_the_incidents_do_not_depend_on_the_order_of_their_reports():
    reports = [report(day=date(2026, 6, 10) + timedelta(days=n % 4), weapons=(("rocket",), ("drone",))[n % 2],
                      projectiles=n % 3 or None, killed=n % 2, at=T0 + timedelta(hours=n % 5)) for n in range(12)]
    reports.append(report(day=date(2026, 6, 1), precision="month", primary=False))
    first = merge(reports)
    for seed in range(5):
        shuffled = reports[seed:] + reports[:seed]
        shuffled.reverse() if seed % 2 else None
        assert [incident for incident, _ in merge(shuffled)] == [incident for incident, _ in first]


def test_two_sources_one_time_two_figures_keep_the_larger():
    reports = [report(projectiles=3), report(projectiles=4)]
    assert reconcile("x", reports).projectiles == 4


@pytest.mark.parametrize("names, slug", [
    (("Diapaga detachment", "Diapaga military detachment", "Unnamed army base, Diapaga",
      "Rapid Intervention Battalion base in Diapaga"), "diapaga-military-base"),
    (("Jandola Frontier Corps fort", "Frontier Corps fort, Jandola", "Jandola FC fort"), "jandola-military-base"),
    (("Unnamed army base, Awdheegle", "Awdhegle army base", "Awdheegle military camp"), "awdhegle-military-base"),
    (("Kismayo airfield base", "Unnamed air base, Kismayo"), "kismayo-air-base"),
    # outlets write an Arabic town with its article or without it, and a town's name as one word or two
    (("Unnamed army base, Ceel Dheere", "Celdheere military camp"), "celdhere-military-base"),
    (("Unnamed military base, Al-Mayadin", "army base in Mayadin", "Al-Mayadin military camp"),
     "mayadin-military-base"),
])
def test_an_unlisted_installation_named_many_ways_is_one_base(names, slug):
    assert {base_slug(name) for name in names} == {slug}


def test_listed_bases_and_proper_names_keep_their_own_slugs():
    assert base_slug("Ain al-Asad Air Base") == "ain-al-asad-air-base"
    assert base_slug("Camp O'Brien") == "camp-o-brien"  # a proper name is how outlets keep naming it
    # a number says which: numbered posts and units with no place are never one another
    assert len({base_slug(f"Synthetic Base {n}") for n in range(3)} | {base_slug("Sector 4 base"),
                                                                       base_slug("Sector 5 base")}) == 5
    assert base_slug("Light Infantry Battalion 241 base") != base_slug("Light Infantry Battalion 99 base")
    assert base_slug("Diapaga military base") != base_slug("Diapaga air base")
    assert base_slug("Unnamed army base, Mozogo") != base_slug("Unnamed army base, Mokolo")
