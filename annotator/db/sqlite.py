"""The settings of every SQLite connection, in one place.

SQLite is tuned for an interactive single-user writer that must never lose work: WAL
(readers never block the writer, a second app instance can read), ``synchronous=FULL``
(a committed action survives power loss), foreign keys on, and a busy timeout. The
SQLAlchemy engine (:mod:`annotator.db.engine`) and the stdlib connections of the read
seam (:mod:`annotator.storage.connection`) both call :func:`configure`.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

BUSY_TIMEOUT_MS = 10_000


def _switch_to_wal(dbapi_connection: Any) -> None:
    """Set WAL once per file; the switch needs the lock every writer needs, so a first
    open racing another waits for it (up to the busy timeout) instead of failing."""
    cursor = dbapi_connection.cursor()
    try:
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
            return
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                cursor.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)
    finally:
        cursor.close()


def configure(dbapi_connection: Any) -> None:
    """Apply the settings to a new driver connection (stdlib ``sqlite3``), which must be
    in autocommit mode (``isolation_level=None``): callers decide where transactions begin."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()
    _switch_to_wal(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def connect(file: Path) -> sqlite3.Connection:
    """A configured stdlib connection in autocommit mode, usable from any thread (the
    read seam's pool hands each connection to one thread at a time)."""
    conn = sqlite3.connect(
        file, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        configure(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def copy_database(path: Path, dest: Path, *, read_only: bool = False) -> None:
    """Copy the SQLite database at ``path`` to ``dest`` by SQLite's online backup, which
    is consistent even while another connection writes. ``read_only`` opens the source
    so that it cannot be changed, let alone upgraded, through this connection."""
    source = (
        sqlite3.connect(f"file:{path}?mode=ro", uri=True) if read_only else sqlite3.connect(path)
    )
    try:
        target = sqlite3.connect(dest)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
