"""An annotator's view of the curator's decisions: taken as is, taken edited, rejected,
pending."""

from __future__ import annotations

from annotator.store import Store
from annotator.team.adjudication import adjudicate, set_curation_status
from annotator.team.decisions import decisions, document_curator
from tests.core.team.conftest import add_doc

TEXT = "قصفت الميليشيات الطائفية المدينة وقتل الثوار"


def by_range(store: Store, doc: int, who: str) -> dict[tuple[str, int, int], str]:
    found = decisions(store, doc, who)
    return {(s.label, s.start, s.end): found[s.id] for s in store.spans(doc, who)}


def test_nothing_to_report_before_a_curator_touches_the_document(store: Store):
    doc = add_doc(store, "d1", TEXT)
    store.add_span(doc, "a", store.labelset(), "LOADED_TERM", 5, 15)
    assert decisions(store, doc, "a") == {}
    assert document_curator(store, doc) is None


def test_each_decision_as_the_annotator_sees_it(store: Store):
    doc = add_doc(store, "d1", TEXT)
    ls = store.labelset()
    for name in ("a", "b"):
        store.add_span(doc, name, ls, "LOADED_TERM", 5, 15)  # agreed: taken as is
        store.set_status(doc, name, "done")
    store.add_span(doc, "a", ls, "LOADED_TERM", 16, 24)  # the curator shortens it
    store.add_span(doc, "a", ls, "LOADED_TERM", 26, 32)  # relabelled by the curator
    store.add_span(doc, "a", ls, "GLORIFYING_TERM", 38, 44)  # left out
    adjudicate(store, "chief")
    store.add_span(doc, "chief", ls, "LOADED_TERM", 16, 22)
    store.add_span(doc, "chief", ls, "GLORIFYING_TERM", 26, 32)
    assert document_curator(store, doc) == "chief"
    expected = {
        ("LOADED_TERM", 5, 15): "accepted",
        ("LOADED_TERM", 16, 24): "changed",
        ("LOADED_TERM", 26, 32): "changed",
        ("GLORIFYING_TERM", 38, 44): "pending",
    }
    assert by_range(store, doc, "a") == expected
    set_curation_status(store, doc, "chief", "done")
    expected[("GLORIFYING_TERM", 38, 44)] = "rejected"
    assert by_range(store, doc, "a") == expected


def test_a_started_curation_with_an_empty_gold_layer_is_pending(store: Store):
    doc = add_doc(store, "d1", TEXT)
    store.add_span(doc, "a", store.labelset(), "LOADED_TERM", 5, 15)
    store.set_status(doc, "a", "done")
    set_curation_status(store, doc, "chief", "in_progress")
    assert by_range(store, doc, "a") == {("LOADED_TERM", 5, 15): "pending"}
    set_curation_status(store, doc, "chief", "done")
    assert by_range(store, doc, "a") == {("LOADED_TERM", 5, 15): "rejected"}


def test_nothing_is_reported_to_an_annotator_who_has_not_finished_the_document(store: Store):
    doc = add_doc(store, "d1", TEXT)
    store.add_span(doc, "a", store.labelset(), "LOADED_TERM", 5, 15)
    set_curation_status(store, doc, "chief", "in_progress")  # makes chief a curator
    store.add_span(doc, "chief", store.labelset(), "LOADED_TERM", 5, 15)
    store.set_status(doc, "a", "in_progress")
    assert decisions(store, doc, "a") == {}
    store.set_status(doc, "a", "done")
    assert by_range(store, doc, "a") == {("LOADED_TERM", 5, 15): "accepted"}
