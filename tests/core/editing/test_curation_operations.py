"""Undoable curation edits (take into gold, reject, curation status) through the shared
editing history, against a real store."""

from __future__ import annotations

import pytest

from annotator.editing import Editor
from annotator.editing.curation import RejectFromGold, SetCurationStatus, TakeIntoGold
from annotator.store import Store
from annotator.team.adjudication import adjudicate, curation_status
from annotator.team.curation import curation_state, next_conflict
from tests.core.team.conftest import add_doc

TEXT = "قصفت الميليشيات الطائفية المدينة وقتل الثوار"


@pytest.fixture
def doc(store: Store) -> int:
    d = add_doc(store, "d1", TEXT)
    ls = store.labelset()
    for name in ("amal", "bilal"):
        store.add_span(d, name, ls, "LOADED_TERM", 5, 25, attributes={"target": "x"})
        store.set_status(d, name, "done")
    store.add_span(d, "amal", ls, "GLORIFYING_TERM", 38, 44, note="ثوار")
    store.add_span(d, "bilal", ls, "GLORIFYING_TERM", 39, 44)
    return d


def test_take_reject_and_undo_through_the_editor(store: Store, doc):
    adjudicate(store, "chief")
    editor = Editor(store, "chief", store.labelset(), role="curator")
    state = curation_state(store, doc, "chief")
    first = state.items[next_conflict(state, None)]
    editor.perform(TakeIntoGold("chief", store.labelset(), first.spans))
    after = curation_state(store, doc, "chief")
    taken = next(i for i in after.items if i.start == 38)
    assert taken.gold is not None and taken.gold.note == "ثوار"
    assert curation_status(store, doc, "chief") == "in_progress"
    assert next_conflict(after, None) == 2  # the remaining undecided one
    editor.perform(RejectFromGold("chief", [taken.gold]))
    assert len(store.spans(doc, "chief")) == 1
    editor.undo()  # the rejection
    assert len(store.spans(doc, "chief")) == 2
    editor.undo()  # the take
    assert [(s.start, s.end) for s in store.spans(doc, "chief")] == [(5, 25)]
    assert curation_status(store, doc, "chief") == "todo"
    editor.redo()
    assert len(store.spans(doc, "chief")) == 2


def test_curation_status_is_undoable_and_apart_from_annotation_status(store: Store, doc):
    editor = Editor(store, "chief", store.labelset(), role="curator")
    editor.perform(SetCurationStatus(doc, "chief", "done"))
    assert curation_status(store, doc, "chief") == "done"
    assert store.status(doc, "chief") == "todo"
    editor.undo()
    assert curation_status(store, doc, "chief") == "todo"
