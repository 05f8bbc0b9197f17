"""Opening a database: engine, per-connection settings, schema migrations.

SQLite is tuned for an interactive single-user writer that must never lose work:
WAL (readers never block the writer, a second app instance can read), synchronous=FULL
(a committed action survives power loss), foreign keys on, a busy timeout, and
``BEGIN IMMEDIATE`` for every transaction so two writers queue instead of failing
half-way. PostgreSQL URLs (``postgresql+psycopg://…``) use the same models.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text

from annotator.models import metadata

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
IMMEDIATE_FLAG = "annotator_begin_immediate"


class DatabaseError(Exception):
    """The database cannot be opened or upgraded; the message says why and where."""


def database_url(target: str) -> str:
    """Turn a path or URL given by the user into an SQLAlchemy URL."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # pragma: no cover - trivial
        # Let SQLAlchemy (not pysqlite) decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # pragma: no cover - trivial
        # Writers take the lock up front (BEGIN IMMEDIATE) and so queue behind another
        # writer instead of failing on lock upgrade; readers stay deferred so WAL lets
        # them read while a long import writes.
        immediate = connection.info.pop(IMMEDIATE_FLAG, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_db_engine(target: str) -> Engine:
    url = database_url(target)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            parent = Path(path).parent
            if not parent.exists():
                raise DatabaseError(f"{path}: folder {parent} does not exist")
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A committed-on-success write transaction (BEGIN IMMEDIATE on SQLite)."""
    with engine.connect() as conn:
        conn.info[IMMEDIATE_FLAG] = True
        with conn.begin():
            yield conn


def _alembic_config(engine: Engine):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    config = _alembic_config(None)  # type: ignore[arg-type]
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _backup_sqlite(engine: Engine) -> Path | None:
    path = engine.url.database
    if not path or path == ":memory:" or not Path(path).exists():
        return None
    backup = Path(f"{path}.bak-before-upgrade")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(backup)
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()
    return backup


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; back up an existing SQLite file first.

    Skips alembic entirely when already current, which keeps app start-up fast.
    """
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    if current is not None and engine.dialect.name == "sqlite":
        _backup_sqlite(engine)
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")


def open_engine(target: str) -> Engine:
    """Create the engine for ``target`` and migrate it; errors become DatabaseError."""
    try:
        engine = create_db_engine(target)
        upgrade(engine)
    except DatabaseError:
        raise
    except Exception as exc:  # sqlite3/OperationalError/…: say which database
        reason = getattr(exc, "orig", None) or exc  # the driver's words, not SQLAlchemy's
        raise DatabaseError(f"{target}: cannot open database: {reason}") from exc
    return engine


__all__ = ["DatabaseError", "create_db_engine", "open_engine", "metadata", "upgrade"]
