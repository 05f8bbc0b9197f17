"""Suggestions of the active label set only; accept-all asks and reports; done-and-next
goes to the next unfinished document; work done elsewhere appears without a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from annotator.store import Store
from tests.ui.test_mainwindow import CTRL, ME, my_spans


def other_labelset(window) -> str:
    return next(
        i.name for i in window.session.store.labelsets() if i.name != window.session.labelset.name
    )


def test_only_the_active_label_sets_suggestions_are_shown(window, seeded):
    window.suggestions.run_suggestions()
    before = window.session.suggestions()
    assert before and {s.labelset for s in before} == {window.session.labelset.name}
    window.labelsets.choose_labelset(other_labelset(window))
    shown = window.session.suggestions()
    assert all(s.labelset == window.session.labelset.name for s in shown)
    assert not {s.id for s in shown} & {s.id for s in before}
    # "A" on nothing of the active set creates no span of the old one
    window.suggestions.accept_all_in_article(confirm=False)
    assert {s.labelset for s in my_spans(seeded, window.session.document_id)} <= {
        window.session.labelset.name
    }


def test_switching_the_set_recomputes_suggestions_when_automatic(window, seeded):
    if not window.auto_suggest_action.isChecked():
        window.auto_suggest_action.trigger()
    assert window.auto_suggest_action.isChecked()
    first = window.session.labelset.name
    window.labelsets.choose_labelset(other_labelset(window))
    window.labelsets.choose_labelset(first)
    assert window.session.suggestions()
    assert {s.labelset for s in window.session.suggestions()} == {first}


def test_accept_all_asks_with_the_count_and_reports(window, seeded, monkeypatch):
    window.suggestions.run_suggestions()
    pending = len(window.session.suggestions())
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.accept_all_action.trigger()
    assert str(pending) in asked[0] and my_spans(seeded, window.session.document_id) == []
    window.accept_all_action.trigger()
    made = len(my_spans(seeded, window.session.document_id))
    assert made == pending
    assert f"{made} span(s) created" in window.statusBar().currentMessage()


def test_done_and_next_skips_done_documents_and_wraps(window, seeded):
    docs = [r.id for r in seeded.document_rows(0, 10)]
    assert window.session.document_id == docs[0]
    seeded.set_status(docs[1], ME, "done")
    QTest.keyClick(window, Qt.Key.Key_Return, CTRL)
    assert window.session.document_id == docs[2]  # docs[1] is done: skipped
    for doc in docs[3:]:
        seeded.set_status(doc, ME, "done")
    QTest.keyClick(window, Qt.Key.Key_Return, CTRL)  # nothing after: nothing left at all
    assert seeded.status(docs[2], ME) == "done"
    assert "Every document is done" in window.statusBar().currentMessage()
    seeded.set_status(docs[0], ME, "todo")
    window.documents.open_document(docs[2])
    window.documents.mark_done_and_next()
    assert window.session.document_id == docs[0]  # wrapped to the start
    assert "0 remain" in window.statusBar().currentMessage()


def test_work_from_another_instance_appears_without_a_restart(window, seeded):
    doc = window.session.document_id
    assert not window.files.poll_external_changes()  # nothing happened yet
    other = Store.open(seeded.target)
    try:
        other.add_span(doc, ME, other.labelset(), "LOADED_TERM", 0, 4)
    finally:
        other.close()
    assert window.files.poll_external_changes()
    assert [(s.start, s.end) for s in window.session.my_spans()] == [(0, 4)]
    assert len(window.view._span_by_id) == 1  # noqa: SLF001 - painted too


def test_own_edits_do_not_count_as_outside_work(window, seeded):
    window.view.select_range(0, 4)
    QTest.keyClick(window.view, Qt.Key.Key_1)
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert not window.files.poll_external_changes()
