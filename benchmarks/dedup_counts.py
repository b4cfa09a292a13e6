"""One row per real attack? Compare a DuckDB file built from a labelled corpus with the corpus's keys.

Each stored incident is mapped to the `incident_key`s of the primary labels of the articles that back it
(the corpus article id is the page name, as in ../shared/tools/e2e_eval.py's site). Prints the number of
distinct primary keys, of incident rows, rows mixing two keys, keys split over several rows, and rows
traced to no primary label (a report is traced to the article's only label, or to the one at its base/day).
Run: `uv run python ../shared/tools/e2e_eval.py --corpus C --keep-db X.duckdb`, then
`uv run python benchmarks/dedup_counts.py --corpus C --db X.duckdb`.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.gazetteer import same_base  # noqa: E402
from storage.database import incident_detail, incident_ids  # noqa: E402


def label_keys(report, labels: list[dict]) -> set[str]:
    """The article's primary label this report is about: the only one, or the one at its base and day."""
    if len(labels) == 1:
        return {labels[0]["incident_key"]}
    fitting = {i["incident_key"] for i in labels if same_base(report.base, i["base"]) and report.attack_date
               and abs((report.attack_date - date.fromisoformat(i["date"][:10])).days) <= 1}
    return fitting if len(fitting) == 1 else set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    primary = {r["id"]: [i for i in r["incidents"] if i.get("primary")]
               for r in rows if r.get("is_attack_report") and not r.get("ambiguous")}
    truth_keys = {i["incident_key"] for labels in primary.values() for i in labels
                  if "unnamed" not in i["incident_key"]}
    keys_of_row: dict[str, set[str]] = {}
    for incident_id in sorted(incident_ids(args.db)):
        detail = incident_detail(args.db, incident_id)
        keys: set[str] = set()
        for on_file in detail.reports:
            page = re.search(r"/a/([^/?#]+)\.html", on_file.article_url)
            if on_file.report.is_primary and page:
                keys |= label_keys(on_file.report, primary.get(page.group(1), []))
        keys_of_row[incident_id] = keys
    rows_of_key = defaultdict(list)
    for incident_id, keys in keys_of_row.items():
        for key in keys:
            rows_of_key[key].append(incident_id)
    mixed = {i: sorted(k) for i, k in keys_of_row.items() if len(k) > 1}
    split = {k: v for k, v in rows_of_key.items() if len(v) > 1}
    print(f"distinct primary incident keys (named bases): {len(truth_keys)}")
    print(f"incident rows:                                {len(keys_of_row)}")
    print(f"rows mixing two keys:                         {len(mixed)} {mixed or ''}")
    print(f"keys split over several rows:                 {len(split)} {split or ''}")
    print(f"keys with no row:                             {sorted(truth_keys - set(rows_of_key)) or 0}")
    print("rows traced to no primary label:              "
          f"{sorted(i for i, k in keys_of_row.items() if not k) or 0}")


if __name__ == "__main__":
    main()
