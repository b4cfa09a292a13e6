"""Webhook alerts as data: which incidents deserve one, and the JSON body each one carries.

Rules: a new incident gets one alert; a stored incident gets another only when a run changes its killed
or wounded figures. The alert id is a hash of the incident id and both figures, so queuing the same
alert twice (a re-run, a retried run) adds nothing, and a later change of figures is a new alert.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from extractors.records import Incident

Casualties = tuple[int | None, int | None]


@dataclass(frozen=True)
class Alert:
    alert_id: str
    incident_id: str
    kind: str  # "new" | "revised"
    payload: str  # JSON


def alert_id(incident: Incident) -> str:
    key = f"{incident.incident_id}|{incident.killed}|{incident.wounded}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def alerts_for(new: Sequence[Incident], updated: Sequence[Incident],
               before: Mapping[str, Casualties]) -> list[Alert]:
    """One alert per new incident, and per updated incident whose casualties differ from `before`."""
    alerts = [Alert(alert_id(i), i.incident_id, "new", payload(i, "new")) for i in new]
    for incident in updated:
        previous = before.get(incident.incident_id)
        if previous is not None and previous != (incident.killed, incident.wounded):
            alerts.append(Alert(alert_id(incident), incident.incident_id, "revised",
                                payload(incident, "revised", previous)))
    return alerts


def payload(incident: Incident, kind: str, previous: Casualties | None = None) -> str:
    body: dict[str, object] = {"event": f"incident.{kind}", "incident": _plain(dataclasses.asdict(incident))}
    if previous is not None:
        body["previous"] = {"killed": previous[0], "wounded": previous[1]}
    return json.dumps(body, sort_keys=True)


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value
