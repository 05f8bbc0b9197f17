"""A span whose text is not its document's text[start:end] is refused: by the store's one
insert path whatever calls it, and by the database for an update made around the store."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, text

from annotator.errors import AnnotatorError, StoreError
from annotator.models import utcnow
from annotator.store import DOC, Store
from annotator.textio import sha256_text

TEXT = "قال المتحدث إن الميليشيات الطائفية هاجمت القرية 😀 أمس"


@pytest.fixture
def doc_id(store: Store) -> int:
    with store.engine.begin() as conn:
        return conn.execute(
            insert(DOC).values(
                corpus="default",
                external_id="a",
                title="",
                text=TEXT,
                sha256=sha256_text(TEXT),
                source="",
                meta={},
                imported_at=utcnow(),
            )
        ).inserted_primary_key[0]


def _row(store: Store, doc_id: int, start: int, end: int, span_text: str) -> dict:
    labelset = store.labelset()
    return {
        "document_id": doc_id,
        "annotator_id": store.annotator_id("amal"),
        "label_id": store.label_id(labelset, labelset.keys[0]),
        "start": start,
        "end": end,
        "text": span_text,
        "attributes": {},
        "note": "",
    }


def test_bulk_path_refuses_a_span_whose_text_differs(store: Store, doc_id: int):
    row = _row(store, doc_id, 4, 11, "something else")
    with pytest.raises(StoreError, match=r"text\[start:end\]"):
        with store.repos.spans.writing() as conn:
            store.repos.spans.insert_rows(conn, [row])
    assert store.spans(doc_id) == []


def test_bulk_path_refuses_a_range_past_the_end_even_with_matching_text(store: Store, doc_id):
    row = _row(store, doc_id, len(TEXT) - 3, len(TEXT) + 5, TEXT[-3:])
    with pytest.raises(StoreError):
        with store.repos.spans.writing() as conn:
            store.repos.spans.insert_rows(conn, [row])


def test_bulk_path_accepts_code_point_offsets_past_an_emoji(store: Store, doc_id: int):
    start = TEXT.index("أمس")
    row = _row(store, doc_id, start, start + 3, "أمس")
    with store.repos.spans.writing() as conn:
        assert store.repos.spans.insert_rows(conn, [row]) == [1]
    assert [s.text for s in store.spans(doc_id)] == ["أمس"]


def test_moving_a_span_by_sql_without_its_text_is_refused(store: Store, doc_id: int):
    labelset = store.labelset()
    span = store.add_span(doc_id, "amal", labelset, labelset.keys[0], 0, 3)
    with pytest.raises(Exception, match=r"text\[start:end\]"):
        with store.engine.begin() as conn:
            conn.execute(text('UPDATE span SET start = 1, "end" = 4 WHERE id = :i'), {"i": span.id})
    assert store.span(span.id).start == 0


def test_too_long_annotator_name_is_refused_clearly(store: Store):
    with pytest.raises(AnnotatorError, match="at most 200"):
        store.annotator_id("x" * 201)


def test_nul_in_annotator_name_is_refused_clearly(store: Store):
    with pytest.raises(AnnotatorError, match="NUL"):
        store.annotator_id("a\x00b")
