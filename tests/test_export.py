"""Querying and exporting incidents: every filter, every format, and exports that read back unchanged."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pytest

from extractors.records import AnalysedArticle, Article, Detection, IncidentReport
from storage.database import StorageError, list_incidents, store_articles
from storage.database import list_incidents as query_incidents
from storage.export import (INCIDENT_COLUMNS, SOURCE_COLUMNS, ExportError, IncidentFilter, export_incidents,
                            incident_from_record, incident_sources, read_parquet_incidents,
                            sources_csv_path)

ROOT = Path(__file__).resolve().parents[1]

# (url, published, base, country, lat, lon, attack day, weapons, killed, wounded, evidence)
FIXTURE_REPORTS = [
    ("https://wire.example/taji-rockets", datetime(2026, 2, 6, 13, tzinfo=timezone.utc), "Camp Taji", "Iraq",
     33.5236, 44.2567, date(2026, 2, 6), ("rocket",), None, 2, "Two rockets struck Camp Taji on Friday."),
    ("https://daily.example/taji-rockets-2", datetime(2026, 2, 6, 20, tzinfo=timezone.utc), "Camp Taji", "Iraq",
     33.5236, 44.2567, date(2026, 2, 6), ("rocket",), 1, 2, "A contractor died after rockets hit Camp Taji."),
    ("https://wire.example/asad", datetime(2026, 1, 13, 19, tzinfo=timezone.utc), "Ain al-Asad Air Base", "Iraq",
     33.7856, 42.4412, date(2026, 1, 13), ("rocket", "drone"), 0, 0, "Rockets and a drone targeted Ain al-Asad."),
    ("https://levant.example/tanf", datetime(2026, 5, 18, 17, tzinfo=timezone.utc), "Al-Tanf Garrison", "Syria",
     33.4933, 38.6569, date(2026, 5, 18), ("drone",), None, 1, "A drone hit the al-Tanf garrison."),
    ("https://sahel.example/o'brien", datetime(2026, 3, 2, 9, tzinfo=timezone.utc), "Camp O'Brien", "Mali",
     None, None, date(2026, 3, 2), ("mortar",), 3, 5, "Mortar rounds fell on Camp O'Brien, \"heavy\" fire."),
]


def fixture_db(path: Path) -> Path:
    """A small DuckDB file built through the real storage code: 4 incidents, one with two sources,
    one without coordinates and with quotes in its name."""
    batch = []
    for url, published, base, country, lat, lon, day, weapons, killed, wounded, evidence in FIXTURE_REPORTS:
        report = IncidentReport(base, country, lat, lon, day, "day", weapons, 2, killed, wounded,
                                "Some Group" if base == "Ain al-Asad Air Base" else None, None, True, evidence)
        article = Article(url, evidence.split(".")[0], evidence, published, published, "https://feed.example/rss")
        batch.append(AnalysedArticle(article, Detection(True, (report,))))
    store_articles(path, batch)
    return path


# Two Arabic articles, written in the wording of Iraqi outlets: one more source for Camp Taji on 6 February
# (an incident with sources in both languages) and the only source of a drone attack on Harir.
ARABIC_TAJI = ("https://rafidain.example/ar/taji", "سقوط صاروخين على معسكر التاجي شمالي بغداد",
               "أعلنت خلية الإعلام الأمني، عصر اليوم الجمعة، سقوط صاروخين من نوع كاتيوشا على معسكر التاجي شمالي "
               "العاصمة بغداد، ما أدى إلى إصابة جنديين بجروح طفيفة، فيما باشرت القوات الأمنية عمليات تفتيش واسعة في "
               "البساتين المحيطة بالمعسكر بحثاً عن منصة الإطلاق والمنفذين، مؤكدة أن الوضع تحت السيطرة.")
ARABIC_HARIR = ("https://rafidain.example/ar/harir", "مسيّرة تستهدف قاعدة حرير في أربيل",
                "استهدفت طائرة مسيّرة قاعدة حرير الجوية شمال شرقي أربيل دون وقوع إصابات.")


def bilingual_db(path: Path) -> Path:
    """`fixture_db` plus the two Arabic articles, stored through the real storage code."""
    fixture_db(path)
    batch = []
    for (url, title, evidence), published, base, lat, lon, weapons, killed, wounded in (
            (ARABIC_TAJI, datetime(2026, 2, 6, 15, tzinfo=timezone.utc), "Camp Taji", 33.5236, 44.2567,
             ("rocket",), None, 2),
            (ARABIC_HARIR, datetime(2026, 4, 18, 21, tzinfo=timezone.utc), "Harir Air Base", 36.5358, 44.3458,
             ("drone",), 0, 0)):
        report = IncidentReport(base, "Iraq", lat, lon, published.date(), "day", weapons, 2 if base == "Camp Taji"
                                else 1, killed, wounded, None, None, True, evidence)
        article = Article(url, title, f"{evidence}\n\n{title}", published, published, "https://rafidain.example/rss")
        batch.append(AnalysedArticle(article, Detection(True, (report,))))
    store_articles(path, batch)
    return path


@pytest.fixture
def db(tmp_path):
    return fixture_db(tmp_path / "fixture.duckdb")


def ids(incidents):
    return [i.incident_id for i in incidents]


def test_without_filters_every_incident_comes_newest_first(db):
    assert ids(query_incidents(db)) == ["al-tanf-garrison-2026-05-18", "camp-o-brien-2026-03-02",
                                        "camp-taji-2026-02-06", "ain-al-asad-air-base-2026-01-13"]
    assert query_incidents(db) == list_incidents(db)


@pytest.mark.parametrize("filters, expected", [
    (IncidentFilter(since=date(2026, 2, 6)), ["al-tanf-garrison-2026-05-18", "camp-o-brien-2026-03-02",
                                              "camp-taji-2026-02-06"]),
    (IncidentFilter(until=date(2026, 2, 6)), ["camp-taji-2026-02-06", "ain-al-asad-air-base-2026-01-13"]),
    (IncidentFilter(since=date(2026, 2, 7), until=date(2026, 3, 31)), ["camp-o-brien-2026-03-02"]),
    (IncidentFilter(base="taji"), ["camp-taji-2026-02-06"]),
    (IncidentFilter(base="o'brien"), ["camp-o-brien-2026-03-02"]),
    (IncidentFilter(countries=("iraq",)), ["camp-taji-2026-02-06", "ain-al-asad-air-base-2026-01-13"]),
    (IncidentFilter(countries=("SYRIA", "Mali")), ["al-tanf-garrison-2026-05-18", "camp-o-brien-2026-03-02"]),
    (IncidentFilter(weapons=("drone",)), ["al-tanf-garrison-2026-05-18", "ain-al-asad-air-base-2026-01-13"]),
    (IncidentFilter(weapons=("mortar", "rocket")), ["camp-o-brien-2026-03-02", "camp-taji-2026-02-06",
                                                    "ain-al-asad-air-base-2026-01-13"]),
    (IncidentFilter(min_sources=2), ["camp-taji-2026-02-06"]),
    (IncidentFilter(countries=("iraq",), weapons=("drone",), since=date(2026, 1, 1)),
     ["ain-al-asad-air-base-2026-01-13"]),
])
def test_each_filter_narrows_the_incidents(db, filters, expected):
    assert ids(query_incidents(db, filters)) == expected


def test_sources_join_articles_and_keep_the_evidence(db):
    sources = incident_sources(db, ["camp-taji-2026-02-06", "no-such-incident"])
    taji = sources["camp-taji-2026-02-06"]
    assert [s.article_url for s in taji] == ["https://wire.example/taji-rockets",
                                             "https://daily.example/taji-rockets-2"]
    assert taji[1].title == "A contractor died after rockets hit Camp Taji"
    assert taji[1].evidence == "A contractor died after rockets hit Camp Taji."
    assert sources["no-such-incident"] == ()


def test_sources_are_read_in_batches_with_progress(db):
    calls = []
    incident_sources(db, ids(query_incidents(db)), progress=lambda done, total: calls.append((done, total)),
                     batch_size=3)
    assert calls == [(3, 4), (4, 4)]


def test_parquet_export_reads_back_as_the_same_incidents_with_native_types(db, tmp_path):
    out = tmp_path / "it's here" / "incidents.parquet"  # a quote in the path must not break the COPY
    result = export_incidents(db, out, "parquet")
    assert (result.incidents, result.files) == (4, (out,))
    assert read_parquet_incidents(out) == query_incidents(db)
    con = duckdb.connect()
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))",
                             [str(out)]).fetchall())
    con.close()
    assert list(types) == list(INCIDENT_COLUMNS)
    assert (types["attack_date"], types["weapons"], types["first_reported_at"], types["killed"]) == \
        ("DATE", "VARCHAR[]", "TIMESTAMP WITH TIME ZONE", "INTEGER")


def test_parquet_export_with_sources_nests_them_per_incident(db, tmp_path):
    out = tmp_path / "incidents.parquet"
    result = export_incidents(db, out, "parquet", IncidentFilter(countries=("iraq",)), with_sources=True)
    assert (result.incidents, result.sources) == (2, 3)
    assert read_parquet_incidents(out) == query_incidents(db, IncidentFilter(countries=("iraq",)))
    con = duckdb.connect()
    rows = dict(con.execute("SELECT incident_id, [s.article_url FOR s IN sources] FROM read_parquet(?)",
                            [str(out)]).fetchall())
    fields = con.execute("SELECT sources[1] FROM read_parquet(?) LIMIT 1", [str(out)]).fetchone()[0]
    con.close()
    assert rows["camp-taji-2026-02-06"] == ["https://wire.example/taji-rockets",
                                            "https://daily.example/taji-rockets-2"]
    assert tuple(fields) == SOURCE_COLUMNS


def test_geojson_export_reads_back_as_the_same_incidents(db, tmp_path):
    out = tmp_path / "incidents.geojson"
    export_incidents(db, out, "geojson", with_sources=True)
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    by_id = {f["id"]: f for f in collection["features"]}
    assert by_id["camp-taji-2026-02-06"]["geometry"] == {"type": "Point", "coordinates": [44.2567, 33.5236]}
    assert by_id["camp-o-brien-2026-03-02"]["geometry"] is None  # no coordinates: still exported
    assert len(by_id["camp-taji-2026-02-06"]["properties"]["sources"]) == 2
    assert [incident_from_record(f["properties"]) for f in collection["features"]] == query_incidents(db)


def test_json_export_reads_back_as_the_same_incidents(db, tmp_path):
    out = tmp_path / "incidents.json"
    export_incidents(db, out, "json")
    records = json.loads(out.read_text(encoding="utf-8"))
    assert list(records[0]) == list(INCIDENT_COLUMNS)
    assert [incident_from_record(r) for r in records] == query_incidents(db)


def test_csv_export_has_the_documented_columns_and_a_sources_file_beside_it(db, tmp_path):
    out = tmp_path / "incidents.csv"
    result = export_incidents(db, out, "csv", with_sources=True)
    assert result.files == (out, sources_csv_path(out)) and sources_csv_path(out).name == "incidents.sources.csv"
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == INCIDENT_COLUMNS
    asad = next(r for r in rows if r["base"] == "Ain al-Asad Air Base")
    assert (asad["weapons"], asad["attack_date"], asad["latitude"], asad["suspected"]) == \
        ("drone;rocket", "2026-01-13", "33.7856", "")
    obrien = next(r for r in rows if r["base"] == "Camp O'Brien")
    assert obrien["latitude"] == "" and obrien["killed"] == "3"
    with sources_csv_path(out).open(encoding="utf-8", newline="") as handle:
        sources = list(csv.DictReader(handle))
    assert tuple(sources[0]) == SOURCE_COLUMNS and len(sources) == 5
    assert 'Mortar rounds fell on Camp O\'Brien, "heavy" fire.' in {s["evidence"] for s in sources}


def test_an_unwritable_destination_is_a_one_line_error(db, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for fmt in ("csv", "parquet"):
        with pytest.raises(ExportError) as err:
            export_incidents(db, blocker / "sub" / f"out.{fmt}", fmt)
        assert str(err.value).startswith(str(blocker / "sub")) and "\n" not in str(err.value)


def test_a_missing_database_is_a_storage_error(tmp_path):
    with pytest.raises(StorageError):
        export_incidents(tmp_path / "none.duckdb", tmp_path / "out.json", "json")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)


def test_incidents_command_filters_and_prints_geojson(db):
    done = run_cli("incidents", "--db", str(db), "--country", "Iraq", "--weapon", "rocket", "--since", "2026-02-01",
                   "--format", "geojson")
    assert done.returncode == 0, done.stderr
    features = json.loads(done.stdout)["features"]
    assert [f["id"] for f in features] == ["camp-taji-2026-02-06"]


def test_incidents_command_prints_a_table_with_min_sources(db):
    done = run_cli("incidents", "--db", str(db), "--min-sources", "2")
    assert done.returncode == 0, done.stderr
    header, rule, *rows = done.stdout.splitlines()
    assert header.startswith("date") and set(rule) <= {"-", " "} and len(rows) == 1 and "Camp Taji" in rows[0]


def test_export_command_writes_the_file_and_says_so(db, tmp_path):
    out = tmp_path / "out" / "incidents.parquet"
    done = run_cli("export", "--db", str(db), "--format", "parquet", "--out", str(out), "--with-sources")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Exported 4 incidents with 5 sources as parquet -> {out}"
    assert read_parquet_incidents(out) == query_incidents(db)


def test_export_command_reports_an_unwritable_file_in_one_line(db, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = run_cli("export", "--db", str(db), "--format", "json", "--out", str(blocker / "x.json"))
    assert done.returncode == 1
    assert done.stderr.startswith("basewatch: export error: ") and done.stderr.count("\n") == 1
