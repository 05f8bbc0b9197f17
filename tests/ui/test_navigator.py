"""The lazy document list: paged fetches, bounded cache, status filter."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import insert

from annotator.models import Document, utcnow
from annotator.textio import sha256_text
from ui.document_list import MAX_PAGES, PAGE_SIZE, DocumentListModel
from ui.navigator import NavigatorWidget

ME = "huda"
N = 5000


def insert_many(store, n: int) -> None:
    rows = []
    for i in range(n):
        text = f"نص المقال رقم {i}"
        rows.append(
            dict(
                corpus="default",
                external_id=f"art-{i:05d}",
                title=f"عنوان {i}",
                text=text,
                sha256=sha256_text(text),
                source="",
                meta={},
                imported_at=utcnow(),
            )
        )
    with store.engine.begin() as conn:
        conn.execute(insert(Document.__table__), rows)  # executemany


@pytest.fixture
def big_store(store):
    insert_many(store, N)
    return store


def test_model_passes_qtmodeltester(qtmodeltester, big_store):
    model = DocumentListModel(big_store, ME)
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_in_pages_and_cache_is_bounded(big_store):
    model = DocumentListModel(big_store, ME)
    assert model.rowCount() == N
    assert model.page_fetches == 0  # counting does not fetch rows
    assert model.data(model.index(0, 0)) == "عنوان 0"
    assert model.data(model.index(PAGE_SIZE - 1, 0)) == f"عنوان {PAGE_SIZE - 1}"
    assert model.page_fetches == 1
    assert model.data(model.index(4321, 0)) == "عنوان 4321"
    assert model.page_fetches == 2
    for row in range(0, N, PAGE_SIZE):
        model.data(model.index(row, 2))
    assert model.page_fetches == N // PAGE_SIZE  # each page read once
    assert model.cached_pages <= MAX_PAGES
    model.max_pages = 5
    model.refresh()
    for row in range(0, N, PAGE_SIZE):
        model.data(model.index(row, 2))
    assert model.cached_pages == 5
    fetches = model.page_fetches
    model.data(model.index(N - 1, 0))  # most recent page: still cached
    assert model.page_fetches == fetches
    model.data(model.index(0, 0))  # evicted long ago: fetched again
    assert model.page_fetches == fetches + 1
    assert model.data(model.index(N - 1, 1)) == "To do"
    assert model.data(model.index(N - 1, 2)) == 0


def test_status_filter_and_row_refresh(big_store):
    model = DocumentListModel(big_store, ME)
    ids = [model.document_id_at(r) for r in (3, 10, 4500)]
    for doc in ids:
        big_store.set_status(doc, ME, "done")
    model.set_status_filter("done")
    assert model.rowCount() == 3
    assert [model.document_id_at(r) for r in range(3)] == ids
    model.set_status_filter("todo")
    assert model.rowCount() == N - 3
    model.set_status_filter(None)
    assert model.rowCount() == N
    # One document's span count changes: only its row is re-read.
    labelset = big_store.labelset()
    big_store.add_span(ids[0], ME, labelset, "LOADED_TERM", 0, 2)
    row = model.row_of(ids[0])
    assert row == 3
    before = model.page_fetches
    model.refresh_document(ids[0])
    assert model.data(model.index(row, 2)) == 1
    assert model.page_fetches == before + 1


def test_navigator_widget_filter_combo_and_activation(qtbot, big_store):
    widget = NavigatorWidget(big_store, ME)
    qtbot.addWidget(widget)
    doc = widget.model.document_id_at(7)
    big_store.set_status(doc, ME, "skipped")
    widget.set_status_filter("skipped")
    assert widget.model.rowCount() == 1
    assert widget.count_label.text() == "1"
    with qtbot.waitSignal(widget.documentActivated) as blocker:
        widget.table.clicked.emit(widget.model.index(0, 0))
    assert blocker.args == [doc]
    widget.set_status_filter(None)
    assert widget.model.rowCount() == N


def test_show_document_uses_neighbour_hint_fast(qtbot, big_store):
    widget = NavigatorWidget(big_store, ME)
    qtbot.addWidget(widget)
    first = widget.model.document_id_at(0)
    widget.show_document(first)
    doc = first
    t0 = time.perf_counter()
    for _ in range(50):
        doc = big_store.neighbour_document(doc, 1, annotator=ME)
        widget.show_document(doc)
    per_step = (time.perf_counter() - t0) / 50
    assert widget.table.currentIndex().row() == 50
    assert per_step < 0.5  # target 50 ms per step (benchmarks); guards pathological regressions


def test_rows_stay_in_order_across_keyset_pages_and_a_removed_row(big_store):
    """Pages after the first are read by id (keyset), not OFFSET; a row leaving the
    filter must not shift the ids of the rows after it."""
    model = DocumentListModel(big_store, ME)
    model.set_status_filter("todo")
    expected = [r.id for r in big_store.document_rows(0, 1000, annotator=ME, status="todo")]
    assert [model.document_id_at(r) for r in range(600)] == expected[:600]
    gone = model.document_id_at(150)
    big_store.set_status(gone, ME, "done")
    model.refresh_document(gone)
    expected.remove(gone)
    assert [model.document_id_at(r) for r in range(900)] == expected[:900]


def test_source_combo_shows_only_that_outlets_documents(qtbot, store):
    from tests.core.insight.corpus import SOURCE_A, SOURCE_B, build

    ids = build(store)
    widget = NavigatorWidget(store, ME)
    qtbot.addWidget(widget)
    combo = widget.source_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [
        None,
        SOURCE_B,
        SOURCE_A,
        "الجزيرة",
    ]  # most documents first, ties by name
    combo.setCurrentIndex(combo.findData(SOURCE_B))
    listed = [widget.model.document_id_at(r) for r in range(widget.model.rowCount())]
    assert listed == [ids["b1"], ids["b2"]]
    assert widget.count_label.text() == "2"
    assert widget.model.row_of(ids["a1"]) is None  # another outlet's document is not listed
    store.set_status(ids["b2"], ME, "done")
    store.set_status(ids["a2"], ME, "done")
    widget.set_status_filter("done")  # both filters at once
    assert [widget.model.document_id_at(r) for r in range(widget.model.rowCount())] == [ids["b2"]]
    widget.set_status_filter(None)
    widget.set_source_filter(None)
    assert widget.model.rowCount() == len(ids)


def test_source_list_follows_an_outlet_rename(qtbot, store):
    from annotator.insight.sources import rename_source
    from tests.core.insight.corpus import SOURCE_B, build

    ids = build(store)
    widget = NavigatorWidget(store, ME)
    qtbot.addWidget(widget)
    widget.set_source_filter(SOURCE_B)
    rename_source(store, SOURCE_B, "SANA")
    widget.refresh()
    assert widget.source_combo.findData(SOURCE_B) == -1
    assert widget.source_filter() is None  # the chosen outlet is gone: every document
    assert widget.model.rowCount() == len(ids)
    widget.set_source_filter("SANA")
    assert widget.model.rowCount() == 2
