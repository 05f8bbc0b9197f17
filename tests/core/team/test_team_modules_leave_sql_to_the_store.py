"""The team package decides; the Store's repositories (annotator/storage) hold the SQL.

A team module that imports sqlalchemy at run time (or reaches for ``store.engine`` to
open its own connection) is building SQL outside the one owner; type-only imports of
``Connection`` (under ``TYPE_CHECKING``) are fine. Every module is held to it, ``merging.py``
(which copies between two databases through ``store.team.merge``) included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import annotator.team

TEAM = Path(annotator.team.__file__).parent
ALLOWED: set[str] = set()  # no exceptions


def _runtime_imports(tree: ast.Module) -> set[str]:
    """Modules imported outside ``if TYPE_CHECKING:`` blocks."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_team_modules_import_no_sqlalchemy_at_run_time():
    offenders = {}
    for path in sorted(TEAM.glob("*.py")):
        if path.name in ALLOWED:
            continue
        modules = _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
        sql = sorted(
            m
            for m in modules
            if m.split(".")[0] in {"sqlalchemy", "sqlmodel", "sqlite3", "psycopg"}
            or m.startswith("annotator.db")  # engines and write transactions are the store's
        )
        if sql:
            offenders[path.name] = sql
    assert offenders == {}


def test_team_modules_open_no_connection_of_their_own():
    offenders = [
        path.name
        for path in sorted(TEAM.glob("*.py"))
        if path.name not in ALLOWED
        and any(
            word in path.read_text(encoding="utf-8")
            for word in (".engine.connect(", "write_transaction(", ".engine.begin(")
        )
    ]
    assert offenders == []
