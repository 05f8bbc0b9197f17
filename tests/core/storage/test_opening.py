"""Opening databases: version stamps, empty files, concurrent first opens, start-up cost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotator.db.schema import head_revision, known_revisions
from annotator.db.target import DatabaseError
from annotator.store import Store


def test_two_version_stamps_are_refused(db_path: Path):
    Store.open(str(db_path)).close()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO alembic_version VALUES ('0001')")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="2 schema version stamps"):
        Store.open(str(db_path))


def test_empty_existing_file_is_not_turned_into_a_database(tmp_path: Path):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(DatabaseError, match="empty"):
        Store.open(str(path))
    assert path.stat().st_size == 0


def test_foreign_sqlite_database_is_refused(tmp_path: Path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="not an annotator database"):
        Store.open(str(path))


def test_known_revisions_are_alembics_chain():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from annotator.db.schema import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == head_revision()
    assert [rev.revision for rev in script.walk_revisions()][::-1] == known_revisions()


def test_concurrent_first_opens_of_a_new_file_all_succeed(tmp_path: Path):
    path = tmp_path / "new.db"
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def first_open() -> None:
        try:
            barrier.wait()
            store = Store.open(str(path))
            store.annotator_id(threading.current_thread().name)
            store.close()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=first_open, name=f"a{i}") for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = Store.open(str(path))
    assert len(store.annotators()) == 8
    store.close()


def test_opening_a_current_database_does_not_import_alembic(db_path: Path):
    Store.open(str(db_path)).close()
    code = (
        "import sys; from annotator.store import Store; Store.open(sys.argv[1]).close(); "
        "print('alembic' in sys.modules, 'sqlmodel' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    ).stdout
    assert out.split() == ["False", "False"]
