"""What every repository shares: the database (its read seam and, for writes, its
engine), joining a caller's transaction, and turning driver errors into messages for
the user.

Nothing here imports SQLAlchemy at module level: repositories whose reads a read-only
command needs are imported by commands that must not pay for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from annotator.errors import StoreError
from annotator.errors import translated_driver_error as translated
from annotator.storage.connection import Database

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

__all__ = [
    "Repository",
    "dialect_insert",
    "insert_ignoring",
    "storage_errors",
    "translated",
]


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
    """Base of the repositories: one database, connections opened per call.

    Built on a :class:`~annotator.storage.connection.Database` (or, for callers that
    made one themselves, an engine): ``self.database.reading()`` runs the portable read
    queries, ``self.engine`` (created on first use) the writes.
    """

    def __init__(self, database: Database | Engine):
        self.database = (
            database if isinstance(database, Database) else Database.from_engine(database)
        )

    @property
    def engine(self) -> Engine:
        return self.database.engine

    @contextmanager
    def writing(self, conn: Connection | None = None) -> Iterator[Connection]:
        """Use the caller's transaction if given (bulk import), else a new committed one."""
        if conn is not None:
            yield conn
        else:
            from annotator.db.writers import write_transaction

            with write_transaction(self.engine) as new:
                yield new


@contextmanager
def storage_errors() -> Iterator[None]:
    """Raise driver failures as :class:`StorageError` (``ui/`` never sees sqlalchemy)."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield
    except SQLAlchemyError as exc:
        raise translated(exc) from exc
