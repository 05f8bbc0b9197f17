"""SQLite's commit counter (``PRAGMA data_version``), read on a dedicated connection.

The counter changes on a connection whenever *another* connection committed to the file,
and reading it costs microseconds, so a front end can poll it on a timer
(:class:`annotator.editing.watcher.ExternalChangeWatcher` decides what a change means).
The connection is a raw DBAPI one in autocommit mode: no open transaction, so it never
pins a WAL snapshot or blocks a writer.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine


class DataVersionReader:
    """One connection that reads ``PRAGMA data_version``; SQLite only."""

    def __init__(self, engine: Engine):
        self._connection: Any = engine.raw_connection()

    @staticmethod
    def supported(engine: Engine) -> bool:
        """PostgreSQL has no such counter."""
        return engine.dialect.name == "sqlite"

    def read(self) -> int | None:
        """The counter now; raises the driver's error on a busy or closed file."""
        if self._connection is None:
            return None
        cursor = self._connection.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            row = cursor.fetchone()
        finally:
            cursor.close()
        return int(row[0]) if row else None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


__all__ = ["DataVersionReader"]
