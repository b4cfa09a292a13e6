"""Run the fault-injection suite and print its results table: every case, its outcome, and the figures.

Run: `uv run python benchmarks/fault_table.py [extra pytest args]`. Exit status is pytest's.
Figures: cases tried, survived (passed), skipped (the platform cannot stage the fault), and records lost
(the sum of `records_lost` that the storage and flow cases record; it must be 0).
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ("network", "size", "feed", "security", "storage", "flow")


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="basewatch-faults-") as tmp:
        report = Path(tmp) / "faults.xml"
        done = subprocess.run([sys.executable, "-m", "pytest", "tests/test_faults.py", "-q", "-p", "no:warnings",
                               f"--junitxml={report}", "-o", "junit_family=xunit1", *argv], cwd=ROOT,
                              capture_output=True, text=True)
        if not report.exists():
            sys.stderr.write(done.stdout + done.stderr)
            return done.returncode or 1
        rows = list(_rows(ET.parse(report).getroot()))
    width = max(len(r[1]) for r in rows) if rows else 10
    print(f"{'category':<9} {'case':<{width}} {'result':<8} {'seconds':>7}  records lost")
    for category, case, result, seconds, lost, note in rows:
        print(f"{category:<9} {case:<{width}} {result:<8} {seconds:>7.2f}  {'' if lost is None else lost}"
              + (f"  {note}" if note else ""))
    tried = len(rows)
    survived = sum(r[2] == "passed" for r in rows)
    skipped = sum(r[2] == "skipped" for r in rows)
    lost = sum(r[4] or 0 for r in rows)
    print(f"\ncases tried: {tried}   survived: {survived}   failed: {tried - survived - skipped}   "
          f"skipped: {skipped}   records lost: {lost}")
    return done.returncode


def _rows(root: ET.Element):
    for case in root.iter("testcase"):
        name = case.get("name", "")
        match = re.match(r"test_([a-z]+)_(.*?)(\[.*\])?$", name)
        category, rest, params = match.groups() if match else ("other", name, None)
        label = rest.replace("_", " ") + (f" {params}" if params else "")
        if category not in CATEGORIES:
            category, label = "other", name
        result, note = "passed", ""
        for tag in ("failure", "error", "skipped"):
            element = case.find(tag)
            if element is not None:
                result = "failed" if tag != "skipped" else "skipped"
                note = (element.get("message") or "").splitlines()[0][:100] if element.get("message") else ""
        lost = None
        for prop in case.iter("property"):
            if prop.get("name") == "records_lost":
                lost = int(prop.get("value", "0"))
        yield category, _shorten(label), result, float(case.get("time", 0)), lost, note


def _shorten(label: str, limit: int = 90) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
