"""Write transactions: committed on success, ``BEGIN IMMEDIATE`` on SQLite, and SQLite
writers queued on an OS lock so the next one is woken the moment the last one is done."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from annotator.db.engine import IMMEDIATE_FLAG, sqlite_path
from annotator.db.sqlite import BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

try:  # not on Windows: writers there wait on SQLite's busy handler alone
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

WRITER_LOCK_SUFFIX = ".writer-lock"


def _flock_within(fd: int, seconds: float) -> bool:
    """Take ``flock(fd)`` within ``seconds``; False (and the lock is never kept) if not.

    The blocking call runs in a helper thread: the kernel hands the lock to a waiter the
    moment it is released, which polling cannot match, and the caller still gets a
    timeout. A lock the helper obtains after the caller gave up is released at once.
    """
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True  # free (one window, the common case): no helper thread to start
    except OSError:
        pass
    state = threading.Lock()
    outcome: dict[str, bool] = {}
    got = threading.Event()

    def take() -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with state:
            if outcome.get("abandoned"):
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
                return
            outcome["locked"] = True
        got.set()

    threading.Thread(target=take, daemon=True, name="annotator-writer-queue").start()
    if got.wait(seconds):
        return True
    with state:
        if outcome.get("locked"):
            return True
        outcome["abandoned"] = True  # the helper closes fd when it gets the lock
    return False


@contextmanager
def _writer_queue(engine: Engine) -> Iterator[None]:
    """Queue SQLite writers on an OS lock before they ask SQLite for its write lock.

    SQLite's busy handler retries a locked database after sleeps growing to 100 ms: with
    eight annotators writing, a waiting writer mostly woke to find another one holding
    the lock again, and some waited over 6 s (p99 0.7 s). Here each short write first
    takes ``flock`` on a lock file beside the database and is woken as soon as the
    previous writer is done. Long writers
    (an import) do not take it; a writer that waited the whole busy timeout goes on to
    BEGIN IMMEDIATE, which waits and fails as before.
    """
    path = sqlite_path(engine)
    if path is None or fcntl is None:
        yield
        return
    try:
        # A lock file beside the database, never the database file itself: closing any
        # descriptor of a file drops every POSIX lock the process holds on it, SQLite's
        # included, and another connection could then checkpoint and delete a WAL file
        # this process is still writing to.
        fd = os.open(path.with_name(path.name + WRITER_LOCK_SUFFIX), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a read-only folder: wait on SQLite's busy handler alone
        yield
        return
    if not _flock_within(fd, BUSY_TIMEOUT_MS / 1000):
        yield  # fd now belongs to the helper thread
        return
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A committed-on-success write transaction (BEGIN IMMEDIATE on SQLite), for the
    short writes of a user action: SQLite writers queue on :func:`_writer_queue`."""
    with _writer_queue(engine), engine.connect() as conn:
        conn.info[IMMEDIATE_FLAG] = True
        with conn.begin():
            yield conn
