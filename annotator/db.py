"""Opening a database: engine, per-connection settings, schema version and migrations.

SQLite is tuned for an interactive single-user writer that must never lose work:
WAL (readers never block the writer, a second app instance can read), synchronous=FULL
(a committed action survives power loss), foreign keys on, a busy timeout, and
``BEGIN IMMEDIATE`` for every write transaction so two writers queue instead of failing
half-way. PostgreSQL URLs (``postgresql+psycopg://…``) use the same tables.

Start-up cost matters (every CLI command opens a database): the schema version is read
with one query and compared with the newest migration file's name; alembic is imported
only when a migration actually has to run. The migration itself runs under the same
write lock as every writer (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on
PostgreSQL), so concurrent first opens of a new database queue instead of racing.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text

try:  # not on Windows: writers there wait on SQLite's busy handler alone
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

from annotator.errors import AnnotatorError, storage_message, translated_driver_error
from annotator.models import metadata

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
IMMEDIATE_FLAG = "annotator_begin_immediate"
WRITER_LOCK_SUFFIX = ".writer-lock"
# Any constant shared by every annotator process: the key of the migration advisory lock.
PG_MIGRATION_LOCK = 0x616E6E6F  # "anno"
_REVISION_LINE = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION_LINE = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)


class DatabaseError(AnnotatorError):
    """The database cannot be opened or upgraded; the message says why and where."""


def database_url(target: str) -> str:
    """Turn a path or URL given by the user into an SQLAlchemy URL."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


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


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (not pysqlite) decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()
        _switch_to_wal(dbapi_connection)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

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


def _create_sqlite_file(path: Path) -> None:
    """Create a new, valid (WAL-mode, schema-less) database file atomically.

    SQLite leaves a new file empty until its first write; a concurrent opener seeing
    that empty file could not tell it from an empty file left by a failed copy, which
    is refused. So the file is made beside its name and hard-linked into place: a
    racing creator finds either nothing or a complete header.
    """
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError:  # no hard links (FAT, some network shares): SQLite creates it
            log.debug("cannot hard-link %s into place; letting SQLite create it", path)
    finally:
        os.unlink(tmp)


def create_db_engine(target: str) -> Engine:
    url = database_url(target)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            file = Path(path)
            if not file.parent.exists():
                raise DatabaseError(f"{path}: folder {file.parent} does not exist")
            if not file.exists():
                _create_sqlite_file(file)
            elif file.is_file() and file.stat().st_size == 0:
                # Not silently turned into a new database: an empty file is more likely a
                # failed copy or a wrong name than a wish to start afresh.
                raise DatabaseError(
                    f"{path}: the file is empty, not an annotator database "
                    "(delete it, or give a new file name to start a database)"
                )
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    _translate_driver_errors(engine)
    return engine


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


# ---------------------------------------------------------------------- schema version
def known_revisions() -> list[str]:
    """Revision ids of the shipped migrations, oldest first.

    Read from the files' ``revision = "…"`` lines (cheap: no alembic import) and put in
    order by their ``down_revision`` links; a test holds this to alembic's own view.
    """
    parents: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = _REVISION_LINE.search(source)
        down = _DOWN_REVISION_LINE.search(source)
        if rev:
            parents[rev.group(1)] = down.group(1) if down else None
    children = {parent: rev for rev, parent in parents.items()}
    ordered: list[str] = []
    current = children.get(None)
    while current is not None:
        ordered.append(current)
        current = children.get(current)
    return ordered


def head_revision() -> str:
    return known_revisions()[-1]


def _read_stamps(conn: Connection) -> list[str] | None:
    """Rows of alembic_version, or None when the table does not exist."""
    if conn.dialect.name == "sqlite":
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
    else:
        # (a catalog query, not to_regclass(): its cache may not yet see a table that
        # another session created while this one waited on the migration lock)
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM information_schema.tables WHERE table_name = 'alembic_version' "
            "AND table_schema = current_schema()"
        ).first()
    if not exists:
        return None
    return [row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]


def _has_tables(conn: Connection) -> bool:
    if conn.dialect.name == "sqlite":
        query = "SELECT 1 FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    else:
        query = (
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() LIMIT 1"
        )
    return conn.exec_driver_sql(query).first() is not None


def _checked_revision(conn: Connection, where: str) -> str | None:
    """The database's schema revision; refuses what this release cannot open."""
    stamps = _read_stamps(conn)
    if stamps is None:
        if _has_tables(conn):
            raise DatabaseError(
                f"{where}: not an annotator database (it has tables but no schema version)"
            )
        return None
    if len(stamps) != 1:
        raise DatabaseError(
            f"{where}: the database carries {len(stamps)} schema version "
            f"stamps ({', '.join(stamps) or 'none'}); it was changed by hand "
            "or by another program — restore a backup"
        )
    current = stamps[0]
    if current not in known_revisions():
        raise DatabaseError(
            f"{where}: written by a newer annotator (schema {current}); upgrade annotator"
        )
    return current


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        stamps = _read_stamps(conn)
    return stamps[0] if stamps else None


def _backup_sqlite(engine: Engine) -> Path | None:
    path = sqlite_path(engine)
    if path is None or not path.exists():
        return None
    backup = path.with_name(f"{path.name}.bak-before-upgrade")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(backup)
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()
    return backup


def _run_alembic(conn: Connection, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def _where(engine: Engine) -> str:
    path = sqlite_path(engine)
    return str(path) if path is not None else engine.url.render_as_string(hide_password=True)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (the newest by default) under the write lock;
    back up an existing SQLite file first. One query when already current."""
    where = _where(engine)
    target = head_revision() if revision == "head" else revision
    with engine.connect() as conn:
        if _read_stamps(conn) == [target]:
            return  # the common case: one query, no lock
    # Anything else is decided under the lock: another process may be migrating right now.
    if engine.dialect.name == "sqlite":
        _upgrade_sqlite(engine, where, revision)
    else:
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
            if _checked_revision(conn, where) != target:  # another process may have done it
                _run_alembic(conn, revision)


def _upgrade_sqlite(engine: Engine, where: str, revision: str) -> None:
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        # Batch migrations rebuild tables: with foreign keys on, dropping the old table
        # would cascade-delete child rows. The pragma only works outside a transaction.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            conn.info[IMMEDIATE_FLAG] = True
            with conn.begin():  # BEGIN IMMEDIATE: waits for other writers and migrators
                current = _checked_revision(conn, where)
                target = head_revision() if revision == "head" else revision
                if current == target:
                    return
                if current is not None:
                    backup = _backup_sqlite(engine)
                    log.info("backed up %s to %s before upgrading its schema", where, backup)
                _run_alembic(conn, revision)
                bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if bad:
                    raise DatabaseError(
                        f"{where}: foreign key check failed after the schema upgrade: {bad[:5]}"
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def open_engine(target: str) -> Engine:
    """Create the engine for ``target`` and migrate it; errors become DatabaseError."""
    try:
        engine = create_db_engine(target)
        upgrade(engine)
    except DatabaseError:
        raise
    except Exception as exc:  # sqlite3/OperationalError/…: say which database
        raise DatabaseError(f"{target}: cannot open database: {storage_message(exc)}") from exc
    return engine


__all__ = [
    "DatabaseError",
    "create_db_engine",
    "current_revision",
    "head_revision",
    "known_revisions",
    "metadata",
    "open_engine",
    "sqlite_path",
    "upgrade",
    "write_transaction",
]
