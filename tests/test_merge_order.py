"""The same articles give the same incidents whatever order and batches they arrive in, and `backtest`'s
replay of a database reproduces every stored row. The articles are written for this test: several outlets
on each of three attacks, with a wire story reprinted twice, relative and explicit dates a day apart, a
figure one outlet got wrong, a toll that rises, and a later background mention."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import duckdb
import pytest

from extractors.backtest import differences, replay
from extractors.detect import detect
from extractors.records import AnalysedArticle, Article, Detection, IncidentReport
from storage.database import list_incidents, store_articles, stored_articles


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=timezone.utc)


WIRE = ("Rockets struck Ain al-Asad air base in western Iraq on Sunday, March 8, the U.S.-led coalition said. "
        "A total of 25 rockets were fired at the base and two service members were wounded, a coalition "
        "spokesman said in a statement. No group immediately claimed responsibility.")

ARTICLES = [
    # Ain al-Asad, Sunday March 8: a wire story and two reprints, and two outlets' own write-ups
    ("http://wire.example/asad", "Rockets hit Ain al-Asad air base", WIRE, at(8, 21)),
    ("http://daily.example/asad-wire", "Rocket attack on Iraqi base", "From the wire. " + WIRE, at(8, 23)),
    ("http://times.example/asad-copy", "Coalition: base struck", WIRE + " More follows.", at(9, 1)),
    ("http://herald.example/asad", "Base in Anbar comes under rocket fire",
     "A barrage of 25 rockets hit Ain al-Asad air base on Sunday night, Iraqi security officials said. "
     "Three American troops were wounded. Officials blamed Iran-backed militias for the attack.", at(9, 6)),
    ("http://courier.example/asad", "Rocket barrage on Ain al-Asad",
     "At least 107 rockets struck Ain al-Asad air base late on Sunday, a local official claimed. "
     "Four U.S. service members were wounded, the Pentagon said on Monday. Kataib Hezbollah claimed the attack.",
     at(9, 14)),
    # Erbil, a drone attack: one outlet dates it by the calendar, one by weekday against a later paper
    ("http://post.example/erbil", "Drone attack targets Erbil air base",
     "An explosive-laden drone struck Erbil air base on March 11, causing damage but no casualties, "
     "the Kurdistan region's counter-terrorism service said.", at(11, 20)),
    ("http://gazette.example/erbil", "Erbil drone strike",
     "A drone attack hit Erbil air base on Thursday, the counter-terrorism service said, without casualties.",
     at(13, 9)),
    ("http://ledger.example/erbil", "Kurdish officials report drone strike",
     "Erbil air base was hit by a drone on Wednesday, March 11, 2026, officials said. Nobody was hurt.", at(12, 8)),
    # Tower 22, a drone strike whose toll rose
    ("http://wire.example/tower22", "Three US troops killed in drone strike in Jordan",
     "Three American troops were killed and many were wounded Sunday, March 15, 2026, in a drone strike on "
     "Tower 22 in northeast Jordan. More than 25 were wounded.", at(15, 22)),
    ("http://chronicle.example/tower22", "Toll rises in Jordan drone attack",
     "Three U.S. soldiers were killed and 34 wounded when a drone struck Tower 22 in Jordan on Sunday, "
     "officials said on Monday.", at(16, 18)),
    # a later piece that mentions the Ain al-Asad attack in passing
    ("http://review.example/march", "A month of attacks on US forces",
     "Militias have stepped up their campaign. In March, Ain al-Asad air base came under a rocket attack. "
     "Officials say more attacks are likely.", at(28, 10)),
    # an unrelated story
    ("http://review.example/weather", "Sandstorm closes Baghdad airport",
     "A sandstorm closed Baghdad airport on Monday, officials said.", at(16, 7)),
]


def analysed():
    return [AnalysedArticle(Article(url, title, text, published, published, "http://feed.example/rss"),
                            detect(text, published.date(), title)) for url, title, text, published in ARTICLES]


def contents(db):
    """Every incident row and every link row, as stored."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        incidents = con.execute("SELECT * EXCLUDE (merge_key, incident_key) FROM incidents ORDER BY incident_id")
        incidents = incidents.fetchall()
        links = con.execute("SELECT * EXCLUDE (incident_key) FROM incident_reports "
                            "ORDER BY incident_id, article_url").fetchall()
        return incidents, links
    finally:
        con.close()


def build(db, articles, batch_size):
    for start in range(0, len(articles), batch_size):
        store_articles(db, articles[start:start + batch_size])
    return contents(db)


def test_the_articles_make_the_incidents_they_describe(tmp_path):
    db = tmp_path / "bw.duckdb"
    build(db, analysed(), len(ARTICLES))
    rows = {i.incident_id: i for i in list_incidents(db)}
    assert sorted(rows) == ["ain-al-asad-air-base-2026-03-08", "erbil-air-base-2026-03-11", "tower-22-2026-03-15"]
    asad = rows["ain-al-asad-air-base-2026-03-08"]
    assert (asad.projectiles, asad.source_count, asad.independent_sources) == (25, 5, 3)
    assert rows["tower-22-2026-03-15"].wounded == 34


@pytest.mark.parametrize("seed,batch_size", [(1, 1), (2, 2), (3, 3), (4, 5), (5, 1), (6, 4)])
def test_any_order_and_batch_size_gives_the_same_incidents(tmp_path, seed, batch_size):
    articles = analysed()
    in_order = build(tmp_path / "in_order.duckdb", articles, len(articles))
    shuffled = articles[:]
    random.Random(seed).shuffle(shuffled)
    assert build(tmp_path / "shuffled.duckdb", shuffled, batch_size) == in_order


def test_backtest_reproduces_every_stored_row(tmp_path):
    db = tmp_path / "bw.duckdb"
    shuffled = analysed()
    random.Random(7).shuffle(shuffled)
    build(db, shuffled, 2)
    result = replay(stored_articles(db))
    stored = list_incidents(db)
    assert sorted(i.incident_id for i in result.incidents) == sorted(i.incident_id for i in stored)
    assert differences(result.incidents, stored) == []


def random_claims(rng: random.Random) -> list[AnalysedArticle]:
    """Articles about one base over twelve days: rockets or drones, some undated, some outlets syndicated,
    a few background mentions (by day: a month mention makes the merge read the whole month), so that days
    chain into runs the merge must read whole."""
    out = []
    for n in range(rng.randint(12, 30)):
        primary = rng.random() > 0.15
        day = None if primary and rng.random() < 0.15 else date(2026, 5, 1) + timedelta(days=rng.randint(0, 11))
        claim = IncidentReport("Camp Taji", "Iraq", 33.52, 44.25, day, "day" if day else None,
                               (rng.choice(["rocket", "drone", "mortar"]),), rng.choice([None, 3, 5]),
                               rng.choice([None, 0, 1]), None, None, None, primary, "Rockets hit Camp Taji.")
        published = datetime(2026, 5, 2, tzinfo=timezone.utc) + timedelta(hours=rng.randint(0, 12 * 24))
        text = rng.choice(["Rockets hit Camp Taji north of Baghdad, the coalition said in a statement.",
                           f"Outlet {n} reports an attack on Camp Taji in its own words, number {n}."])
        out.append(AnalysedArticle(Article(f"http://news.example/{n}", "t", text, published, published, "f"),
                                   Detection(True, (claim,))))
    return out


@pytest.mark.parametrize("seed", range(8))
def test_random_claims_stored_in_random_batches_equal_their_merge_from_nothing(tmp_path, seed):
    rng = random.Random(seed)
    articles = random_claims(rng)
    expected = build(tmp_path / "at_once.duckdb", articles, len(articles))
    rng.shuffle(articles)
    assert build(tmp_path / "batches.duckdb", articles, rng.randint(1, 4)) == expected
