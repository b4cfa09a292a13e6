"""The integer keys the growing tables are looked up by, in Python and as the same SQL.

DuckDB keeps no index on those tables (it re-writes an index whole at every checkpoint, so each write cost
more as the table grew), and a lookup is a scan. What keeps a scan cheap at a million rows is the zone
map: DuckDB skips every row group whose min..max of a column cannot hold a wanted key. So keys that
belong to an attack carry its day in their high bits and a hash below: rows are written as the news
arrives, a row group holds a few weeks, and this week's lookups read this week's row groups only.
URLs have no day (an article is looked up before anything about it is known), so `url_hash` is a plain
hash, one cheap integer column to scan. Every key can collide: callers check the real key.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date

from extractors.dedup import base_slug

_EPOCH_DAY = date(1970, 1, 1)
_DAY_SHIFT = 48
_HASH_BITS = (1 << _DAY_SHIFT) - 1
_LAST_DAY = (1 << (64 - _DAY_SHIFT)) - 1
_ID_DAY = re.compile(r"-(\d{4}-\d{2}-\d{2})(?:-\d+)?$")


def key_hash(text: str) -> int:
    """md5_number_upper(text) in DuckDB."""
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:8], "little")


def day_key(day: date | None, text: str) -> int:
    """The day (0 when unknown; days before 1970 or after 2149 are pinned to the ends) in the high 16 bits,
    a 48-bit hash of `text` below."""
    days = min(max((day - _EPOCH_DAY).days, 0), _LAST_DAY) if day else 0
    return (days << _DAY_SHIFT) | (key_hash(text) & _HASH_BITS)


def days_apart(day_key_a: int, day_key_b: int) -> int:
    return abs((day_key_a >> _DAY_SHIFT) - (day_key_b >> _DAY_SHIFT))


def merge_key(base: str, day: date | None) -> int:
    """incidents.merge_key: which base (by its slug, as extractors.dedup tells bases apart), which day; the
    merge step asks for every day a report's incident could be dated."""
    return day_key(day, base_slug(base))


def id_day(incident_id: str) -> date | None:
    """The day an incident id ends in (its attack day; for an undated incident its first publication day)."""
    match = _ID_DAY.search(incident_id)
    try:
        return date.fromisoformat(match.group(1)) if match else None
    except ValueError:  # not a real day: like TRY_CAST in the SQL below
        return None


def incident_key(incident_id: str) -> int:
    """incident_reports.incident_key: the day in the incident's id, so all of its reports share the key."""
    return day_key(id_day(incident_id), incident_id)


def _day_key_sql(day: str, text: str) -> str:
    days = f"least(greatest(coalesce(({day}) - DATE '1970-01-01', 0), 0), {_LAST_DAY})::UBIGINT"
    return f"(({days} << {_DAY_SHIFT}) | (md5_number_upper({text}) & {_HASH_BITS}::UBIGINT))"


def merge_key_sql(base_key: str) -> str:
    """merge_key over incident rows, given SQL for the base's slug."""
    return _day_key_sql("attack_date", base_key)


URL_HASH_SQL = "md5_number_upper(url)"
INCIDENT_KEY_SQL = _day_key_sql(
    f"TRY_CAST(regexp_extract(incident_id, '{_ID_DAY.pattern}', 1) AS DATE)", "incident_id")
