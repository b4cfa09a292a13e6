"""The detector on challenge articles written for the project (tests/challenge_articles.toml and the
second, independently written set tests/challenge_articles_2.toml, the third,
tests/challenge_articles_3.toml, on scraped-page furniture, roundups and bulk-feed negatives, and the
fourth, tests/challenge_articles_4.toml, on relative dates, tallies, attribution and casualty phrasing, and
the fifth, tests/challenge_articles_5.toml, on the regions and formats covered least before: Russian and
Ukrainian air bases, the Sahel, Somalia, Pakistan, the Levant, bulletins, live blogs and translated copy), and
the sixth, tests/challenge_articles_6.toml, on official statements (CENTCOM, Pentagon, Security Media Cell,
ministries), the Iraq/Syria/Jordan/Gulf bases used least before, time zones and official casualty wording), and
the seventh, tests/challenge_articles_7.toml, on precision: mostly look-alike negatives from bulk news feeds
(base economics, crimes, crashes, air shows, drills, tests, sport, reviews, plots and threats) with a few short
and politics-first positives.
The eighth, tests/challenge_articles_8.toml, was written against the failure categories seen on held-out real news
(landmarks, follow-ups, anniversaries, described-then-named and unlisted installations, fields from other
events) and scored before the detector was changed for it; its ninth companion, tests/holdout/, is not run
here: it was held back and scored once, when the work was done.
The tenth, tests/challenge_articles_10.toml, is the work round of a pair written in session 4 before any detector
change (unlisted installations named late, weekday dates, several installations, look-alike negatives, fields); its
held-back twin tests/holdout/challenge_articles_11.toml is not run here. The twelfth,
tests/challenge_articles_12.toml, is the work round of session 5's pair (written by a helper who read neither the
detector nor the corpora; scored before any change); its twin tests/holdout/challenge_articles_13.toml is held back.
The fourteenth, tests/challenge_articles_14.toml, is session 6's work round, written the same way (unlisted
installations in the Sahel, Somalia, Pakistan, multi-outlet clusters, fields); its twin
tests/holdout/challenge_articles_15.toml is held back.
Rounds 17 and 19, held back when they were written (sessions 7 and 8), were opened as work rounds in session 9
after being scored at every check; round 20 is session 9's work round, written with its held-back twin
tests/holdout/challenge_articles_21.toml by a helper who read neither the detector nor the corpora.
Rounds 31 and 33, held back when they were written (session 12), were opened as work rounds in session 13 after
being scored once with the session-start code. Round 34 is session 13's work round, written with its held-back twin
tests/holdout/challenge_articles_35.toml by a helper who read neither the detector nor the corpora; round 36, with
its held-back twin tests/holdout/challenge_articles_37.toml, is the same kind of pair on the Iraq/Syria/Gulf news
most real reports are; round 38, with tests/holdout/challenge_articles_39.toml, is mostly look-alike news of
eighteen new kinds a bulk feed carries; round 40, with round 41 (held back in session 13, opened in
session 14 after being scored once with the session-start code), is recall of attacks told in unusual ways across
the world.
Session 14's three pairs were written by helpers who read neither the detector nor the corpora and scored on arrival
before any change made for them: round 42 (dates and fields as news tells them: reaction-led leads, follow-ups, time
zones, tolls that rise or are split) with tests/holdout/challenge_articles_43.toml; round 44 (look-alikes a bulk feed
carries and short plainly told attacks across the wider world) with tests/holdout/challenge_articles_45.toml; round 46
(the Iraq/Syria/Jordan/Gulf/Israel-Lebanon news most real reports are, with its traps) with
tests/holdout/challenge_articles_47.toml; round 48 (recall of attacks across the wider world on installations no
gazetteer lists, named as local and translated copy names them) with tests/holdout/challenge_articles_49.toml; round 50
(one day of a bulk feed: digests, live blogs, corrections, transcripts, business and culture pages) with
tests/holdout/challenge_articles_51.toml; round 52 (the wider world, half recall and half precision) with
tests/holdout/challenge_articles_53.toml and round 54 (Iraq/Syria/Gulf/Levant precision traps and clusters) with
tests/holdout/challenge_articles_55.toml, written last and scored on arrival with the session's final code.
Rounds 45, 47, 49 and 51, held back in session 14 and scored at its start and end, were opened in session 15 after
being scored once more with the session-start code. Session 15's four pairs, written by helpers who read neither the
detector nor the corpora and scored on arrival with the session-start code: round 56 (the Sahel, Lake Chad, Nigeria
and Sinai: positions named by their town, communiques, residents' accounts) with
tests/holdout/challenge_articles_57.toml; round 58 (Iraq, Syria, Israel/Lebanon, Yemen: militia fronts' claims,
retaliatory strikes, follow-ups, summed counts) with tests/holdout/challenge_articles_59.toml; round 60 (Pakistan,
Afghanistan, India, Myanmar, Somalia/Kenya: holiday eves, press releases, repelled attacks) with
tests/holdout/challenge_articles_61.toml; round 62 (Russia/Ukraine air bases, Colombia, DR Congo, Mozambique: claims and
denials, satellite follow-ups, look-alikes) with tests/holdout/challenge_articles_63.toml; round 64 (one day of a
general-news bulk feed, mostly look-alikes), written later in the session, with
tests/holdout/challenge_articles_65.toml; round 66 (the fields an analyst files: split and revised tolls, summed
counts, claims and blame, clusters) with tests/holdout/challenge_articles_67.toml.
Rounds 57, 59, 61 and 63, held back in session 15 and scored at its start and end, were opened in session 16 after
being scored once more with the session-start code. Session 16's pairs, written the same way and scored on arrival with
the session-start code: round 68 (the Sahel, Lake Chad, Somalia/Kenya: camps named by their town, agencies' claims,
revised tolls, follow-ups, look-alikes) with tests/holdout/challenge_articles_69.toml; round 70 (Iraq, Syria, Jordan,
the Gulf, Yemen, Israel/Lebanon: attacks told through airports and towns, lists of earlier attacks, retaliatory
strikes, corrections) with tests/holdout/challenge_articles_71.toml; round 72 (Russia/Ukraine, India/Pakistan/
Afghanistan, Myanmar, the Philippines: live blogs, numbered units, local name variants, look-alikes) with
tests/holdout/challenge_articles_73.toml; round 74 (one day of a general-news bulk feed, mostly look-alikes, with short
attacks where few reports come from) with tests/holdout/challenge_articles_75.toml; round 76 (clusters of outlets and
days on one attack, live blogs, revised tolls, claims and blame) with tests/holdout/challenge_articles_77.toml.
Session 17's pairs, written the same way and scored on arrival with the session-start code: round 78 (Iraq and Syria
2019-24: coalition, Turkish and PMF positions, outlet clusters, round-ups, follow-ups, landmarks and look-alikes) with
tests/holdout/challenge_articles_79.toml; round 80 (the Sahel, Lake Chad, Somalia, Kenya, the DRC, Mozambique, Sudan:
camps named by their town, spelling variants, communiqués, camps of civilians) with
tests/holdout/challenge_articles_81.toml; round 82 (Ukraine/Russia, Pakistan, India, Myanmar, Yemen, Israel/Lebanon,
Colombia, the Philippines: governors' posts, live blogs, denied claims, drills and sports teams) with
tests/holdout/challenge_articles_83.toml; round 84 (one day of a general-news bulk feed: attacks few outlets report,
told in briefs, features, updates and corrections, among look-alikes) with tests/holdout/challenge_articles_85.toml.
Two more pairs were written later in session 17 and scored on arrival with the session-start code: round 86 (Iraq,
Syria, Jordan, the Gulf: one attack told by several outlets over days, consecutive-day attacks on one base,
transliterations) with tests/holdout/challenge_articles_87.toml; round 88 (Africa, South Asia, Myanmar, the
Philippines, Colombia, Ukraine/Russia: one attack told by a statement, a local paper, a wire and a claim; revised tolls,
town spellings) with tests/holdout/challenge_articles_89.toml.
Session 18's pairs, written the same way and scored on arrival with the session-start code: round 90 (Iraq, Syria,
Jordan, the Gulf, Yemen, Israel/Lebanon: outlet clusters over days, attacks told through airports and towns,
reaction-led leads, follow-ups, landmarks and look-alikes) with tests/holdout/challenge_articles_91.toml; round 92 (the
wider world: installations named by their town, unit or a local term, spelling variants across outlets, communiqués and
residents' accounts, look-alikes) with tests/holdout/challenge_articles_93.toml; round 94 (one day of a general-news
bulk feed: briefs, updates, corrections, attacks told inside other stories, among look-alikes) with
tests/holdout/challenge_articles_95.toml. Two more pairs were written later in session 18 and scored on arrival with
the session-start code: round 96 (the aftermath of attacks: reaction-led leads, claims and tolls days later, and
follow-ups weeks later that are no new attack) with tests/holdout/challenge_articles_97.toml; round 98 (Iraq, Syria and
Jordan 2019-24: coalition, Iraqi, Kurdish and Turkish installations, transliterations, consecutive days, round-ups,
look-alikes) with tests/holdout/challenge_articles_99.toml.
Session 19's pairs, written the same way and scored on arrival with the session-start code: round 100 (Iraq, Syria and
Jordan 2019-24: the fields an analyst files, split counts, revised tolls, claims against blame, time zones) with
tests/holdout/challenge_articles_101.toml; round 102 (the Sahel, Lake Chad, Somalia/Kenya, the DRC, Sudan, Pakistan,
Afghanistan, Myanmar, the Philippines, Colombia: installations named by their town, spelled differently by each
outlet) with tests/holdout/challenge_articles_103.toml; round 104 (one day of a general-news bulk feed: look-alikes
among briefs, tickers, corrections and digests) with tests/holdout/challenge_articles_105.toml; round 106 (recall and
dating: follow-ups led by funerals, reactions and visits, described installations, debris, attackers' claims,
consequences, satellite images, namesakes) with tests/holdout/challenge_articles_107.toml. Two more pairs were written
later in session 19, arriving after some of its rules: round 108 (Iraq, Syria, Jordan, Israel/Lebanon 2019-25: half
precision traps, half recall with hard fields) with tests/holdout/challenge_articles_109.toml; round 110 (the wider
world in short briefs, half look-alikes) with tests/holdout/challenge_articles_111.toml.
The first Arabic set, tests/challenge_articles_ar_2.toml (issue 14), is written the way Iraqi, Kurdish, Syrian and
Yemeni outlets word such news (counts after the noun, night phrases, Arabic names, look-alike negatives); its
twin tests/holdout/challenge_articles_ar_3.toml is held back the same way.

Each article checks: whether it is an attack report; each expected primary incident is found (same base
by `gazetteer.same_base`, exact date) with the right weapons (none outside the expected list, at least
one inside it, as the evaluation counts them), projectiles, killed and wounded (omitted = null); and no
primary report is produced that matches none of the expected ones. When an expected incident gives
claimed_by or suspected ("" = none named), that field is compared as the evaluation compares it.
An article may carry `xfail = "reason"`: a known failure, reported as such; it fails the run once it passes.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from extractors.detect import detect
from extractors.evaluation import _group_words
from extractors.gazetteer import same_base

FILES = ("challenge_articles.toml", "challenge_articles_2.toml", "challenge_articles_3.toml",
         "challenge_articles_4.toml", "challenge_articles_5.toml", "challenge_articles_6.toml",
         "challenge_articles_7.toml", "challenge_articles_8.toml", "challenge_articles_10.toml",
         "challenge_articles_12.toml", "challenge_articles_14.toml", "challenge_articles_16.toml",
         "challenge_articles_17.toml", "challenge_articles_18.toml", "challenge_articles_19.toml",
         "challenge_articles_20.toml", "challenge_articles_21.toml", "challenge_articles_22.toml",
         "challenge_articles_23.toml", "challenge_articles_24.toml", "challenge_articles_25.toml",
         "challenge_articles_26.toml", "challenge_articles_27.toml", "challenge_articles_28.toml",
         "challenge_articles_29.toml", "challenge_articles_30.toml", "challenge_articles_31.toml",
         "challenge_articles_32.toml", "challenge_articles_33.toml", "challenge_articles_34.toml",
         "challenge_articles_36.toml", "challenge_articles_38.toml", "challenge_articles_40.toml",
         "challenge_articles_41.toml", "challenge_articles_42.toml", "challenge_articles_44.toml",
         "challenge_articles_45.toml", "challenge_articles_46.toml", "challenge_articles_47.toml",
         "challenge_articles_48.toml", "challenge_articles_49.toml", "challenge_articles_50.toml",
         "challenge_articles_51.toml", "challenge_articles_52.toml", "challenge_articles_54.toml",
         "challenge_articles_56.toml", "challenge_articles_57.toml", "challenge_articles_58.toml",
         "challenge_articles_59.toml", "challenge_articles_60.toml", "challenge_articles_61.toml",
         "challenge_articles_62.toml", "challenge_articles_63.toml", "challenge_articles_64.toml",
         "challenge_articles_66.toml", "challenge_articles_68.toml", "challenge_articles_70.toml",
         "challenge_articles_72.toml", "challenge_articles_74.toml", "challenge_articles_76.toml",
         "challenge_articles_78.toml", "challenge_articles_80.toml", "challenge_articles_82.toml",
         "challenge_articles_84.toml", "challenge_articles_86.toml", "challenge_articles_88.toml",
         "challenge_articles_90.toml", "challenge_articles_92.toml", "challenge_articles_94.toml",
         "challenge_articles_96.toml", "challenge_articles_98.toml", "challenge_articles_100.toml",
         "challenge_articles_102.toml", "challenge_articles_104.toml", "challenge_articles_106.toml",
         "challenge_articles_108.toml", "challenge_articles_110.toml", "challenge_articles_ar_2.toml")
# Minimum (positives, negatives) per set; the seventh set is about precision, so mostly negatives; the first Arabic
# set is a small work round (its held-back twin is tests/holdout/challenge_articles_ar_3.toml).
MINIMUM = {"challenge_articles_7.toml": (8, 20), "challenge_articles_10.toml": (15, 12),
           "challenge_articles_12.toml": (18, 12), "challenge_articles_14.toml": (18, 12),
           "challenge_articles_16.toml": (18, 12), "challenge_articles_17.toml": (15, 12),
           "challenge_articles_18.toml": (18, 12), "challenge_articles_19.toml": (17, 14),
           "challenge_articles_20.toml": (18, 14), "challenge_articles_21.toml": (18, 14),
           "challenge_articles_22.toml": (18, 14), "challenge_articles_24.toml": (18, 17),
           "challenge_articles_23.toml": (18, 14), "challenge_articles_25.toml": (18, 17),
           "challenge_articles_26.toml": (18, 10), "challenge_articles_27.toml": (18, 10),
           "challenge_articles_28.toml": (18, 12), "challenge_articles_29.toml": (18, 12),
           "challenge_articles_30.toml": (18, 12), "challenge_articles_31.toml": (18, 12),
           "challenge_articles_32.toml": (18, 10), "challenge_articles_33.toml": (18, 10),
           "challenge_articles_34.toml": (18, 12), "challenge_articles_36.toml": (18, 12),
           "challenge_articles_38.toml": (12, 18), "challenge_articles_40.toml": (20, 10),
           "challenge_articles_41.toml": (18, 10), "challenge_articles_42.toml": (18, 12),
           "challenge_articles_44.toml": (14, 16), "challenge_articles_46.toml": (18, 10),
           "challenge_articles_47.toml": (18, 10), "challenge_articles_48.toml": (18, 12),
           "challenge_articles_49.toml": (18, 12),
           "challenge_articles_50.toml": (10, 18), "challenge_articles_51.toml": (10, 18),
           "challenge_articles_52.toml": (18, 12), "challenge_articles_54.toml": (18, 12),
           "challenge_articles_56.toml": (18, 14), "challenge_articles_57.toml": (18, 14),
           "challenge_articles_58.toml": (18, 14), "challenge_articles_59.toml": (18, 14),
           "challenge_articles_60.toml": (18, 14), "challenge_articles_61.toml": (18, 14),
           "challenge_articles_62.toml": (17, 14), "challenge_articles_63.toml": (17, 15),
           "challenge_articles_64.toml": (12, 18), "challenge_articles_66.toml": (18, 12),
           "challenge_articles_68.toml": (18, 14), "challenge_articles_70.toml": (18, 14),
           "challenge_articles_72.toml": (18, 14), "challenge_articles_74.toml": (13, 19),
           "challenge_articles_76.toml": (18, 14), "challenge_articles_78.toml": (18, 14),
           "challenge_articles_80.toml": (18, 14), "challenge_articles_82.toml": (18, 14),
           "challenge_articles_84.toml": (14, 18), "challenge_articles_86.toml": (18, 14),
           "challenge_articles_88.toml": (20, 13), "challenge_articles_90.toml": (18, 14),
           "challenge_articles_92.toml": (20, 13), "challenge_articles_94.toml": (12, 21),
           "challenge_articles_96.toml": (17, 15), "challenge_articles_98.toml": (19, 13),
           "challenge_articles_100.toml": (19, 13), "challenge_articles_102.toml": (19, 13),
           "challenge_articles_104.toml": (18, 14), "challenge_articles_106.toml": (19, 13),
           "challenge_articles_108.toml": (19, 13), "challenge_articles_110.toml": (19, 13),
           "challenge_articles_ar_2.toml": (10, 6)}
SETS = {name: tomllib.loads((Path(__file__).parent / name).read_text("utf-8"))["article"] for name in FILES}
ARTICLES = [(name, a) for name in FILES for a in SETS[name]]


def _group_ok(got: str | None, want: str) -> bool:
    if not want or not got:
        return not want and not got
    return bool(_group_words(got) & _group_words(want))


def _problems(article: dict) -> list[str]:
    det = detect(article["text"], article["published"], article["title"])
    problems = []
    if det.is_attack_report != article["is_attack_report"]:
        problems.append(f"is_attack_report={det.is_attack_report}")
    expected = article.get("primary", [])
    reports = list(det.primary)
    used = set()
    for exp in expected:
        match = next((i for i, r in enumerate(reports) if i not in used and same_base(r.base, exp["base"])
                      and r.attack_date == exp["date"]), None)
        if match is None:
            got = [(r.base, r.attack_date.isoformat() if r.attack_date else None) for r in reports]
            problems.append(f"missing {exp['base']} @ {exp['date']} (primary reports: {got})")
            continue
        used.add(match)
        r = reports[match]
        got_weapons, want_weapons = set(r.weapons), set(exp["weapons"])
        if not got_weapons <= want_weapons or not got_weapons & want_weapons:
            problems.append(f"{exp['base']}: weapons {sorted(got_weapons)} != {sorted(want_weapons)}")
        for name in ("projectiles", "killed", "wounded"):
            if getattr(r, name) != exp.get(name):
                problems.append(f"{exp['base']}: {name} {getattr(r, name)} != {exp.get(name)}")
        for name in ("claimed_by", "suspected"):
            if name in exp and not _group_ok(getattr(r, name), exp[name]):
                problems.append(f"{exp['base']}: {name} {getattr(r, name)!r} != {exp[name]!r}")
    for i, r in enumerate(reports):
        if i not in used:
            problems.append(f"extra primary {r.base} @ {r.attack_date}: {r.evidence[:90]}")
    return problems


@pytest.mark.parametrize("article", [a for _, a in ARTICLES], ids=[f"{n.split('.')[0]}:{a['id']}" for n, a in ARTICLES])
def test_challenge_article(article):
    problems = _problems(article)
    if "xfail" in article:
        assert problems, f"passes now despite xfail = {article['xfail']!r}"
        pytest.xfail(article["xfail"])
    assert problems == []


@pytest.mark.parametrize("name", FILES)
def test_challenge_set_is_balanced(name):
    articles = SETS[name]
    positives = sum(a["is_attack_report"] for a in articles)
    min_pos, min_neg = MINIMUM.get(name, (15, 15))
    assert positives >= min_pos and len(articles) - positives >= min_neg
    assert len({a["id"] for a in articles}) == len(articles)
