"""A new, empty SQLite database's schema, replayed from a template instead of alembic.

Running the migrations costs about 0.4 s of CPU (alembic's import and its seven
revisions) for every new database, which is a fifth of a whole import's budget. The
first new database on a machine is built by alembic into a template file in the user's
cache folder; every later one replays the template's ``sqlite_master`` statements, in
their creation order, and its rows (``alembic_version``) in the caller's transaction.
SQLite stores each object's ``CREATE`` text verbatim, so the result is the schema
alembic writes, statement for statement (a test compares both paths).

The template's name carries a hash of the migration files, so a changed or added
migration never meets a stale template. A cache folder that cannot be written only
means alembic runs as before.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from annotator.db.schema import MIGRATIONS_DIR, head_revision
from annotator.paths import APP_NAME

log = logging.getLogger(__name__)

Statement = tuple[str, tuple[object, ...]]


@functools.cache
def _migrations_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(MIGRATIONS_DIR.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(MIGRATIONS_DIR).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def template_path() -> Path:
    """The template file for the shipped migrations (it may not exist yet)."""
    import platformdirs  # only when a new database is created

    folder = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return folder / f"schema-{head_revision()}-{_migrations_digest()}.sqlite"


def read_template(path: Path) -> list[Statement]:
    """The statements that rebuild ``path``'s schema and rows in an empty database:
    every object in creation order (SQLite's own ``sqlite_*`` objects come by
    themselves), then each table's rows (``sqlite_sequence``'s included)."""
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        objects = source.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).fetchall()
        statements: list[Statement] = [(sql, ()) for _type, _name, sql in objects]
        tables = [name for type_, name, _sql in objects if type_ == "table"]
        # AUTOINCREMENT counters: alembic's table rebuilds leave a row per table
        if source.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchall():
            tables.append("sqlite_sequence")
        for name in tables:
            quoted = '"' + name.replace('"', '""') + '"'
            for row in source.execute(f"SELECT * FROM {quoted} ORDER BY rowid"):
                marks = ", ".join("?" * len(row))
                statements.append((f"INSERT INTO {quoted} VALUES ({marks})", tuple(row)))
    finally:
        source.close()
    if not any(sql.startswith('INSERT INTO "alembic_version"') for sql, _ in statements):
        raise ValueError(f"{path}: template without a schema version")
    return statements


def build_template(path: Path, migrate: Callable[[str], None]) -> None:
    """Let ``migrate`` (alembic, through :mod:`annotator.db.migrate`) create a new
    database file, then move it to ``path`` in one step: a process that reads the
    template never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=".schema-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    os.unlink(scratch)  # an empty file is fine for SQLite, but start from none at all
    try:
        migrate(scratch)
        with sqlite3.connect(scratch) as conn:  # one file: no -wal left beside it
            conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
        os.replace(scratch, path)
    finally:
        for leftover in (scratch, scratch + "-wal", scratch + "-shm"):
            if os.path.exists(leftover):
                os.unlink(leftover)


def new_schema_statements(migrate: Callable[[str], None]) -> list[Statement] | None:
    """The statements creating the newest schema, from the template (built first when
    missing); None when the template can be neither read nor built."""
    try:
        path = template_path()
        if not path.exists():
            build_template(path, migrate)
        return read_template(path)
    except Exception as exc:  # noqa: BLE001 - any failure here only means alembic runs
        log.info("no schema template (%s); running the migrations", exc)
        return None
