"""Switching the interface language rebuilds the window at once (no restart)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.seed import ensure_seeded
from annotator.store import Store
from tests.ui.test_mainwindow import add_documents
from ui.app import WindowShell, install_language
from ui.mainwindow import MainWindow
from ui.settings import Settings

# A long article: many wrapped paragraphs, so the middle is far from either end.
LONG_ARTICLE = "\n".join(
    f"الفقرة {i}: " + " ".join(["قوات النظام تقصف أحياء المدينة والثوار يتقدمون"] * 4)
    for i in range(80)
)


def test_language_switch_rebuilds_the_window_in_arabic_and_back(qtbot, qapp, tmp_path: Path):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    store = Store.open(str(tmp_path / "db.db"))
    ensure_seeded(store)
    shell = WindowShell(qapp, settings)
    try:
        install_language(qapp, "en")
        first = shell.open(store, "huda", "en")
        qtbot.waitExposed(first)
        doc = first.session.document_id
        first.set_language("ar")
        qtbot.waitUntil(lambda: shell.window is not first, timeout=3000)
        arabic = shell.window
        assert arabic.lang == "ar" and settings.language() == "ar"
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert arabic.menuBar().actions()[0].text().replace("&", "") == "ملف"
        assert arabic.session.document_id == doc  # same article, same place
        assert arabic.isVisible() and not first.isVisible()
        arabic.set_language("en")
        qtbot.waitUntil(lambda: shell.window is not arabic, timeout=3000)
        assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert shell.window.menuBar().actions()[0].text().replace("&", "") == "File"
    finally:
        install_language(qapp, "en")
        shell.window.close()
        store.close()


def _reading_state(window) -> tuple[int, tuple[int, int] | None]:
    return window.view.first_visible_offset(), window.view.selection_range()


def test_switching_language_keeps_the_first_visible_character_and_the_selection(
    qtbot, qapp, tmp_path: Path
):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    store = Store.open(str(tmp_path / "db.db"))
    ensure_seeded(store)
    add_documents(store, [LONG_ARTICLE])
    shell = WindowShell(qapp, settings)
    try:
        install_language(qapp, "en")
        first = shell.open(store, "huda", "en")
        first.resize(790, 560)  # within the offscreen screen (800 x 600)
        qtbot.waitExposed(first)
        long_id = max(r.id for r in store.document_rows(0, 100))
        first.open_document(long_id)
        view = first.view
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)  # the middle of the article
        qapp.processEvents()
        while LONG_ARTICLE[view.first_visible_offset() - 1] == "\n":
            bar.setValue(bar.value() + 1)  # a wrapped line, not a paragraph's first
        reading = view.first_visible_offset()
        assert 0 < reading and len(LONG_ARTICLE) // 4 < reading < 3 * len(LONG_ARTICLE) // 4
        start = LONG_ARTICLE.index("الثوار", reading + 200)
        view.select_range(start, start + len("الثوار"))  # on screen: nothing scrolls
        before = _reading_state(first)
        width = view.viewport().width()
        assert before == (reading, (start, start + len("الثوار")))

        first.set_language("ar")
        qtbot.waitUntil(lambda: shell.window is not first, timeout=3000)
        arabic = shell.window
        qtbot.waitExposed(arabic)
        assert arabic.session.document_id == long_id
        qtbot.waitUntil(lambda: _reading_state(arabic) == before, timeout=2000)
        qtbot.wait(50)  # and it stays there once the new window has settled
        assert _reading_state(arabic) == before
        # the docks changed sides at the same sizes: the article kept its width
        assert arabic.navigator_dock.x() > arabic.view.mapTo(arabic, QPoint(0, 0)).x()
        assert arabic.view.viewport().width() == width

        arabic.set_language("en")
        qtbot.waitUntil(lambda: shell.window is not arabic, timeout=3000)
        english = shell.window
        qtbot.waitExposed(english)
        qtbot.waitUntil(lambda: _reading_state(english) == before, timeout=2000)
        qtbot.wait(50)
        assert _reading_state(english) == before
    finally:
        install_language(qapp, "en")
        shell.window.close()
        store.close()


def test_the_replaced_window_saves_its_layout_under_its_own_direction(qtbot, qapp, tmp_path: Path):
    """The English window closing after the switch must not store its layout as the
    Arabic one: an Arabic window opened from the saved layout has the navigator on the
    right (the leading side), not where the English window had it."""
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    store = Store.open(str(tmp_path / "db.db"))
    ensure_seeded(store)
    shell = WindowShell(qapp, settings)
    fresh = None
    try:
        install_language(qapp, "en")
        first = shell.open(store, "huda", "en")
        qtbot.waitExposed(first)
        first.set_language("ar")
        qtbot.waitUntil(lambda: shell.window is not first, timeout=3000)
        qtbot.waitExposed(shell.window)
        # what the next start in Arabic would restore
        fresh = MainWindow(store, "huda", settings=settings, lang="ar")
        assert fresh.dockWidgetArea(fresh.navigator_dock) == Qt.DockWidgetArea.RightDockWidgetArea
        assert fresh.dockWidgetArea(fresh.palette_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    finally:
        if fresh is not None:
            fresh.close()
        install_language(qapp, "en")
        shell.window.close()
        store.close()
