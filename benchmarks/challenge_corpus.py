"""Write the opened challenge sets as one labelled corpus in ../shared/corpus's schema, so that
../shared/tools/e2e_eval.py can score them end to end, through the feeds: multi-outlet clusters, splits and merges.

An incident's key is its label's base name and date, spelled plainly (not by extractors.dedup, which is what is
measured): the sets' decisions give every article of a cluster the same base name and date. Held-back rounds
(tests/holdout/) and the Arabic sets are left out.

    uv run python benchmarks/challenge_corpus.py /tmp/challenge.jsonl
    uv run python ../shared/tools/e2e_eval.py --corpus /tmp/challenge.jsonl --json /tmp/challenge-e2e.json
"""
from __future__ import annotations

import argparse
import json
import re
import tomllib
from datetime import date
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"


def incident_key(base: str, day: date | str) -> str:
    return f"{re.sub(r'[^a-z0-9]+', '-', base.lower()).strip('-')}-{day}"


def corpus_rows(path: Path) -> list[dict]:
    """One corpus row per challenge article, primary and background labels as incidents."""
    rows = []
    for article in tomllib.loads(path.read_text("utf-8"))["article"]:
        incidents = [{"incident_key": incident_key(label["base"], label["date"]), "base": label["base"],
                      "date": str(label["date"]), "date_precision": label.get("date_precision", "day"),
                      "weapons": label.get("weapons", []), "projectiles": label.get("projectiles"),
                      "killed": label.get("killed"), "wounded": label.get("wounded"),
                      "claimed_by": label.get("claimed_by") or None, "suspected": label.get("suspected") or None,
                      "primary": kind == "primary"}
                     for kind in ("primary", "background") for label in article.get(kind, [])]
        rows.append({"id": article["id"][:120], "url": "", "source": path.name, "title": article["title"],
                     "published": str(article["published"])[:19], "text": article["text"],
                     "is_attack_report": article["is_attack_report"], "ambiguous": False, "incidents": incidents,
                     "notes": ""})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    sets = sorted(p for p in TESTS.glob("challenge_articles*.toml") if "_ar_" not in p.name)
    rows = [row for path in sets for row in corpus_rows(path)]
    args.out.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    print(f"{len(rows)} articles from {len(sets)} challenge sets -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
