"""The schema version of a database, without alembic or SQLAlchemy.

Migrations are files ``annotator/migrations/versions/NNNN_*.py`` whose revision id is
their number; the newest is read from the files' ``revision = "…"`` lines (cheap, and a
test holds it to alembic's own view). A database records its revision in the one row of
``alembic_version``. Opening a current database costs one query; alembic is imported
only when a migration has to run (:mod:`annotator.db.migrate`).

The functions take ``query``: any callable running one SQL statement and returning its
rows, so the same check serves a stdlib ``sqlite3`` connection and a SQLAlchemy one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from annotator.db.target import DatabaseError

Query = Callable[[str], Sequence[Sequence[Any]]]

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
_REVISION_LINE = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION_LINE = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)


def known_revisions() -> list[str]:
    """Revision ids of the shipped migrations, oldest first.

    Read from the files' ``revision = "…"`` lines (no alembic import) and put in order
    by their ``down_revision`` links.
    """
    return list(_revision_chain())


@functools.cache
def _revision_chain() -> tuple[str, ...]:
    parents: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = _REVISION_LINE.search(source)
        down = _DOWN_REVISION_LINE.search(source)
        if rev:
            parents[rev.group(1)] = down.group(1) if down else None
    children = {parent: rev for rev, parent in parents.items()}
    ordered: list[str] = []
    current = children.get(None)
    while current is not None:
        ordered.append(current)
        current = children.get(current)
    return tuple(ordered)


def head_revision() -> str:
    return _revision_chain()[-1]


def read_stamps(query: Query, dialect: str) -> list[str] | None:
    """Rows of alembic_version, or None when the table does not exist."""
    if dialect == "sqlite":
        exists = query("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
    else:
        # (a catalog query, not to_regclass(): its cache may not yet see a table that
        # another session created while this one waited on the migration lock)
        exists = query(
            "SELECT 1 FROM information_schema.tables WHERE table_name = 'alembic_version' "
            "AND table_schema = current_schema()"
        )
    if not exists:
        return None
    return [row[0] for row in query("SELECT version_num FROM alembic_version")]


def has_tables(query: Query, dialect: str) -> bool:
    if dialect == "sqlite":
        sql = "SELECT 1 FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    else:
        sql = (
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() LIMIT 1"
        )
    return bool(query(sql))


def is_current(query: Query, dialect: str) -> bool:
    """Whether the database is at the newest revision (the common case at every open)."""
    return read_stamps(query, dialect) == [head_revision()]


def checked_revision(query: Query, dialect: str, where: str) -> str | None:
    """The database's schema revision (None: a new, empty database); refuses what this
    release cannot open."""
    stamps = read_stamps(query, dialect)
    if stamps is None:
        if has_tables(query, dialect):
            raise DatabaseError(
                f"{where}: not an annotator database (it has tables but no schema version)"
            )
        return None
    if len(stamps) != 1:
        raise DatabaseError(
            f"{where}: the database carries {len(stamps)} schema version "
            f"stamps ({', '.join(stamps) or 'none'}); it was changed by hand "
            "or by another program — restore a backup"
        )
    current = stamps[0]
    if current not in _revision_chain():
        raise DatabaseError(
            f"{where}: written by a newer annotator (schema {current}); upgrade annotator"
        )
    return current
