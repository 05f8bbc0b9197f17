"""Statistics and editing compute; the Store's repositories own every statement.

Parsed, not imported: a module that imports a database driver or reaches for the
Store's engine (``store.engine.connect()``, ``write_transaction(store.engine)``) would
be writing SQL of its own again.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import annotator

PACKAGES = ("insight", "editing")
DRIVERS = ("sqlalchemy", "sqlmodel", "sqlite3", "psycopg")
ROOT = Path(annotator.__file__).parent
MODULES = sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def _offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found += [
            f"line {node.lineno}: imports {name}"
            for name in names
            if name.split(".")[0] in DRIVERS
            or name == "annotator.db"
            or name.startswith("annotator.db.")
        ]
        if isinstance(node, ast.Attribute) and node.attr == "engine":
            found.append(f"line {node.lineno}: uses the store's engine")
    return found


def test_every_package_is_scanned():
    assert {p.parent.name for p in MODULES} == set(PACKAGES)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_insight_and_editing_modules_build_no_sql(path: Path):
    assert _offences(path) == []


def test_a_module_with_its_own_query_is_caught(tmp_path: Path):
    module = tmp_path / "rogue.py"
    module.write_text(
        "from sqlalchemy import select\n"
        "def rows(store):\n"
        "    with store.engine.connect() as conn:\n"
        "        return conn.execute(select(1)).all()\n",
        encoding="utf-8",
    )
    assert _offences(module) == ["line 1: imports sqlalchemy", "line 3: uses the store's engine"]
