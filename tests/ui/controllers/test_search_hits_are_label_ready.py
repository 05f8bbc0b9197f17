"""Find (Ctrl+F) and corpus-search hits are label-ready: the keyboard lands in the article
with the hit selected, so the next label key labels exactly the hit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.test_mainwindow import CTRL, SHIFT, my_spans
from tests.ui.test_search import type_text


def press(window, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the user presses it: to whatever widget has the keyboard."""
    QTest.keyClick(QApplication.focusWidget() or window, key, mods)


def open_find(window, qtbot, term: str):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=2000)
    press(window, Qt.Key.Key_F, CTRL)
    bar = window.search.bar
    qtbot.waitUntil(lambda: QApplication.focusWidget() is bar.edit, timeout=2000)
    type_text(bar.edit, term)
    return bar


def test_enter_in_find_hands_the_hit_to_the_article_and_the_key_labels_it(window, seeded, qtbot):
    doc = window.session.document_id
    text = window.session.document.text
    bar = open_find(window, qtbot, "الثوار")
    hit = bar.current_hit()
    assert hit is not None and text[hit[0] : hit[1]] == "الثوار"
    press(window, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.view
    assert window.view.selection_range() == hit
    press(window, Qt.Key.Key_1)
    assert bar.edit.text() == "الثوار"  # the key did not type into the field
    [span] = my_spans(seeded, doc)
    assert (span.start, span.end, span.label) == (*hit, "LOADED_TERM")


def test_f3_and_shift_f3_move_the_label_ready_hit_in_the_article(window, seeded, qtbot):
    doc = window.session.document_id
    bar = open_find(window, qtbot, "الثوار")
    hits = bar.hits()
    assert len(hits) >= 3
    first = bar.current_index()
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_F3)
    assert QApplication.focusWidget() is window.view
    second = hits[(first + 1) % len(hits)]
    assert window.view.selection_range() == second
    press(window, Qt.Key.Key_2)
    press(window, Qt.Key.Key_F3)
    press(window, Qt.Key.Key_F3, SHIFT)
    assert window.view.selection_range() == second
    press(window, Qt.Key.Key_F3, SHIFT)
    assert window.view.selection_range() == hits[first]
    press(window, Qt.Key.Key_3)
    stored = sorted((s.start, s.end, s.label) for s in my_spans(seeded, doc))
    labelset = window.session.labelset
    key2, key3 = labelset.label_for_hotkey("2").key, labelset.label_for_hotkey("3").key
    assert stored == sorted([(*second, key2), (*hits[first], key3)])


def test_enter_again_in_find_goes_on_to_the_next_hit(window, qtbot):
    bar = open_find(window, qtbot, "الثوار")
    hits = bar.hits()
    first = bar.current_index()
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_F, CTRL)  # back to the field, the query kept
    assert QApplication.focusWidget() is bar.edit
    press(window, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.view
    assert window.view.selection_range() == hits[(first + 1) % len(hits)]


def test_a_hit_inside_a_word_is_selected_as_the_word_the_key_stores(window, seeded, qtbot):
    doc = window.session.document_id
    text = window.session.document.text
    bar = open_find(window, qtbot, "ثوا")  # part of «الثوار»
    start, end = bar.current_hit()
    press(window, Qt.Key.Key_Return)
    shown = window.view.selection_range()
    assert shown is not None and shown[0] <= start and end <= shown[1]
    # grown to the end of the word, as a drag over the same letters snaps
    assert shown == (start, text.index(" ", start)) and text[shown[0] : shown[1]] == "ثوار"
    press(window, Qt.Key.Key_1)
    [span] = my_spans(seeded, doc)
    assert (span.start, span.end) == shown


def test_escape_in_find_closes_the_bar_and_gives_the_keyboard_back(window, qtbot):
    bar = open_find(window, qtbot, "الثوار")
    press(window, Qt.Key.Key_Escape)
    assert bar.isHidden()
    assert QApplication.focusWidget() is window.view


def test_corpus_search_hit_opened_with_the_keyboard_is_labelled_by_the_key(window, seeded, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=2000)
    press(window, Qt.Key.Key_F, CTRL | SHIFT)
    dialog = window.last_corpus_search
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.edit, timeout=2000)
    type_text(dialog.edit, "نظام")
    press(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_running() and bool(dialog.hits()), timeout=3000)
    press(window, Qt.Key.Key_Down)  # from the field into the results
    assert QApplication.focusWidget() is dialog.table
    hit = dialog.hits()[dialog.table.currentRow()]
    text = seeded.document(hit.document_id).text
    assert text[hit.start - 1 : hit.end + 1] == " نظام "  # a whole word
    press(window, Qt.Key.Key_Return)  # opens the hit (not a new search)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert window.session.document_id == hit.document_id
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=2000)
    assert window.view.selection_range() == (hit.start, hit.end)
    press(window, Qt.Key.Key_1)
    [span] = my_spans(seeded, hit.document_id)
    assert (span.start, span.end) == (hit.start, hit.end)


def test_escape_in_corpus_search_gives_the_keyboard_back_to_the_article(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=2000)
    press(window, Qt.Key.Key_F, CTRL | SHIFT)
    dialog = window.last_corpus_search
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.edit, timeout=2000)
    press(window, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view, timeout=2000)


def test_escape_in_the_article_clears_the_selection_then_closes_the_find_bar(window, qtbot):
    bar = open_find(window, qtbot, "الثوار")
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Escape)  # first the hit selection goes
    assert window.view.selection_range() is None and bar.isVisible()
    press(window, Qt.Key.Key_Escape)  # nothing selected: the bar closes
    assert bar.isHidden()
    assert QApplication.focusWidget() is window.view
