"""The spans of the current article as a table: label, text, annotator.

Model/view: :class:`SpanTableModel` holds the session's span records and answers
``data()`` lazily, so an article with thousands of spans is re-listed in well under a
millisecond after each action (a QTableWidget of items took seconds at that size).
A click selects the span in the article (the main window scrolls the view there); the
Delete key asks to delete the selected rows; Enter or a double-click asks to edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.labelsets import LabelSet
from annotator.records import SpanData
from ui.palette import swatch
from ui.richtext import plain_tooltip

MAX_TEXT = 80
_Index = QModelIndex | QPersistentModelIndex


class SpanTableModel(QAbstractTableModel):
    """Read-only rows over a list of SpanData; replaced wholesale on every change."""

    COLUMNS = 3

    def __init__(self, parent: QWidget | None = None, lang: str = "en"):
        super().__init__(parent)
        self._spans: list[SpanData] = []
        self._labelset: LabelSet | None = None
        self._lang = lang
        self._row_of: dict[int, int] = {}
        self._headers = (self.tr("Label"), self.tr("Text"), self.tr("Annotator"))

    def set_language(self, lang: str) -> None:
        self._lang = lang

    def set_spans(self, spans: Sequence[SpanData], labelset: LabelSet | None) -> None:
        self.beginResetModel()
        self._spans = list(spans)
        self._labelset = labelset
        self._row_of = {span.id: row for row, span in enumerate(self._spans)}
        self.endResetModel()

    def span_at(self, row: int) -> SpanData | None:
        return self._spans[row] if 0 <= row < len(self._spans) else None

    def row_of(self, span_id: int) -> int | None:
        return self._row_of.get(span_id)

    def span_ids(self) -> list[int]:
        return [s.id for s in self._spans]

    # -- Qt model interface
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < self.COLUMNS:
            return self._headers[section]
        return None

    def _label(self, span: SpanData):
        ls = self._labelset
        return ls.label(span.label) if ls is not None and span.labelset == ls.name else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        span = self.span_at(index.row()) if index.isValid() else None
        if span is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                label = self._label(span)
                return label.display_name(self._lang) if label else span.label
            if column == 1:
                text = span.text.replace("\n", " ")
                return text[:MAX_TEXT] + "…" if len(text) > MAX_TEXT else text
            if column == 2:
                return span.annotator
        elif role == Qt.ItemDataRole.DecorationRole and column == 0:
            label = self._label(span)
            return swatch(label.color if label else "#888888")
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                return plain_tooltip(span.note or span.text)
            return plain_tooltip(f"{span.labelset}:{span.label}  [{span.start}–{span.end}]")
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.UserRole:
            return span.id
        return None


class SpanList(QTableView):
    spanChosen = Signal(int)
    deleteRequested = Signal(list)  # list[int] span ids
    editRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None, lang: str = "en"):
        super().__init__(parent)
        self.model_ = SpanTableModel(self, lang)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        # Fixed-width side columns: ResizeToContents would measure every row on each reset.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 150)
        header.resizeSection(2, 80)
        self.clicked.connect(self._on_clicked)
        self.doubleClicked.connect(self._on_double_clicked)

    def set_language(self, lang: str) -> None:
        self.model_.set_language(lang)

    def set_spans(self, spans: Sequence[SpanData], labelset: LabelSet | None) -> None:
        selected = set(self.selected_ids())
        self.blockSignals(True)
        self.model_.set_spans(spans, labelset)
        rows = [self.model_.row_of(i) for i in selected]
        for row in rows:
            if row is not None:
                self.selectRow(row)
        self.blockSignals(False)

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
