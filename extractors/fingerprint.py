"""Near-duplicate fingerprints, so a wire story syndicated on several sites counts as one source.

A bottom-k MinHash sketch: the 32 smallest 64-bit hashes of the text's word 3-grams. Two sketches
estimate the texts' resemblance (Jaccard similarity of their 3-gram sets). Copies of one story that
differ by a headline, byline, outlet name or a few lines of page furniture keep most 3-grams and
resemble each other well above the threshold; two outlets' own write-ups of the same attack share
only names and stock phrases and stay far below it.

Texts in different scripts are never copies of each other (a translation is another outlet's write-up): the
3-grams of an Arabic text are hashed in their own space, so it shares no hash with an English text even where
both quote the same Latin names and figures. Arabic text is normalised first (extractors/arabic.py), so
copies that differ only in optional diacritics or hamza spelling still resemble each other.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from extractors.arabic import language, normalise

SKETCH_SIZE = 32
NEAR_DUPLICATE_RESEMBLANCE = 0.5
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def text_fingerprint(text: str) -> tuple[int, ...]:
    """The bottom-k sketch of the text's word 3-grams (empty for a text of fewer than three words)."""
    space = "" if language(text) == "en" else "ar\x00"  # English sketches stay as stored before Arabic was read
    words = _WORD.findall(normalise(text).casefold())
    grams = {space + " ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 0))}
    hashes = {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") for g in grams}
    return tuple(sorted(hashes)[:SKETCH_SIZE])


def resemblance(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two texts' 3-gram sets."""
    if not a or not b:
        return 0.0
    union_sketch = sorted(set(a) | set(b))[:min(SKETCH_SIZE, len(set(a) | set(b)))]
    shared = set(a) & set(b)
    return sum(1 for h in union_sketch if h in shared) / len(union_sketch)


def near_duplicates(a: Sequence[int], b: Sequence[int]) -> bool:
    return resemblance(a, b) >= NEAR_DUPLICATE_RESEMBLANCE


def story_labels(fingerprints: Sequence[Sequence[int] | None]) -> list[int]:
    """Which story each text belongs to (a label per text). Texts are taken in a fixed order (by sketch),
    each joining the first story it nearly duplicates, so the labels do not depend on arrival order.
    A text without a sketch is a story of its own."""
    order = sorted(range(len(fingerprints)), key=lambda i: (not fingerprints[i], tuple(fingerprints[i] or ()), i))
    stories: list[Sequence[int]] = []
    labels = [0] * len(fingerprints)
    for i in order:
        fingerprint = fingerprints[i]
        label = next((n for n, seen in enumerate(stories) if fingerprint and near_duplicates(fingerprint, seen)),
                     None)
        if label is None:
            label = len(stories)
            stories.append(fingerprint or ())
        labels[i] = label
    return labels


def count_independent(fingerprints: Sequence[Sequence[int] | None]) -> int:
    """How many distinct stories (see story_labels)."""
    return len(set(story_labels(fingerprints)))
