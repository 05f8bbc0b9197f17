"""The document navigator dock: status and source filters above the lazy document table.

The rows are :class:`ui.document_list.DocumentListModel`'s (paged, never the whole
corpus); this widget filters them, selects the current document's row without a query
where it can (the neighbour of the last row shown) and passes an edit's changes on.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.insight.sources import list_sources
from annotator.models import STATUSES
from annotator.store import Store
from ui.document_list import DocumentListModel, status_text
from ui.richtext import plain_tooltip


class NavigatorWidget(QWidget):
    """The navigator dock's content: status and source filters above the lazy document
    table. The sources are listed when the widget is built and on :meth:`refresh_sources`
    (after an import or an outlet edit), not on every refresh."""

    documentActivated = Signal(int)
    filterChanged = Signal(object)  # str | None

    def __init__(self, store: Store, annotator: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DocumentListModel(store, annotator, self)
        self.filter_combo = QComboBox(self)
        self.filter_combo.addItem(self.tr("All documents"), None)
        for status in STATUSES:
            self.filter_combo.addItem(status_text(status), status)
        self.filter_combo.currentIndexChanged.connect(self._on_filter)
        self.source_combo = QComboBox(self)
        self.source_combo.setToolTip(
            plain_tooltip(self.tr("Show only the documents of one source (outlet)"))
        )
        self.source_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_combo.setMinimumContentsLength(8)
        self._fill_sources(store)
        self.source_combo.currentIndexChanged.connect(self._on_source)
        self.model.storeChanged.connect(self.refresh_sources)
        self.count_label = QLabel(self)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        # Fixed row heights: the view never measures every row of a huge corpus.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DocumentListModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: "resize to contents" would read up to 1,000 rows per layout.
        metrics = self.table.fontMetrics()
        status_width = max(metrics.horizontalAdvance(status_text(s)) for s in STATUSES)
        for col, width in (
            (DocumentListModel.COL_STATUS, status_width),
            (DocumentListModel.COL_SPANS, metrics.horizontalAdvance("00000")),
        ):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width + 24)
        header.setResizeContentsPrecision(0)
        self.table.clicked.connect(self._on_clicked)
        self.table.activated.connect(self._on_clicked)
        self.model.modelReset.connect(self._update_count)

        top = QHBoxLayout()
        top.addWidget(self.filter_combo, 1)
        top.addWidget(self.source_combo, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._current_row: int | None = None
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(str(self.model.rowCount()))

    def _on_filter(self, _index: int) -> None:
        status = self.filter_combo.currentData()
        self.model.set_status_filter(status)
        self._current_row = None
        self.filterChanged.emit(status)

    def _fill_sources(self, store: Store) -> None:
        """All sources, then each outlet with its document count (most documents first)."""
        self.source_combo.clear()
        self.source_combo.addItem(self.tr("All sources"), None)
        for info in list_sources(store):
            name = info.source or self.tr("(no source)")
            self.source_combo.addItem(f"{name} ({info.documents})", info.source)

    def refresh_sources(self) -> None:
        """Re-list the outlets, keeping the chosen one if it still exists."""
        chosen = self.model.source_filter
        self.source_combo.blockSignals(True)
        try:
            self._fill_sources(self.model.store)
            i = self.source_combo.findData(chosen) if chosen is not None else 0
            self.source_combo.setCurrentIndex(max(i, 0))
        finally:
            self.source_combo.blockSignals(False)
        if self.source_combo.currentData() != chosen:
            self._on_source(self.source_combo.currentIndex())

    def _on_source(self, _index: int) -> None:
        self.model.set_source_filter(self.source_combo.currentData())
        self._current_row = None

    def set_source_filter(self, source: str | None) -> None:
        i = self.source_combo.findData(source) if source is not None else 0
        if i >= 0:
            self.source_combo.setCurrentIndex(i)

    def source_filter(self) -> str | None:
        return self.model.source_filter

    def set_status_filter(self, status: str | None) -> None:
        i = self.filter_combo.findData(status)
        if i >= 0:
            self.filter_combo.setCurrentIndex(i)

    def status_filter(self) -> str | None:
        return self.model.status_filter

    def _on_clicked(self, index: QModelIndex) -> None:
        doc_id = self.model.document_id_at(index.row())
        if doc_id is not None:
            self._current_row = index.row()
            self.documentActivated.emit(doc_id)

    def show_document(self, document_id: int | None) -> None:
        """Select (without emitting) the row of the current document, if it is listed."""
        selection = self.table.selectionModel()
        if document_id is None:
            selection.clearSelection()
            self._current_row = None
            return
        cur = self._current_row
        hints = () if cur is None else (cur, cur + 1, cur - 1)
        row = self.model.row_of(document_id, hints)
        self._current_row = row
        if row is None:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def current_row(self) -> int | None:
        """Row of the document last shown (None when it is filtered out)."""
        return self._current_row

    def refresh(self) -> None:
        current = self._current_row
        doc = None if current is None else self.model.document_id_at(current)
        self.refresh_sources()  # an import may have brought new outlets
        self.model.refresh()
        if doc is not None:
            self.show_document(doc)

    def refresh_document(self, document_id: int) -> None:
        row = self.model.cached_row_of(document_id)
        self.model.refresh_document(document_id, row)

    def adjust_span_count(self, document_id: int, mine: int, everyone: int) -> None:
        self.model.adjust_span_count(document_id, mine, everyone, self._current_row)
