"""The unindexed storage layout: lookup keys agree between Python and SQL, older files are upgraded in
place without losing a row, and an id the merge rules create never duplicates one on file."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

import duckdb
import pytest

from extractors.records import AnalysedArticle, Article, Detection, IncidentReport
from extractors import dedup
from storage import database, keys, layout as storage_layout
from storage.database import connect, incident_detail, known_urls, list_incidents, run_changes, store_articles
from storage.layout import has_current_layout

NOW = datetime(2026, 6, 14, 8, tzinfo=timezone.utc)


def analysed(url, *reports, published=NOW):
    article = Article(url, "t", f"Rockets hit the base, {url} reports.", published, published, "http://feed.example/f")
    return AnalysedArticle(article, Detection(bool(reports), tuple(reports)))


def claim(day, weapons=("rocket",), killed=None):
    return IncidentReport("Camp Taji", "Iraq", 33.52, 44.25, day, "day", weapons, None, killed, None,
                          None, None, True, f"evidence for {day}")


@pytest.mark.parametrize("incident_id", [
    "camp-taji-2026-06-13", "camp-taji-2026-06-13-2", "fob-2-2019-01-31", "camp-taji-undated",
    "camp-taji-undated-3", "base-2020-01-01-undated", "x-2026-13-45", "camp-holloway-1965-02-07",
    "far-2200-01-01",
])
def test_incident_key_is_the_same_in_python_and_sql(incident_id):
    con = duckdb.connect()
    row = con.execute(f"SELECT {keys.INCIDENT_KEY_SQL} FROM (SELECT ?::VARCHAR AS incident_id)", [incident_id])
    assert row.fetchone()[0] == keys.incident_key(incident_id)


def test_day_keys_carry_the_day_and_merge_keys_fold_spelling():
    assert keys.days_apart(keys.incident_key("a-2026-06-13"), keys.incident_key("b-2026-06-20")) == 7
    assert keys.merge_key("Camp Taji", date(2026, 6, 13)) == keys.merge_key("CAMP-TAJI", date(2026, 6, 13))
    row = duckdb.connect().execute(f"SELECT {keys.merge_key_sql('base_key')}, md5_number_upper('http://a/1') "
                                   "FROM (SELECT 'camp-taji' AS base_key, DATE '2026-06-13' AS attack_date)").fetchone()
    assert row == (keys.merge_key("Camp Taji", date(2026, 6, 13)), keys.key_hash("http://a/1"))


def test_attacks_dated_before_1970_are_stored_and_matched(tmp_path):
    """A history piece can file an old attack; its keys are pinned to day 0 instead of going negative."""
    db = tmp_path / "bw.duckdb"
    old = IncidentReport("Camp Holloway", "Vietnam", None, None, date(1965, 2, 7), "day", ("mortar",), None, 8,
                         None, None, None, True, "Viet Cong mortars hit Camp Holloway.")
    assert store_articles(db, [analysed("http://h/1", old)]).new_incidents == ("camp-holloway-1965-02-07",)
    assert store_articles(db, [analysed("http://h/2", old)]).updated_incidents == ("camp-holloway-1965-02-07",)
    assert incident_detail(db, "camp-holloway-1965-02-07").incident.source_count == 2


def test_when_later_reports_move_the_day_the_id_follows_and_the_old_id_redirects(tmp_path):
    """camp-taji-2026-06-01 was issued from one report; two later outlets date the attack June 2, so the
    row becomes camp-taji-2026-06-02 and a link to the old id still finds it."""
    db = tmp_path / "bw.duckdb"
    assert store_articles(db, [analysed("http://a/1", claim(date(2026, 6, 1)))]).new_incidents == ("camp-taji-2026-06-01",)
    result = store_articles(db, [analysed(f"http://a/2{n}", claim(date(2026, 6, 2))) for n in range(2)])
    assert (result.new_incidents, result.updated_incidents, result.retired) == \
        ((), ("camp-taji-2026-06-02",), (("camp-taji-2026-06-01", "camp-taji-2026-06-02"),))
    [moved] = list_incidents(db)
    assert (moved.incident_id, moved.attack_date, moved.source_count) == ("camp-taji-2026-06-02", date(2026, 6, 2), 3)
    assert incident_detail(db, "camp-taji-2026-06-01").incident == moved
    assert len(incident_detail(db, "camp-taji-2026-06-01").reports) == 3


def test_a_run_reports_an_incident_it_created_and_then_renamed_as_new_once(tmp_path):
    db = tmp_path / "bw.duckdb"
    first = store_articles(db, [analysed("http://a/1", claim(date(2026, 6, 1)))])
    second = store_articles(db, [analysed(f"http://a/2{n}", claim(date(2026, 6, 2))) for n in range(2)])
    assert run_changes([first, second]) == (("camp-taji-2026-06-02",), ())
    third = store_articles(db, [analysed("http://a/3", claim(date(2026, 6, 2), killed=1))])
    assert run_changes([third]) == ((), ("camp-taji-2026-06-02",))


def test_an_attack_on_a_retired_id_s_day_takes_the_id_back(tmp_path):
    db = tmp_path / "bw.duckdb"
    store_articles(db, [analysed("http://a/1", claim(date(2026, 6, 1)))])
    store_articles(db, [analysed(f"http://a/2{n}", claim(date(2026, 6, 2))) for n in range(2)])
    store_articles(db, [analysed(f"http://a/3{n}", claim(date(2026, 6, 3), weapons=("drone",))) for n in range(3)])
    store_articles(db, [analysed(f"http://a/0{n}", claim(date(2026, 5, 31), weapons=("drone",))) for n in range(3)])
    assert sorted(i.incident_id for i in list_incidents(db)) == \
        ["camp-taji-2026-05-31", "camp-taji-2026-06-02", "camp-taji-2026-06-03"]
    store_articles(db, [analysed(f"http://a/1{n}", claim(date(2026, 6, 1), weapons=("drone",))) for n in range(4)])
    assert sorted(i.incident_id for i in list_incidents(db)) == \
        ["camp-taji-2026-06-01", "camp-taji-2026-06-03"]
    assert incident_detail(db, "camp-taji-2026-06-01").incident.source_count == 10


def test_a_file_from_before_ids_followed_the_date_is_regrouped_on_first_open(tmp_path):
    db = tmp_path / "bw.duckdb"
    store_articles(db, [analysed(f"http://a/{n}", claim(date(2026, 6, 3))) for n in range(3)])
    old_id = "camp-taji-2026-06-02-2"  # what an earlier basewatch wrote: its first report's day, a suffix
    con = duckdb.connect(str(db))
    con.execute("UPDATE incidents SET incident_id = ?, base_key = 'camp taji', merge_key = ?, incident_key = ?",
                [old_id, keys.day_key(date(2026, 6, 3), "camp taji"), keys.incident_key(old_id)])
    con.execute("UPDATE incident_reports SET incident_id = ?, incident_key = ?", [old_id, keys.incident_key(old_id)])
    con.execute("DROP TABLE incident_redirects")
    con.close()
    [incident] = list_incidents(db)
    assert (incident.incident_id, incident.source_count) == ("camp-taji-2026-06-03", 3)
    assert incident_detail(db, old_id).incident == incident
    result = store_articles(db, [analysed("http://a/9", claim(date(2026, 6, 3)))])
    assert (result.new_incidents, result.updated_incidents) == ((), ("camp-taji-2026-06-03",))


def test_two_claims_of_one_article_on_one_incident_store_one_report(tmp_path):
    db = tmp_path / "bw.duckdb"
    result = store_articles(db, [analysed("http://a/1", claim(date(2026, 6, 13)), claim(date(2026, 6, 13), killed=1))])
    assert result.new_incidents == ("camp-taji-2026-06-13",)
    assert len(incident_detail(db, "camp-taji-2026-06-13").reports) == 1


def unlisted(name, primary=True):
    return IncidentReport(name, "Burkina Faso", 11.95, 1.78, date(2026, 6, 13), "day", ("ground_assault",), None, 4,
                          None, None, None, primary, f"Gunmen attacked the {name} on Saturday.")


def test_a_file_keyed_by_older_rules_of_what_tells_bases_apart_is_regrouped_on_first_open(tmp_path, monkeypatch):
    """Keyed by the whole name (the rules before BASE_KEY_RULES 2), one unlisted installation named two ways was two
    incidents and a third naming's background mention stayed unlinked; the next open re-keys the file: one incident,
    the mention linked, the retired id redirected, and later reports merge into it."""
    db = tmp_path / "bw.duckdb"
    with monkeypatch.context() as old_rules:
        def whole_name(base):
            return re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")
        for module in (dedup, keys, database):
            old_rules.setattr(module, "base_slug", whole_name)
        old_rules.setattr(storage_layout, "BASE_KEY_RULES", 1)
        store_articles(db, [analysed("http://a/1", unlisted("Diapaga detachment")),
                            analysed("http://a/2", unlisted("Diapaga military detachment")),
                            analysed("http://a/3", unlisted("Diapaga army base", primary=False))])
        assert sorted(i.incident_id for i in list_incidents(db)) == [
            "diapaga-detachment-2026-06-13", "diapaga-military-detachment-2026-06-13"]
    [incident] = list_incidents(db)
    assert (incident.incident_id, incident.source_count) == ("diapaga-military-base-2026-06-13", 2)
    assert incident_detail(db, "diapaga-military-detachment-2026-06-13").incident == incident
    assert len(incident_detail(db, incident.incident_id).reports) == 3
    result = store_articles(db, [analysed("http://a/4", unlisted("Unnamed army base, Diapaga"))])
    assert (result.new_incidents, result.updated_incidents) == ((), ("diapaga-military-base-2026-06-13",))


# The schema of files written before the unindexed layout (basewatch up to commit f171fe7).
INDEXED_SCHEMA = """
CREATE TABLE articles (article_id VARCHAR PRIMARY KEY, url VARCHAR UNIQUE NOT NULL, title VARCHAR,
    published_at TIMESTAMPTZ, fetched_at TIMESTAMPTZ, feed_url VARCHAR, text VARCHAR, is_attack_report BOOLEAN,
    fingerprint UBIGINT[]);
CREATE TABLE incidents (incident_id VARCHAR PRIMARY KEY, base VARCHAR NOT NULL, country VARCHAR, latitude DOUBLE,
    longitude DOUBLE, attack_date DATE, date_precision VARCHAR, weapons VARCHAR[], projectiles INTEGER,
    killed INTEGER, wounded INTEGER, claimed_by VARCHAR, suspected VARCHAR, first_reported_at TIMESTAMPTZ,
    last_reported_at TIMESTAMPTZ, source_count INTEGER, independent_sources INTEGER, base_key VARCHAR);
CREATE INDEX incidents_base_key ON incidents (base_key);
CREATE TABLE incident_reports (incident_id VARCHAR NOT NULL, article_url VARCHAR NOT NULL,
    is_primary BOOLEAN NOT NULL, evidence VARCHAR, base VARCHAR, country VARCHAR, latitude DOUBLE,
    longitude DOUBLE, attack_date DATE, date_precision VARCHAR, weapons VARCHAR[], projectiles INTEGER,
    killed INTEGER, wounded INTEGER, claimed_by VARCHAR, suspected VARCHAR, reported_at TIMESTAMPTZ,
    PRIMARY KEY (incident_id, article_url));
CREATE INDEX incident_reports_incident ON incident_reports (incident_id);
INSERT INTO articles VALUES
    ('a1', 'http://old/1', 'Rockets hit Camp Taji', TIMESTAMPTZ '2026-06-13 09:00:00+00',
     TIMESTAMPTZ '2026-06-13 10:00:00+00', 'http://feed.example/f', 'Two rockets hit Camp Taji.', TRUE, [1, 2, 3]),
    ('a2', 'http://old/2', 'Weather', NULL, TIMESTAMPTZ '2026-06-13 10:00:00+00', 'http://feed.example/f',
     'Sunny.', FALSE, NULL);
INSERT INTO incidents VALUES ('camp-taji-2026-06-13', 'Camp Taji', 'Iraq', 33.52, 44.25, DATE '2026-06-13', 'day',
    ['rocket'], 2, 0, NULL, NULL, NULL, TIMESTAMPTZ '2026-06-13 09:00:00+00', TIMESTAMPTZ '2026-06-13 09:00:00+00',
    1, 1, 'camp taji');
INSERT INTO incident_reports VALUES ('camp-taji-2026-06-13', 'http://old/1', TRUE, 'Two rockets hit Camp Taji.',
    'Camp Taji', 'Iraq', 33.52, 44.25, DATE '2026-06-13', 'day', ['rocket'], 2, 0, NULL, NULL, NULL,
    TIMESTAMPTZ '2026-06-13 09:00:00+00');
"""


def indexed_file(path):
    con = duckdb.connect(str(path))
    con.execute(INDEXED_SCHEMA)
    con.close()
    return path


def layout(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            "indexes": con.execute("SELECT count(*) FROM duckdb_indexes() WHERE table_name IN "
                                   "('articles', 'incidents', 'incident_reports')").fetchone()[0],
            "keys": con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name IN "
                                "('articles', 'incidents', 'incident_reports') "
                                "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchone()[0],
            "tables": sorted(r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()),
            "articles": con.execute("SELECT url, url_hash FROM articles ORDER BY url").fetchall(),
            "reports": con.execute("SELECT incident_id, fingerprint, incident_key FROM incident_reports").fetchall(),
            "incidents": con.execute("SELECT incident_id, merge_key, incident_key FROM incidents").fetchall(),
        }
    finally:
        con.close()


def test_an_older_file_is_upgraded_on_first_open_and_keeps_every_row(tmp_path):
    db = indexed_file(tmp_path / "old.duckdb")
    with connect(db):
        pass
    after = layout(db)
    assert (after["indexes"], after["keys"]) == (0, 0)
    assert after["tables"] == ["alerts", "articles", "base_key_rules", "feeds", "incident_redirects",
                               "incident_reports", "incidents", "unlinked_reports"]
    assert after["articles"] == [("http://old/1", keys.key_hash("http://old/1")),
                                 ("http://old/2", keys.key_hash("http://old/2"))]
    assert after["reports"] == [("camp-taji-2026-06-13", [1, 2, 3], keys.incident_key("camp-taji-2026-06-13"))]
    assert after["incidents"] == [("camp-taji-2026-06-13", keys.merge_key("Camp Taji", date(2026, 6, 13)),
                                   keys.incident_key("camp-taji-2026-06-13"))]
    with connect(db):  # a second open changes nothing
        pass
    assert layout(db) == after


def test_an_upgraded_file_merges_and_dedups_against_its_old_rows(tmp_path):
    db = indexed_file(tmp_path / "old.duckdb")
    again = analysed("http://old/1", claim(date(2026, 6, 13)))
    assert store_articles(db, [again]).articles_added == 0
    result = store_articles(db, [analysed("http://new/1", claim(date(2026, 6, 13), killed=2))])
    assert (result.new_incidents, result.updated_incidents) == ((), ("camp-taji-2026-06-13",))
    [incident] = list_incidents(db)
    assert (incident.killed, incident.source_count) == (2, 2)


def test_reading_an_older_file_upgrades_it_first(tmp_path):
    db = indexed_file(tmp_path / "old.duckdb")
    [incident] = list_incidents(db)
    assert incident.incident_id == "camp-taji-2026-06-13"
    assert layout(db)["keys"] == 0


def test_an_upgrade_that_fails_leaves_the_older_file_as_it_was(tmp_path, monkeypatch):
    db = indexed_file(tmp_path / "old.duckdb")
    before = duckdb.connect(str(db), read_only=True)
    rows_before = before.execute("SELECT * FROM incident_reports").fetchall()
    before.close()
    import storage.layout as layout
    broken = dict(layout._ADDED_COLUMNS)
    broken["incidents"] = {"merge_key": "no_such_function(base_key)", "incident_key": keys.INCIDENT_KEY_SQL}
    monkeypatch.setattr(layout, "_ADDED_COLUMNS", broken)
    with pytest.raises(duckdb.Error):
        with connect(db):
            pass
    old = layout_of_indexed(db)
    assert old == (2, rows_before)


def layout_of_indexed(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return (con.execute("SELECT count(*) FROM duckdb_indexes()").fetchone()[0],
                con.execute("SELECT * FROM incident_reports").fetchall())
    finally:
        con.close()



def test_known_urls_over_many_lookup_chunks_returns_exactly_the_stored_ones(tmp_path):
    db = tmp_path / "bw.duckdb"
    stored = [f"http://a/{n}" for n in range(1200)]
    store_articles(db, [analysed(url) for url in stored])
    asked = stored + [f"http://b/{n}" for n in range(1300)]
    assert known_urls(db, asked) == set(stored)
    assert known_urls(db, []) == set()


def test_a_file_from_before_location_precision_gains_the_column_and_keeps_its_rows(tmp_path):
    db = tmp_path / "bw.duckdb"
    store_articles(db, [analysed("http://a.example/1", claim(date(2026, 6, 13)))])
    with connect(db) as con:
        for table in ("incidents", "incident_reports"):
            con.execute(f"ALTER TABLE {table} DROP COLUMN location_precision")
    [before] = list_incidents(db)  # a read-only open upgrades through a short writable connection
    assert before.incident_id == "camp-taji-2026-06-13" and before.location_precision is None
    located = IncidentReport("Camp Taji", "Iraq", 33.52, 44.25, date(2026, 6, 13), "day", ("rocket",), None, None,
                             None, None, None, True, "evidence", "base")
    store_articles(db, [analysed("http://a.example/2", located)])
    [after] = list_incidents(db)
    assert (after.incident_id, after.source_count, after.location_precision) == ("camp-taji-2026-06-13", 2, "base")


def test_each_article_records_the_language_of_its_script(tmp_path):
    db = tmp_path / "bw.duckdb"
    arabic = Article("http://a.example/ar", "سقوط صاروخين على قاعدة بلد", "سقط صاروخان على قاعدة بلد الجوية فجر اليوم.",
                     NOW, NOW, "http://feed.example/ar")
    store_articles(db, [analysed("http://a.example/en"), AnalysedArticle(arabic, Detection(False))])
    with connect(db) as con:
        rows = dict(con.execute("SELECT url, language FROM articles").fetchall())
    assert rows == {"http://a.example/en": "en", "http://a.example/ar": "ar"}


def test_a_file_from_before_article_languages_gains_the_column_and_keeps_its_rows(tmp_path):
    db = tmp_path / "bw.duckdb"
    store_articles(db, [analysed("http://a.example/1", claim(date(2026, 6, 13)))])
    with connect(db) as con:
        con.execute("ALTER TABLE articles DROP COLUMN language")
    [before] = list_incidents(db)  # a read-only open upgrades through a short writable connection
    store_articles(db, [analysed("http://a.example/2", claim(date(2026, 6, 13)))])
    with connect(db) as con:
        rows = dict(con.execute("SELECT url, language FROM articles").fetchall())
    assert before.source_count == 1
    assert rows == {"http://a.example/1": None, "http://a.example/2": "en"}


def test_a_file_missing_one_table_of_the_schema_regains_it_on_the_next_open(tmp_path):
    db = tmp_path / "bw.duckdb"
    with connect(db) as con:
        assert has_current_layout(con)  # the quick check of every open: the whole schema binds
        con.execute("DROP TABLE alerts")
        assert not has_current_layout(con)
    with connect(db, read_only=True) as con:
        assert not has_current_layout(con)  # reading does not write
    with connect(db) as con:
        assert has_current_layout(con)
