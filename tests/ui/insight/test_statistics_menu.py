"""The Statistics window from the main window's menu: a row opens the article there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from tests.core.insight.corpus import build
from ui.mainwindow import MainWindow
from ui.settings import Settings


def test_view_menu_opens_statistics_and_a_concordance_row_selects_the_occurrence(
    qtbot, store, tmp_path: Path
):
    ids = build(store)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(store, "amal", settings=settings, lang="en")
    qtbot.addWidget(win)
    win.show()
    win.statistics_action.trigger()
    stats = win.insight.statistics
    assert stats is not None and stats.isVisible()
    stats.kwic_query.setText("المسلحين")
    stats.run_concordance()
    assert stats.kwic_table.rowCount() == 1
    stats._kwic_open(0, 0)
    text = store.document(ids["c1"]).text
    start = text.index("المسلحين")
    assert win.session.document_id == ids["c1"]
    assert win.view.selection_range() == (start, start + len("المسلحين"))
    stats.show_documents(source="سانا")
    stats.documents.itemActivated.emit(stats.documents.item(1))
    assert win.session.document_id == ids["b2"]
    win.statistics_action.trigger()  # shown again: same window, refreshed
    assert win.insight.statistics is stats
