"""The analyst's report: one self-contained HTML file with a map, a timeline, the latest incidents and a
section per base. It works offline and loads nothing: no scripts, no fonts, no tiles, no CDN. The map is
inline SVG drawn from `report_assets/countries.json` (coarse Natural Earth outlines), and a strict
Content-Security-Policy in the page forbids any request should a later edit try to add one.

`render_report` is a pure function of `ReportData`; `write_report` reads the data through
storage.export and writes the file, reporting progress through a callback.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from html import escape
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from extractors.dedup import Incident, base_slug
from storage.database import IncidentFilter, list_incidents
from storage.export import IncidentSource, incident_sources

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
LATEST_ROWS = 40
PER_BASE_ROWS = 8

WEAPON_COLOURS = {
    "rocket": "#d1495b", "mortar": "#8d6346", "drone": "#2e86ab", "missile": "#7b4fa8",
    "ied": "#f29e4c", "gunfire": "#4c9a5f", "ground_assault": "#d96aa7", "unknown": "#8a8f98",
}
COUNTRY_PALETTE = ("#2e86ab", "#d1495b", "#edae49", "#4c9a5f", "#7b4fa8", "#f29e4c", "#3d5a80", "#9aa0a6")

# progress(step, done, total): step is a short phrase such as "reading sources"
ReportProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ReportData:
    incidents: tuple[Incident, ...]                          # newest attack first, as queried
    sources: dict[str, tuple[IncidentSource, ...]]           # for the incidents the report shows
    generated_at: datetime
    title: str = "basewatch: attacks on military bases"
    subtitle: str = ""
    latest_rows: int = LATEST_ROWS
    per_base_rows: int = PER_BASE_ROWS


@dataclass(frozen=True)
class ReportResult:
    path: Path
    incidents: int
    bases: int
    size_bytes: int


@dataclass
class _Base:
    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    incidents: list[Incident] = field(default_factory=list)

    @property
    def weapon_counts(self) -> Counter:
        return Counter(w for i in self.incidents for w in (i.weapons or ("unknown",)))


# ---------------------------------------------------------------- orchestration (the only IO)

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
                      subtitle=_describe(Path(db).name, filters), latest_rows=latest_rows,
                      per_base_rows=per_base_rows)
    html = render_report(data, progress=step)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return ReportResult(out, len(incidents), len(_bases(incidents)), len(html.encode("utf-8")))


def shown_incident_ids(incidents: Sequence[Incident], latest_rows: int = LATEST_ROWS,
                       per_base_rows: int = PER_BASE_ROWS) -> list[str]:
    """The incidents whose sources the report prints: the latest overall and the latest at each base."""
    ids = [i.incident_id for i in incidents[:latest_rows]]
    for base in _bases(incidents):
        ids.extend(i.incident_id for i in base.incidents[:per_base_rows])
    return list(dict.fromkeys(ids))


def _describe(db_name: str, f: IncidentFilter) -> str:
    parts = [f"from {db_name}"]
    if f.since or f.until:
        parts.append(f"attacks {f.since or '…'} to {f.until or '…'}")
    if f.base:
        parts.append(f"base contains “{f.base}”")
    if f.countries:
        parts.append("country " + " or ".join(f.countries))
    if f.weapons:
        parts.append("weapon " + " or ".join(f.weapons))
    if f.min_sources:
        parts.append(f"at least {f.min_sources} independent sources")
    return "; ".join(parts)


# ---------------------------------------------------------------- the page

def render_report(data: ReportData, progress: ReportProgress | None = None) -> str:
    """The whole report as one HTML string (pure: same data, same page)."""
    step = progress or (lambda *_: None)
    incidents = list(data.incidents)
    bases = _bases(incidents)
    step("drawing map and timeline", 0, 2)
    map_svg = render_map(bases)
    step("drawing map and timeline", 1, 2)
    timeline_svg = render_timeline(incidents)
    step("drawing map and timeline", 2, 2)
    sections = []
    for n, base in enumerate(bases, start=1):
        sections.append(_base_section(base, data.sources, data.per_base_rows))
        if n % 25 == 0 or n == len(bases):
            step("writing base sections", n, len(bases))
    generated = data.generated_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{escape(data.title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{escape(data.title)}</h1>
<p class="sub">{escape(data.subtitle)} · generated {generated}</p>
{_summary(incidents, bases)}
</header>
<main>
<section id="map" class="card">
<h2>Where</h2>
<p class="note">Each marker is a base: its area grows with the number of attacks, its slices show the weapons
reported. Hover a marker for details; click it to jump to the base.</p>
{map_svg}
{_weapon_legend(incidents)}
</section>
<section id="timeline" class="card">
<h2>When</h2>
<p class="note">Attacks per {_bucket_name(incidents)} by country{_undated_note(incidents)}.</p>
{timeline_svg}
</section>
<section id="latest" class="card">
<h2>Latest incidents</h2>
{_latest_table(incidents[:data.latest_rows], data.sources, len(incidents))}
</section>
<section id="bases">
<h2>By base</h2>
{''.join(sections) if sections else '<p class="note">No incidents.</p>'}
</section>
</main>
<footer>basewatch report · {len(incidents)} incidents at {len(bases)} bases · map outlines: Natural Earth
(public domain), simplified · figures are as reported by the press and may be revised</footer>
</body>
</html>
"""


def _summary(incidents: list[Incident], bases: list[_Base]) -> str:
    dated = [i.attack_date for i in incidents if i.attack_date]
    span = f"{min(dated):%d %b %Y} – {max(dated):%d %b %Y}" if dated else "no dated attacks"
    killed = sum(i.killed or 0 for i in incidents)
    wounded = sum(i.wounded or 0 for i in incidents)
    countries = {i.country for i in incidents if i.country}
    cards = [(len(incidents), "incidents"), (len(bases), "bases"), (len(countries), "countries"),
             (killed, "killed"), (wounded, "wounded")]
    items = "".join(f'<div class="stat"><b>{n:,}</b><span>{label}</span></div>' for n, label in cards)
    return f'<div class="stats">{items}<div class="stat wide"><b>{escape(span)}</b><span>attack dates</span></div></div>'


def _bases(incidents: Sequence[Incident]) -> list[_Base]:
    """Incidents grouped by base (newest first within each), bases with most attacks first."""
    grouped: dict[str, _Base] = {}
    for incident in incidents:
        key = incident.base.casefold()
        base = grouped.get(key)
        if base is None:
            base = grouped[key] = _Base(incident.base, incident.country, incident.latitude, incident.longitude)
        if base.latitude is None and incident.latitude is not None:
            base.latitude, base.longitude = incident.latitude, incident.longitude
        base.country = base.country or incident.country
        base.incidents.append(incident)
    return sorted(grouped.values(), key=lambda b: (-len(b.incidents), b.name.casefold()))


# ---------------------------------------------------------------- map

MAP_W, MAP_H = 960, 540


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, tuple[tuple[float, ...], ...]], ...]:
    raw = json.loads(resources.files("flows").joinpath("report_assets/countries.json").read_text(encoding="utf-8"))
    return tuple((c["name"], tuple(tuple(r) for r in c["rings"])) for c in raw["countries"])


def _extent(bases: Sequence[_Base]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the located bases, padded and shaped to the map's aspect."""
    located = [(b.longitude, b.latitude) for b in bases if b.latitude is not None and b.longitude is not None]
    if not located:
        west, south, east, north = 25.0, 10.0, 65.0, 42.0  # the Middle East
    else:
        lons, lats = [p[0] for p in located], [p[1] for p in located]
        pad_lon = max(3.0, 0.12 * (max(lons) - min(lons)))
        pad_lat = max(2.5, 0.12 * (max(lats) - min(lats)))
        west, east = min(lons) - pad_lon, max(lons) + pad_lon
        south, north = min(lats) - pad_lat, max(lats) + pad_lat
        if east - west < 28:  # enough context around a few nearby bases to recognise the region
            mid = (east + west) / 2
            west, east = mid - 14, mid + 14
    k = math.cos(math.radians(max(-70.0, min(70.0, (north + south) / 2))))
    width, height = (east - west) * k, north - south
    aspect = MAP_W / MAP_H
    if width / height < aspect:  # too tall: widen
        extra = (height * aspect / k - (east - west)) / 2
        west, east = west - extra, east + extra
    else:  # too wide: heighten
        extra = (width / aspect - height) / 2
        south, north = south - extra, north + extra
    return west, south, east, north


class _Projection:
    """Equirectangular, scaled by the cosine of the middle latitude so shapes look right regionally."""

    def __init__(self, extent: tuple[float, float, float, float]):
        self.west, self.south, self.east, self.north = extent
        self.sx = MAP_W / (self.east - self.west)
        self.sy = MAP_H / (self.north - self.south)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.sx, (self.north - lat) * self.sy


def render_map(bases: Sequence[_Base]) -> str:
    extent = _extent(bases)
    project = _Projection(extent)
    west, south, east, north = extent
    attacked = {b.country for b in bases if b.country}
    land, country_labels = [], []
    for name, rings in _countries():
        paths, largest = [], (0.0, 0.0, 0.0)
        for ring in rings:
            lons, lats = ring[0::2], ring[1::2]
            if max(lons) < west - 1 or min(lons) > east + 1 or max(lats) < south - 1 or min(lats) > north + 1:
                continue
            points = [project(x, y) for x, y in zip(lons, lats)]
            paths.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
            area, cx, cy = _area_centroid(points)
            if area > largest[0]:
                largest = (area, cx, cy)
        if paths:
            css = "land hit" if name in attacked or _alias(name) in attacked else "land"
            land.append(f'<path class="{css}" d="{"".join(paths)}"><title>{escape(name)}</title></path>')
            area, cx, cy = largest
            width = 6.5 * len(name) + 8
            if area > max(2500.0, width * width * 0.9) and width / 2 < cx < MAP_W - width / 2 and 20 < cy < MAP_H - 20:
                country_labels.append(f'<text class="country-label" x="{cx:.1f}" y="{cy:.1f}" '
                                      f'text-anchor="middle">{escape(name.upper())}</text>')
    grid, grid_labels = [], []
    spacing = 5 if east - west <= 60 else 10 if east - west <= 140 else 30
    for lon in range(math.ceil(west / spacing) * spacing, math.floor(east) + 1, spacing):
        x, _ = project(lon, 0)
        grid.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{MAP_H}"/>')
        grid_labels.append(f'<text class="grid-label" x="{x + 3:.1f}" y="{MAP_H - 6}">{_deg(lon, "E", "W")}</text>')
    for lat in range(math.ceil(south / spacing) * spacing, math.floor(north) + 1, spacing):
        _, y = project(0, lat)
        grid.append(f'<line x1="0" y1="{y:.1f}" x2="{MAP_W}" y2="{y:.1f}"/>')
        grid_labels.append(f'<text class="grid-label" x="4" y="{y - 3:.1f}">{_deg(lat, "N", "S")}</text>')
    located = [b for b in bases if b.latitude is not None and b.longitude is not None]
    most = max((len(b.incidents) for b in located), default=1)
    markers, labels = [], []
    ranked = sorted(located, key=lambda b: (-len(b.incidents), b.name))
    placed = [(x - r, y - r, x + r, y + r) for b in ranked
              for (x, y), r in [(project(b.longitude, b.latitude), _radius(len(b.incidents), most))]]
    for rank, base in enumerate(ranked):
        x, y = project(base.longitude, base.latitude)
        r = _radius(len(base.incidents), most)
        markers.append(_marker(base, x, y, r))
        if rank < 15:
            label = _place_label(base.name, x, y, r, placed)
            if label:
                labels.append(label)
    unplaced = len(bases) - len(located)
    note = (f'<text class="map-note" x="{MAP_W - 8}" y="18" text-anchor="end">{unplaced} base(s) without '
            'coordinates are not shown</text>' if unplaced else "")
    size_legend = _size_legend(most)
    return (f'<svg class="map" viewBox="0 0 {MAP_W} {MAP_H}" role="img" aria-label="Map of attacked bases">'
            f'<defs><clipPath id="frame"><rect width="{MAP_W}" height="{MAP_H}"/></clipPath></defs>'
            f'<rect class="sea" width="{MAP_W}" height="{MAP_H}"/>'
            f'<g clip-path="url(#frame)">{"".join(land)}<g class="grid">{"".join(grid)}</g>{"".join(grid_labels)}'
            f'{"".join(country_labels)}'
            f'<g class="markers">{"".join(reversed(markers))}</g><g>{"".join(labels)}</g></g>'
            f'{note}{size_legend}<rect class="frame" width="{MAP_W}" height="{MAP_H}"/></svg>')


def _area_centroid(points: Sequence[tuple[float, float]]) -> tuple[float, float, float]:
    """Area and centroid of a closed ring (shoelace formula), in projected pixels."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(area) < 1e-9:
        return 0.0, 0.0, 0.0
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def _place_label(name: str, x: float, y: float, r: float,
                 placed: list[tuple[float, float, float, float]]) -> str | None:
    """A base label beside its marker, on whichever side (right, left, above, below) overlaps nothing."""
    w, h = 7.0 * len(name) + 4, 14.0
    candidates = ((x + r + 3, y + 4, "start"), (x - r - 3, y + 4, "end"),
                  (x, y - r - 5, "middle"), (x, y + r + 14, "middle"))
    for tx, ty, anchor in candidates:
        left = tx if anchor == "start" else tx - w if anchor == "end" else tx - w / 2
        box = (left, ty - h + 3, left + w, ty + 3)
        inside = box[0] >= 2 and box[2] <= MAP_W - 2 and box[1] >= 2 and box[3] <= MAP_H - 2
        if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            placed.append(box)
            return (f'<text class="base-label" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">'
                    f'{escape(name)}</text>')
    return None


def _alias(natural_earth_name: str) -> str:
    return {"United States of America": "United States", "Dem. Rep. Congo": "Democratic Republic of the Congo",
            "Central African Rep.": "Central African Republic", "S. Sudan": "South Sudan",
            "United Arab Emirates": "United Arab Emirates"}.get(natural_earth_name, natural_earth_name)


def _deg(value: int, positive: str, negative: str) -> str:
    return f"{abs(value)}°{positive if value > 0 else negative if value < 0 else ''}"


def _radius(count: int, most: int) -> float:
    return min(28.0, 6.5 + 3.5 * math.sqrt(count - 1))


def _marker(base: _Base, x: float, y: float, r: float) -> str:
    counts = base.weapon_counts
    total = sum(counts.values())
    dates = [i.attack_date for i in base.incidents if i.attack_date]
    tip = (f"{base.name} ({base.country or 'country unknown'}): {len(base.incidents)} attack"
           f"{'s' if len(base.incidents) != 1 else ''}; "
           + ", ".join(f"{w.replace('_', ' ')} {n}" for w, n in counts.most_common())
           + (f"; last {max(dates)}" if dates else ""))
    if len(counts) == 1:
        weapon = next(iter(counts))
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{_colour(weapon)}"/>'
    else:
        shape, angle = "", -math.pi / 2
        for weapon, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            sweep = 2 * math.pi * n / total
            x1, y1 = x + r * math.cos(angle), y + r * math.sin(angle)
            x2, y2 = x + r * math.cos(angle + sweep), y + r * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            shape += (f'<path d="M{x:.1f} {y:.1f}L{x1:.1f} {y1:.1f}A{r:.1f} {r:.1f} 0 {large} 1 {x2:.1f} {y2:.1f}Z"'
                      f' fill="{_colour(weapon)}"/>')
            angle += sweep
        shape += f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="none"/>'
    return f'<a href="#{_anchor(base.name)}" class="marker"><title>{escape(tip)}</title>{shape}</a>'


def _size_legend(most: int) -> str:
    steps = sorted({1, max(1, most // 2), most}) if most > 1 else [1]
    x, parts = 14.0, []
    biggest = _radius(steps[-1], most)
    base_y = MAP_H - 14 - biggest
    box_w = 24 + sum(2 * _radius(n, most) + 34 for n in steps)
    parts.append(f'<rect class="legend-box" x="6" y="{base_y - biggest - 24:.1f}" width="{box_w:.1f}" '
                 f'height="{2 * biggest + 32:.1f}" rx="6"/>'
                 f'<text class="legend-title" x="14" y="{base_y - biggest - 10:.1f}">attacks per base</text>')
    for n in steps:
        r = _radius(n, most)
        x += r
        parts.append(f'<circle class="size-key" cx="{x:.1f}" cy="{base_y:.1f}" r="{r:.1f}"/>'
                     f'<text class="legend-text" x="{x + r + 4:.1f}" y="{base_y + 4:.1f}">{n}</text>')
        x += r + 34
    return f'<g class="size-legend">{"".join(parts)}</g>'


def _weapon_legend(incidents: Sequence[Incident]) -> str:
    counts = Counter(w for i in incidents for w in (i.weapons or ("unknown",)))
    if not counts:
        return ""
    items = "".join(f'<span class="chip"><i style="background:{_colour(w)}"></i>{escape(w.replace("_", " "))} '
                    f'<small>{n}</small></span>' for w, n in counts.most_common())
    return f'<div class="legend">{items}</div>'


def _colour(weapon: str) -> str:
    return WEAPON_COLOURS.get(weapon, WEAPON_COLOURS["unknown"])


# ---------------------------------------------------------------- timeline

TL_W, TL_H = 960, 280
TL_LEFT, TL_RIGHT, TL_TOP, TL_BOTTOM = 44, 150, 14, 40
MAX_WEEKS = 130


def _bucket_name(incidents: Sequence[Incident]) -> str:
    return "month" if _use_months(incidents) else "week (weeks start on Monday)"


def _use_months(incidents: Sequence[Incident]) -> bool:
    dated = [i.attack_date for i in incidents if i.attack_date]
    return bool(dated) and (max(dated) - min(dated)).days > MAX_WEEKS * 7


def _undated_note(incidents: Sequence[Incident]) -> str:
    undated = sum(1 for i in incidents if not i.attack_date)
    return f"; {undated} incident(s) without a known date are left out" if undated else ""


def _bucket(day: date, months: bool) -> date:
    return day.replace(day=1) if months else day - timedelta(days=day.weekday())


def _next_bucket(start: date, months: bool) -> date:
    if not months:
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def render_timeline(incidents: Sequence[Incident]) -> str:
    dated = [i for i in incidents if i.attack_date]
    if not dated:
        return '<p class="note">No dated attacks to plot.</p>'
    months = _use_months(dated)
    by_country = Counter(i.country or "unknown" for i in dated)
    top = [c for c, _ in by_country.most_common(len(COUNTRY_PALETTE) - 1)]
    if len(by_country) == len(COUNTRY_PALETTE):
        top = [c for c, _ in by_country.most_common()]
    colours = {c: COUNTRY_PALETTE[n] for n, c in enumerate(top)}
    series = top + (["other"] if len(by_country) > len(top) else [])
    colours["other"] = COUNTRY_PALETTE[-1]
    counts: dict[date, Counter] = defaultdict(Counter)
    for incident in dated:
        country = incident.country or "unknown"
        counts[_bucket(incident.attack_date, months)][country if country in colours else "other"] += 1
    first, last = min(counts), max(counts)
    buckets = [first]
    while buckets[-1] < last:
        buckets.append(_next_bucket(buckets[-1], months))
    highest = max(sum(c.values()) for c in counts.values())
    ticks = _nice_ticks(highest)
    top_value = ticks[-1]
    plot_w, plot_h = TL_W - TL_LEFT - TL_RIGHT, TL_H - TL_TOP - TL_BOTTOM
    slot = plot_w / len(buckets)
    bar_w = max(1.0, min(28.0, slot * 0.78))
    parts = []
    for value in ticks:
        y = TL_TOP + plot_h - plot_h * value / top_value
        parts.append(f'<line class="tick" x1="{TL_LEFT}" y1="{y:.1f}" x2="{TL_LEFT + plot_w}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{TL_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    label_every = max(1, math.ceil(len(buckets) / 12))
    for n, start in enumerate(buckets):
        x = TL_LEFT + n * slot + (slot - bar_w) / 2
        y = TL_TOP + plot_h
        bucket_counts = counts.get(start, Counter())
        for country in series:
            value = bucket_counts.get(country, 0)
            if not value:
                continue
            h = plot_h * value / top_value
            y -= h
            period = f"{start:%B %Y}" if months else f"week of {start:%d %b %Y}"
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{colours[country]}"><title>{escape(country)}: {value} attack'
                         f'{"s" if value != 1 else ""}, {period}</title></rect>')
        if n % label_every == 0:
            label = f"{start:%b %Y}" if months else f"{start:%d %b}"
            if not months and (n == 0 or start.month == 1 and start.day <= 7):
                label = f"{start:%d %b %Y}"
            cx = TL_LEFT + n * slot + slot / 2
            parts.append(f'<line class="tick-mark" x1="{cx:.1f}" y1="{TL_TOP + plot_h}" x2="{cx:.1f}" '
                         f'y2="{TL_TOP + plot_h + 4}"/><text class="axis" x="{cx:.1f}" y="{TL_TOP + plot_h + 18}" '
                         f'text-anchor="middle">{label}</text>')
    parts.append(f'<line class="baseline" x1="{TL_LEFT}" y1="{TL_TOP + plot_h}" x2="{TL_LEFT + plot_w}" '
                 f'y2="{TL_TOP + plot_h}"/>')
    legend_x = TL_W - TL_RIGHT + 18
    for n, country in enumerate(series):
        y = TL_TOP + 8 + n * 22
        total = sum(c.get(country, 0) for c in counts.values())
        parts.append(f'<rect x="{legend_x}" y="{y}" width="12" height="12" rx="2" fill="{colours[country]}"/>'
                     f'<text class="legend-text" x="{legend_x + 18}" y="{y + 10}">{escape(country)} '
                     f'<tspan class="muted">{total}</tspan></text>')
    return (f'<svg class="timeline" viewBox="0 0 {TL_W} {TL_H}" role="img" aria-label="Attacks over time by '
            f'country">{"".join(parts)}</svg>')


def _nice_ticks(highest: int) -> list[int]:
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        step = candidate
        if highest / candidate <= 5:
            break
    else:
        step = 10 ** math.ceil(math.log10(max(highest, 1) / 5))
    top = max(step, math.ceil(highest / step) * step)
    return list(range(0, top + 1, step))


# ---------------------------------------------------------------- tables

def _latest_table(incidents: Sequence[Incident], sources: dict[str, tuple[IncidentSource, ...]],
                  total: int) -> str:
    if not incidents:
        return '<p class="note">No incidents match.</p>'
    rows = []
    for i in incidents:
        backing = sources.get(i.incident_id, ())
        evidence = next((s.evidence for s in backing if s.is_primary and s.evidence),
                        next((s.evidence for s in backing if s.evidence), ""))
        rows.append(
            f'<tr id="{escape(i.incident_id)}"><td class="date">{_day(i)}</td>'
            f'<td><a href="#{_anchor(i.base)}">{escape(i.base)}</a><br><small>{escape(i.country or "")}</small></td>'
            f'<td>{_weapon_chips(i.weapons)}</td>'
            f'<td class="num">{_num(i.projectiles)}</td><td class="num">{_num(i.killed)}</td>'
            f'<td class="num">{_num(i.wounded)}</td><td>{_attribution(i)}</td>'
            f'<td class="evidence">{_quote(evidence)}{_source_links(backing)}</td></tr>')
    more = (f'<p class="note">Showing the latest {len(incidents)} of {total} incidents; every incident is in its '
            'base section below and in <code>basewatch export</code>.</p>' if total > len(incidents) else "")
    return (f'<div class="table-wrap"><table class="incidents"><thead><tr><th>attack date</th><th>base</th>'
            '<th>weapons</th><th class="num">projectiles</th><th class="num">killed</th><th class="num">wounded</th>'
            '<th>claimed / suspected</th><th>evidence and sources</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>{more}')


def _base_section(base: _Base, sources: dict[str, tuple[IncidentSource, ...]], per_base_rows: int) -> str:
    dates = sorted(i.attack_date for i in base.incidents if i.attack_date)
    killed = sum(i.killed or 0 for i in base.incidents)
    wounded = sum(i.wounded or 0 for i in base.incidents)
    where = (f"{abs(base.latitude):.2f}°{'N' if base.latitude >= 0 else 'S'}, "
             f"{abs(base.longitude):.2f}°{'E' if base.longitude >= 0 else 'W'}"
             if base.latitude is not None and base.longitude is not None else "coordinates unknown")
    span = f"{dates[0]} to {dates[-1]}" if len(dates) > 1 else (str(dates[0]) if dates else "dates unknown")
    counts = base.weapon_counts
    total = sum(counts.values())
    bar = "".join(f'<i style="width:{100 * n / total:.1f}%;background:{_colour(w)}" '
                  f'title="{escape(w.replace("_", " "))}: {n}"></i>' for w, n in counts.most_common())
    items = []
    for i in base.incidents[:per_base_rows]:
        backing = sources.get(i.incident_id, ())
        links = _source_links(backing, compact=True)
        items.append(f'<li><span class="date">{_day(i)}</span> {_weapon_chips(i.weapons)} '
                     f'{_casualties(i)}{"<br>" + links if links else ""}</li>')
    hidden = len(base.incidents) - per_base_rows
    more = f'<li class="muted">and {hidden} earlier incident{"s" if hidden != 1 else ""}</li>' if hidden > 0 else ""
    n = len(base.incidents)
    return (f'<article class="base card" id="{_anchor(base.name)}"><h3>{escape(base.name)} '
            f'<small>{escape(base.country or "")}</small></h3>'
            f'<p class="facts"><b>{n}</b> attack{"s" if n != 1 else ""} · {escape(span)} · killed {killed} · '
            f'wounded {wounded} · {where}</p><div class="mix">{bar}</div><ul>{"".join(items)}{more}</ul></article>')


def _anchor(base: str) -> str:
    return "base-" + base_slug(base)


def _day(i: Incident) -> str:
    if not i.attack_date:
        return '<span class="muted">unknown</span>'
    text = f"{i.attack_date:%Y-%m}" if i.date_precision == "month" else i.attack_date.isoformat()
    return f"<time>{text}</time>"


def _num(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _weapon_chips(weapons: Sequence[str]) -> str:
    return "".join(f'<span class="w" style="border-color:{_colour(w)};color:{_colour(w)}">'
                   f'{escape(w.replace("_", " "))}</span>' for w in (weapons or ("unknown",)))


def _attribution(i: Incident) -> str:
    parts = []
    if i.claimed_by:
        parts.append(f"claimed: {escape(i.claimed_by)}")
    if i.suspected:
        parts.append(f"suspected: {escape(i.suspected)}")
    return "<br>".join(parts) or '<span class="muted">—</span>'


def _casualties(i: Incident) -> str:
    parts = [f"{label} {value}" for label, value in (("projectiles", i.projectiles), ("killed", i.killed),
                                                     ("wounded", i.wounded)) if value is not None]
    return f'<span class="muted">{", ".join(parts)}</span> ' if parts else ""


def _quote(evidence: str | None) -> str:
    return f"<q>{escape(evidence)}</q>" if evidence else ""


def _source_links(backing: Sequence[IncidentSource], compact: bool = False) -> str:
    if not backing:
        return ""
    links = []
    for s in backing:
        label = escape(urlsplit(s.article_url).netloc if compact else (s.title or s.article_url))
        kind = "" if s.is_primary else ' <small class="muted">(background)</small>'
        href = _safe_href(s.article_url)
        published = f" <small class=\"muted\">{s.published_at:%Y-%m-%d}</small>" if s.published_at and not compact else ""
        links.append(f'<a href="{href}" rel="noopener noreferrer">{label}</a>{kind}{published}'
                     if href else f"{label}{kind}")
    if compact:
        return f'<span class="srcs"><span class="muted">sources:</span> {" · ".join(links)}</span>'
    return f'<ul class="srcs"><li>{"</li><li>".join(links)}</li></ul>'


def _safe_href(url: str) -> str | None:
    """Only web links: a stored URL can never become a script or a local-file link in the report."""
    return escape(url, quote=True) if urlsplit(url).scheme in ("http", "https") else None


_CSS = """
:root{--ink:#1d2430;--muted:#6b7380;--line:#e3e6ea;--bg:#f5f6f8;--card:#fff;--accent:#2e86ab}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif}
header{background:#1d2430;color:#fff;padding:22px 32px 18px}
header h1{margin:0;font-size:24px;font-weight:650;letter-spacing:.2px}
header .sub{margin:4px 0 14px;color:#aab3c0;font-size:13px}
.stats{display:flex;flex-wrap:wrap;gap:10px}
.stat{background:#2a3342;border-radius:8px;padding:8px 14px;min-width:96px}
.stat b{display:block;font-size:20px;font-weight:650}
.stat span{color:#aab3c0;font-size:12px;text-transform:uppercase;letter-spacing:.6px}
.stat.wide b{font-size:16px;padding-top:3px}
main{max-width:1100px;margin:0 auto;padding:18px 24px 8px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:0 0 18px;
box-shadow:0 1px 2px rgba(0,0,0,.04)}
h2{margin:0 0 4px;font-size:18px}
#bases>h2{margin:6px 0 10px;grid-column:1/-1}
#bases{display:grid;grid-template-columns:repeat(auto-fill,minmax(470px,1fr));gap:0 18px}
.note{margin:0 0 10px;color:var(--muted);font-size:13px}
svg{display:block;width:100%;height:auto}
.sea{fill:#dce9f0}.frame{fill:none;stroke:#b9c4cc}
.land{fill:#f4f1ea;stroke:#b7b0a2;stroke-width:.6}.land.hit{fill:#ece4d2}
.grid line{stroke:#7f9fb3;stroke-opacity:.22;stroke-width:.6}.grid-label{font-size:10px;fill:#7f97a6}
.marker circle,.marker path{stroke:#fff;stroke-width:1.3;fill-opacity:.9}
.marker:hover circle,.marker:hover path{stroke:#1d2430}
.base-label{font-size:12px;font-weight:600;fill:#1d2430;paint-order:stroke;stroke:#fff;stroke-width:3px;
stroke-linejoin:round}
.country-label{font-size:11px;letter-spacing:1.5px;fill:#a89f8c;font-weight:600}
.map-note{font-size:11px;fill:var(--muted)}
.legend-box{fill:#fff;fill-opacity:.88;stroke:#d4d9de}.legend-title{font-size:11px;fill:var(--muted)}
.legend-text{font-size:12px;fill:var(--ink)}.size-key{fill:#8a8f98;fill-opacity:.35;stroke:#6b7380}
.legend{display:flex;flex-wrap:wrap;gap:8px 16px;margin-top:10px;font-size:13px}
.chip i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:5px;vertical-align:-1px}
.chip small{color:var(--muted)}
.tick{stroke:#eef0f3}.baseline{stroke:#9aa0a6}.tick-mark{stroke:#9aa0a6}.axis{font-size:11px;fill:var(--muted)}
.muted{color:var(--muted);fill:var(--muted)}
.table-wrap{overflow-x:auto}
table.incidents{border-collapse:collapse;width:100%;font-size:13.5px}
.incidents th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;
letter-spacing:.4px;border-bottom:2px solid var(--line);padding:6px 8px}
.incidents td{border-bottom:1px solid var(--line);padding:8px;vertical-align:top}
.incidents tr:target{background:#fff8e1}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.date,.date{white-space:nowrap;font-variant-numeric:tabular-nums}
td.evidence{width:38%;min-width:260px}
.incidents td:nth-child(2){min-width:130px}.incidents td:nth-child(7){min-width:110px}
q{font-style:italic;color:#39414d}
ul.srcs{margin:4px 0 0;padding-left:16px;font-size:12.5px}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.w{display:inline-block;border:1px solid;border-radius:10px;padding:0 7px;font-size:12px;margin:0 3px 2px 0;
white-space:nowrap;background:#fff}
article.base h3{margin:0;font-size:16px}article.base h3 small{color:var(--muted);font-weight:400;margin-left:6px}
.facts{margin:2px 0 8px;color:var(--muted);font-size:13px}.facts b{color:var(--ink)}
.mix{display:flex;height:6px;border-radius:3px;overflow:hidden;margin-bottom:8px;background:var(--line)}
.mix i{display:block;height:100%}
article.base ul{margin:0;padding-left:18px;font-size:13.5px}article.base li{margin:3px 0}
.srcs{font-size:12.5px}
code{background:#eef0f3;border-radius:4px;padding:0 4px}
footer{max-width:1100px;margin:0 auto;padding:4px 24px 28px;color:var(--muted);font-size:12px}
"""
