"""What the page, the map and the timeline share: incidents grouped by base, each weapon's colour, and the
anchor each base section is linked by."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.dedup import base_slug
from extractors.records import Incident

WEAPON_COLOURS = {
    "rocket": "#d1495b", "mortar": "#8d6346", "drone": "#2e86ab", "missile": "#7b4fa8",
    "ied": "#f29e4c", "gunfire": "#4c9a5f", "ground_assault": "#d96aa7", "unknown": "#8a8f98",
}


@dataclass
class Base:
    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    incidents: list[Incident] = field(default_factory=list)

    @property
    def weapon_counts(self) -> Counter:
        return Counter(w for i in self.incidents for w in (i.weapons or ("unknown",)))


def group_by_base(incidents: Sequence[Incident]) -> list[Base]:
    """Incidents grouped by base (newest first within each), bases with most attacks first."""
    grouped: dict[str, Base] = {}
    for incident in incidents:
        key = incident.base.casefold()
        base = grouped.get(key)
        if base is None:
            base = grouped[key] = Base(incident.base, incident.country, incident.latitude, incident.longitude)
        if base.latitude is None and incident.latitude is not None:
            base.latitude, base.longitude = incident.latitude, incident.longitude
        base.country = base.country or incident.country
        base.incidents.append(incident)
    return sorted(grouped.values(), key=lambda b: (-len(b.incidents), b.name.casefold()))


def colour(weapon: str) -> str:
    return WEAPON_COLOURS.get(weapon, WEAPON_COLOURS["unknown"])


def anchor(base: str) -> str:
    return "base-" + base_slug(base)
