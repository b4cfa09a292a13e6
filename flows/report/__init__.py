"""The analyst's report: `basewatch report` writes one offline HTML file (map, timeline, tables).

`write_report` is the only IO: it reads the incidents through storage and writes the file. Rendering is
pure and lives beside it: `page` (the HTML and its tables), `map`, `timeline`, `bases` (what they share);
the stylesheet is `report.css`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from flows.report.bases import group_by_base
from flows.report.page import (CSP, LATEST_ROWS, PER_BASE_ROWS, ReportData, ReportProgress, describe_filters,
                               render_report, shown_incident_ids)
from storage.database import IncidentFilter, list_incidents
from storage.export import incident_sources

__all__ = ["CSP", "ReportData", "ReportResult", "render_report", "shown_incident_ids", "write_report"]


@dataclass(frozen=True)
class ReportResult:
    path: Path
    incidents: int
    bases: int
    size_bytes: int


def write_report(db: Path | str, out: Path, filters: IncidentFilter = IncidentFilter(),
                 progress: ReportProgress | None = None, latest_rows: int = LATEST_ROWS,
                 per_base_rows: int = PER_BASE_ROWS, now: datetime | None = None) -> ReportResult:
    """Read the incidents that pass `filters` from `db` and write the report to `out`."""
    step = progress or (lambda *_: None)
    step("reading incidents", 0, 1)
    incidents = list_incidents(db, filters)
    step("reading incidents", 1, 1)
    shown = shown_incident_ids(incidents, latest_rows, per_base_rows)
    sources = incident_sources(db, shown, progress=lambda done, total: step("reading sources", done, total))
    data = ReportData(tuple(incidents), sources, now or datetime.now(timezone.utc),
                      subtitle=describe_filters(Path(db).name, filters), latest_rows=latest_rows,
                      per_base_rows=per_base_rows)
    html = render_report(data, progress=step)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return ReportResult(out, len(incidents), len(group_by_base(incidents)), len(html.encode("utf-8")))
