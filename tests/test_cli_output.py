"""With stdout and stderr on one pipe (`2>&1`, CI logs) every line is whole: a progress or error line never
lands inside a line of the command's output."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from flows.cli import EVIDENCE_COLUMNS
from tests.test_export import ARABIC_HARIR, ARABIC_TAJI, bilingual_db, fixture_db

ROOT = Path(__file__).resolve().parents[1]


def merged(*args: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout buffered, as users have it
    done = subprocess.run([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stdout
    return done.stdout.splitlines()


def test_a_line_on_stderr_waits_for_the_output_line_before_it():
    # more output than stdout's buffer holds, so part of it has gone out, cut inside a line, when the
    # progress line comes
    lines = merged("-c", "from flows.cli import _say\n"
                         "for _ in range(300): print('2026-01-13  Ain al-Asad air base')\n"
                         "_say('reading incidents: 1/1')")
    assert lines == ["2026-01-13  Ain al-Asad air base"] * 300 + ["basewatch: reading incidents: 1/1"]


def test_report_progress_and_result_share_a_pipe_line_by_line(tmp_path):
    db = fixture_db(tmp_path / "fixture.duckdb")
    lines = merged("-m", "flows.cli", "report", "--db", str(db), "--out", str(tmp_path / "r.html"))
    assert all(line.startswith("basewatch: ") for line in lines[:-1]) and lines[-1].startswith("Report: 4 incidents")
    assert "basewatch: reading incidents: 1/1" in lines


def test_show_gives_each_sources_language_and_arabic_evidence_as_letters_on_one_line(tmp_path):
    db = bilingual_db(tmp_path / "bilingual.duckdb")
    lines = merged("-m", "flows.cli", "incidents", "--db", str(db), "--show", "camp-taji-2026-02-06")
    assert [line.split("  [")[0] for line in lines if line.startswith("- ")] == [
        "- [en] https://wire.example/taji-rockets", f"- [ar] {ARABIC_TAJI[0]}",
        "- [en] https://daily.example/taji-rockets-2"]
    evidence = [line.removeprefix("    evidence: ") for line in lines if line.startswith("    evidence: ")]
    assert evidence[0] == evidence[0].strip() == "Two rockets struck Camp Taji on Friday."
    # the Arabic sentence is longer than a line on a pipe: whole words, then "…"
    arabic = evidence[1]
    assert arabic.endswith("…") and ARABIC_TAJI[2].startswith(arabic[:-1] + " ")
    assert len("    evidence: " + arabic) <= EVIDENCE_COLUMNS and "\\u" not in arabic
    lines = merged("-m", "flows.cli", "incidents", "--db", str(db), "--show", "harir-air-base-2026-04-18")
    assert f"- [ar] {ARABIC_HARIR[0]}  [primary, published 2026-04-18 21:00]" in lines
    assert f"    evidence: {ARABIC_HARIR[2]}" in lines


def test_detect_prints_arabic_evidence_as_letters(tmp_path):
    article = tmp_path / "taji.txt"
    article.write_text(ARABIC_TAJI[2], encoding="utf-8")
    output = "\n".join(merged("-m", "flows.cli", "detect", "--published", "2026-02-06", str(article)))
    assert '"base": "Camp Taji"' in output and "معسكر التاجي" in output and "\\u0" not in output
