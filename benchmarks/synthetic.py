"""Synthetic incidents for the storage benchmarks: a large, realistic-shaped table built set-wise in SQL.

Benchmark code, not shipped in the package (the SQL here writes straight into the storage layout)."""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb

from extractors.fingerprint import SKETCH_SIZE
from storage import keys


@dataclass(frozen=True)
class SyntheticHistory:
    """`count` incidents, `per_day` a day from `start` on, each day's at the next `per_day` of `bases` bases
    in turn, so incident i is at base i % bases on day i // per_day."""

    count: int
    bases: int = 2000
    per_day: int = 50
    start: date = date(1971, 1, 1)

    def base(self, i: int) -> str:
        return f"Synthetic Base {i % self.bases}"

    def day(self, i: int) -> date:
        return self.start + timedelta(days=i // self.per_day)


def fill_synthetic_incidents(con: duckdb.DuckDBPyConnection, history: SyntheticHistory) -> None:
    """Write `history` in date order (as a monitor writes it), each incident with one primary report from its
    own article. Articles carry a short text (the merge never reads it); reports a full-size text sketch."""
    params = {"count": history.count, "bases": history.bases, "per_day": history.per_day, "start": history.start}
    con.execute(
        f"""
        INSERT INTO incidents
        SELECT *, {keys.merge_key_sql("base_key")}, {keys.INCIDENT_KEY_SQL}
        FROM (SELECT 'synthetic-base-' || (i % $bases) || '-' || strftime(day, '%Y-%m-%d') AS incident_id,
                     'Synthetic Base ' || (i % $bases) AS base, 'Iraq', NULL, NULL, day AS attack_date, 'day',
                     ['rocket'], 2, 0, 0, NULL, NULL, day::TIMESTAMPTZ, day::TIMESTAMPTZ, 1, 1, NULL,
                     'synthetic-base-' || (i % $bases) AS base_key
              FROM (SELECT i, $start::DATE + (i // $per_day)::INTEGER AS day FROM range($count) r(i)))
        """,
        params,
    )
    con.execute(
        f"""
        INSERT INTO incident_reports
        SELECT incident_id, 'http://synthetic.example/' || incident_id, TRUE, 'synthetic', base, country,
               latitude, longitude, attack_date, date_precision, weapons, projectiles, killed, wounded,
               claimed_by, suspected, location_precision, first_reported_at,
               list_transform(range({SKETCH_SIZE}), lambda n: md5_number_upper(incident_id || n)), incident_key
        FROM incidents WHERE incident_id LIKE 'synthetic-%'
        """
    )
    con.execute(
        """
        INSERT INTO articles (article_id, url, title, published_at, fetched_at, feed_url, text, is_attack_report,
                              url_hash)
        SELECT sha1(article_url)[:20], article_url, 'Rockets hit ' || base, reported_at, reported_at,
               'http://synthetic.example/feed', 'Two rockets hit ' || base || '.', TRUE,
               md5_number_upper(article_url)
        FROM incident_reports WHERE incident_id LIKE 'synthetic-%'
        """
    )


def flushed_copy(source: Path, target: Path) -> None:
    """Copy a benchmark's seed file and flush it to disk: otherwise the first fsync of the write being timed
    pays for writing out the whole copy (360 MB at 1M incidents)."""
    shutil.copy(source, target)
    descriptor = os.open(target, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
