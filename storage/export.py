"""What analysts read out of the DuckDB file: filtered incident queries, their sources, and exports.

Every query here is parameterised; filters arrive as one frozen `IncidentFilter`. Exports keep the
incidents table's column names and types so a file can be read back into the same `Incident`s:

- parquet: DuckDB's own COPY, native types (DATE, TIMESTAMPTZ, VARCHAR[]); `--with-sources` adds a
  `sources` column holding a list of structs (the columns of `SOURCE_COLUMNS`).
- json: an array of objects; dates and times in ISO 8601 (times with their UTC offset), weapons a list.
- geojson: a FeatureCollection of Point features (geometry null when the base has no coordinates),
  the incident's columns as properties.
- csv: one header row; weapons joined with ";" ; empty cell for unknown. With sources, a second file
  `<name>.sources.csv` beside it holds one row per (incident, article).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import duckdb

from extractors.records import Incident
from storage.database import (INCIDENT_COLUMNS, INCIDENT_FILTER, INCIDENT_ORDER, LOCK_WAIT_SECONDS, SELECT_INCIDENTS,
                              IncidentFilter, StorageError, connect, filter_params, incident_from_row, list_incidents)
from storage.layout import sql_literal

EXPORT_FORMATS = ("csv", "json", "geojson", "parquet")
SOURCES_BATCH = 500

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IncidentSource:
    """One article backing an incident: what it said and where to read it."""

    incident_id: str
    article_url: str
    title: str | None
    published_at: datetime | None
    feed_url: str | None
    is_primary: bool
    evidence: str | None
    attack_date: date | None
    weapons: tuple[str, ...]
    killed: int | None
    wounded: int | None


SOURCE_COLUMNS = tuple(f.name for f in fields(IncidentSource))


@dataclass(frozen=True)
class ExportResult:
    incidents: int
    sources: int
    files: tuple[Path, ...]


class ExportError(Exception):
    """The export file could not be written; str() is `PATH: reason`."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")


# ---------------------------------------------------------------- queries

def incident_sources(path: Path | str, incident_ids: Sequence[str], progress: Progress | None = None,
                     batch_size: int = SOURCES_BATCH,
                     lock_wait_seconds: float = LOCK_WAIT_SECONDS) -> dict[str, tuple[IncidentSource, ...]]:
    """The articles behind each incident (primary reports first, then by publication), read in batches.

    `progress(done, total)` is called after each batch of incidents.
    """
    ids = list(dict.fromkeys(incident_ids))
    found: dict[str, list[IncidentSource]] = {i: [] for i in ids}
    with connect(path, read_only=True, lock_wait_seconds=lock_wait_seconds) as con:
        for start in range(0, len(ids), batch_size):
            batch = ids[start:start + batch_size]
            for source in _sources_batch(con, batch):
                found[source.incident_id].append(source)
            if progress:
                progress(min(start + batch_size, len(ids)), len(ids))
    return {i: tuple(s) for i, s in found.items()}


_SELECT_SOURCES = """
SELECT r.incident_id, r.article_url, a.title, coalesce(a.published_at, r.reported_at) AS published_at,
       a.feed_url, r.is_primary, r.evidence, r.attack_date, r.weapons, r.killed, r.wounded
FROM incident_reports r LEFT JOIN articles a ON a.url = r.article_url
"""
_SOURCES_ORDER = " ORDER BY r.incident_id, r.is_primary DESC, published_at NULLS LAST, r.article_url"


def _sources_batch(con: duckdb.DuckDBPyConnection, ids: list[str]) -> Iterator[IncidentSource]:
    rows = con.execute(_SELECT_SOURCES + "WHERE list_contains(?::VARCHAR[], r.incident_id)" + _SOURCES_ORDER,
                       [ids]).fetchall()
    for row in rows:
        values = dict(zip(SOURCE_COLUMNS, row))
        values["weapons"] = tuple(values["weapons"] or ())
        yield IncidentSource(**values)


# ---------------------------------------------------------------- plain records for JSON and CSV

def incident_record(incident: Incident) -> dict[str, Any]:
    """The incident as JSON-ready values: ISO dates and times, weapons a list."""
    return {k: _plain(v) for k, v in asdict(incident).items()}


def source_record(source: IncidentSource) -> dict[str, Any]:
    return {k: _plain(v) for k, v in asdict(source).items()}


def incidents_geojson(incidents: Sequence[Incident],
                      sources: dict[str, tuple[IncidentSource, ...]] | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: one Point per incident at its base (geometry null when unknown)."""
    features = []
    for incident in incidents:
        properties = incident_record(incident)
        if sources is not None:
            properties["sources"] = [source_record(s) for s in sources.get(incident.incident_id, ())]
        located = incident.latitude is not None and incident.longitude is not None
        features.append({
            "type": "Feature",
            "id": incident.incident_id,
            "geometry": {"type": "Point", "coordinates": [incident.longitude, incident.latitude]} if located else None,
            "properties": properties,
        })
    return {"type": "FeatureCollection", "features": features}


def incident_from_record(record: dict[str, Any]) -> Incident:
    """Read back one exported JSON/GeoJSON object (the inverse of `incident_record`)."""
    values = {name: record.get(name) for name in INCIDENT_COLUMNS}
    values["attack_date"] = date.fromisoformat(values["attack_date"]) if values["attack_date"] else None
    for name in ("first_reported_at", "last_reported_at"):
        values[name] = datetime.fromisoformat(values[name]) if values[name] else None
    values["weapons"] = tuple(values["weapons"] or ())
    return Incident(**values)


def write_csv(incidents: Sequence[Incident], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=INCIDENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for incident in incidents:
        writer.writerow({k: _csv_cell(v) for k, v in incident_record(incident).items()})


def write_sources_csv(sources: dict[str, tuple[IncidentSource, ...]], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=SOURCE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for backing in sources.values():
        for source in backing:
            writer.writerow({k: _csv_cell(v) for k, v in source_record(source).items()})


def write_json(incidents: Sequence[Incident], out: IO[str],
               sources: dict[str, tuple[IncidentSource, ...]] | None = None) -> None:
    records = []
    for incident in incidents:
        record = incident_record(incident)
        if sources is not None:
            record["sources"] = [source_record(s) for s in sources.get(incident.incident_id, ())]
        records.append(record)
    json.dump(records, out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_geojson(incidents: Sequence[Incident], out: IO[str],
                  sources: dict[str, tuple[IncidentSource, ...]] | None = None) -> None:
    json.dump(incidents_geojson(incidents, sources), out, indent=1, ensure_ascii=False)
    out.write("\n")


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


# ---------------------------------------------------------------- export

def sources_csv_path(out: Path) -> Path:
    """Where `export --format csv --with-sources` puts the sources: `<name>.sources.csv` beside `out`."""
    return out.with_name(f"{out.stem}.sources.csv")


def export_incidents(path: Path | str, out: Path, fmt: str, filters: IncidentFilter = IncidentFilter(),
                     with_sources: bool = False, progress: Progress | None = None,
                     lock_wait_seconds: float = LOCK_WAIT_SECONDS) -> ExportResult:
    """Write the filtered incidents (and, if asked, their sources) to `out` in `fmt`."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(out, f"unknown format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(out, f"cannot create its directory ({exc.strerror})") from exc
    if fmt == "parquet":
        return _export_parquet(path, out, filters, with_sources, lock_wait_seconds)
    incidents = list_incidents(path, filters, lock_wait_seconds)
    sources = (incident_sources(path, [i.incident_id for i in incidents], progress,
                                lock_wait_seconds=lock_wait_seconds) if with_sources else None)
    n_sources = sum(len(s) for s in sources.values()) if sources else 0
    files = [out]
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            if fmt == "csv":
                write_csv(incidents, handle)
            elif fmt == "json":
                write_json(incidents, handle, sources)
            else:
                write_geojson(incidents, handle, sources)
        if fmt == "csv" and sources is not None:
            files.append(sources_csv_path(out))
            with files[-1].open("w", encoding="utf-8", newline="") as handle:
                write_sources_csv(sources, handle)
    except OSError as exc:
        raise ExportError(files[-1], f"cannot write ({exc.strerror})") from exc
    return ExportResult(len(incidents), n_sources, tuple(files))


def _export_parquet(path: Path | str, out: Path, filters: IncidentFilter, with_sources: bool,
                    lock_wait_seconds: float) -> ExportResult:
    selected = SELECT_INCIDENTS + INCIDENT_FILTER
    if with_sources:
        struct = ", ".join(f"{c} := s.{c}" for c in SOURCE_COLUMNS)
        selected = f"""
        WITH i AS ({selected}),
             s AS ({_SELECT_SOURCES} WHERE r.incident_id IN (SELECT incident_id FROM i)),
             grouped AS (SELECT incident_id, list(struct_pack({struct})
                                    ORDER BY is_primary DESC, published_at NULLS LAST, article_url) AS sources
                         FROM s GROUP BY incident_id)
        SELECT i.*, coalesce(grouped.sources, []) AS sources
        FROM i LEFT JOIN grouped USING (incident_id)
        """
    query = f"COPY ({selected}{INCIDENT_ORDER}) TO {sql_literal(str(out))} (FORMAT parquet)"
    with connect(path, read_only=True, lock_wait_seconds=lock_wait_seconds) as con:
        try:
            con.execute(query, filter_params(filters))
        except duckdb.IOException as exc:
            raise ExportError(out, f"cannot write ({str(exc).strip().splitlines()[0]})") from exc
        n_incidents, n_sources = con.execute(
            "SELECT count(*), coalesce(sum(len(sources)), 0) FROM read_parquet(?)" if with_sources
            else "SELECT count(*), 0 FROM read_parquet(?)", [str(out)]).fetchone()
    return ExportResult(n_incidents, n_sources, (out,))


def read_parquet_incidents(path: Path | str) -> list[Incident]:
    """The incidents in an exported Parquet file, in file order (for checking a round trip)."""
    try:
        con = duckdb.connect()
        try:
            con.execute("SET TimeZone = 'UTC'")
            rows = con.execute(f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM read_parquet(?)", [str(path)]).fetchall()
        finally:
            con.close()
    except duckdb.Error as exc:
        raise StorageError(path, f"not a readable Parquet export ({str(exc).strip().splitlines()[0]})") from exc
    return [incident_from_row(row) for row in rows]

