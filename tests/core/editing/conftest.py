"""Documents for the headless editing tests."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from annotator.editing import Editor
from annotator.models import Document, utcnow
from annotator.textio import sha256_text

ME = "huda"
OTHER = "omar"
SECOND = "نظام الأسد و نظام الأسد مرة أخرى"


def insert_documents(store, texts: list[str]) -> list[int]:
    rows = [
        dict(
            corpus="default",
            external_id=f"doc-{i}",
            title=f"Doc {i}",
            text=t,
            sha256=sha256_text(t),
            source="",
            meta={},
            imported_at=utcnow(),
        )
        for i, t in enumerate(texts)
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(Document.__table__), rows)
    return [r.id for r in store.document_rows(0, len(texts) + 10)]


def occurrence(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture
def docs(store, seed_text) -> list[int]:
    return insert_documents(store, [seed_text, SECOND])


@pytest.fixture
def editor(store, docs) -> Editor:
    return Editor(store, ME, store.labelset())
