"""Fill `lower_case_in_news` in extractors/data/place_stopwords.json from a news corpus.

Principle: a word that news writes in lower case mid-sentence ("hit", "victory", "march") is an
ordinary English word, so the same word capitalised is far more often a sentence start or a title
than the GeoNames place of that name. Country names are kept (news capitalises them).

    uv run python scripts/place_stopwords.py ../shared/corpus/*.jsonl [--min-count 3]
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from extractors import places

DATA = Path(__file__).resolve().parents[1] / "extractors" / "data" / "place_stopwords.json"


def lower_case_places(texts: list[str], min_count: int) -> list[str]:
    """Lower-case words seen at least `min_count` times that GeoNames also has as a town or province."""
    counts = Counter(w for text in texts for w in re.findall(r"(?<![\w'-])[a-z]{3,}(?![\w'-])", text))
    index, countries, _ = places._index()
    return sorted(w for w, n in counts.items() if n >= min_count and w in index and w not in countries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path, help="JSONL files with a 'text' field")
    parser.add_argument("--min-count", type=int, default=3)
    args = parser.parse_args()
    texts = [json.loads(line).get("text") or "" for path in args.corpus
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    data = json.loads(DATA.read_text(encoding="utf-8"))
    hand = {places.fold(w) for key, words in data.items()
            if not key.startswith("_") and key != "lower_case_in_news" for w in words}
    found = [w.capitalize() for w in lower_case_places(texts, args.min_count) if w not in hand]
    data["lower_case_in_news"] = found
    DATA.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(found)} words from {len(texts)} articles written to {DATA}")


if __name__ == "__main__":
    main()
