"""Switching the interface language rebuilds the window at once (no restart)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.seed import ensure_seeded
from annotator.store import Store
from ui.app import WindowShell, install_language
from ui.settings import Settings


def test_language_switch_keeps_the_reading_position(qtbot, qapp, tmp_path: Path):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    store = Store.open(str(tmp_path / "db.db"))
    ensure_seeded(store)
    shell = WindowShell(qapp, settings)
    try:
        install_language(qapp, "en")
        first = shell.open(store, "huda", "en")
        first.resize(900, 500)
        qtbot.waitExposed(first)
        last = max(r.id for r in store.document_rows(0, 100))
        first.open_document(last)
        text = first.session.document.text
        offset = text.index("\n", len(text) // 2) + 1
        first.view.scroll_to(offset)
        qapp.processEvents()
        reading = first.view.first_visible_offset()
        assert reading > 0
        first.set_language("ar")
        qtbot.waitUntil(lambda: shell.window is not first, timeout=3000)
        arabic = shell.window
        qtbot.waitExposed(arabic)
        assert arabic.session.document_id == last
        qtbot.waitUntil(lambda: arabic.view.first_visible_offset() > 0, timeout=2000)
        assert abs(arabic.view.first_visible_offset() - reading) < 200
    finally:
        install_language(qapp, "en")
        shell.window.close()
        store.close()


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
