"""The navigator's rows narrowed to one outlet, through the Store (paged, counted, indexed)."""

from __future__ import annotations

from tests.core.insight.corpus import SOURCE_A, SOURCE_B, build


def test_document_rows_of_one_source_in_import_order(store):
    ids = build(store)
    rows = store.document_rows(annotator="amal", source=SOURCE_A)
    assert [(r.id, r.status, r.span_count) for r in rows] == [
        (ids["a1"], "done", 2),
        (ids["a2"], "done", 2),
    ]
    assert store.document_row_count(annotator="amal", source=SOURCE_B) == 2
    assert store.document_row_count(annotator="amal", status="done", source=SOURCE_B) == 1
    assert store.document_index(ids["b2"], annotator="amal", source=SOURCE_B) == 1
    assert store.document_index(ids["a1"], annotator="amal", source=SOURCE_B) is None
    assert store.neighbour_document(ids["b1"], 1, source=SOURCE_B) == ids["b2"]
    assert store.neighbour_document(ids["b2"], 1, source=SOURCE_B) is None
    assert store.document_row_count(source="nowhere") == 0
    assert store.document_row_count() == len(ids)
