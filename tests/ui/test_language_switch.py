"""Switching the interface language rebuilds the window at once (no restart)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.seed import ensure_seeded
from annotator.store import Store
from ui.app import WindowShell, install_language
from ui.settings import Settings


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
