"""Setting many document statuses at once (the import's path) inserts new ones and
overwrites existing ones with one timestamp of the time of writing, on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from annotator.errors import StoreError
from annotator.models import utcnow
from annotator.storage.tables import STATUS
from annotator.store import Store
from annotator.textio import sha256_text


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path):
    target = (
        str(tmp_path / "study.db")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    opened = Store.open(target)
    yield opened
    opened.close()


def _documents(store: Store, count: int) -> list[int]:
    rows = [
        {
            "corpus": "default",
            "external_id": f"d{i}",
            "title": "",
            "text": f"نص {i}",
            "sha256": sha256_text(f"نص {i}"),
            "source": "",
            "meta": {},
            "imported_at": utcnow(),
        }
        for i in range(count)
    ]
    with store.import_transaction() as conn:
        return list(store.repos.documents.insert_many(conn, rows))


def _stored(store: Store) -> list[tuple]:
    with store.engine.connect() as conn:
        return list(
            conn.execute(
                select(
                    STATUS.c.document_id,
                    STATUS.c.annotator_id,
                    STATUS.c.status,
                    STATUS.c.updated_at,
                ).order_by(STATUS.c.document_id)
            )
        )


def _utc(value: dt.datetime) -> dt.datetime:
    """Naive UTC (SQLite gives naive UTC back, PostgreSQL an aware datetime)."""
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def test_many_statuses_insert_then_overwrite_with_one_stamp(store: Store):
    first, second = _documents(store, 2)
    amal = store.repos.annotators.id("amal")
    before = _utc(utcnow())
    with store.import_transaction() as conn:
        store.repos.statuses.upsert(conn, {(first, amal): "done", (second, amal): "skipped"})
    inserted = _stored(store)
    assert [row[:3] for row in inserted] == [(first, amal, "done"), (second, amal, "skipped")]
    stamp = _utc(inserted[0][3])
    assert before <= stamp <= _utc(utcnow())
    assert _utc(inserted[1][3]) == stamp

    with store.import_transaction() as conn:
        store.repos.statuses.upsert(conn, {(first, amal): "todo"})
    overwritten = _stored(store)
    assert [row[:3] for row in overwritten] == [(first, amal, "todo"), (second, amal, "skipped")]
    assert _utc(overwritten[0][3]) >= stamp and _utc(overwritten[1][3]) == stamp
    assert store.status(first, "amal") == "todo"


def test_a_status_for_a_missing_document_is_a_store_error(store: Store):
    amal = store.repos.annotators.id("amal")
    with pytest.raises(StoreError), store.import_transaction() as conn:
        store.repos.statuses.upsert(conn, {(999, amal): "done"})
    assert _stored(store) == []
