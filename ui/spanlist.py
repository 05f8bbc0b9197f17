"""The spans dock: the current article's spans as a table, with a filter field above.

The rows are :mod:`ui.span_table`'s (sorted by place until a header is clicked; an
edit changes only its rows). A click selects the span in the article (the main window
scrolls the view there); the Delete key asks to delete the selected rows; Enter or a
double-click asks to edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.labelsets import LabelSet
from annotator.records import SpanData
from ui.span_table import SpanProxyModel, SpanTableModel


class SpanList(QTableView):
    spanChosen = Signal(int)
    deleteRequested = Signal(list)  # list[int] span ids
    editRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None, lang: str = "en"):
        super().__init__(parent)
        self.source_model = SpanTableModel(self, lang)
        self.model_ = SpanProxyModel(self.source_model, self)
        self.setModel(self.model_)
        self.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)  # text order (by place) until a header is clicked
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        # Fixed-width side columns: ResizeToContents would measure every row on each reset.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        # Narrow side columns (the dock is about a quarter of the window): the text in
        # context is what the annotator reads, and it had 35 px left at 150/80/80.
        header.resizeSection(0, 104)
        header.resizeSection(2, 56)
        header.resizeSection(3, 72)
        header.setMinimumSectionSize(40)
        self.clicked.connect(self._on_clicked)
        self.doubleClicked.connect(self._on_double_clicked)

    def set_language(self, lang: str) -> None:
        self.source_model.set_language(lang)

    def set_filter(self, text: str) -> None:
        self.model_.set_filter(text)

    def set_spans(
        self, spans: Sequence[SpanData], labelset: LabelSet | None, text: str | None = None
    ) -> None:
        selected = set(self.selected_ids())
        self.blockSignals(True)
        self.source_model.set_spans(spans, labelset, text)
        rows = [self.model_.row_of(i) for i in selected]
        for row in rows:
            if row is not None:
                self.selectRow(row)
        self.blockSignals(False)

    def apply_changes(self, upserted: Sequence[SpanData], removed: Iterable[int]) -> None:
        """An edit's delta: only those rows change (see :meth:`SpanTableModel.apply_changes`)."""
        self.source_model.apply_changes(upserted, removed)

    def rowCount(self) -> int:  # noqa: N802 - kept from the QTableWidget days (tests use it)
        return self.model_.rowCount()

    def span_ids(self) -> list[int]:
        return self.model_.span_ids()

    def row_of(self, span_id: int) -> int | None:
        return self.model_.row_of(span_id)

    def selected_ids(self) -> list[int]:
        selection = self.selectionModel()
        if selection is None:
            return []
        rows = sorted({index.row() for index in selection.selectedRows()})
        return [span.id for span in (self.model_.span_at(r) for r in rows) if span is not None]

    def select_span(self, span_id: int | None) -> None:
        """Follow the article's selection without emitting spanChosen."""
        self.blockSignals(True)
        self.clearSelection()
        row = None if span_id is None else self.row_of(span_id)
        if row is not None:
            self.selectRow(row)
            self.scrollTo(self.model_.index(row, 0))
        self.blockSignals(False)

    def _on_clicked(self, index: QModelIndex) -> None:
        span = self.model_.span_at(index.row())
        if span is not None:
            self.spanChosen.emit(span.id)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        span = self.model_.span_at(index.row())
        if span is not None:
            self.editRequested.emit(span.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            ids = self.selected_ids()
            if ids:
                self.deleteRequested.emit(ids)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_ids():
            self.editRequested.emit(self.selected_ids()[0])
            event.accept()
            return
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.selected_ids():
            self.spanChosen.emit(self.selected_ids()[0])


class SpansPanel(QWidget):
    """The spans dock's content: a filter field above the :class:`SpanList`."""

    def __init__(self, span_list: SpanList, parent: QWidget | None = None):
        super().__init__(parent)
        self.span_list = span_list
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter by label, annotator or text"))
        self.filter.textChanged.connect(span_list.set_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter)
        layout.addWidget(span_list)
