"""The curation view driven by keys: walk conflicts, take a lane's span, reject, edit,
undo; the store is checked after each step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.store import Store
from annotator.team.adjudication import adjudicate, curation_status
from tests.core.team.conftest import add_doc
from ui.team.curation_view import CurationView

TEXT = "قصفت الميليشيات الطائفية المدينة وقتل الثوار"


@pytest.fixture
def view(qtbot, store: Store):
    d = add_doc(store, "d1", TEXT)
    ls = store.labelset()
    for name in ("amal", "bilal"):
        store.add_span(d, name, ls, "LOADED_TERM", 5, 25)
        store.set_status(d, name, "done")
    store.add_span(d, "amal", ls, "GLORIFYING_TERM", 38, 44)
    store.add_span(d, "bilal", ls, "GLORIFYING_TERM", 39, 44)
    adjudicate(store, "chief")
    widget = CurationView(store, "chief", ls, [d])
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def gold(view) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in view.store.spans(view.document_id, "chief")]


def test_lanes_show_each_annotator_and_gold(view):
    headers = [view.lanes.horizontalHeaderItem(c).text() for c in range(view.lanes.columnCount())]
    assert headers == ["Label", "Text", "amal", "bilal", "Gold"]
    assert view.lanes.rowCount() == 3
    assert view.lanes.item(0, 4).text() == "★"  # agreed, taken by adjudicate
    assert view.lanes.currentRow() == 1  # opens on the first undecided conflict
    assert view.text.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_keys_take_walk_reject_and_undo(qtbot, view):
    qtbot.keyClick(view, Qt.Key.Key_2)  # bilal did not mark row 1
    assert "bilal did not mark this" in view.message.text()
    qtbot.keyClick(view, Qt.Key.Key_1)  # take amal's
    assert gold(view) == [(5, 25), (38, 44)]
    assert curation_status(view.store, view.document_id, "chief") == "in_progress"
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert view.lanes.currentRow() == 2
    qtbot.keyClick(view, Qt.Key.Key_P)
    assert view.lanes.currentRow() == 2  # the only undecided conflict left
    view.lanes.setCurrentCell(1, 0)
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert gold(view) == [(5, 25)]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold(view) == [(5, 25), (38, 44)]


def test_edit_changes_the_gold_boundaries_and_undoes(view):
    view.lanes.setCurrentCell(2, 0)
    view.edit_current(38, 44)  # bilal's 39–44 taken, then widened
    assert gold(view) == [(5, 25), (38, 44)]
    view.undo()
    assert gold(view) == [(5, 25), (39, 44)]


def test_curation_status_box_records_an_undoable_status(view):
    view.status_box.setCurrentIndex(2)
    view.status_box.activated.emit(2)
    assert curation_status(view.store, view.document_id, "chief") == "done"
    view.undo()
    assert curation_status(view.store, view.document_id, "chief") == "todo"
