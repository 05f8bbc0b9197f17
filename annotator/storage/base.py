"""What every repository shares: the engine, joining a caller's transaction, and turning
driver errors into messages for the user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table
from sqlalchemy.exc import SQLAlchemyError

from annotator.db import write_transaction
from annotator.errors import StoreError
from annotator.errors import translated_driver_error as translated

__all__ = ["Repository", "dialect_insert", "insert_ignoring", "storage_errors", "translated"]


def dialect_insert(conn: Connection, table: Table) -> Any:
    """INSERT with the dialect's ON CONFLICT support (SQLite and PostgreSQL share it)."""
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    raise StoreError(f"unsupported database dialect {conn.dialect.name}")  # pragma: no cover


def insert_ignoring(conn: Connection, table: Table) -> Any:
    """INSERT … ON CONFLICT DO NOTHING: concurrent writers of the same row both succeed."""
    return dialect_insert(conn, table).on_conflict_do_nothing()


class Repository:
    """Base of the repositories: one engine, connections opened per call."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @contextmanager
    def writing(self, conn: Connection | None = None) -> Iterator[Connection]:
        """Use the caller's transaction if given (bulk import), else a new committed one."""
        if conn is not None:
            yield conn
        else:
            with write_transaction(self.engine) as new:
                yield new


@contextmanager
def storage_errors() -> Iterator[None]:
    """Raise driver failures as :class:`StorageError` (``ui/`` never sees sqlalchemy)."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise translated(exc) from exc
