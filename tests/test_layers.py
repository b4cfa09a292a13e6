"""The one-way layers: only flows imports prefect, and SQL lives only in storage."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(package: str) -> dict[str, set[str]]:
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_only_flows_imports_prefect():
    for package in ("extractors", "storage"):
        for path, names in imported_modules(package).items():
            assert "prefect" not in names, path
            assert "flows" not in names, path


def test_extractors_never_import_storage_or_duckdb():
    for path, names in imported_modules("extractors").items():
        assert not names & {"storage", "duckdb"}, path


def test_sql_lives_only_in_storage():
    sql = re.compile(r"\b(SELECT\s+\w|INSERT\s+INTO|CREATE\s+TABLE|DELETE\s+FROM)\b")
    for package in ("extractors", "flows"):
        for path in (ROOT / package).rglob("*.py"):
            assert not sql.search(path.read_text(encoding="utf-8")), path
