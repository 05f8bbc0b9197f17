"""A label key in an article of 2,000 spans changes the rows it touched, and nothing else.

The window refreshes from the operation's changes (Anki's model): the spans table inserts,
updates or removes single rows (never a model reset), the navigator's count follows from
the change (no count query), and nothing re-lists the article's spans. Undo, redo and
work done elsewhere still end with the table equal to the database.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert

from annotator.models import utcnow
from annotator.storage.spans import SpanRepository
from annotator.store import DOC, Store
from annotator.textio import sha256_text
from tests.ui.test_mainwindow import ME
from ui.mainwindow import MainWindow

OTHER = "omar"
WORDS = "قال مراسلنا إن الثوار قطعوا طريق الإمداد جنوب حلب وقصفت الطائرات البلدة".split()


@pytest.fixture(scope="module")
def crowded_template(seeded_template, tmp_path_factory) -> tuple[Path, int]:
    """The seeded database plus one long article carrying 2,000 spans (mine and omar's)."""
    path = tmp_path_factory.mktemp("crowded") / "crowded.db"
    shutil.copyfile(seeded_template, path)
    store = Store.open(str(path))
    rng = random.Random(7)
    text = "\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(60))
    with store.engine.begin() as conn:
        doc = conn.execute(
            insert(DOC).values(
                corpus="default",
                external_id="crowded",
                title="2,000 spans",
                text=text,
                sha256=sha256_text(text),
                source="",
                meta={},
                imported_at=utcnow(),
            )
        ).inserted_primary_key[0]
    labelset = store.labelset()
    keys = [lb.key for lb in labelset.labels]
    words = [m.span() for m in re.finditer(r"\S+", text)]
    store.add_spans(
        [
            dict(
                document_id=doc,
                annotator=ME if i % 4 else OTHER,
                labelset=labelset,
                label=keys[i % len(keys)],
                start=words[i][0],
                end=words[i][1],
            )
            for i in range(2000)
        ]
    )
    store.close()
    return path, doc


@pytest.fixture
def crowded(qtbot, crowded_template, tmp_path, settings):
    template, doc = crowded_template
    target = tmp_path / "crowded.db"
    shutil.copyfile(template, target)
    store = Store.open(str(target))
    win = MainWindow(store, ME, settings=settings, lang="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.session.set_only_my_spans(False)  # everyone's 2,000 spans in the table
    assert win.open_document(doc)
    win.view.setFocus()
    yield win, store, doc
    win.close()
    store.close()


class Recorder:
    """Which structural signals a model emitted."""

    def __init__(self, model) -> None:
        self.events: list[str] = []
        model.modelReset.connect(lambda: self.events.append("reset"))
        model.layoutChanged.connect(lambda *_: self.events.append("layout"))
        model.rowsInserted.connect(lambda *_: self.events.append("inserted"))
        model.rowsRemoved.connect(lambda *_: self.events.append("removed"))
        model.dataChanged.connect(lambda *_: self.events.append("changed"))


def free_word(win: MainWindow) -> tuple[int, int]:
    """A word no span covers yet (the article's last paragraphs carry none)."""
    text = win.session.document.text
    taken = {(s.start, s.end) for s in win.session.spans()}
    for m in re.finditer(r"\S+", text):
        if m.span() not in taken and m.start() > max(e for _, e in taken):
            return m.span()
    raise AssertionError("no free word")


def table_ids(win: MainWindow) -> list[int]:
    return win.span_list.span_ids()


def stored_ids(store: Store, doc: int) -> list[int]:
    return [s.id for s in store.spans(doc)]  # in text order, as the table sorts by place


@pytest.fixture
def listings(monkeypatch) -> list[int]:
    """Every full listing of a document's spans (the repository's one query for it)."""
    calls: list[int] = []
    original = SpanRepository.of_document

    def spy(self, document_id, annotator=None):
        calls.append(document_id)
        return original(self, document_id, annotator)

    monkeypatch.setattr(SpanRepository, "of_document", spy)
    return calls


def test_a_label_key_among_2000_spans_inserts_one_row_and_never_resets_the_table(crowded):
    win, store, doc = crowded
    assert win.span_list.rowCount() == 2000
    source = Recorder(win.span_list.source_model)
    shown = Recorder(win.span_list.model())
    start, end = free_word(win)
    win.view.select_range(start, end)
    QTest.keyClick(win.view, Qt.Key.Key_1)
    assert source.events == ["inserted"]
    assert "reset" not in shown.events and "inserted" in shown.events
    assert win.span_list.rowCount() == 2001
    assert table_ids(win) == stored_ids(store, doc)
    new = win.view.selected_span_id()
    assert win.span_list.selected_ids() == [new]
    assert win.view.span_layer(new) is not None  # drawn


def test_a_label_key_lists_no_spans_and_counts_none(crowded, listings, monkeypatch):
    """(The first key of a document also starts its work, todo -> in progress: that one
    re-reads the navigator row; every later key queries nothing.)"""
    win, store, doc = crowded
    start, end = free_word(win)
    win.view.select_range(start, end)
    QTest.keyClick(win.view, Qt.Key.Key_1)
    QApplication.processEvents()
    counts: list[int] = []
    original = Store.span_count
    monkeypatch.setattr(
        Store, "span_count", lambda self, *a, **k: counts.append(1) or original(self, *a, **k)
    )
    row = win.navigator.current_row()
    model = win.navigator.model
    before = model.data(model.index(row, model.COL_SPANS))
    start, end = free_word(win)
    win.view.select_range(start, end)
    listings.clear()  # (the window's own settling reads, e.g. the decisions dock, before)
    QTest.keyClick(win.view, Qt.Key.Key_1)
    QApplication.processEvents()  # what the key queued runs too
    assert listings == [] and counts == []
    assert model.data(model.index(row, model.COL_SPANS)) == before + 1
    assert before + 1 == store.span_count(doc, ME)


def test_relabelling_a_span_updates_its_row_in_place(crowded, listings):
    win, store, doc = crowded
    start, end = free_word(win)
    win.view.select_range(start, end)
    QTest.keyClick(win.view, Qt.Key.Key_1)
    span_id = win.view.selected_span_id()
    source = Recorder(win.span_list.source_model)
    listings.clear()
    QTest.keyClick(win.view, Qt.Key.Key_2)  # the selected span: relabel it
    assert store.span(span_id).label == win.session.labelset.labels[1].key
    assert source.events == ["changed"]
    row = win.span_list.row_of(span_id)
    model = win.span_list.model()
    name = win.session.labelset.labels[1].display_name("en")
    assert model.data(model.index(row, 0)) == name
    assert listings == []


def test_undo_and_redo_remove_and_restore_the_row(crowded):
    win, store, doc = crowded
    start, end = free_word(win)
    win.view.select_range(start, end)
    QTest.keyClick(win.view, Qt.Key.Key_1)
    span_id = win.view.selected_span_id()
    source = Recorder(win.span_list.source_model)
    win.undo_stack.undo()
    assert source.events == ["removed"]
    assert span_id not in table_ids(win) and table_ids(win) == stored_ids(store, doc)
    assert win.view.span_layer(span_id) is None
    win.undo_stack.redo()
    assert source.events == ["removed", "inserted"]
    assert span_id in table_ids(win) and table_ids(win) == stored_ids(store, doc)
    assert "reset" not in source.events


def test_a_change_that_moves_a_row_keeps_the_sorted_order(crowded):
    """Sorted by label, a relabelled span's row moves to its new place."""
    win, store, doc = crowded
    win.span_list.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    start, end = free_word(win)
    win.view.select_range(start, end)
    QTest.keyClick(win.view, Qt.Key.Key_1)
    QTest.keyClick(win.view, Qt.Key.Key_3)
    model = win.span_list.model()
    names = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert names == sorted(names, reverse=True)
    span_id = win.view.selected_span_id()
    assert win.span_list.selected_ids() == [span_id]


def test_another_annotators_span_polled_in_still_appears(crowded):
    win, store, doc = crowded
    other = Store.open(store.target)
    try:
        start, end = free_word(win)
        other.add_span(doc, OTHER, other.labelset(), "EUPHEMISM", start, end)
    finally:
        other.close()
    assert win.files.poll_external_changes()
    assert table_ids(win) == stored_ids(store, doc)
    assert win.span_list.rowCount() == 2001
    # and the next label key after the re-read is incremental again
    source = Recorder(win.span_list.source_model)
    s2, e2 = free_word(win)
    win.view.select_range(s2, e2)
    QTest.keyClick(win.view, Qt.Key.Key_1)
    assert source.events == ["inserted"]
    assert table_ids(win) == stored_ids(store, doc)


def test_label_all_and_its_undo_leave_the_table_equal_to_the_database(crowded):
    """Hundreds of spans in one step (re-listed at once) and their undo."""
    win, store, doc = crowded
    key = win.session.labelset.labels[0].key
    added = win.labelling.label_all_occurrences("حلب", key)
    assert added > 200
    assert table_ids(win) == stored_ids(store, doc)
    win.undo_stack.undo()
    assert table_ids(win) == stored_ids(store, doc)
    assert win.span_list.rowCount() == 2000
