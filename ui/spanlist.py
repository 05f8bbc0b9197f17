"""The spans of the current article as a table: label, text, annotator.

A click selects the span in the article (the main window scrolls the view there); the
Delete key asks to delete the selected rows. Rows are rebuilt from the store on every
change, never edited in place, so the table cannot drift from the database.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from annotator.labelsets import LabelSet
from annotator.records import SpanData
from ui.palette import swatch

MAX_TEXT = 80


class SpanList(QTableWidget):
    spanChosen = Signal(int)
    deleteRequested = Signal(list)  # list[int] span ids
    editRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None, lang: str = "en"):
        super().__init__(0, 3, parent)
        self._lang = lang
        self.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Text"), self.tr("Annotator")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(self._on_clicked)
        self.itemDoubleClicked.connect(self._on_double_clicked)
        self._ids: list[int] = []

    def set_language(self, lang: str) -> None:
        self._lang = lang

    def set_spans(self, spans: Sequence[SpanData], labelset: LabelSet | None) -> None:
        selected = set(self.selected_ids())
        self.blockSignals(True)
        self.setRowCount(len(spans))
        self._ids = [s.id for s in spans]
        for row, span in enumerate(spans):
            label = labelset.label(span.label) if labelset and span.labelset == labelset.name \
                else None
            name = label.display_name(self._lang) if label else span.label
            color = label.color if label else "#888888"
            first = QTableWidgetItem(swatch(color), name)
            first.setData(Qt.ItemDataRole.UserRole, span.id)
            first.setToolTip(f"{span.labelset}:{span.label}  [{span.start}–{span.end}]")
            text = span.text.replace("\n", " ")
            if len(text) > MAX_TEXT:
                text = text[:MAX_TEXT] + "…"
            text_item = QTableWidgetItem(text)
            text_item.setToolTip(span.note or span.text)
            text_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, 0, first)
            self.setItem(row, 1, text_item)
            self.setItem(row, 2, QTableWidgetItem(span.annotator))
            if span.id in selected:
                self.selectRow(row)
        self.blockSignals(False)

    def span_ids(self) -> list[int]:
        return list(self._ids)

    def row_of(self, span_id: int) -> int | None:
        try:
            return self._ids.index(span_id)
        except ValueError:
            return None

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.selectedIndexes()})
        return [self._ids[r] for r in rows if r < len(self._ids)]

    def select_span(self, span_id: int | None) -> None:
        """Follow the article's selection without emitting spanChosen."""
        self.blockSignals(True)
        self.clearSelection()
        row = None if span_id is None else self.row_of(span_id)
        if row is not None:
            self.selectRow(row)
            self.scrollToItem(self.item(row, 0))
        self.blockSignals(False)

    def _on_clicked(self, item: QTableWidgetItem) -> None:
        if 0 <= item.row() < len(self._ids):
            self.spanChosen.emit(self._ids[item.row()])

    def _on_double_clicked(self, item: QTableWidgetItem) -> None:
        if 0 <= item.row() < len(self._ids):
            self.editRequested.emit(self._ids[item.row()])

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
