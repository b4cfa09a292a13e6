"""Synthetic incidents for benchmarks: a large, realistic-shaped table built set-wise in SQL."""
from __future__ import annotations

from datetime import date

import duckdb


def fill_synthetic_incidents(con: duckdb.DuckDBPyConnection, count: int, bases: int, start: date) -> None:
    """`count` incidents spread over `bases` bases, one day apart per base, each with one primary report."""
    con.execute(
        """
        INSERT INTO incidents
        SELECT 'syn-' || i, 'Synthetic Base ' || (i % $bases), 'Iraq', NULL, NULL,
               $start::DATE + (i // $bases)::INTEGER, 'day', ['rocket'], 2, 0, 0, NULL, NULL,
               TIMESTAMPTZ '2020-01-01 00:00:00+00', TIMESTAMPTZ '2020-01-01 00:00:00+00', 1, 1,
               'synthetic base ' || (i % $bases)
        FROM range($count) r(i)
        """,
        {"count": count, "bases": bases, "start": start},
    )
    con.execute(
        """
        INSERT INTO incident_reports
        SELECT incident_id, 'http://synthetic.example/' || incident_id, TRUE, 'synthetic', base, country,
               latitude, longitude, attack_date, date_precision, weapons, projectiles, killed, wounded,
               claimed_by, suspected, first_reported_at
        FROM incidents WHERE incident_id LIKE 'syn-%'
        """
    )
