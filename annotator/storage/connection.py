"""The read seam: one SQL text per query, run on stdlib ``sqlite3`` or on SQLAlchemy.

A command that only reads (``labelset list``, ``stats``, ``export``) should not pay for
importing SQLAlchemy (half a second, more than all the rest of its start-up). So the
queries those commands need are written once, as SQL text with ``:named`` parameters
that both engines accept, and run through a :class:`Reader`:

- on an SQLite file, a stdlib ``sqlite3`` connection (configured by
  :mod:`annotator.db.sqlite` exactly as the engine's are) from a small pool;
- on PostgreSQL (or inside a caller's SQLAlchemy transaction), SQLAlchemy's ``text()``.

:class:`Database` is what a :class:`~annotator.store.Store` holds: it opens the target,
checks the schema version with one query (migrating, with SQLAlchemy and alembic, only
when needed), hands out readers, and creates the SQLAlchemy engine the first time a
writer asks for it. Repositories use ``self.database.reading()`` for their portable read
queries and ``self.engine`` for writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from annotator.db import schema, sqlite
from annotator.db.target import DatabaseError, database_url, prepare_sqlite_file, sqlite_file
from annotator.errors import storage_message, translated_driver_error

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

Params = Mapping[str, Any]
Row = Sequence[Any]


class Reader(Protocol):
    """Runs read queries written as SQL text with ``:named`` parameters."""

    dialect: str  # "sqlite" or "postgresql"

    def rows(self, sql: str, params: Params | None = None) -> list[Row]:
        """Every row of the query, as tuples."""
        ...

    def first(self, sql: str, params: Params | None = None) -> Row | None:
        """The first row, or None."""
        ...

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        """The first column of the first row, or None."""
        ...


class SqliteReader:
    """A :class:`Reader` over a stdlib connection; driver errors become StorageError."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def rows(self, sql: str, params: Params | None = None) -> list[Row]:
        try:
            return self._conn.execute(sql, params or {}).fetchall()
        except sqlite3.Error as exc:
            raise translated_driver_error(exc) from exc

    def first(self, sql: str, params: Params | None = None) -> Row | None:
        try:
            return self._conn.execute(sql, params or {}).fetchone()
        except sqlite3.Error as exc:
            raise translated_driver_error(exc) from exc

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        row = self.first(sql, params)
        return None if row is None else row[0]


class AlchemyReader:
    """A :class:`Reader` over a SQLAlchemy connection (PostgreSQL, or a transaction a
    caller already holds, whose uncommitted rows the query must see)."""

    def __init__(self, conn: Connection):
        from sqlalchemy import text

        self._conn = conn
        self._text = text
        self.dialect = conn.dialect.name

    def rows(self, sql: str, params: Params | None = None) -> list[Row]:
        return [tuple(row) for row in self._conn.execute(self._text(sql), dict(params or {}))]

    def first(self, sql: str, params: Params | None = None) -> Row | None:
        row = self._conn.execute(self._text(sql), dict(params or {})).first()
        return None if row is None else tuple(row)

    def scalar(self, sql: str, params: Params | None = None) -> Any:
        return self._conn.execute(self._text(sql), dict(params or {})).scalar()


class Database:
    """An opened database: its readers, and its SQLAlchemy engine made on first use."""

    def __init__(self, url: str, *, engine: Engine | None = None):
        self.url = url
        self.file: Path | None = sqlite_file(url)
        # the backend of the URL without its driver: "sqlite", "postgresql"
        self.dialect = url.split(":", 1)[0].split("+", 1)[0]
        self._engine = engine
        self._idle: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    @classmethod
    def from_engine(cls, engine: Engine) -> Database:
        """The seam over an engine someone already made (scripts, a second database)."""
        return cls(engine.url.render_as_string(hide_password=False), engine=engine)

    @classmethod
    def open(cls, target: str) -> Database:
        """Open ``target`` (a path or URL), migrating it if it is not current; an
        SQLite file whose schema is current is opened without SQLAlchemy."""
        url = database_url(target)
        database = cls(url)
        try:
            if database.file is not None:
                prepare_sqlite_file(database.file)
                with database._sqlite() as conn:
                    current = schema.is_current(lambda sql: conn.execute(sql).fetchall(), "sqlite")
                if current:
                    return database
            from annotator.db.migrate import upgrade

            upgrade(database.engine)
        except DatabaseError:
            database.close()
            raise
        except Exception as exc:  # sqlite3/OperationalError/…: say which database
            database.close()
            raise DatabaseError(f"{target}: cannot open database: {storage_message(exc)}") from exc
        return database

    # ------------------------------------------------------------------ engine
    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (writes, and the queries not yet on the seam)."""
        if self._engine is None:
            from annotator.db.engine import create_db_engine

            self._engine = create_db_engine(self.url)
        return self._engine

    @property
    def engine_created(self) -> bool:
        return self._engine is not None

    # ------------------------------------------------------------------ reading
    @contextmanager
    def _sqlite(self) -> Iterator[sqlite3.Connection]:
        """A pooled stdlib connection to the file, in autocommit mode."""
        assert self.file is not None
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            try:
                conn = sqlite.connect(self.file)
            except sqlite3.Error as exc:
                raise translated_driver_error(exc) from exc
        try:
            yield conn
        except BaseException:
            conn.close()  # its state is unknown: never back into the pool
            raise
        with self._lock:
            self._idle.append(conn)

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        """A reader seeing one consistent snapshot until the block ends (one deferred
        transaction on SQLite, rolled back: a reader never writes)."""
        if self.file is None:
            with self.engine.connect() as conn:
                yield AlchemyReader(conn)
            return
        with self._sqlite() as conn:
            conn.execute("BEGIN")
            try:
                yield SqliteReader(conn)
            finally:
                conn.execute("ROLLBACK")

    def close(self) -> None:
        """Close pooled connections and dispose of the engine, if one was made."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
        if self._engine is not None:
            self._engine.dispose()


def reader_of(conn: Connection) -> Reader:
    """The reader over a caller's SQLAlchemy connection (its transaction's view)."""
    return AlchemyReader(conn)
