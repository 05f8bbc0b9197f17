"""Bringing a database to the newest schema, under the write lock, with a backup first.

Only a database that is not current gets here (:meth:`annotator.storage.connection.
Database.open` checks that with one query): alembic is imported only when a migration
actually runs. The migration runs under the same write lock as every writer (``BEGIN
IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), so concurrent first opens of a
new database queue instead of racing; a database another process upgraded meanwhile is
left alone, one written by a newer release is refused without being touched.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from annotator.db.engine import IMMEDIATE_FLAG, create_db_engine, sqlite_path
from annotator.db.schema import MIGRATIONS_DIR, checked_revision, head_revision, read_stamps
from annotator.db.sqlite import copy_database
from annotator.db.target import DatabaseError
from annotator.errors import storage_message

log = logging.getLogger(__name__)

# Any constant shared by every annotator process: the key of the migration advisory lock.
PG_MIGRATION_LOCK = 0x616E6E6F  # "anno"


def _query(conn: Connection):
    return lambda sql: conn.exec_driver_sql(sql).all()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        stamps = read_stamps(_query(conn), conn.dialect.name)
    return stamps[0] if stamps else None


def _backup_sqlite(engine: Engine) -> Path | None:
    path = sqlite_path(engine)
    if path is None or not path.exists():
        return None
    backup = path.with_name(f"{path.name}.bak-before-upgrade")
    copy_database(path, backup)
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
        if read_stamps(_query(conn), conn.dialect.name) == [target]:
            return  # the common case: one query, no lock
    # Anything else is decided under the lock: another process may be migrating right now.
    if engine.dialect.name == "sqlite":
        _upgrade_sqlite(engine, where, revision)
    else:
        with engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
            # another process may have done it meanwhile
            if checked_revision(_query(conn), "postgresql", where) != target:
                _run_alembic(conn, revision)


def _migrate_new_file(path: str) -> None:
    """Create a database file at ``path`` by running every migration (the template's
    source, :mod:`annotator.db.template`)."""
    engine = create_db_engine(path)
    try:
        _upgrade_sqlite(engine, path, "head", from_template=False)
    finally:
        engine.dispose()


def _create_from_template(conn: Connection) -> bool:
    """Give the new, empty database behind ``conn`` the newest schema from the template,
    in ``conn``'s transaction; False when there is no template to use."""
    from annotator.db.template import new_schema_statements

    statements = new_schema_statements(_migrate_new_file)
    if statements is None:
        return False
    for sql, params in statements:
        conn.exec_driver_sql(sql, params)
    return True


def _upgrade_sqlite(engine: Engine, where: str, revision: str, from_template: bool = True) -> None:
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        # Batch migrations rebuild tables: with foreign keys on, dropping the old table
        # would cascade-delete child rows. The pragma only works outside a transaction.
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            conn.info[IMMEDIATE_FLAG] = True
            with conn.begin():  # BEGIN IMMEDIATE: waits for other writers and migrators
                current = checked_revision(_query(conn), "sqlite", where)
                target = head_revision() if revision == "head" else revision
                if current == target:
                    return
                if current is not None:
                    backup = _backup_sqlite(engine)
                    log.info("backed up %s to %s before upgrading its schema", where, backup)
                new_at_head = current is None and target == head_revision()
                if not (new_at_head and from_template and _create_from_template(conn)):
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
