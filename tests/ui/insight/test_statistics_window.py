"""The Statistics window shows the insight figures and opens the documents behind them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.core.insight.corpus import SOURCE_A, SOURCE_B, SOURCE_C, build
from ui.insight.barchart import ROW
from ui.insight.window import StatisticsWindow


def _window(qtbot, store) -> StatisticsWindow:
    window = StatisticsWindow(None, store)
    qtbot.addWidget(window)
    window.show()
    return window


def test_density_bars_follow_the_figures_and_a_click_lists_the_documents(qtbot, store):
    ids = build(store)
    window = _window(qtbot, store)
    items = window.sources_chart.items()
    assert [i.key for i in items] == [SOURCE_A, SOURCE_C, SOURCE_B]  # 333.3, 285.7, 181.8
    assert items[0].shown == "333.3" and "5 spans in 15 words" in items[0].tooltip
    window.tabs.setCurrentIndex(0)
    qtbot.mouseClick(
        window.sources_chart,
        Qt.MouseButton.LeftButton,
        pos=QPoint(window.sources_chart.width() // 2, ROW * 2 + ROW // 2),
    )
    assert window.documents.count() == 2  # سانا: b1 and b2
    with qtbot.waitSignal(window.documentChosen) as blocker:
        window.documents.itemActivated.emit(window.documents.item(0))
    assert blocker.args == [ids["b1"], -1, -1]


def test_terms_naming_and_concordance_open_the_document_at_the_occurrence(qtbot, store):
    ids = build(store)
    window = _window(qtbot, store)
    terms = {
        window.terms_table.item(r, 1).text(): window.terms_table.item(r, 2).text()
        for r in range(window.terms_table.rowCount())
    }
    assert terms["الثوار"] == "4"
    row = next(
        r
        for r in range(window.terms_table.rowCount())
        if window.terms_table.item(r, 1).text() == "الثوار"
    )
    window._term_clicked(row, 1)
    assert window.documents.count() == 3
    window.naming_label.setCurrentText("LOADED_TERM")
    window.naming_target.setCurrentIndex(window.naming_target.findText("fighters"))
    assert window.naming_table.rowCount() == 4  # the terms each outlet used
    window._term_concordance(row, 1)
    assert window.tabs.currentIndex() == 4 and window.kwic_table.rowCount() == 3
    assert "3 occurrences, 0 unlabelled" in window.kwic_status.text()
    top = window.kwic_table.item(0, 0).data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(window.documentChosen) as blocker:
        window._kwic_open(0, 0)
    assert blocker.args == list(top) and top[0] in (ids["a1"], ids["a2"], ids["c1"])
    window.kwic_query.setText("الجيش")
    window.kwic_unlabelled.setChecked(True)
    window.run_concordance()
    assert window.kwic_table.rowCount() == 2
