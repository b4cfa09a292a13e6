"""The map: inline SVG of coarse Natural Earth outlines (`countries.json`, rebuilt by `make_countries.py`)
with one marker per base, its area growing with the attacks there and its slices showing the weapons."""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from html import escape
from importlib import resources

from extractors.records import Incident
from flows.report.bases import Base, anchor, colour

MAP_W, MAP_H = 960, 540


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, tuple[tuple[float, ...], ...]], ...]:
    raw = json.loads(resources.files("flows.report").joinpath("countries.json").read_text(encoding="utf-8"))
    return tuple((c["name"], tuple(tuple(r) for r in c["rings"])) for c in raw["countries"])


def _extent(bases: Sequence[Base]) -> tuple[float, float, float, float]:
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


def render_map(bases: Sequence[Base]) -> str:
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
    for tx, ty, side in candidates:
        left = tx if side == "start" else tx - w if side == "end" else tx - w / 2
        box = (left, ty - h + 3, left + w, ty + 3)
        inside = box[0] >= 2 and box[2] <= MAP_W - 2 and box[1] >= 2 and box[3] <= MAP_H - 2
        if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            placed.append(box)
            return (f'<text class="base-label" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{side}">'
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


def _marker(base: Base, x: float, y: float, r: float) -> str:
    counts = base.weapon_counts
    total = sum(counts.values())
    dates = [i.attack_date for i in base.incidents if i.attack_date]
    tip = (f"{base.name} ({base.country or 'country unknown'}): {len(base.incidents)} attack"
           f"{'s' if len(base.incidents) != 1 else ''}; "
           + ", ".join(f"{w.replace('_', ' ')} {n}" for w, n in counts.most_common())
           + (f"; last {max(dates)}" if dates else ""))
    if len(counts) == 1:
        weapon = next(iter(counts))
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour(weapon)}"/>'
    else:
        shape, angle = "", -math.pi / 2
        for weapon, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            sweep = 2 * math.pi * n / total
            x1, y1 = x + r * math.cos(angle), y + r * math.sin(angle)
            x2, y2 = x + r * math.cos(angle + sweep), y + r * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            shape += (f'<path d="M{x:.1f} {y:.1f}L{x1:.1f} {y1:.1f}A{r:.1f} {r:.1f} 0 {large} 1 {x2:.1f} {y2:.1f}Z"'
                      f' fill="{colour(weapon)}"/>')
            angle += sweep
        shape += f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="none"/>'
    return f'<a href="#{anchor(base.name)}" class="marker"><title>{escape(tip)}</title>{shape}</a>'


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


def weapon_legend(incidents: Sequence[Incident]) -> str:
    counts = Counter(w for i in incidents for w in (i.weapons or ("unknown",)))
    if not counts:
        return ""
    items = "".join(f'<span class="chip"><i style="background:{colour(w)}"></i>{escape(w.replace("_", " "))} '
                    f'<small>{n}</small></span>' for w, n in counts.most_common())
    return f'<div class="legend">{items}</div>'
