"""Opens the Statistics window from the main window's menu and follows its clicks."""

from __future__ import annotations

from typing import Any

from ui.controllers.base import Controller
from ui.insight.window import StatisticsWindow


class InsightController(Controller):
    def __init__(self, window: Any):
        super().__init__(window)
        self.statistics: StatisticsWindow | None = None

    def show_statistics(self) -> StatisticsWindow:
        """Show the window (built once per database, refreshed on every showing)."""
        store = self.session.store
        if self.statistics is None or self.statistics.store is not store:
            self.statistics = StatisticsWindow(self.window, store)
            self.statistics.documentChosen.connect(self.open_document)
        else:
            self.statistics.refresh()
        self.statistics.show()
        self.statistics.raise_()
        self.statistics.activateWindow()
        return self.statistics

    def open_document(self, document_id: int, start: int, end: int) -> None:
        """Open a document; a concordance row also selects its occurrence."""
        if start >= 0 and end > start:
            self.window.search.go_to_hit(document_id, start, end)
        else:
            self.window.documents.open_document(document_id)
