"""DuckDB storage: idempotent appends, merging across batches, and clear errors for unusable files."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timezone

import duckdb
import pytest

from extractors.records import AnalysedArticle, Article, Detection, IncidentReport
from storage.database import StorageError, connect, incident_detail, list_incidents, store_articles

NOW = datetime(2026, 6, 14, 8, tzinfo=timezone.utc)


def analysed(url, *reports):
    article = Article(url, "t", "text", NOW, NOW, "http://feed.example/f")
    return AnalysedArticle(article, Detection(bool(reports), tuple(reports)))


def claim(day=date(2026, 6, 13), primary=True, killed=None):
    return IncidentReport("Camp Taji", "Iraq", 33.52, 44.25, day, "day", ("rocket",), 2, killed, None,
                          None, None, primary, f"evidence for {day}")


def counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("articles", "incidents", "incident_reports"))
    finally:
        con.close()


def test_storing_the_same_batch_twice_adds_nothing_the_second_time(tmp_path):
    db = tmp_path / "bw.duckdb"
    batch = [analysed("http://a/1", claim()), analysed("http://a/2", claim(killed=1)), analysed("http://a/3")]
    first = store_articles(db, batch)
    assert (first.articles_added, first.new_incidents) == (3, ("camp-taji-2026-06-13",))
    assert counts(db) == (3, 1, 2)
    second = store_articles(db, batch)
    assert (second.articles_added, second.new_incidents, second.updated_incidents) == (0, (), ())
    assert counts(db) == (3, 1, 2)


def test_a_later_batch_revises_the_stored_incident(tmp_path):
    db = tmp_path / "bw.duckdb"
    store_articles(db, [analysed("http://a/1", claim(killed=0))])
    result = store_articles(db, [analysed("http://a/2", claim(day=date(2026, 6, 14), killed=2))])
    assert result.updated_incidents == ("camp-taji-2026-06-13",)
    [incident] = list_incidents(db)
    assert (incident.killed, incident.source_count, incident.attack_date) == (2, 2, date(2026, 6, 13))
    detail = incident_detail(db, incident.incident_id)
    assert [r.article_url for r in detail.reports] == ["http://a/1", "http://a/2"]


def test_a_failed_batch_leaves_nothing_half_written(tmp_path):
    db = tmp_path / "bw.duckdb"
    store_articles(db, [analysed("http://a/1", claim())])
    bad = IncidentReport(None, "Iraq", None, None, date(2026, 6, 20), "day", ("rocket",), None, None, None,
                         None, None, True, "base missing")  # violates NOT NULL on incidents.base
    with pytest.raises(Exception):
        store_articles(db, [analysed("http://a/2", claim(day=date(2026, 6, 20))), analysed("http://a/3", bad)])
    assert counts(db) == (1, 1, 1)


def test_a_file_that_is_not_a_database_is_a_one_line_error(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    with pytest.raises(StorageError) as err:
        list_incidents(junk)
    assert str(err.value).startswith(str(junk)) and "\n" not in str(err.value)


def test_a_file_locked_by_another_process_gives_up_with_a_clear_message(tmp_path):
    db = tmp_path / "bw.duckdb"
    store_articles(db, [analysed("http://a/1", claim())])
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(db)!r}); "
                               "print('locked', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StorageError, match="locked by another process"):
            list_incidents(db, lock_wait_seconds=0.5)
    finally:
        holder.kill()
        holder.wait()
    assert len(list_incidents(db)) == 1


def test_a_directory_that_cannot_be_created_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(StorageError) as err:
        with connect(blocker / "sub" / "bw.duckdb"):
            pass
    assert "cannot create its directory" in str(err.value) and "\n" not in str(err.value)


WIRE = ("BAGHDAD, June 14 - Two Katyusha rockets landed inside Camp Taji, a military base north of Baghdad, "
        "late on Saturday, causing no casualties, Iraq's military said. The rockets were launched from a farm "
        "area east of the base, the military said in a statement. No group immediately claimed responsibility.")
OWN_STORY = ("Rockets struck the Taji military base north of the Iraqi capital on Saturday night, Iraqi security "
             "officials said, speaking on condition of anonymity. There were no casualties, they said, and the "
             "coalition said it was assessing the damage after the latest attack on a base hosting U.S. troops.")


def test_syndicated_copies_count_once_among_independent_sources(tmp_path):
    db = tmp_path / "bw.duckdb"

    def story(url, text):
        return AnalysedArticle(Article(url, "t", text, NOW, NOW, "http://feed.example/f"), Detection(True, (claim(),)))

    store_articles(db, [story("http://wire.example/a", WIRE),
                        story("http://reprint.example/b", "By Staff\n" + WIRE + "\nRead more: sport"),
                        story("http://other.example/c", OWN_STORY)])
    [incident] = list_incidents(db)
    assert (incident.source_count, incident.independent_sources) == (3, 2)


def test_outlets_naming_one_unlisted_installation_differently_file_one_incident(tmp_path):
    """Read by the real detector and stored in a real file: three outlets call one Burkinabe camp three ways, and two
    spell a Somali town two ways; each attack is one row with all its sources."""
    from extractors.detect import detect
    stories = [
        ("Gunmen attack army detachment in Diapaga", "Gunmen attacked the army detachment in Diapaga, in eastern "
         "Burkina Faso, on Saturday, killing six soldiers, security sources said."),
        ("Six soldiers killed in Diapaga", "Six soldiers were killed on Saturday when jihadists stormed the Diapaga "
         "military detachment, a local official said."),
        ("Camp attacked in the east", "Jihadists attacked a military camp in eastern Burkina Faso on Saturday, "
         "killing six soldiers. The camp, in the town of Diapaga, was partly burned."),
        ("Base attacked in Lower Shabelle", "Al-Shabaab fighters attacked an army base in Awdheegle on Saturday, "
         "killing three soldiers."),
        ("Three soldiers killed", "Three soldiers were killed when militants attacked the Awdhegle military base on "
         "Saturday, officials said."),
    ]
    batch = []
    for n, (title, text) in enumerate(stories):
        article = Article(f"http://outlet{n}.example/story", title, text, NOW, NOW, "http://feed.example/f")
        batch.append(AnalysedArticle(article, detect(text, NOW.date(), title)))
    store_articles(tmp_path / "bw.duckdb", batch)
    rows = sorted((i.incident_id, i.source_count) for i in list_incidents(tmp_path / "bw.duckdb"))
    assert rows == [("awdhegle-military-base-2026-06-13", 2), ("diapaga-military-base-2026-06-13", 3)]
