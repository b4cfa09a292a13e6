"""The README documents every command, and its Quickstart is the two commands CI and users run."""
from __future__ import annotations

import re
from pathlib import Path

from flows.cli import _parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    commands = next(a for a in _parser()._actions if a.dest == "command").choices
    missing = [name for name in commands if f"basewatch {name}" not in README]
    assert not missing, f"README does not show: {missing}"


def test_the_quickstart_is_two_commands_and_ci_runs_the_second():
    quickstart = README.split("## Quickstart", 1)[1]
    block = re.search(r"```bash\n(.*?)```", quickstart, re.DOTALL).group(1).strip().splitlines()
    assert len(block) == 2 and "basewatch demo" in block[0] and "pytest" in block[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == block[1]
