"""Accepting and rejecting suggestions, one or all, as undoable core operations."""

from __future__ import annotations

import pytest

from annotator.editing import EditRefused, Target, active_suggestions
from annotator.lexicon import matcher_for_labelset
from annotator.suggestions import suggest_document, suggestions_for
from tests.core.editing.conftest import ME


@pytest.fixture
def suggested(editor, store, docs):
    labelset = editor.labelset
    suggest_document(
        store,
        docs[0],
        matcher_for_labelset(labelset),
        labelset,
        source="lexicon:" + labelset.name,
    )
    pending = suggestions_for(store, docs[0], ME)
    assert pending
    return pending


def test_accept_and_reject_one_suggestion_undo_and_redo(editor, store, docs, suggested):
    first, second = suggested[0], suggested[1]
    changes = editor.accept_suggestions(docs[0], [first.id])
    assert changes.suggestions and [s.start for s in changes.spans_added] == [first.start]
    editor.reject_suggestions(docs[0], [second.id])
    pending = {s.id for s in suggestions_for(store, docs[0], ME)}
    assert first.id not in pending and second.id not in pending
    editor.undo()
    assert second.id in {s.id for s in suggestions_for(store, docs[0], ME)}
    editor.undo()
    assert store.spans(docs[0], ME) == []
    editor.redo()
    assert [(s.start, s.end) for s in store.spans(docs[0], ME)] == [(first.start, first.end)]


def test_accept_all_takes_only_the_active_label_sets_suggestions(editor, store, docs, suggested):
    from dataclasses import replace

    foreign = replace(suggested[0], labelset="another-set")
    shown = active_suggestions([*suggested, foreign], editor.labelset)
    assert foreign not in shown and len(shown) == len(suggested)
    changes = editor.accept_all(docs[0], [*suggested, foreign])
    assert {s.labelset for s in store.spans(docs[0], ME)} == {editor.labelset.name}
    assert "accepted" in changes.summary
    editor.undo()
    assert store.spans(docs[0], ME) == []


def test_accept_all_with_nothing_pending_is_refused(editor, docs):
    with pytest.raises(EditRefused):
        editor.accept_all(docs[0], [])


def test_label_key_on_a_suggestion_labels_its_range(editor, store, docs, suggested):
    sug = suggested[0]
    editor.press_label_key(docs[0], "GLORIFYING_TERM", Target(suggestion=sug))
    [span] = store.spans(docs[0], ME)
    assert (span.start, span.end, span.label) == (sug.start, sug.end, "GLORIFYING_TERM")


def test_label_key_ignores_a_suggestion_of_another_label_set(editor, docs, suggested):
    from dataclasses import replace

    foreign = replace(suggested[0], labelset="another-set")
    with pytest.raises(EditRefused):
        editor.press_label_key(docs[0], "GLORIFYING_TERM", Target(suggestion=foreign))
