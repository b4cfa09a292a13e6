"""Rebuild countries.json, the report map's coarse outlines, from Natural Earth via world-atlas.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python flows/report/make_countries.py package/countries-110m.json > flows/report/countries.json

Decodes the TopoJSON, simplifies every ring (Douglas-Peucker, 0.1 degree) and rounds coordinates to
0.1 degree (about 11 km): plenty for a context map, and small enough to embed in every report.
Not imported by basewatch; kept so the data file can be reproduced.
"""
from __future__ import annotations

import json
import sys

TOLERANCE = 0.1


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    far, far_index = -1.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > far:
            far, far_index = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[:far_index + 1], tolerance)[:-1] + simplify(points[far_index:], tolerance)


def country_rings(geometry: dict, arcs) -> list[list[float]]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings = []
    for polygon in polygons:
        for ring in polygon:
            points = ring_points(ring, arcs)
            if max(x for x, _ in points) - min(x for x, _ in points) > 180:  # crosses the antimeridian
                points = [(x + 360 if x < 0 else x, y) for x, y in points]
            # split closed rings in two halves so the simplifier keeps their shape
            half = len(points) // 2
            simple = simplify(points[:half + 1], TOLERANCE)[:-1] + simplify(points[half:], TOLERANCE)
            flat: list[float] = []
            for x, y in simple:
                x, y = round(x, 1), round(y, 1)
                if flat[-2:] != [x, y]:
                    flat += [x, y]
            if len(flat) >= 8:
                rings.append(flat)
    return rings


def main(path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or geometry["properties"]["name"] == "Antarctica":
            continue
        rings = country_rings(geometry, arcs)
        if rings:
            countries.append({"name": geometry["properties"]["name"], "rings": rings})
    countries.sort(key=lambda c: c["name"])
    json.dump({"source": "Natural Earth 1:110m admin-0 countries (public domain), via world-atlas 2.0.2 "
                         "(ISC, Mike Bostock); simplified to 0.1 degree by make_countries.py",
               "countries": countries}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
