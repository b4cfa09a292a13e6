"""Article URLs from an archive's list: one URL a line, or a CSV file with a `url` column.

Read as a stream (a generator over the file's lines), because an archive lists millions of URLs and a
back-fill must hold only the part it is reading. A bad line is one error naming the file and line, never
the end of the list. The format is decided by the first non-blank line: a CSV header when it has a
comma-separated column named `url` (any case), else plain URLs, where `#` starts a comment line.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from extractors.urls import canonical_url


class UrlListError(Exception):
    """A URL list that cannot be read at all; str() names the file and the reason."""


@dataclass(frozen=True)
class ListedUrl:
    line: int
    url: str | None  # canonical; None when the line holds no http(s) URL
    error: str | None = None  # `FILE:LINE: reason` when url is None


def read_url_list(lines: Iterable[str], label: str) -> Iterator[ListedUrl]:
    """Each listed URL in file order, canonical, or an error line for an entry that is not an http(s) URL."""
    numbered = ((n, line.strip()) for n, line in enumerate(lines, start=1))
    entries = ((n, text) for n, text in numbered if text)
    first = next(entries, None)
    if first is None:
        return
    header = next(csv.reader([first[1]]))
    columns = [name.strip().lower() for name in header]
    if len(columns) > 1 or columns == ["url"]:
        if "url" not in columns:
            raise UrlListError(f"{label}: CSV header {header!r} has no url column")
        column = columns.index("url")
        rows = ((n, row[column] if len(row) > column else "") for n, text in entries
                for row in csv.reader([text]))
    else:
        rows = ((n, text) for n, text in chain([first], entries) if not text.startswith("#"))
    for n, raw in rows:
        url = raw.strip()
        if url.lower().startswith(("http://", "https://")):
            yield ListedUrl(n, canonical_url(url))
        else:
            yield ListedUrl(n, None, f"{label}:{n}: not an http(s) URL ({url[:80]!r})")
