"""Undo commands: each do / undo / redo is persisted in the store at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from sqlalchemy import insert

from annotator.models import Document, utcnow
from annotator.textio import sha256_text
from ui.commands import (
    AddSpan,
    AdjustBoundary,
    DeleteSpans,
    EditSpan,
    LabelAllOccurrences,
    Occurrence,
    RelabelSpan,
    SetDocumentLabel,
    SetStatus,
)
from ui.session import Session

ME = "huda"


def insert_documents(store, texts: list[str]) -> list[int]:
    rows = [
        dict(corpus="default", external_id=f"doc-{i}", title=f"Doc {i}", text=t,
             sha256=sha256_text(t), source="", meta={}, imported_at=utcnow())
        for i, t in enumerate(texts)
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(Document.__table__), rows)
    return [r.id for r in store.document_rows(0, len(texts) + 10)]


@pytest.fixture
def setup(qapp, store, seed_text):
    ids = insert_documents(store, [seed_text, "نظام الأسد و نظام الأسد مرة أخرى"])
    session = Session(store, ME)
    session.set_document(ids[0])
    stack = QUndoStack()
    yield session, stack, ids
    stack.clear()


def occurrence(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_add_span_undo_redo_persisted_with_same_id(setup, store, seed_text):
    session, stack, ids = setup
    start, end = occurrence(seed_text, "الميليشيات")
    command = AddSpan(session, ids[0], "LOADED_TERM", start, end)
    stack.push(command)
    spans = store.spans(ids[0], ME)
    assert [(s.label, s.text) for s in spans] == [("LOADED_TERM", "الميليشيات")]
    assert store.status(ids[0], ME) == "in_progress"  # first labelling action starts work
    first_id = spans[0].id
    stack.undo()
    assert store.spans(ids[0], ME) == []
    assert store.status(ids[0], ME) == "todo"
    stack.redo()
    again = store.spans(ids[0], ME)
    assert [s.id for s in again] == [first_id]
    assert store.status(ids[0], ME) == "in_progress"


def test_duplicate_span_is_refused_and_not_kept_on_the_stack(setup, store, seed_text):
    session, stack, ids = setup
    messages: list[str] = []
    session.message.connect(messages.append)
    start, end = occurrence(seed_text, "شهداء") if "شهداء" in seed_text else (0, 4)
    stack.push(AddSpan(session, ids[0], "LOADED_TERM", start, end))
    duplicate = AddSpan(session, ids[0], "LOADED_TERM", start, end)
    stack.push(duplicate)
    assert duplicate.error is not None
    assert stack.count() == 1
    assert len(store.spans(ids[0], ME)) == 1
    assert messages and "Not done" in messages[-1]


def test_delete_restores_ids_attributes_and_notes(setup, store, seed_text):
    session, stack, ids = setup
    start, end = occurrence(seed_text, "الثوار")
    span = store.add_span(ids[0], ME, session.labelset, "LOADED_TERM", start, end,
                          attributes={"target": "opposition"}, note="glorifying")
    stack.push(DeleteSpans(session, [span.id]))
    assert store.spans(ids[0], ME) == []
    stack.undo()
    (restored,) = store.spans(ids[0], ME)
    assert restored == span
    stack.redo()
    assert store.spans(ids[0], ME) == []


def test_relabel_adjust_and_edit(setup, store, seed_text):
    session, stack, ids = setup
    start, end = occurrence(seed_text, "قوات الأسد")
    span = store.add_span(ids[0], ME, session.labelset, "LOADED_TERM", start, end)
    stack.push(RelabelSpan(session, span.id, "DELEGITIMISING_LABEL"))
    assert store.span(span.id).label == "DELEGITIMISING_LABEL"
    # Two boundary steps on one span merge into one undo step.
    stack.push(AdjustBoundary(session, span.id, start + 1, end))
    stack.push(AdjustBoundary(session, span.id, start + 2, end - 1))
    assert stack.count() == 2
    moved = store.span(span.id)
    assert (moved.start, moved.end, moved.text) == (start + 2, end - 1,
                                                     seed_text[start + 2:end - 1])
    stack.push(EditSpan(session, span.id, {"k": "v"}, "a note"))
    assert (store.span(span.id).attributes, store.span(span.id).note) == ({"k": "v"}, "a note")
    stack.undo()
    assert (store.span(span.id).attributes, store.span(span.id).note) == ({}, "")
    stack.undo()
    assert (store.span(span.id).start, store.span(span.id).end) == (start, end)
    stack.undo()
    assert store.span(span.id).label == "LOADED_TERM"
    stack.redo()
    stack.redo()
    assert store.span(span.id).label == "DELEGITIMISING_LABEL"
    assert (store.span(span.id).start, store.span(span.id).end) == (start + 2, end - 1)


def test_invalid_boundary_is_refused(setup, store, seed_text):
    session, stack, ids = setup
    span = store.add_span(ids[0], ME, session.labelset, "LOADED_TERM", 0, 4)
    command = AdjustBoundary(session, span.id, 0, len(seed_text) + 5)
    stack.push(command)
    assert command.error and stack.count() == 0
    assert (store.span(span.id).start, store.span(span.id).end) == (0, 4)


def test_status_and_document_label(setup, store):
    session, stack, ids = setup
    stack.push(SetStatus(session, ids[0], "done"))
    assert store.status(ids[0], ME) == "done"
    stack.push(SetDocumentLabel(session, ids[0], "SLANT", "pro-opposition"))
    assert store.document_labels(ids[0], ME) == {"SLANT": "pro-opposition"}
    stack.push(SetDocumentLabel(session, ids[0], "SLANT", "neutral"))
    stack.undo()
    assert store.document_labels(ids[0], ME) == {"SLANT": "pro-opposition"}
    stack.undo()
    assert store.document_labels(ids[0], ME) == {}
    stack.undo()
    assert store.status(ids[0], ME) == "todo"


def test_undo_in_another_document_navigates_there_first(setup, store, seed_text):
    session, stack, ids = setup
    seen: list[int | None] = []
    session.documentChanged.connect(seen.append)
    stack.push(AddSpan(session, ids[0], "LOADED_TERM", 0, 4))
    session.set_document(ids[1])
    stack.undo()
    assert session.document_id == ids[0]
    assert seen[-1] == ids[0]
    assert store.spans(ids[0], ME) == []


def test_label_all_occurrences_skips_existing_and_undoes_in_bulk(setup, store):
    session, stack, ids = setup
    text = store.document(ids[1]).text
    word = "نظام الأسد"
    first = text.index(word)
    second = text.index(word, first + 1)
    store.add_span(ids[1], ME, session.labelset, "DELEGITIMISING_LABEL", first,
                   first + len(word))
    command = LabelAllOccurrences(
        session, "DELEGITIMISING_LABEL",
        [Occurrence(ids[1], first, first + len(word)),
         Occurrence(ids[1], second, second + len(word))], ids[1])
    stack.push(command)
    assert command.error is None
    assert [(s.start, s.text) for s in store.spans(ids[1], ME)] == [(first, word), (second, word)]
    assert len(command.spans) == 1
    stack.undo()
    assert [s.start for s in store.spans(ids[1], ME)] == [first]
    stack.redo()
    assert len(store.spans(ids[1], ME)) == 2


def test_other_annotators_spans_are_kept_apart(setup, store, seed_text):
    session, stack, ids = setup
    store.add_span(ids[0], "omar", session.labelset, "LOADED_TERM", 0, 4)
    stack.push(AddSpan(session, ids[0], "LOADED_TERM", 0, 4))  # same range, other annotator
    assert len(store.spans(ids[0])) == 2
    assert len(session.spans()) == 1
    session.set_only_my_spans(False)
    assert {s.annotator for s in session.spans()} == {"omar", ME}


def test_many_signal_emits_do_not_exhaust_bool_refcount(qapp):
    """Regression guard for the PySide6 6.12 / CPython 3.11 ``True`` refcount leak."""
    code = (
        "import ui.session\n"
        "from PySide6.QtCore import QObject, Signal, QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "class O(QObject):\n    s = Signal()\n"
        "o = O()\n"
        "for _ in range(5000):\n    o.s.emit()\n"
        "print('alive')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env={"QT_QPA_PLATFORM": "offscreen",
                                             "PYTHONPATH": str(Path(__file__).parents[2])})
    assert result.returncode == 0, result.stderr[-500:]
    assert "alive" in result.stdout


def test_session_span_cache_follows_every_command(setup, store, seed_text):
    """The session applies each command's delta instead of re-reading; after any mix of
    do/undo/redo its view of the document must equal the database's."""
    session, stack, ids = setup
    doc = ids[0]

    def same() -> None:
        assert session.my_spans() == store.spans(doc, ME)

    start, end = occurrence(seed_text, "الميليشيات")
    stack.push(AddSpan(session, doc, "LOADED_TERM", start, end))
    same()
    span_id = session.my_spans()[0].id
    stack.push(AdjustBoundary(session, span_id, start, end + 9))
    same()
    stack.push(RelabelSpan(session, span_id, "SECTARIAN_FRAMING"))
    same()
    stack.push(EditSpan(session, span_id, {"target": "x"}, "note"))
    same()
    s2, e2 = occurrence(seed_text, "الثوار")
    stack.push(AddSpan(session, doc, "GLORIFYING_TERM", s2, e2))
    stack.push(DeleteSpans(session, [span_id]))
    same()
    for _ in range(stack.count()):
        stack.undo()
        same()
    for _ in range(stack.count()):
        stack.redo()
        same()
    # a write the session did not make (another app instance) shows up after refresh
    store.add_span(doc, ME, store.labelset(), "LOADED_TERM", 0, 4)
    session.refresh()
    same()


def test_a_failing_status_step_does_not_drop_the_committed_span(setup, store, seed_text,
                                                              monkeypatch):
    """Adding a span commits; moving the document to in_progress is a second, optional
    write. If that one fails (database busy), the span stays, is shown and is undoable."""
    from annotator.errors import StorageError

    session, stack, ids = setup

    def busy(*_args, **_kwargs):
        raise StorageError("database is locked")

    monkeypatch.setattr(store, "set_status", busy)
    messages: list[str] = []
    session.message.connect(messages.append)
    start, end = occurrence(seed_text, "الميليشيات")
    stack.push(AddSpan(session, ids[0], "LOADED_TERM", start, end))
    assert stack.count() == 1 and not stack.command(0).isObsolete()
    assert [s.text for s in session.my_spans()] == ["الميليشيات"]
    assert any("Status not updated" in m for m in messages)
    stack.undo()
    assert store.spans(ids[0], ME) == []
