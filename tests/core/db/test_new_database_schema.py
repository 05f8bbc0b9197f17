"""A new database gets the schema alembic writes, whether or not alembic runs for it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.db import migrate
from annotator.db.migrate import open_engine
from annotator.db.template import template_path


def _canonical(sql: str | None) -> object:
    """A CREATE statement with its table constraints sorted: alembic's batch rebuilds
    write a table's constraints in an order that changes from one run to the next (two
    alembic runs into new files differ there), everything else is kept as written."""
    if sql is None:
        return None
    head, _, body = sql.partition("(\n")
    if not body:
        return sql
    lines = [line.strip().rstrip(",").strip() for line in body.split("\n")]
    columns = [line for line in lines if not line.startswith("CONSTRAINT")]
    constraints = sorted(line for line in lines if line.startswith("CONSTRAINT"))
    return head, columns, constraints


def _everything(path: Path) -> list[object]:
    """sqlite_master in creation order (without page numbers), every table's rows and
    the header pragmas: what two databases with the same schema share."""
    conn = sqlite3.connect(path)
    try:
        master = [
            (kind, name, table, _canonical(sql))
            for kind, name, table, sql in conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid"
            )
        ]
        rows = [
            (name, conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall())
            for kind, name, _tbl, _sql in master
            if kind == "table"
        ]
        pragmas = [
            conn.execute(f"PRAGMA {name}").fetchone()
            for name in ("user_version", "application_id", "journal_mode", "page_size")
        ]
    finally:
        conn.close()
    return [master, rows, pragmas]


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _alembic_database(path: Path) -> Path:
    migrate._migrate_new_file(str(path))
    return path


def _opened(path: Path) -> Path:
    open_engine(str(path)).dispose()
    return path


def test_a_new_database_from_the_template_equals_one_alembic_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    by_alembic = _alembic_database(tmp_path / "alembic.db")
    first = _opened(tmp_path / "first.db")  # builds the template, then replays it
    assert template_path().exists()

    def no_alembic(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("alembic ran although the template exists")

    monkeypatch.setattr(migrate, "_run_alembic", no_alembic)
    second = _opened(tmp_path / "second.db")
    assert _everything(first) == _everything(by_alembic)
    assert _everything(second) == _everything(by_alembic)
    assert _everything(by_alembic)[0]  # a schema was compared, not two empty files


def test_an_unreadable_template_means_the_migrations_run(tmp_path: Path):
    path = template_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database")
    made = _opened(tmp_path / "new.db")
    assert _everything(made) == _everything(_alembic_database(tmp_path / "alembic.db"))


def test_an_existing_database_is_never_rebuilt_from_the_template(tmp_path: Path):
    path = _opened(tmp_path / "kept.db")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO annotator (name) VALUES ('amal')")
    conn.close()
    before = _everything(path)
    _opened(path)
    assert _everything(path) == before


def test_the_template_is_named_after_the_migrations_it_was_built_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from annotator.db import template

    shipped = template_path()
    copy = tmp_path / "migrations"
    shutil.copytree(template.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(template, "MIGRATIONS_DIR", copy)
    template._migrations_digest.cache_clear()
    try:
        assert template_path() == shipped  # same files, same template
        newest = sorted((copy / "versions").glob("*.py"))[-1]
        newest.write_text(newest.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        template._migrations_digest.cache_clear()
        assert template_path() != shipped  # an edited migration never meets the old template
    finally:
        template._migrations_digest.cache_clear()
