"""Nobody edits another annotator's span, and undo only ever touches the row it made."""

from __future__ import annotations

import pytest

from annotator.editing import Editor, EditRefused, Target, clamp_boundary
from tests.core.editing.conftest import ME, OTHER


def test_deleting_or_editing_someone_elses_span_is_refused(editor, store, docs):
    theirs = store.add_span(docs[0], OTHER, editor.labelset, "LOADED_TERM", 0, 4)
    for attempt in (
        lambda: editor.delete_spans([theirs]),
        lambda: editor.adjust_boundary(theirs, "end", 1, 100),
        lambda: editor.edit_span(theirs, {"k": "v"}, ""),
    ):
        with pytest.raises(EditRefused) as refused:
            attempt()
        assert refused.value.code == "not_owner" and OTHER in str(refused.value)
    assert store.span(theirs.id) == theirs and len(editor.history) == 0


def test_curator_writes_only_the_gold_layer(store, docs):
    curator = Editor(store, "gold", store.labelset(), role="curator")
    theirs = store.add_span(docs[0], OTHER, curator.labelset, "LOADED_TERM", 0, 4)
    with pytest.raises(EditRefused):
        curator.delete_spans([theirs])
    curator.press_label_key(docs[0], "LOADED_TERM", Target(span=theirs))  # taken over
    assert [(s.annotator, s.start, s.end) for s in store.spans(docs[0])] == [
        (OTHER, 0, 4),
        ("gold", 0, 4),
    ]


def test_undo_refuses_when_the_span_was_changed_by_another_writer(editor, store, docs):
    editor.press_label_key(docs[0], "LOADED_TERM", Target(selection=(0, 4)))
    [span] = store.spans(docs[0], ME)
    store.update_span(span.id, label="GLORIFYING_TERM")  # another instance relabels it
    with pytest.raises(EditRefused) as refused:
        editor.undo()
    assert refused.value.code == "changed_elsewhere"
    assert store.span(span.id).label == "GLORIFYING_TERM"  # left alone
    assert not editor.history.can_undo  # the step is dropped, not retried


def test_undo_refuses_when_the_span_was_deleted_elsewhere(editor, store, docs):
    editor.press_label_key(docs[0], "LOADED_TERM", Target(selection=(0, 4)))
    [span] = store.spans(docs[0], ME)
    store.delete_spans([span.id])
    other = store.add_span(docs[0], OTHER, editor.labelset, "LOADED_TERM", 0, 4)
    with pytest.raises(EditRefused) as refused:
        editor.undo()
    assert refused.value.code == "span_gone"
    assert store.span(other.id) == other


def test_undo_of_relabel_refuses_after_a_foreign_boundary_change(editor, store, docs):
    span = store.add_span(docs[0], ME, editor.labelset, "LOADED_TERM", 0, 4)
    editor.press_label_key(docs[0], "GLORIFYING_TERM", Target(span=span))
    store.update_span(span.id, end=6)
    with pytest.raises(EditRefused):
        editor.undo()
    now = store.span(span.id)
    assert (now.label, now.end) == ("GLORIFYING_TERM", 6)


def test_clamping_keeps_spans_inside_the_text_and_non_empty(store, docs):
    span = store.add_span(docs[0], ME, store.labelset(), "LOADED_TERM", 0, 4)
    assert clamp_boundary(span, "start", -5, 10) == (0, 4)
    assert clamp_boundary(span, "start", 9, 10) == (3, 4)
    assert clamp_boundary(span, "end", 50, 10) == (0, 10)
    assert clamp_boundary(span, "end", -9, 10) == (0, 1)
    with pytest.raises(ValueError):
        clamp_boundary(span, "middle", 1, 10)


def test_adjusting_at_the_edge_records_nothing(editor, store, docs):
    span = store.add_span(docs[0], ME, editor.labelset, "LOADED_TERM", 0, 4)
    assert editor.adjust_boundary(span, "start", -1, 100) is None
    assert len(editor.history) == 0


def test_label_key_without_target_or_with_unknown_key_is_refused(editor, docs):
    with pytest.raises(EditRefused) as refused:
        editor.press_label_key(docs[0], "LOADED_TERM", Target())
    assert refused.value.code == "no_target"
    with pytest.raises(EditRefused) as refused:
        editor.press_label_key(docs[0], "NOT_A_LABEL", Target(selection=(0, 4)))
    assert refused.value.code == "no_label"


def test_undoing_one_span_reads_that_span_not_the_whole_article(editor, store, docs, monkeypatch):
    """The check before an undo reads the rows the step made, not the article's thousands."""
    editor.press_label_key(docs[0], "LOADED_TERM", Target(selection=(0, 4)))
    listings: list[int] = []
    original = type(store).spans
    monkeypatch.setattr(
        type(store), "spans", lambda self, doc, *a: listings.append(doc) or original(self, doc, *a)
    )
    editor.undo()
    editor.redo()
    [span] = original(store, docs[0], ME)
    editor.delete_spans([span])
    editor.undo()
    assert listings == []
    assert [s.id for s in original(store, docs[0], ME)] == [span.id]


def test_a_database_failure_during_the_undo_check_is_not_read_as_a_deleted_span(
    editor, store, docs, monkeypatch
):
    from annotator.errors import StorageError

    editor.press_label_key(docs[0], "LOADED_TERM", Target(selection=(0, 4)))

    def failing(self, span_id):
        raise StorageError("database is locked")

    monkeypatch.setattr(type(store), "span", failing)
    with pytest.raises(EditRefused) as refused:
        editor.undo()
    assert refused.value.code != "span_gone"
