"""Database settings and schema versioning."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import text

from annotator.db.migrate import current_revision, open_engine
from annotator.db.schema import head_revision
from annotator.db.target import DatabaseError
from annotator.store import Store


def pragma(store: Store, name: str):
    with store.engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_pragmas(store: Store):
    assert pragma(store, "journal_mode") == "wal"
    assert pragma(store, "foreign_keys") == 1
    assert pragma(store, "synchronous") == 2  # FULL
    assert pragma(store, "busy_timeout") >= 5000


def test_foreign_keys_enforced(store: Store):
    with pytest.raises(Exception, match="FOREIGN KEY"):
        with store.engine.begin() as conn:
            conn.execute(
                text(
                    'INSERT INTO span (document_id, annotator_id, label_id, start, "end", text,'
                    " attributes, note, created_at, updated_at)"
                    " VALUES (999, 999, 999, 0, 1, 'x', '{}', '', '2026-01-01', '2026-01-01')"
                )
            )


def test_schema_is_versioned(store: Store):
    assert current_revision(store.engine) == head_revision()


def test_unversioned_database_is_refused_clearly(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseError, match="broken.db"):
        open_engine(str(path))


def test_missing_folder_is_refused_clearly(tmp_path):
    with pytest.raises(DatabaseError, match="does not exist"):
        open_engine(str(tmp_path / "no" / "such" / "folder" / "x.db"))


def test_reopen_keeps_data_and_skips_migration(db_path):
    store = Store.open(str(db_path))
    store.annotator_id("amal")
    store.close()
    again = Store.open(str(db_path))
    assert again.annotators() == ["amal"]
    again.close()


def test_old_database_is_backed_up_and_upgraded(db_path):
    from annotator.db.engine import create_db_engine
    from annotator.db.migrate import upgrade

    engine = create_db_engine(str(db_path))
    upgrade(engine, "0001")  # a database written by an older release
    engine.dispose()
    store = Store.open(str(db_path))
    assert current_revision(store.engine) == head_revision()
    store.close()
    assert (db_path.parent / f"{db_path.name}.bak-before-upgrade").exists()


def test_database_from_a_newer_release_is_refused_without_a_backup(db_path):
    store = Store.open(str(db_path))
    store.annotator_id("amal")
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    for _attempt in range(2):
        with pytest.raises(
            DatabaseError, match=r"newer annotator \(schema 0099\); upgrade annotator"
        ):
            Store.open(str(db_path))  # refused, not silently rewritten
    assert not (db_path.parent / f"{db_path.name}.bak-before-upgrade").exists()


def test_reader_is_not_blocked_by_a_writer(db_path, store: Store):
    """WAL: a second connection (another app instance) can read during a long write."""
    store.annotator_id("amal")
    other = Store.open(str(db_path))
    started = threading.Event()
    release = threading.Event()

    def long_writer():
        from annotator.db.writers import write_transaction

        with write_transaction(store.engine) as conn:
            conn.execute(text("INSERT INTO annotator (name) VALUES ('writer')"))
            started.set()
            release.wait(5)

    thread = threading.Thread(target=long_writer)
    thread.start()
    assert started.wait(5)
    t0 = time.monotonic()
    assert other.annotators() == ["amal"]  # reads the last committed state at once
    assert time.monotonic() - t0 < 2
    release.set()
    thread.join()
    other.forget_caches()
    assert sorted(other.annotators()) == ["amal", "writer"]
    other.close()
