"""Notice work done outside this session: a CLI import, ``labelset add``, another instance.

SQLite's ``PRAGMA data_version`` changes on a connection whenever *another* connection
committed to the file, and reading it costs microseconds, so a front end can poll it on a
timer and re-read only when it moved. The Store gives the watcher one dedicated reader
of it (:class:`~annotator.storage.changes.DataVersionReader`, a connection with no open
transaction: it never pins a WAL snapshot or blocks a writer).

This session's own writes go through other pooled connections, so they move the counter
too: after each of its own operations the session calls :meth:`acknowledge`. On engines
without such a counter (PostgreSQL) :meth:`changed` is always False and the front end
falls back to re-reading when its window is activated again.
"""

from __future__ import annotations

from annotator.storage.changes import DataVersionReader
from annotator.store import Store


class ExternalChangeWatcher:
    """Poll for commits made by other connections to the same database."""

    def __init__(self, store: Store):
        self._reader: DataVersionReader | None = store.data_version_reader()
        self._version: int | None = None
        if self._reader is not None:
            self._version = self._read()

    @property
    def supported(self) -> bool:
        return self._reader is not None

    def _read(self) -> int | None:
        if self._reader is None:
            return None
        try:
            return self._reader.read()
        except Exception:  # noqa: BLE001 - a busy or closed file: try again next time
            return self._version

    def changed(self) -> bool:
        """True once after another connection committed since the last call."""
        if self._reader is None:
            return False
        version = self._read()
        if version == self._version:
            return False
        self._version = version
        return True

    def acknowledge(self) -> None:
        """This session just wrote: its own commit is not news."""
        if self._reader is not None:
            self._version = self._read()

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


__all__ = ["ExternalChangeWatcher"]
