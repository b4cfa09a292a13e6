"""The checks a clone may not be able to run, and why: each skips with a reason starting "gate skipped:",
and conftest's terminal summary prints one line naming every gate a run skipped.

`../shared` (beside the clone, not in it) holds the labelled corpora and the real pages: other people's
articles, kept out of the repository. A lone clone passes without them, and says so.
"""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PREFIX = "gate skipped: "


def skip_unless(present: bool, gate: str, why: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not present, reason=f"{PREFIX}{gate} ({why})")


def shared_missing(relative: str) -> str:
    return f"no ../shared/{relative} beside this clone"
