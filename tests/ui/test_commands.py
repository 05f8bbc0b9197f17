"""The Qt adapter over the core history: refusals reach the status bar, undo opens the
document it changes, the session's cache follows every do / undo / redo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from annotator.editing import Target
from tests.core.editing.conftest import insert_documents, occurrence
from ui.commands import UndoHistory
from ui.session import Session

ME = "huda"


@pytest.fixture
def setup(qapp, store, seed_text):
    ids = insert_documents(store, [seed_text, "نظام الأسد و نظام الأسد مرة أخرى"])
    session = Session(store, ME)
    session.set_document(ids[0])
    history = UndoHistory(session)
    yield session, history, ids
    history.clear()
    session.watcher.close()


def label(session, history, doc, key, start, end):
    return history.run(
        lambda: session.editor.press_label_key(doc, key, Target(selection=(start, end)))
    )


def test_refused_edit_is_reported_and_not_recorded(setup, store):
    session, history, ids = setup
    messages: list[str] = []
    session.message.connect(messages.append)
    assert label(session, history, ids[0], "LOADED_TERM", 0, 4) is not None
    assert label(session, history, ids[0], "LOADED_TERM", 0, 4) is None
    assert history.count() == 1 and history.last_error
    assert messages and "Not done" in messages[-1]
    assert len(store.spans(ids[0], ME)) == 1


def test_undo_in_another_document_opens_it_first(setup, store):
    session, history, ids = setup
    seen: list[int | None] = []
    session.documentChanged.connect(seen.append)
    label(session, history, ids[0], "LOADED_TERM", 0, 4)
    session.set_document(ids[1])
    history.undo()
    assert session.document_id == ids[0] and seen[-1] == ids[0]
    assert store.spans(ids[0], ME) == []
    session.set_document(ids[1])
    history.redo()
    assert session.document_id == ids[0] and len(store.spans(ids[0], ME)) == 1


def test_undo_refused_because_another_writer_changed_the_span_says_so(setup, store):
    session, history, ids = setup
    messages: list[str] = []
    session.message.connect(messages.append)
    label(session, history, ids[0], "LOADED_TERM", 0, 4)
    [span] = store.spans(ids[0], ME)
    store.update_span(span.id, label="GLORIFYING_TERM")  # a second instance relabels it
    assert history.undo() is None
    assert "changed elsewhere" in messages[-1]
    assert store.span(span.id).label == "GLORIFYING_TERM" and not history.canUndo()


def test_undo_and_redo_entries_follow_the_history(setup):
    session, history, ids = setup
    undo, redo = QAction("&Undo"), QAction("&Redo")
    history.bind(undo, redo)
    assert not undo.isEnabled() and not redo.isEnabled()
    label(session, history, ids[0], "LOADED_TERM", 0, 4)
    assert undo.isEnabled() and "Add LOADED_TERM" in undo.toolTip()
    history.undo()
    assert not undo.isEnabled() and redo.isEnabled()


def test_session_span_cache_follows_every_edit(setup, store, seed_text):
    """The session applies each operation's changes instead of re-reading; after any mix
    of do/undo/redo its view of the document must equal the database's."""
    session, history, ids = setup
    doc, editor = ids[0], session.editor

    def same() -> None:
        assert session.my_spans() == store.spans(doc, ME)

    start, end = occurrence(seed_text, "الميليشيات")
    label(session, history, doc, "LOADED_TERM", start, end)
    same()
    span = session.my_spans()[0]
    history.run(lambda: editor.adjust_boundary(span, "end", 9, len(seed_text)))
    same()
    history.run(
        lambda: editor.press_label_key(doc, "SECTARIAN_FRAMING", Target(span=session.my_spans()[0]))
    )
    same()
    history.run(lambda: editor.edit_span(session.my_spans()[0], {"target": "x"}, "note"))
    same()
    s2, e2 = occurrence(seed_text, "الثوار")
    label(session, history, doc, "GLORIFYING_TERM", s2, e2)
    history.run(lambda: editor.delete_spans([session.span(span.id)]))
    same()
    for _ in range(history.count()):
        history.undo()
        same()
    for _ in range(history.count()):
        history.redo()
        same()
    # a write the session did not make (another app instance) shows up after refresh
    store.add_span(doc, ME, store.labelset(), "LOADED_TERM", 0, 4)
    session.refresh()
    same()


def test_a_locked_database_is_reported_not_raised(setup, store, monkeypatch):
    from annotator.errors import StorageError

    session, history, ids = setup
    messages: list[str] = []
    session.message.connect(messages.append)

    def locked(*_args, **_kwargs):
        raise StorageError("database is locked")

    monkeypatch.setattr(store, "add_spans", locked)
    # a label key in a document not yet started stores its span through this one
    monkeypatch.setattr(store, "add_spans_reading_status", locked)
    assert label(session, history, ids[0], "LOADED_TERM", 0, 4) is None
    assert "database is locked" in messages[-1] and history.count() == 0


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
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert "alive" in result.stdout
