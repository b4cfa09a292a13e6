"""The timeline: attacks per week (per month over long spans), stacked by country, as inline SVG."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from extractors.records import Incident

COUNTRY_PALETTE = ("#2e86ab", "#d1495b", "#edae49", "#4c9a5f", "#7b4fa8", "#f29e4c", "#3d5a80", "#9aa0a6")
TL_W, TL_H = 960, 280
TL_LEFT, TL_RIGHT, TL_TOP, TL_BOTTOM = 44, 150, 14, 40
MAX_WEEKS = 130


def bucket_name(incidents: Sequence[Incident]) -> str:
    return "month" if _use_months(incidents) else "week (weeks start on Monday)"


def _use_months(incidents: Sequence[Incident]) -> bool:
    dated = [i.attack_date for i in incidents if i.attack_date]
    return bool(dated) and (max(dated) - min(dated)).days > MAX_WEEKS * 7


def undated_note(incidents: Sequence[Incident]) -> str:
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
