"""The import's bulk document insert gives back ids with the texts it stored, and the
span insert path checks spans against those texts exactly as against texts read back:
a span paired with the wrong document is refused either way."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from annotator.errors import StoreError
from annotator.models import utcnow
from annotator.store import DOC, Store
from annotator.textio import sha256_text

FIRST = "قال المتحدث إن الميليشيات الطائفية هاجمت القرية"
SECOND = "أعلنت قوات الأسد سقوط شهداء 😀 في القصف"


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


def _document(external_id: str, text: str, **extra) -> dict:
    return {
        "corpus": "default",
        "external_id": external_id,
        "title": "",
        "text": text,
        "sha256": sha256_text(text),
        "source": "",
        "meta": {"k": ["ü", 1]},
        "imported_at": utcnow(),
        **extra,
    }


def _span(store: Store, doc_id: int, text: str, piece: str) -> dict:
    """A span row; its annotator and label exist already (made before the import's
    transaction, which holds the write lock)."""
    labelset = store.labelset()
    start = text.index(piece)
    return {
        "document_id": doc_id,
        "annotator_id": store.annotator_id("amal", create=False),
        "label_id": store.label_id(labelset, labelset.keys[0]),
        "start": start,
        "end": start + len(piece),
        "text": piece,
        "attributes": {},
        "note": "",
    }


@pytest.fixture(autouse=True)
def _annotator_and_label(store: Store) -> None:
    store.annotator_id("amal")
    labelset = store.labelset()
    store.label_id(labelset, labelset.keys[0])


def test_insert_many_returns_ids_in_order_with_the_stored_texts(store: Store):
    with store.import_transaction() as conn:
        written = store.repos.documents.insert_many(
            conn, [_document("a", FIRST), _document("b", SECOND)]
        )
    first, second = written
    assert second > first and list(written.values()) == [FIRST, SECOND]
    stored = store.document(first)
    assert (stored.external_id, stored.text, stored.meta) == ("a", FIRST, {"k": ["ü", 1]})
    assert store.document(second).text == SECOND
    assert [row[:2] for row in store.repos.documents.page(0, 10)] == [(first, "a"), (second, "b")]


def test_insert_many_counts_words_unless_given(store: Store):
    with store.import_transaction() as conn:
        written = store.repos.documents.insert_many(
            conn, [_document("a", FIRST), _document("b", SECOND, word_count=99)]
        )
    first, second = written
    with store.engine.connect() as conn:
        counts = dict(conn.execute(select(DOC.c.id, DOC.c.word_count)).all())
    assert counts == {first: len(FIRST.split()), second: 99}


def test_a_span_paired_with_the_wrong_new_document_is_refused(store: Store):
    with pytest.raises(StoreError, match=r"text\[start:end\]"):
        with store.import_transaction() as conn:
            written = store.repos.documents.insert_many(
                conn, [_document("a", FIRST), _document("b", SECOND)]
            )
            first, second = written
            wrong = _span(store, first, FIRST, "الميليشيات")
            wrong["document_id"] = second  # the text of the first, the id of the second
            store.repos.spans.insert_rows(conn, [wrong], written=written)
    assert store.document_count() == 0  # the whole transaction rolled back


def test_spans_of_new_and_stored_documents_are_checked_together(store: Store):
    with store.import_transaction() as conn:
        [old] = store.repos.documents.insert_many(conn, [_document("a", FIRST)])
    with store.import_transaction() as conn:
        written = store.repos.documents.insert_many(conn, [_document("b", SECOND)])
        [new] = written
        rows = [_span(store, new, SECOND, "شهداء"), _span(store, old, FIRST, "القرية")]
        assert store.repos.spans.insert_rows(conn, rows, written=written) == [2]
        bad = _span(store, old, FIRST, "القرية")
        bad["text"] = "القريه"
        with pytest.raises(StoreError):
            store.repos.spans.insert_rows(conn, [bad], written=written)
