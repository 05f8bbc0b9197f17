"""The SQLAlchemy engine: per-connection settings, write locks, one error type.

Every write transaction is ``BEGIN IMMEDIATE`` on SQLite, so two writers queue instead
of failing half-way; readers stay deferred so WAL lets them read while a long import
writes. PostgreSQL URLs (``postgresql+psycopg://…``) use the same tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from annotator.db import sqlite
from annotator.db.target import database_url, prepare_sqlite_file, sqlite_file
from annotator.errors import translated_driver_error

IMMEDIATE_FLAG = "annotator_begin_immediate"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not pysqlite) decide when transactions begin.
        dbapi_connection.isolation_level = None
        sqlite.configure(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the lock up front (BEGIN IMMEDIATE) and so queue behind another
        # writer instead of failing on lock upgrade; readers stay deferred so WAL lets
        # them read while a long import writes.
        immediate = connection.info.pop(IMMEDIATE_FLAG, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _translate_driver_errors(engine: Engine) -> None:
    """Every failed statement raises the core's StorageError (DiskFullError, ConflictError…)
    instead of the driver's exception: callers, ``ui/`` above all, catch one error root."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        original = context.sqlalchemy_exception or context.original_exception
        raise translated_driver_error(original) from original


def sqlite_path(engine: Engine) -> Path | None:
    """The database file of an SQLite engine (None for PostgreSQL or :memory:)."""
    if engine.dialect.name != "sqlite":
        return None
    path = engine.url.database
    return Path(path) if path and path != ":memory:" else None


def create_db_engine(target: str) -> Engine:
    """The engine for a path or URL; an SQLite file is checked (and created) first."""
    url = database_url(target)
    if url.startswith("sqlite"):
        file = sqlite_file(url)
        if file is not None:
            prepare_sqlite_file(file)
        engine = create_engine(url, connect_args={"timeout": sqlite.BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    _translate_driver_errors(engine)
    return engine
