"""Label keys from the window: status bar and tooltips never stale, focus back on the
article after every dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.test_mainwindow import ME, my_spans, select_word


def test_accepting_a_suggestion_replaces_the_selection_hint(window, seeded):
    window.suggestions.run_suggestions()
    sug = window.session.suggestions()[0]
    window.view.set_selected_suggestion(sug.id)
    window.view.suggestionActivated.emit(sug.id)
    assert "A to accept" in window.statusBar().currentMessage()
    QTest.keyClick(window.view, Qt.Key.Key_A)
    message = window.statusBar().currentMessage()
    assert "A to accept" not in message and "accepted" in message


def test_labelling_a_suggestion_by_key_says_so(window, seeded):
    window.suggestions.run_suggestions()
    sug = window.session.suggestions()[0]
    window.view.set_selected_suggestion(sug.id)
    window.view.suggestionActivated.emit(sug.id)
    QTest.keyClick(window.view, Qt.Key.Key_1)
    assert "Labelled as" in window.statusBar().currentMessage()
    [span] = my_spans(seeded, window.session.document_id)
    assert (span.start, span.end) == (sug.start, sug.end)


def test_focus_returns_to_the_article_after_the_span_editor(window, seeded, monkeypatch):
    class FakeEditor:
        def __init__(self, parent, span, label, lang="ar"):
            self.field = QLineEdit(parent)

        def exec(self):
            self.field.setFocus()  # the dialog had the keyboard
            return 1

        def attributes(self):
            return {}

        def note(self):
            return "n"

        def deleteLater(self):  # noqa: N802
            self.field.deleteLater()

    real = window.optional
    monkeypatch.setattr(
        window,
        "optional",
        lambda mod, name: FakeEditor if name == "SpanEditorDialog" else real(mod, name),
    )
    window.activateWindow()
    select_word(window, "الثوار")
    QTest.keyClick(window.view, Qt.Key.Key_1)
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    assert my_spans(seeded, window.session.document_id)[0].note == "n"
    assert window.focusWidget() is window.view


def test_focus_returns_to_the_article_after_label_all(window, seeded):
    window.activateWindow()
    select_word(window, "الثوار")

    def cancel() -> None:
        dialog = window.last_label_all_dialog
        dialog.table.setFocus()
        dialog.reject()

    QTimer.singleShot(0, cancel)
    QTest.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.view


def test_corpus_search_opens_with_the_keyboard_in_its_field(window, qtbot):
    window.corpus_search_action.trigger()
    dialog = window.last_corpus_search
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.edit, timeout=2000)
    dialog.close()


def test_escape_closes_the_label_help_window(window, qtbot):
    window.label_help_action.trigger()
    help_window = window.last_help_window
    qtbot.waitExposed(help_window)
    help_window.view.setFocus()
    QTest.keyClick(help_window.view, Qt.Key.Key_Escape)
    assert not help_window.isVisible()


def test_someone_elses_span_is_copied_not_changed(window, seeded):
    doc = window.session.document_id
    start, end = select_word(window, "الثوار")
    theirs = seeded.add_span(doc, "omar", window.session.labelset, "LOADED_TERM", start, end)
    window.display.set_only_my_spans(False)
    window.refresh_from_store()  # written "by another instance"
    window.view.clear_selection()
    window.view.set_selected_span(theirs.id, scroll=False)
    QTest.keyClick(window.view, Qt.Key.Key_3)
    assert seeded.span(theirs.id) == theirs
    [mine] = seeded.spans(doc, ME)
    assert (mine.start, mine.end, mine.label) == (start, end, "DELEGITIMISING_LABEL")
    window.view.set_selected_span(theirs.id, scroll=False)
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert seeded.span(theirs.id) == theirs
    assert "omar" in window.statusBar().currentMessage()


def test_after_the_span_editor_closes_window_shortcuts_work_again(window, seeded, qtbot):
    """The real dialog, closed with the keyboard: the window is active again, so its
    shortcuts (Ctrl+PgDown) work, not only keys typed into the article."""
    from ui.dialogs.span_editor import SpanEditorDialog

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    select_word(window, "الثوار")
    QTest.keyClick(window.view, Qt.Key.Key_1)
    first = window.session.document_id

    def close_editor() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SpanEditorDialog)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(100, close_editor)
    QTest.keyClick(window.view, Qt.Key.Key_Return)  # opens the editor (modal)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert QApplication.focusWidget() is window.view
    QTest.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier
    )
    assert window.session.document_id != first


def test_f1_help_takes_the_keyboard_and_escape_gives_it_back(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    QTest.keyClick(window.view, Qt.Key.Key_F1)
    help_window = window.last_help_window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is help_window, timeout=2000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # no focus set by hand
    assert not help_window.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert QApplication.focusWidget() is window.view
