"""The incidents table as plain fixed-width text, fitted to the terminal it is printed on.

Real data has long base names ("Unnamed army camp in the village of Dioura"), long group names and ids
of 60 characters, so every column cannot always have its full width. What an analyst reads first (date,
base, country, weapons, killed, wounded) keeps its room; the rest gives way in a fixed order: attribution
wraps, then the id, the attribution and the counts of projectiles and sources are left out, and only then
do weapons, country and finally the base wrap, always between words. A footer names what was left out and
how to see it. Without a width (stdout is not a terminal, or `--wide`) every column has its full width.
"""
from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from extractors.records import Incident

GAP = "  "


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    numeric: bool = False
    wraps: bool = False  # may wrap, between words only
    separator: str = " "  # what separates the units a wrapped line never splits
    min_width: int = 0  # a wrapping column keeps at least this much (or its full width, if less)


COLUMNS = (
    Column("attack_date", "date"),
    Column("base", "base", wraps=True, min_width=22),
    Column("country", "country", wraps=True),
    Column("weapons", "weapons", wraps=True, separator=", ", min_width=14),
    Column("projectiles", "proj.", numeric=True),
    Column("killed", "killed", numeric=True),
    Column("wounded", "wounded", numeric=True),
    Column("claimed_by", "claimed by", wraps=True, min_width=16),
    Column("suspected", "suspected", wraps=True, min_width=16),
    Column("source_count", "sources", numeric=True),
    Column("independent_sources", "indep.", numeric=True),
    Column("incident_id", "incident id"),
)
_BY_FIELD = {c.field: c for c in COLUMNS}
# What gives way when the table is too wide, tried in this order until it fits: ("wrap", fields) narrows
# those columns to their minimum, ("drop", field) leaves one out.
_GIVE_WAY = (("wrap", ("claimed_by", "suspected")), ("drop", "incident_id"), ("drop", "suspected"),
             ("drop", "claimed_by"), ("drop", "independent_sources"), ("drop", "projectiles"),
             ("drop", "source_count"), ("wrap", ("weapons", "country")), ("wrap", ("base",)))
# Room left over after the table fits goes back to wrapped columns in this order.
_GROW = ("base", "weapons", "country", "claimed_by", "suspected")


def render_table(incidents: Sequence[Incident], width: int | None = None) -> str:
    """The table as text, every line at most `width` characters when it can be (`None`: no limit).

    Below ~50 columns even the minimum layout is wider than `width`; the table is then printed wider
    rather than cut into unreadable pieces.
    """
    cells = [{c.field: cell(getattr(i, c.field)) for c in COLUMNS} for i in incidents]
    for row in cells:
        row["weapons"] = row["weapons"].replace("_", " ")
    natural = {c.field: max([len(c.header)] + [len(row[c.field]) for row in cells]) for c in COLUMNS}
    shown, widths = _fit(natural, _minimum_widths(cells, natural), width)
    columns = [_BY_FIELD[f] for f in shown]
    lines = [_line([c.header for c in columns], columns, widths), _line(["-" * widths[c.field] for c in columns],
                                                                          columns, widths)]
    for row in cells:
        wrapped = [_wrap(row[c.field], widths[c.field], c.separator) if c.wraps else [row[c.field]]
                   for c in columns]
        for n in range(max(len(w) for w in wrapped)):
            lines.append(_line([w[n] if n < len(w) else "" for w in wrapped], columns, widths))
    if width is not None:
        lines.extend(_footer(len(incidents), [c.header for c in COLUMNS if c.field not in shown], width))
    return "\n".join(lines) + "\n"


def _fit(natural: dict[str, int], minimum: dict[str, int], width: int | None) -> tuple[list[str], dict[str, int]]:
    shown = [c.field for c in COLUMNS]
    widths = dict(natural)

    def total() -> int:
        return sum(widths[f] for f in shown) + len(GAP) * (len(shown) - 1)

    if width is None or total() <= width:
        return shown, widths
    for action, target in _GIVE_WAY:
        if action == "drop":
            shown.remove(target)
        else:
            widths.update({f: minimum[f] for f in target})
        if total() <= width:
            break
    spare = width - total()
    for f in _GROW:
        if f in shown and spare > 0:
            extra = min(spare, natural[f] - widths[f])
            widths[f] += extra
            spare -= extra
    return shown, widths


def _wrap(text: str, width: int, separator: str) -> list[str]:
    """Greedy line filling that never splits a unit (a word; for weapons, one weapon such as "ground
    assault"); a separator at a line break is dropped, the break itself separates."""
    lines: list[str] = []
    for unit in text.split(separator) if text else []:
        if lines and len(lines[-1]) + len(separator) + len(unit) <= width:
            lines[-1] += separator + unit
        else:
            lines.append(unit)
    return lines or [""]


def _minimum_widths(cells: list[dict[str, str]], natural: dict[str, int]) -> dict[str, int]:
    """A wrapping column never goes below its longest unit (units are never split) or its header."""
    minimum = dict(natural)
    for c in COLUMNS:
        if c.wraps:
            longest_word = max([len(c.header)] + [len(w) for row in cells for w in row[c.field].split(c.separator)])
            minimum[c.field] = min(natural[c.field], max(longest_word, c.min_width))
    return minimum


def _line(texts: Sequence[str], columns: Sequence[Column], widths: dict[str, int]) -> str:
    return GAP.join(t.rjust(widths[c.field]) if c.numeric else t.ljust(widths[c.field])
                    for t, c in zip(texts, columns)).rstrip()


def _footer(count: int, hidden: list[str], width: int) -> list[str]:
    text = f"{count} incident{'s' if count != 1 else ''}."
    if hidden:
        text += (f" Not shown at {width} columns: {', '.join(hidden)}. See them with --wide (every column),"
                 " --show ID (one incident in full) or --format csv|json.")
    return [""] + textwrap.wrap(text, max(width, 40))


def cell(value: object) -> str:
    """How a stored value reads in a terminal: nothing for unknown, lists comma-joined, times to the minute."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def one_line(text: str, width: int) -> str:
    """`text` on one line of at most `width` terminal columns, cut between words and marked "…" when longer.

    A sentence quoted from a page may hold line breaks; Arabic vowel marks take no column of their own, and
    a cut between words never parts a letter from its marks.
    """
    flat = " ".join(text.split())
    if _columns(flat) <= width:
        return flat
    kept = ""
    for word in flat.split(" "):
        longer = f"{kept} {word}" if kept else word
        if _columns(longer) + 1 > width:
            break
        kept = longer
    return (kept or flat[:max(width - 1, 1)]) + "…"


def _columns(text: str) -> int:
    """Terminal columns: none for combining marks and format characters, two for wide (CJK) characters."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf"
               else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
