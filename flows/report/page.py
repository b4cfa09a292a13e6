"""The report page: one self-contained HTML file with a map, a timeline, the latest incidents and a section
per base. It loads nothing (no scripts, fonts, tiles or CDN), and a strict Content-Security-Policy in the
page forbids any request should a later edit try to add one. Everything here is pure: same data, same page.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from importlib import resources
from urllib.parse import urlsplit

from extractors.arabic import language
from extractors.records import Incident
from flows.report.bases import Base, anchor, colour, group_by_base
from flows.report.map import render_map, weapon_legend
from flows.report.timeline import bucket_name, render_timeline, undated_note
from storage.database import IncidentFilter
from storage.export import IncidentSource

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
LATEST_ROWS = 40
PER_BASE_ROWS = 8

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


def shown_incident_ids(incidents: Sequence[Incident], latest_rows: int = LATEST_ROWS,
                       per_base_rows: int = PER_BASE_ROWS) -> list[str]:
    """The incidents whose sources the report prints: the latest overall and the latest at each base."""
    ids = [i.incident_id for i in incidents[:latest_rows]]
    for base in group_by_base(incidents):
        ids.extend(i.incident_id for i in base.incidents[:per_base_rows])
    return list(dict.fromkeys(ids))


def describe_filters(db_name: str, f: IncidentFilter) -> str:
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


def render_report(data: ReportData, progress: ReportProgress | None = None) -> str:
    """The whole report as one HTML string (pure: same data, same page)."""
    step = progress or (lambda *_: None)
    incidents = list(data.incidents)
    bases = group_by_base(incidents)
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
<style>{_css()}</style>
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
{weapon_legend(incidents)}
</section>
<section id="timeline" class="card">
<h2>When</h2>
<p class="note">Attacks per {bucket_name(incidents)} by country{undated_note(incidents)}.</p>
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


def _summary(incidents: list[Incident], bases: list[Base]) -> str:
    dated = [i.attack_date for i in incidents if i.attack_date]
    span = f"{min(dated):%d %b %Y} – {max(dated):%d %b %Y}" if dated else "no dated attacks"
    killed = sum(i.killed or 0 for i in incidents)
    wounded = sum(i.wounded or 0 for i in incidents)
    countries = {i.country for i in incidents if i.country}
    cards = [(len(incidents), "incidents"), (len(bases), "bases"), (len(countries), "countries"),
             (killed, "killed"), (wounded, "wounded")]
    items = "".join(f'<div class="stat"><b>{n:,}</b><span>{label}</span></div>' for n, label in cards)
    return f'<div class="stats">{items}<div class="stat wide"><b>{escape(span)}</b><span>attack dates</span></div></div>'


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
            f'<td><a href="#{anchor(i.base)}">{escape(i.base)}</a><br><small>{escape(i.country or "")}</small></td>'
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


def _base_section(base: Base, sources: dict[str, tuple[IncidentSource, ...]], per_base_rows: int) -> str:
    dates = sorted(i.attack_date for i in base.incidents if i.attack_date)
    killed = sum(i.killed or 0 for i in base.incidents)
    wounded = sum(i.wounded or 0 for i in base.incidents)
    where = (f"{abs(base.latitude):.2f}°{'N' if base.latitude >= 0 else 'S'}, "
             f"{abs(base.longitude):.2f}°{'E' if base.longitude >= 0 else 'W'}"
             if base.latitude is not None and base.longitude is not None else "coordinates unknown")
    span = f"{dates[0]} to {dates[-1]}" if len(dates) > 1 else (str(dates[0]) if dates else "dates unknown")
    counts = base.weapon_counts
    total = sum(counts.values())
    bar = "".join(f'<i style="width:{100 * n / total:.1f}%;background:{colour(w)}" '
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
    return (f'<article class="base card" id="{anchor(base.name)}"><h3>{escape(base.name)} '
            f'<small>{escape(base.country or "")}</small></h3>'
            f'<p class="facts"><b>{n}</b> attack{"s" if n != 1 else ""} · {escape(span)} · killed {killed} · '
            f'wounded {wounded} · {where}</p><div class="mix">{bar}</div><ul>{"".join(items)}{more}</ul></article>')


def _day(i: Incident) -> str:
    if not i.attack_date:
        return '<span class="muted">unknown</span>'
    text = f"{i.attack_date:%Y-%m}" if i.date_precision == "month" else i.attack_date.isoformat()
    return f"<time>{text}</time>"


def _num(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _weapon_chips(weapons: Sequence[str]) -> str:
    return "".join(f'<span class="w" style="border-color:{colour(w)};color:{colour(w)}">'
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
    return f"<q{_direction(evidence)}>{escape(evidence)}</q>" if evidence else ""


def _direction(text: str) -> str:
    """Attributes for text quoted from a source: Arabic is laid out right to left and tagged as Arabic (for
    fonts, quotation marks and screen readers); English inherits the page's."""
    return ' dir="rtl" lang="ar"' if language(text) == "ar" else ""


def _source_links(backing: Sequence[IncidentSource], compact: bool = False) -> str:
    if not backing:
        return ""
    links = []
    for s in backing:
        label = escape(urlsplit(s.article_url).netloc if compact else (s.title or s.article_url))
        direction = "" if compact else _direction(s.title or "")
        kind = "" if s.is_primary else ' <small class="muted">(background)</small>'
        href = _safe_href(s.article_url)
        published = f" <small class=\"muted\">{s.published_at:%Y-%m-%d}</small>" if s.published_at and not compact else ""
        links.append(f'<a href="{href}" rel="noopener noreferrer"{direction}>{label}</a>{kind}{published}' if href
                     else f"<span{direction}>{label}</span>{kind}" if direction else f"{label}{kind}")
    if compact:
        return f'<span class="srcs"><span class="muted">sources:</span> {" · ".join(links)}</span>'
    return f'<ul class="srcs"><li>{"</li><li>".join(links)}</li></ul>'


def _safe_href(url: str) -> str | None:
    """Only web links: a stored URL can never become a script or a local-file link in the report."""
    return escape(url, quote=True) if urlsplit(url).scheme in ("http", "https") else None


def _css() -> str:
    return resources.files("flows.report").joinpath("report.css").read_text(encoding="utf-8")
