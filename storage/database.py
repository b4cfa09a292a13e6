"""All of basewatch's SQL: the DuckDB file, its schema, and the one-transaction writes.

DuckDB lets one process at a time open a file that is being written (not even a read-only reader gets
in), so every function opens the file for its own short job and closes it, and opening retries with a
bounded back-off before it gives up with a one-line `StorageError` naming the file.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb

from extractors.arabic import language
from extractors.dedup import ReportOnFile, base_slug, lookup_days, merge, report_day
from extractors.fingerprint import text_fingerprint
from extractors.records import AnalysedArticle, Article, Incident, IncidentReport
from storage import keys
from storage.layout import (SCHEMA, add_columns, base_keys_current, has_current_layout, has_indexed_layout,
                            missing_columns, record_base_key_rules, rows_by_key, transaction, upgrade_indexed_layout)

log = logging.getLogger(__name__)

LOCK_WAIT_SECONDS = 30.0


class StorageError(Exception):
    """The database file could not be used; str() is `PATH: reason`."""

    def __init__(self, path: Path | str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class StoreResult:
    articles_added: int
    new_incidents: tuple[str, ...]
    updated_incidents: tuple[str, ...]
    # (incident_id, killed, wounded) of each updated incident as it was before this write: alerts compare
    casualties_before: tuple[tuple[str, int | None, int | None], ...] = ()
    retired: tuple[tuple[str, str], ...] = ()  # (old id, the id it now redirects to) for ids this write replaced


def run_changes(results: Sequence[StoreResult]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(new, updated) incident ids over a run's batches: an id a later batch retired is replaced by its
    successor, which counts as new when the retired incident was new in this run."""
    new: dict[str, None] = {}
    updated: dict[str, None] = {}
    for result in results:
        for old, successor in result.retired:
            updated.pop(old, None)
            if new.pop(old, "") is None:
                new[successor] = None
        new.update(dict.fromkeys(result.new_incidents))
        updated.update(dict.fromkeys(i for i in result.updated_incidents if i not in new))
    return tuple(new), tuple(updated)


@dataclass(frozen=True)
class IncidentDetail:
    incident: Incident
    reports: tuple[ReportOnFile, ...]  # oldest first, each with its own evidence sentence
    languages: dict[str, str | None]  # article url -> "ar" or "en" (None: stored before languages were)


@contextmanager
def connect(path: Path | str, read_only: bool = False,
            lock_wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the file (creating and migrating it when writable), waiting out another process's lock."""
    path = Path(path)
    if read_only and not path.exists():
        raise StorageError(path, "no such database file (run `basewatch run` or `basewatch demo` first)")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(path, f"cannot create its directory ({exc.strerror})") from exc
    con = _open_with_backoff(path, read_only, lock_wait_seconds)
    try:
        con.execute("SET TimeZone = 'UTC'")
        keys_current = base_keys_current(con)
        if not (keys_current and has_current_layout(con)):  # a new or older file: create or upgrade it
            indexed = has_indexed_layout(con)
            # from before ids followed the reconciled dates, or keyed by older rules of what tells bases apart
            regroup = _lacks_redirects(con) or not keys_current
            if read_only and (indexed or regroup or missing_columns(con)):  # through a short writable connection
                con.close()
                with connect(path, lock_wait_seconds=lock_wait_seconds):
                    pass
                con = _open_with_backoff(path, read_only, lock_wait_seconds)
                con.execute("SET TimeZone = 'UTC'")
            elif indexed:
                upgrade_indexed_layout(con)
            if not read_only:
                con.execute(SCHEMA)
                add_columns(con, missing_columns(con))
            if regroup and not read_only:
                _regroup_everything(con)
        yield con
    except (duckdb.OperationalError, duckdb.FatalException) as exc:  # IO, failed commit (disk full), invalidated
        raise StorageError(path, _first_line(exc)) from exc
    finally:
        con.close()


def _lacks_redirects(con: duckdb.DuckDBPyConnection) -> bool:
    """Files written before ids followed the reconciled date have incidents but no incident_redirects."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    return "incidents" in tables and "incident_redirects" not in tables


def _regroup_everything(con: duckdb.DuckDBPyConnection) -> None:
    """Re-group every stored report and unlinked claim by the current rules and rewrite every incident and key (ids
    that change become redirects), in one transaction: what the merge does to a neighbourhood, done to the whole
    file once, for files from before ids followed the reconciled dates or keyed by older rules of base_slug."""
    log.info("upgrading incidents: re-grouping every stored report by the current rules")
    with transaction(con):
        rows = {row[0]: (incident_from_row(row[:-1]), row[-1]) for row in con.execute(
            f"SELECT {', '.join(INCIDENT_COLUMNS)}, rowid FROM incidents").fetchall()}
        reports: dict[str, dict[int, ReportOnFile]] = {i: {} for i in rows}
        for row in con.execute(f"SELECT {', '.join(_STORED_REPORT_COLUMNS)} FROM incident_reports").fetchall():
            if row[0] in reports:
                reports[row[0]][row[1]] = _report_from_row(row[2:])
        unlinked = {row[0]: _report_from_row(row[1:]) for row in con.execute(
            f"SELECT {', '.join(_STORED_REPORT_COLUMNS[1:])} FROM unlinked_reports").fetchall()}
        _merge(con, [], _Neighbourhood(rows, reports, unlinked), 0, rewrite_all=True)
        record_base_key_rules(con)


def _open_with_backoff(path: Path, read_only: bool, lock_wait_seconds: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + lock_wait_seconds
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            message = _first_line(exc)
            if "lock" not in message.lower():
                raise StorageError(path, message) from exc
            if time.monotonic() + delay > deadline:
                raise StorageError(
                    path, f"locked by another process for {lock_wait_seconds:g} s; try again when it finishes"
                ) from exc
            log.info("%s: locked by another process, retrying in %.2f s", path, delay)
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
        except duckdb.Error as exc:
            raise StorageError(path, f"not a usable DuckDB file ({_first_line(exc)})") from exc


def article_id(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:20]


def known_urls(path: Path | str, urls: Sequence[str]) -> set[str]:
    if not urls:
        return set()
    with connect(path) as con:
        return _urls_on_file(con, urls)


def _urls_on_file(con: duckdb.DuckDBPyConnection, urls: Sequence[str]) -> set[str]:
    """Only the hash column is scanned for every URL; URLs themselves are read for the hashes found, which
    new URLs almost never are."""
    by_hash: dict[int, list[str]] = {}
    for url in dict.fromkeys(urls):
        by_hash.setdefault(keys.key_hash(url), []).append(url)
    found = {row[0] for row in rows_by_key(con, "SELECT DISTINCT url_hash FROM articles", "url_hash", by_hash)}
    wanted = {url for h in found for url in by_hash[h]}
    return {row[0] for row in rows_by_key(con, "SELECT url FROM articles", "url_hash", found) if row[0] in wanted}


def store_articles(path: Path | str, batch: Sequence[AnalysedArticle]) -> StoreResult:
    """Append new articles and their reports, and merge the reports into incidents, in one transaction.

    Articles already on file are skipped whole, so a re-run or a back-fill adds nothing twice.
    """
    if not batch:
        return StoreResult(0, (), ())
    with connect(path) as con, transaction(con):
        on_file = _urls_on_file(con, [a.article.url for a in batch])
        fresh = list({a.article.url: a for a in batch if a.article.url not in on_file}.values())
        if not fresh:
            return StoreResult(0, (), ())
        insert_rows(con, "articles", ("article_id", "url", "title", "published_at", "fetched_at", "feed_url",
                                       "text", "is_attack_report", "language", "url_hash"),
                     [(article_id(a.article.url), a.article.url, a.article.title, a.article.published_at,
                       a.article.fetched_at, a.article.feed_url, a.article.text, a.detection.is_attack_report,
                       language(f"{a.article.title}\n{a.article.text}"), keys.key_hash(a.article.url))
                      for a in fresh])
        sketches = {a.article.url: text_fingerprint(a.article.text) for a in fresh if a.detection.reports}
        claims = [ReportOnFile(report, a.article.url, a.article.published_at, sketches[a.article.url])
                  for a in fresh for report in a.detection.reports]
        if not claims:
            return StoreResult(len(fresh), (), ())
        return _merge(con, claims, _neighbourhood(con, claims), len(fresh))


INCIDENT_COLUMNS = tuple(f.name for f in dataclasses.fields(Incident))


@dataclass(frozen=True)
class IncidentFilter:
    """Which incidents to read; every field left None (or empty) means "no restriction"."""

    since: date | None = None          # attack on or after this day
    until: date | None = None          # attack on or before this day
    base: str | None = None            # base name contains this text, case-insensitive
    countries: tuple[str, ...] = ()    # country is one of these, case-insensitive
    weapons: tuple[str, ...] = ()      # at least one of these weapons was used
    min_sources: int | None = None     # at least this many independent sources
    ids: tuple[str, ...] = ()          # only these incidents


SELECT_INCIDENTS = f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents"
INCIDENT_FILTER = """
WHERE (?::DATE IS NULL OR attack_date >= ?::DATE)
  AND (?::DATE IS NULL OR attack_date <= ?::DATE)
  AND (?::VARCHAR IS NULL OR base ILIKE '%' || ? || '%')
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], lower(country)))
  AND (len(?::VARCHAR[]) = 0 OR list_has_any(weapons, ?::VARCHAR[]))
  AND (?::INTEGER IS NULL OR independent_sources >= ?::INTEGER)
  AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], incident_id))
"""
INCIDENT_ORDER = " ORDER BY attack_date DESC NULLS LAST, base, incident_id"


def filter_params(f: IncidentFilter) -> list[object]:
    """The parameters of INCIDENT_FILTER, in order."""
    countries = [c.lower() for c in f.countries]
    weapons = [w.lower() for w in f.weapons]
    ids = list(f.ids)
    return [f.since, f.since, f.until, f.until, f.base, f.base, countries, countries, weapons, weapons,
            f.min_sources, f.min_sources, ids, ids]


def list_incidents(path: Path | str, filters: IncidentFilter = IncidentFilter(),
                   lock_wait_seconds: float = LOCK_WAIT_SECONDS) -> list[Incident]:
    """The incidents that pass every filter, newest attack first (undated last)."""
    with connect(path, read_only=True, lock_wait_seconds=lock_wait_seconds) as con:
        rows = con.execute(SELECT_INCIDENTS + INCIDENT_FILTER + INCIDENT_ORDER, filter_params(filters)).fetchall()
    return [incident_from_row(row) for row in rows]


def stored_articles(path: Path | str, batch_size: int = 500) -> Iterator[Article]:
    """Every stored article, read in batches so a large file is never held in memory at once."""
    with connect(path, read_only=True) as con:
        cursor = con.execute("SELECT url, title, text, published_at, fetched_at, feed_url FROM articles ORDER BY url")
        while rows := cursor.fetchmany(batch_size):
            for url, title, text, published_at, fetched_at, feed_url in rows:
                yield Article(url, title or "", text or "", published_at, fetched_at, feed_url or "")


def incident_ids(path: Path | str) -> set[str]:
    with connect(path, read_only=True) as con:
        return {row[0] for row in con.execute("SELECT incident_id FROM incidents").fetchall()}


def incident_detail(path: Path | str, incident_id: str,
                    lock_wait_seconds: float = LOCK_WAIT_SECONDS) -> IncidentDetail | None:
    """The incident with this id, or the one a retired id now points to (see incident_redirects)."""
    with connect(path, read_only=True, lock_wait_seconds=lock_wait_seconds) as con:
        redirect = con.execute("SELECT incident_id FROM incident_redirects WHERE old_id = ?", [incident_id]).fetchone()
        incident_id = redirect[0] if redirect else incident_id
        row = con.execute(f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents WHERE incident_id = ?",
                          [incident_id]).fetchone()
        if row is None:
            return None
        reports = tuple(_reports_of(con, [incident_id])[incident_id].values())
        languages = _languages(con, [r.article_url for r in reports])
    return IncidentDetail(incident_from_row(row), reports, languages)


def _languages(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, str | None]:
    """The stored language of each of these articles, looked up by URL hash like every article read."""
    wanted = set(urls)
    rows = rows_by_key(con, "SELECT url, language FROM articles", "url_hash", map(keys.key_hash, wanted))
    return {url: lang for url, lang in rows if url in wanted}


# ---------------------------------------------------------------- internals

_CLAIM_COLUMNS = ("base", "country", "latitude", "longitude", "attack_date", "date_precision", "weapons",
                  "projectiles", "killed", "wounded", "claimed_by", "suspected", "is_primary", "evidence",
                  "location_precision")
_REPORT_COLUMNS = ("incident_id", "article_url", "reported_at", *_CLAIM_COLUMNS, "fingerprint", "incident_key")


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: list[tuple],
                 on_conflict: str | None = None) -> None:
    """One multi-row INSERT per chunk: executemany costs ~1.6 ms a row in DuckDB 2.0."""
    row_sql = "(" + ", ".join("?" for _ in columns) + ")"
    conflict = f" ON CONFLICT {on_conflict}" if on_conflict else ""
    for start in range(0, len(rows), 200):
        chunk = rows[start:start + 200]
        con.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join(row_sql for _ in chunk)}{conflict}",
            [value for row in chunk for value in row],
        )


def _report_row(incident_id: str, r: ReportOnFile) -> tuple:
    return (incident_id, *_claim_values(r), keys.incident_key(incident_id))


def _claim_values(r: ReportOnFile) -> tuple:
    """A report's values in the order of _REPORT_COLUMNS[1:-1]."""
    return (r.article_url, r.reported_at, *(
        list(getattr(r.report, c)) if c == "weapons" else getattr(r.report, c) for c in _CLAIM_COLUMNS),
        list(r.fingerprint))


@dataclass(frozen=True)
class _Neighbourhood:
    """What a merge can change: the incidents on file (whole runs of days at the bases it touches) and the
    claims on file that no incident holds yet, which the new reports may give a home."""

    rows: dict[str, tuple[Incident, int]]  # incident id -> the stored row and its rowid
    reports: dict[str, dict[int, ReportOnFile]]  # incident id -> its reports by rowid
    unlinked: dict[int, ReportOnFile]  # rowid -> claim


def _neighbourhood(con: duckdb.DuckDBPyConnection, claims: Sequence[ReportOnFile]) -> _Neighbourhood:
    """Every incident and unlinked claim whose grouping the claims can change: those dated near a claim, then,
    until nothing new turns up, those near anything already found. Grouping decides a run of consecutive
    days at a base as a whole, so the whole run is read, never part of it."""
    hood = _Neighbourhood({}, {}, {})
    asked: set[tuple[str, date | None]] = set()
    wanted = _lookup_days(claims)
    while wanted := wanted - asked:
        asked |= wanted
        found = {i: row for i, row in _incidents_by(con, {keys.merge_key(*w) for w in wanted}).items()
                 if i not in hood.rows}
        hood.rows.update(found)
        hood.reports.update(_reports_of(con, list(found)))
        loose = {rowid: r for rowid, r in _unlinked_by(con, wanted).items() if rowid not in hood.unlinked}
        hood.unlinked.update(loose)
        wanted = _lookup_days([*(r for i in found for r in hood.reports[i].values()), *loose.values()])
    return hood


def _lookup_days(reports: Iterable[ReportOnFile]) -> set[tuple[str, date | None]]:
    return {(r.report.base, day) for r in reports for day in lookup_days(r)}


def _unlinked_key(r: ReportOnFile) -> int:
    """unlinked_reports.lookup_key: its base and its day (a month mention: the month's first day)."""
    claim = r.report
    return keys.merge_key(claim.base, claim.attack_date if claim.date_precision == "month" else report_day(r))


def _unlinked_by(con: duckdb.DuckDBPyConnection, wanted: set[tuple[str, date | None]]) -> dict[int, ReportOnFile]:
    """Unlinked claims on the wanted days, and month mentions of their months."""
    lookup = {keys.merge_key(base, d) for base, day in wanted for d in (day, day and day.replace(day=1))}
    rows = rows_by_key(con, f"SELECT {', '.join(_STORED_REPORT_COLUMNS[1:])} FROM unlinked_reports",
                        "lookup_key", lookup)  # a small table: one scan, not one per week asked
    return {row[0]: _report_from_row(row[1:]) for row in rows}


def _incidents_by(con: duckdb.DuckDBPyConnection, merge_keys: Iterable[int]) -> dict[str, tuple[Incident, int]]:
    rows = rows_by_key(con, f"SELECT {', '.join(INCIDENT_COLUMNS)}, rowid FROM incidents", "merge_key", merge_keys,
                        by_day=True)
    return {row[0]: (incident_from_row(row[:-1]), row[-1]) for row in rows}


def _merge(con: duckdb.DuckDBPyConnection, claims: Sequence[ReportOnFile], hood: _Neighbourhood,
           articles_added: int, rewrite_all: bool = False) -> StoreResult:
    """Group the neighbourhood's reports and the claims afresh (extractors.dedup), then rewrite the
    incidents whose reports or values changed (all of them with `rewrite_all`); retired ids become redirects."""
    was = {id(r): (i, rowid) for i, reports in hood.reports.items() for rowid, r in reports.items()}
    new_ids: list[str] = []
    updated: list[str] = []
    before: list[tuple[str, int | None, int | None]] = []
    kept: set[str] = set()
    written: list[tuple[Incident, list[ReportOnFile]]] = []
    successor: dict[str, Counter] = {}
    everything = [*claims, *(r for rs in hood.reports.values() for r in rs.values()), *hood.unlinked.values()]
    linked: dict[int, str] = {}
    for incident, reports in merge(everything):
        linked.update((id(r), incident.incident_id) for r in reports)
        origins = Counter(was[id(r)][0] for r in reports if id(r) in was)
        for old in origins:
            successor.setdefault(old, Counter())[incident.incident_id] += origins[old]
        same = not rewrite_all and incident.incident_id in origins and len(origins) == 1 and \
            origins[incident.incident_id] == len(reports) == len(hood.reports[incident.incident_id]) and \
            hood.rows[incident.incident_id][0] == incident
        if same:
            kept.add(incident.incident_id)
            continue
        written.append((incident, reports))
        if not origins:
            new_ids.append(incident.incident_id)
            continue
        updated.append(incident.incident_id)
        previous = incident.incident_id if incident.incident_id in origins else \
            min(origins, key=lambda old: (-origins[old], old))
        before.append((incident.incident_id, hood.rows[previous][0].killed, hood.rows[previous][0].wounded))
    _delete_rows(con, "incidents", [row[1] for i, row in hood.rows.items() if i not in kept])
    _delete_rows(con, "incident_reports", [rowid for key, (i, rowid) in was.items() if linked.get(key) != i])
    _write_incidents(con, [(i, [r for r in reports if was.get(id(r), ("",))[0] != i.incident_id])
                           for i, reports in written])
    _write_unlinked(con, list(hood.unlinked), [r for r in everything if id(r) not in linked])
    live = {incident.incident_id for incident, _ in written} | kept
    retired = {old: min(to, key=lambda i: (-to[i], i)) for old, to in successor.items() if old not in live}
    _redirect(con, retired, {old: hood.rows[old][0].attack_date for old in retired}, live)
    return StoreResult(articles_added, tuple(new_ids), tuple(updated), tuple(before), tuple(sorted(retired.items())))


def _write_unlinked(con: duckdb.DuckDBPyConnection, rowids_on_file: list[int], claims: list[ReportOnFile]) -> None:
    """Replace the neighbourhood's unlinked claims: kept, they can join an incident reported later."""
    _delete_rows(con, "unlinked_reports", rowids_on_file)
    insert_rows(con, "unlinked_reports", (*_REPORT_COLUMNS[1:-1], "lookup_key"),
                [(*_claim_values(r), _unlinked_key(r)) for r in claims])


def _redirect(con: duckdb.DuckDBPyConnection, retired: dict[str, str], old_dates: dict[str, date | None],
              live: set[str]) -> None:
    """Point retired ids (and redirects that pointed to them) at their successors; a live id is no redirect."""
    if live:
        con.execute("DELETE FROM incident_redirects WHERE list_contains(?, old_id)", [sorted(live)])
    if not retired:
        return
    for old, new in retired.items():
        con.execute("UPDATE incident_redirects SET incident_id = ? WHERE incident_id = ?", [new, old])
    now = datetime.now(timezone.utc)
    insert_rows(con, "incident_redirects", ("old_id", "incident_id", "old_attack_date", "retired_at"),
                [(old, new, old_dates[old], now) for old, new in retired.items()])


def _reports_of(con: duckdb.DuckDBPyConnection, incident_ids: list[str]) -> dict[str, dict[int, ReportOnFile]]:
    """All reports of the given incidents by rowid, oldest first."""
    reports: dict[str, dict[int, ReportOnFile]] = {i: {} for i in incident_ids}
    if not incident_ids:
        return reports
    rows = [row for row in rows_by_key(
        con, f"SELECT {', '.join(_STORED_REPORT_COLUMNS)} FROM incident_reports", "incident_key",
        map(keys.incident_key, incident_ids), by_day=True) if row[0] in reports]
    rows.sort(key=lambda row: (row[3] is None, row[3].timestamp() if row[3] else 0.0, row[2]))
    for row in rows:
        reports[row[0]][row[1]] = _report_from_row(row[2:])
    return reports


_STORED_REPORT_COLUMNS = ("incident_id", "rowid", "article_url", "reported_at", "fingerprint", *_CLAIM_COLUMNS)


def _report_from_row(row: tuple) -> ReportOnFile:
    """A report from (article_url, reported_at, fingerprint, *claim columns)."""
    article_url, reported_at, fingerprint, *claim_values = row
    claim = dict(zip(_CLAIM_COLUMNS, claim_values))
    claim["weapons"] = tuple(claim["weapons"] or ())
    return ReportOnFile(IncidentReport(**claim), article_url=article_url, reported_at=reported_at,
                        fingerprint=tuple(fingerprint or ()))


def _delete_rows(con: duckdb.DuckDBPyConnection, table: str, rowids: list[int]) -> None:
    for start in range(0, len(rowids), 1000):
        con.execute(f"DELETE FROM {table} WHERE rowid IN ({', '.join(map(str, rowids[start:start + 1000]))})")


def _write_incidents(con: duckdb.DuckDBPyConnection, incidents: list[tuple[Incident, list[ReportOnFile]]]) -> None:
    """Insert incident rows and the reports not yet on file under their ids (the caller deleted what they
    replace)."""
    rows = [(*(list(getattr(i, c)) if c == "weapons" else getattr(i, c) for c in INCIDENT_COLUMNS),
             base_slug(i.base), keys.merge_key(i.base, i.attack_date or keys.id_day(i.incident_id)),
             keys.incident_key(i.incident_id)) for i, _ in incidents]
    insert_rows(con, "incidents", (*INCIDENT_COLUMNS, "base_key", "merge_key", "incident_key"), rows)
    insert_rows(con, "incident_reports", _REPORT_COLUMNS,
                [_report_row(i.incident_id, r) for i, reports in incidents for r in reports])


def incident_from_row(row: tuple) -> Incident:
    values = dict(zip(INCIDENT_COLUMNS, row))
    values["weapons"] = tuple(values["weapons"] or ())
    return Incident(**values)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
