"""A run that skips a gate says so in one line at the end, naming the gate and why."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_skipped_gate_is_named_in_one_summary_line(tmp_path):
    (tmp_path / "test_lone.py").write_text(
        "from tests.gates import skip_unless\n\n"
        "@skip_unless(False, 'the accuracy gate', 'no ../shared/corpus/dev.jsonl beside this clone')\n"
        "def test_gate():\n    pass\n\n"
        "def test_other():\n    pass\n")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "--rootdir", str(tmp_path),
                           str(tmp_path / "test_lone.py")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("basewatch gates skipped:")]
    assert lines == ['basewatch gates skipped: the accuracy gate (no ../shared/corpus/dev.jsonl beside this clone)'
                     ' (README: "What ../shared is")'], done.stdout


def test_a_run_that_skips_no_gate_prints_no_such_line(tmp_path):
    (tmp_path / "test_full.py").write_text("def test_other():\n    pass\n")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "--rootdir", str(tmp_path),
                           str(tmp_path / "test_full.py")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "gates skipped" not in done.stdout
