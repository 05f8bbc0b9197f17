"""Notice work done outside this session: a CLI import, ``labelset add``, another instance.

SQLite's ``PRAGMA data_version`` changes on a connection whenever *another* connection
committed to the file, and reading it costs microseconds, so a front end can poll it on a
timer and re-read only when it moved. The watcher holds one dedicated DBAPI connection in
autocommit mode (no open transaction: it never pins a WAL snapshot or blocks a writer).

This session's own writes go through other pooled connections, so they move the counter
too: after each of its own operations the session calls :meth:`acknowledge`. On engines
without such a counter (PostgreSQL) :meth:`changed` is always False and the front end
falls back to re-reading when its window is activated again.
"""

from __future__ import annotations

from typing import Any

from annotator.store import Store


class ExternalChangeWatcher:
    """Poll for commits made by other connections to the same database."""

    def __init__(self, store: Store):
        self._connection: Any = None
        self._version: int | None = None
        if store.engine.dialect.name == "sqlite":
            self._connection = store.engine.raw_connection()
            self._version = self._read()

    @property
    def supported(self) -> bool:
        return self._connection is not None

    def _read(self) -> int | None:
        if self._connection is None:
            return None
        cursor = self._connection.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            row = cursor.fetchone()
        except Exception:  # noqa: BLE001 - a busy or closed file: try again next time
            return self._version
        finally:
            cursor.close()
        return int(row[0]) if row else None

    def changed(self) -> bool:
        """True once after another connection committed since the last call."""
        if self._connection is None:
            return False
        version = self._read()
        if version == self._version:
            return False
        self._version = version
        return True

    def acknowledge(self) -> None:
        """This session just wrote: its own commit is not news."""
        if self._connection is not None:
            self._version = self._read()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


__all__ = ["ExternalChangeWatcher"]
