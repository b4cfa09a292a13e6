"""The file's layout: its schema, the columns and keys later versions added, and the in-place upgrades of files
written by earlier versions (each one transaction, so a failed upgrade leaves the file as it was)."""
from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources

import duckdb

from extractors.dedup import BASE_KEY_RULES
from storage import keys

log = logging.getLogger(__name__)
RUN_DAYS = 7  # day keys are asked for in runs of days at most this far apart


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def sql_literal(text: str) -> str:
    """A SQL string literal, for the statements DuckDB cannot take parameters in (COPY ... TO)."""
    return "'" + text.replace("'", "''") + "'"


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]).fetchall()]


SCHEMA = resources.files("storage").joinpath("schema.sql").read_text(encoding="utf-8")
# The growing tables, and the columns files from before the unindexed layout lack, as SQL over their old rows.
_ADDED_COLUMNS = {
    "articles": {"url_hash": keys.URL_HASH_SQL},
    "incidents": {"merge_key": keys.merge_key_sql("base_key"), "incident_key": keys.INCIDENT_KEY_SQL},
    "incident_reports": {"incident_key": keys.INCIDENT_KEY_SQL,
                         "fingerprint": "(SELECT a.fingerprint FROM articles_indexed a WHERE a.url = article_url)"},
}


@functools.cache
def _layout_probe() -> str:
    """A statement that binds only on a file with every table and column of the current schema (read from the
    schema applied to an empty in-memory database, once per process)."""
    con = duckdb.connect()
    try:
        con.execute(SCHEMA)
        rows = con.execute("SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() "
                           "AND NOT internal ORDER BY table_name, column_index").fetchall()
    finally:
        con.close()
    tables = sorted({table for table, _ in rows})
    alias = {table: f"t{n}" for n, table in enumerate(tables)}
    return (f"SELECT {', '.join(f'{alias[table]}.{column}' for table, column in rows)} "
            f"FROM {', '.join(f'{table} {alias[table]}' for table in tables)} LIMIT 0")


def has_current_layout(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file has the whole current schema: one statement that binds or not (~3 ms of CPU on a fresh
    connection), where the catalog queries that find what an older file lacks cost ~20 ms more, at every open
    (benchmarks/bench_open.py)."""
    try:
        con.execute(_layout_probe())
    except (duckdb.CatalogException, duckdb.BinderException):
        return False
    return True


def base_keys_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file's base keys were made by the current rules of base_slug (False for a file that predates the
    record, or a new one)."""
    try:
        return con.execute("SELECT max(version) FROM base_key_rules").fetchone()[0] == BASE_KEY_RULES
    except duckdb.CatalogException:
        return False


def record_base_key_rules(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM base_key_rules")
    con.execute("INSERT INTO base_key_rules VALUES (?)", [BASE_KEY_RULES])


def has_indexed_layout(con: duckdb.DuckDBPyConnection) -> bool:
    """Files written before the unindexed layout (keys and indexes on the growing tables) lack url_hash."""
    try:
        con.execute("SELECT url_hash FROM articles LIMIT 0")
    except duckdb.CatalogException:
        return False  # a new file
    except duckdb.BinderException:
        return True
    return False


def upgrade_indexed_layout(con: duckdb.DuckDBPyConnection) -> None:
    """Move the rows of an older file into the unindexed tables, adding their lookup keys; one transaction."""
    log.info("upgrading the storage layout: moving articles and incidents into unindexed tables")
    tables = ", ".join(map(sql_literal, _ADDED_COLUMNS))
    with transaction(con):
        for row in con.execute(f"SELECT index_name FROM duckdb_indexes() WHERE table_name IN ({tables})").fetchall():
            con.execute(f'DROP INDEX "{row[0]}"')
        for table in _ADDED_COLUMNS:
            con.execute(f"ALTER TABLE {table} RENAME TO {table}_indexed")
        con.execute(SCHEMA)
        for table, added in _ADDED_COLUMNS.items():
            old, new = (columns(con, name) for name in (f"{table}_indexed", table))
            kept = [c for c in old if c in new and c not in added]
            con.execute(f"INSERT INTO {table} ({', '.join(kept + list(added))}) "
                        f"SELECT {', '.join(kept + list(added.values()))} FROM {table}_indexed")
        for table in _ADDED_COLUMNS:
            con.execute(f"DROP TABLE {table}_indexed")


# Columns added after files existed: (table, column, type); added in place, empty for old rows.
_NEW_COLUMNS = (("incidents", "location_precision", "VARCHAR"), ("incident_reports", "location_precision", "VARCHAR"),
                ("articles", "language", "VARCHAR"))


def missing_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """The added columns an existing table of this file lacks, in one catalog query (it runs at every open)."""
    tables = {table for table, _, _ in _NEW_COLUMNS}
    present = set(con.execute("SELECT table_name, column_name FROM duckdb_columns() WHERE table_name IN "
                              f"({', '.join(map(sql_literal, tables))})").fetchall())
    existing = {table for table, _ in present}
    return [c for c in _NEW_COLUMNS if c[0] in existing and (c[0], c[1]) not in present]


def add_columns(con: duckdb.DuckDBPyConnection, missing: list[tuple[str, str, str]]) -> None:
    for table, column, kind in missing:
        con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def rows_by_key(con: duckdb.DuckDBPyConnection, select: str, key_column: str, key_values: Iterable[int],
                 by_day: bool = False) -> list[tuple]:
    """The rows of `select` whose integer key is one of `key_values`. Keys can collide: callers check what
    they asked for.

    DuckDB reads an IN list only to skip row groups by their zone maps, then reads every row of the rest;
    a range (BETWEEN) it applies row by row before reading the other columns. So day keys (`by_day`) are
    asked for in runs of nearby days, each with its range: a lookup reads the rows of those days only.
    """
    values = sorted(set(key_values))
    runs: list[list[int]] = []
    for value in values:
        if runs and len(runs[-1]) < 1000 and (not by_day or keys.days_apart(runs[-1][0], value) <= RUN_DAYS):
            runs[-1].append(value)
        else:
            runs.append([value])
    rows: list[tuple] = []
    for run in runs:
        in_range = f" AND {key_column} BETWEEN {run[0]} AND {run[-1]}" if by_day else ""
        rows += con.execute(f"{select} WHERE {key_column} IN ({', '.join(map(str, run))}){in_range}").fetchall()
    return rows
