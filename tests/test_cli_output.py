"""With stdout and stderr on one pipe (`2>&1`, CI logs) every line is whole: a progress or error line never
lands inside a line of the command's output."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.test_export import fixture_db

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
