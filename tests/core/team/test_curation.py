"""The curator's view of a document: lanes, items, conflicts, walking them."""

from __future__ import annotations

import pytest

from annotator.store import Store
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


def test_items_say_who_marked_what_and_conflicts_are_the_partial_ones(store: Store, doc):
    state = curation_state(store, doc, "chief")
    assert state.annotators == ["amal", "bilal"]
    assert [(i.label, i.start, i.end, i.marked_by) for i in state.items] == [
        ("LOADED_TERM", 5, 25, ("amal", "bilal")),
        ("GLORIFYING_TERM", 38, 44, ("amal",)),
        ("GLORIFYING_TERM", 39, 44, ("bilal",)),
    ]
    assert [i.start for i in state.conflicts] == [38, 39]
    assert [len(state.lanes[n]) for n in state.annotators] == [2, 2]


def test_next_conflict_walks_both_ways_and_wraps(store: Store, doc):
    state = curation_state(store, doc, "chief")
    assert next_conflict(state, None) == 1
    assert next_conflict(state, 1) == 2
    assert next_conflict(state, 2) == 1
    assert next_conflict(state, 1, step=-1) == 2
    assert next_conflict(state, None, step=-1) == 2


def test_curation_queue_lists_documents_two_annotators_finished(store: Store, doc):
    from annotator.team.adjudication import set_curation_status
    from annotator.team.curation import curation_queue

    solo = add_doc(store, "solo", TEXT)
    store.set_status(solo, "amal", "done")
    assert curation_queue(store, "chief") == [(doc, "d1", "todo")]
    set_curation_status(store, doc, "chief", "done")
    assert curation_queue(store, "chief") == [(doc, "d1", "done")]
