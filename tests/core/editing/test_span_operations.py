"""Span edits through the core history: do, undo and redo are each persisted at once."""

from __future__ import annotations

import pytest

from annotator.editing import EditRefused, Occurrence, Target
from tests.core.editing.conftest import ME, OTHER, SECOND, occurrence


def test_label_key_on_selection_adds_span_and_starts_work(editor, store, docs, seed_text):
    start, end = occurrence(seed_text, "الميليشيات")
    changes = editor.press_label_key(docs[0], "LOADED_TERM", Target(selection=(start, end)))
    [span] = store.spans(docs[0], ME)
    assert (span.label, span.text) == ("LOADED_TERM", "الميليشيات")
    assert changes.spans_added == [span] and changes.focus_span == span.id and changes.status
    assert store.status(docs[0], ME) == "in_progress"
    editor.undo()
    assert store.spans(docs[0], ME) == [] and store.status(docs[0], ME) == "todo"
    editor.redo()
    assert [s.id for s in store.spans(docs[0], ME)] == [span.id]
    assert store.status(docs[0], ME) == "in_progress"


def test_duplicate_span_is_refused_and_not_recorded(editor, store, docs):
    editor.press_label_key(docs[0], "LOADED_TERM", Target(selection=(0, 4)))
    with pytest.raises(EditRefused):
        editor.press_label_key(docs[0], "LOADED_TERM", Target(selection=(0, 4)))
    assert len(editor.history) == 1 and len(store.spans(docs[0], ME)) == 1


def test_delete_restores_ids_attributes_and_notes(editor, store, docs, seed_text):
    start, end = occurrence(seed_text, "الثوار")
    span = store.add_span(
        docs[0],
        ME,
        editor.labelset,
        "LOADED_TERM",
        start,
        end,
        attributes={"target": "opposition"},
        note="glorifying",
    )
    changes = editor.delete_spans([span])
    assert changes.spans_removed == [span.id] and store.spans(docs[0], ME) == []
    editor.undo()
    assert store.spans(docs[0], ME) == [span]
    editor.redo()
    assert store.spans(docs[0], ME) == []


def test_relabel_adjust_and_edit_undo_in_order(editor, store, docs, seed_text):
    start, end = occurrence(seed_text, "قوات الأسد")
    span = store.add_span(docs[0], ME, editor.labelset, "LOADED_TERM", start, end)
    editor.press_label_key(docs[0], "DELEGITIMISING_LABEL", Target(span=span))
    assert store.span(span.id).label == "DELEGITIMISING_LABEL"
    # Two boundary steps on one span merge into one undo step.
    editor.adjust_boundary(store.span(span.id), "start", 1, len(seed_text))
    editor.adjust_boundary(store.span(span.id), "start", 1, len(seed_text))
    editor.adjust_boundary(store.span(span.id), "end", -1, len(seed_text))
    assert len(editor.history) == 2
    moved = store.span(span.id)
    assert (moved.start, moved.end, moved.text) == (
        start + 2,
        end - 1,
        seed_text[start + 2 : end - 1],
    )
    editor.edit_span(moved, {"k": "v"}, "a note")
    assert (store.span(span.id).attributes, store.span(span.id).note) == ({"k": "v"}, "a note")
    editor.undo()
    assert (store.span(span.id).attributes, store.span(span.id).note) == ({}, "")
    editor.undo()
    assert (store.span(span.id).start, store.span(span.id).end) == (start, end)
    editor.undo()
    assert store.span(span.id).label == "LOADED_TERM"
    editor.redo()
    editor.redo()
    assert store.span(span.id).label == "DELEGITIMISING_LABEL"
    assert (store.span(span.id).start, store.span(span.id).end) == (start + 2, end - 1)


def test_same_label_on_own_span_changes_nothing(editor, store, docs):
    span = store.add_span(docs[0], ME, editor.labelset, "LOADED_TERM", 0, 4)
    assert editor.press_label_key(docs[0], "LOADED_TERM", Target(span=span)) is None
    assert len(editor.history) == 0


def test_status_and_document_label(editor, store, docs):
    editor.set_status(docs[0], "done")
    assert store.status(docs[0], ME) == "done"
    assert editor.set_status(docs[0], "done") is None  # unchanged: no undo step
    editor.set_document_label(docs[0], "SLANT", "pro-opposition")
    editor.set_document_label(docs[0], "SLANT", "neutral")
    editor.undo()
    assert store.document_labels(docs[0], ME) == {"SLANT": "pro-opposition"}
    editor.undo()
    assert store.document_labels(docs[0], ME) == {}
    editor.undo()
    assert store.status(docs[0], ME) == "todo"


def test_label_all_skips_nothing_chosen_and_undoes_in_bulk(editor, store, docs):
    word = "نظام الأسد"
    first, second = SECOND.index(word), SECOND.index(word, 1)
    changes = editor.label_all(
        docs[1],
        "DELEGITIMISING_LABEL",
        [
            Occurrence(docs[1], first, first + len(word)),
            Occurrence(docs[1], second, second + len(word)),
        ],
    )
    assert len(changes.spans_added) == 2 and "2 span(s)" in changes.summary
    assert [s.text for s in store.spans(docs[1], ME)] == [word, word]
    editor.undo()
    assert store.spans(docs[1], ME) == []
    editor.redo()
    assert len(store.spans(docs[1], ME)) == 2


def test_copying_someone_elses_span_leaves_theirs_alone(editor, store, docs):
    theirs = store.add_span(docs[0], OTHER, editor.labelset, "LOADED_TERM", 0, 4)
    editor.press_label_key(docs[0], "GLORIFYING_TERM", Target(span=theirs))
    assert store.span(theirs.id) == theirs
    [mine] = store.spans(docs[0], ME)
    assert (mine.start, mine.end, mine.label) == (0, 4, "GLORIFYING_TERM")


def test_a_failing_status_step_keeps_the_committed_span(
    editor, store, docs, seed_text, monkeypatch
):
    from sqlalchemy.exc import OperationalError

    def busy(*_args, **_kwargs):
        raise OperationalError("UPDATE", {}, Exception("database is locked"))

    monkeypatch.setattr(store, "set_status", busy)
    start, end = occurrence(seed_text, "الميليشيات")
    changes = editor.press_label_key(docs[0], "LOADED_TERM", Target(selection=(start, end)))
    assert "status not updated" in changes.summary
    assert len(editor.history) == 1 and len(store.spans(docs[0], ME)) == 1
    editor.undo()
    assert store.spans(docs[0], ME) == []
