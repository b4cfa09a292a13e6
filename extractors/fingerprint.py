"""Near-duplicate fingerprints, so a wire story syndicated on several sites counts as one source.

A 64-bit SimHash over word 3-grams: copies that differ only in headline, byline, outlet name or a line
of boilerplate land within a few bits of each other (3 measured), while two outlets' own write-ups of
the same attack land 20+ bits apart. A copy cut by a whole paragraph drifts further (~14 bits) and is
counted as its own source: the rule errs towards counting, never towards hiding a source.
"""
from __future__ import annotations

import hashlib
import re

NEAR_DUPLICATE_BITS = 8
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_MASK = (1 << 64) - 1


def text_fingerprint(text: str) -> int:
    """SimHash of the text's word 3-grams (0 for a text too short to judge)."""
    words = _WORD.findall(text.casefold())
    grams = [" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 0))]
    if not grams:
        return 0
    weights = [0] * 64
    for gram in grams:
        value = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit, weight in enumerate(weights) if weight > 0) & _MASK


def near_duplicates(a: int, b: int) -> bool:
    return bool(a) and bool(b) and bin(a ^ b).count("1") <= NEAR_DUPLICATE_BITS


def count_independent(fingerprints: list[int | None]) -> int:
    """How many distinct stories: each fingerprint joins the first earlier one it nearly duplicates."""
    stories: list[int] = []
    count = 0
    for fingerprint in fingerprints:
        if fingerprint and any(near_duplicates(fingerprint, seen) for seen in stories):
            continue
        count += 1
        if fingerprint:
            stories.append(fingerprint)
    return count
