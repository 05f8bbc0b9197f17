"""An import stores exactly the rows it stored before its bulk path was made faster:
the same ids, texts, counts, JSON and timestamps, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from annotator.store import Store
from tests.core.importing.stored_rows import expected, import_fixtures, stored_rows


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "study.db")
    return request.getfixturevalue("pg_url")


def test_imports_store_the_same_rows_and_report_the_same_counts(target: str):
    store = Store.open(target)
    try:
        counts = import_fixtures(store)
        rows = stored_rows(store)
    finally:
        store.close()
    want = expected()
    assert counts == want["reports"]
    for table, table_rows in want["rows"].items():
        assert rows[table] == table_rows, table


STAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def test_sqlite_file_holds_json_and_timestamps_in_the_form_readers_expect(tmp_path: Path):
    db = tmp_path / "study.db"
    store = Store.open(str(db))
    import_fixtures(store)
    store.close()
    conn = sqlite3.connect(db)
    try:
        metas = [m for (m,) in conn.execute("SELECT meta FROM document ORDER BY id")]
        attributes = [a for (a,) in conn.execute("SELECT attributes FROM span ORDER BY id")]
        stamps = conn.execute(
            "SELECT imported_at FROM document UNION ALL SELECT created_at FROM span "
            "UNION ALL SELECT updated_at FROM span UNION ALL SELECT updated_at FROM "
            "document_status"
        ).fetchall()
    finally:
        conn.close()
    # json.dumps with its defaults (ASCII escapes), as SQLAlchemy's JSON type writes it
    assert metas[0] == '{"extra": {"k": [1, 2, {"z": true}]}}'
    assert metas[1:4] == ["{}", "{}", "{}"]
    assert attributes[1] == (
        '{"target": "\\u0627\\u0644\\u062b\\u0648\\u0627\\u0631", "stance": "pro-opposition"}'
    )
    assert attributes.count("{}") == len(attributes) - 1
    assert stamps and all(isinstance(s, str) and STAMP.fullmatch(s) for (s,) in stamps)
