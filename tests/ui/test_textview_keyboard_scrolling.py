"""Page Down / Page Up scroll the article a page at a time, from wherever the caret is
(from the start of a freshly opened article the view used to jump back to the top)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.textview import ArticleView

LONG = "\n".join(("قوات النظام تقصف أحياء المدينة والثوار يتقدمون " * 4) for _ in range(60))


def test_page_down_and_up_scroll_a_freshly_opened_article(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_article(LONG)
    view.setFocus()
    QApplication.processEvents()
    assert view.first_visible_offset() == 0
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    first_page = view.first_visible_offset()
    assert first_page > 0
    QTest.keyClick(view, Qt.Key.Key_PageDown)
    second_page = view.first_visible_offset()
    assert second_page > first_page
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    assert 0 < view.first_visible_offset() < second_page
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    assert view.first_visible_offset() == 0
