"""The Store API the CLI and the app share: spans, statuses, document labels, listing."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from annotator.models import utcnow
from annotator.store import DOC, DuplicateSpanError, Store, StoreError
from annotator.textio import sha256_text


def add_doc(store: Store, external_id: str, text: str, corpus: str = "default") -> int:
    with store.engine.begin() as conn:
        return conn.execute(
            insert(DOC).values(
                corpus=corpus,
                external_id=external_id,
                title=external_id,
                text=text,
                sha256=sha256_text(text),
                source="",
                meta={},
                imported_at=utcnow(),
            )
        ).inserted_primary_key[0]


TEXT = "قال ناشطون إن الميليشيات الطائفية 😀 قصفت شهيداً"


@pytest.fixture
def doc(store: Store) -> int:
    return add_doc(store, "d1", TEXT)


def test_add_span_stores_code_point_text(store: Store, doc: int):
    ls = store.labelset()
    start = TEXT.index("الميليشيات")
    end = start + len("الميليشيات الطائفية")
    span = store.add_span(doc, "amal", ls, "LOADED_TERM", start, end)
    assert span.text == "الميليشيات الطائفية"
    assert store.spans(doc) == [span]
    after_emoji = TEXT.index("شهيداً")
    span2 = store.add_span(doc, "amal", ls, "LOADED_TERM", after_emoji, len(TEXT))
    assert span2.text == "شهيداً"


def test_overlaps_nested_and_same_range_allowed_exact_duplicate_refused(store: Store, doc: int):
    ls = store.labelset()
    label_keys = ls.keys
    store.add_span(doc, "amal", ls, label_keys[0], 0, 10)
    store.add_span(doc, "amal", ls, label_keys[0], 4, 20)  # overlap
    store.add_span(doc, "amal", ls, label_keys[0], 5, 8)  # nested
    store.add_span(doc, "amal", ls, label_keys[1], 0, 10)  # same range, other label
    store.add_span(doc, "bilal", ls, label_keys[0], 0, 10)  # same range, other annotator
    with pytest.raises(DuplicateSpanError):
        store.add_span(doc, "amal", ls, label_keys[0], 0, 10)
    assert len(store.spans(doc)) == 5
    assert len(store.spans(doc, "amal")) == 4


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (6, 2), (0, len(TEXT) + 1)])
def test_bad_ranges_refused(store: Store, doc: int, start: int, end: int):
    with pytest.raises(StoreError):
        store.add_span(doc, "amal", store.labelset(), "LOADED_TERM", start, end)
    assert store.spans(doc) == []


def test_unknown_label_refused(store: Store, doc: int):
    with pytest.raises(StoreError, match="NOT_A_LABEL"):
        store.add_span(doc, "amal", store.labelset(), "NOT_A_LABEL", 0, 3)


def test_update_and_delete_and_restore(store: Store, doc: int):
    ls = store.labelset()
    span = store.add_span(doc, "amal", ls, "LOADED_TERM", 0, 3, attributes={"target": "x"})
    moved = store.update_span(span.id, end=10, note="why", label=ls.keys[1])
    assert (moved.start, moved.end, moved.text, moved.note, moved.label) == (
        0,
        10,
        TEXT[:10],
        "why",
        ls.keys[1],
    )
    assert moved.attributes == {"target": "x"}
    store.delete_span(span.id)
    assert store.spans(doc) == []
    restored = store.restore_spans([moved])
    assert restored == [moved]  # same id, same everything


def test_add_spans_is_all_or_nothing(store: Store, doc: int):
    ls = store.labelset()
    good = dict(document_id=doc, annotator="amal", labelset=ls, label="LOADED_TERM", start=0, end=3)
    bad = dict(good, start=5, end=1)
    with pytest.raises(StoreError):
        store.add_spans([good, bad])
    assert store.spans(doc) == []


def test_status_per_annotator(store: Store, doc: int):
    assert store.status(doc, "amal") == "todo"
    store.set_status(doc, "amal", "in progress")
    store.set_status(doc, "amal", "done")
    store.set_status(doc, "bilal", "skipped")
    assert store.status(doc, "amal") == "done"
    assert store.status(doc, "bilal") == "skipped"
    with pytest.raises(StoreError, match="unknown status"):
        store.set_status(doc, "amal", "finished")


def test_document_labels(store: Store, doc: int):
    ls = store.labelset()
    spec = ls.document_labels[0]
    store.set_document_label(doc, "amal", ls, spec.key, spec.choices[0])
    assert store.document_labels(doc, "amal") == {spec.key: spec.choices[0]}
    with pytest.raises(StoreError):
        store.set_document_label(doc, "amal", ls, spec.key, "not-a-choice")
    store.set_document_label(doc, "amal", ls, spec.key, None)
    assert store.document_labels(doc, "amal") == {}


def test_document_rows_paging_filter_and_neighbours(store: Store):
    ids = [add_doc(store, f"doc{i:03}", f"نص رقم {i}") for i in range(30)]
    store.set_status(ids[3], "amal", "done")
    store.add_span(ids[4], "amal", store.labelset(), "LOADED_TERM", 0, 2)
    rows = store.document_rows(0, 10, annotator="amal")
    assert [r.id for r in rows] == ids[:10]
    assert rows[3].status == "done" and rows[4].span_count == 1
    assert store.document_row_count(annotator="amal") == 30
    assert store.document_row_count(annotator="amal", status="done") == 1
    assert store.document_row_count(annotator="amal", status="todo") == 29
    assert store.document_index(ids[7], annotator="amal") == 7
    assert store.neighbour_document(ids[7]) == ids[8]
    assert store.neighbour_document(ids[7], -1) == ids[6]
    assert store.neighbour_document(ids[-1]) is None
    assert store.neighbour_document(ids[0], annotator="amal", status="done") == ids[3]


def test_labelsets_listed_and_registered(store: Store):
    names = {info.name for info in store.labelsets()}
    assert "media-bias-ar" in names
    with pytest.raises(StoreError, match="unknown label set"):
        store.labelset("no-such-set")


def test_stats(store: Store, doc: int):
    store.add_span(doc, "amal", store.labelset(), "LOADED_TERM", 0, 3)
    store.set_status(doc, "amal", "done")
    stats = store.stats()
    assert stats["documents"] == 1 and stats["spans"] == 1
    assert stats["spans_per_label"] == [
        {"labelset": "media-bias-ar", "label": "LOADED_TERM", "spans": 1}
    ]
    amal = stats["annotators"][0]
    assert (
        amal["annotator"] == "amal" and amal["status"]["done"] == 1 and amal["status"]["todo"] == 0
    )


def test_keyset_pages_equal_offset_pages(store: Store):
    ids = [add_doc(store, f"k{i:03}", f"نص {i}") for i in range(45)]
    store.set_status(ids[5], "amal", "done")
    for status in (None, "todo"):
        by_offset = [
            r.id
            for p in range(5)
            for r in store.document_rows(p * 10, 10, annotator="amal", status=status)
        ]
        by_keyset, after = [], None
        while True:
            page = store.document_rows(0, 10, annotator="amal", status=status, after_id=after)
            if not page:
                break
            by_keyset += [r.id for r in page]
            after = page[-1].id
        assert by_keyset == by_offset
