"""The navigator's rows: a lazy model of the documents with status and span counts.

The model never loads the corpus: it asks the store for the row count and fetches rows
in pages of 200 on demand, keeping a bounded LRU of pages, so 100,000 documents cost a
count query and a few page reads. After an action a row is re-read alone
(:meth:`DocumentListModel.refresh_document`) or, for a label key, given the count change
the operation reported (:meth:`DocumentListModel.adjust_span_count`, no query); a list
that may have changed anywhere is dropped and re-counted (:meth:`refresh`).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from annotator.records import DocumentRow
from annotator.store import Store
from ui.richtext import plain_tooltip

PAGE_SIZE = 200
MAX_PAGES = 40  # at most 8,000 rows in memory whatever the corpus size

_Index = QModelIndex | QPersistentModelIndex


def status_text(status: str) -> str:
    """The user-visible (translatable) name of a stored status."""
    names = {
        "todo": QCoreApplication.translate("status", "To do"),
        "in_progress": QCoreApplication.translate("status", "In progress"),
        "done": QCoreApplication.translate("status", "Done"),
        "skipped": QCoreApplication.translate("status", "Skipped"),
    }
    return names.get(status, status)


STATUS_COLORS = {
    "todo": "#9e9e9e",
    "in_progress": "#e0a800",
    "done": "#2e7d32",
    "skipped": "#6d4c41",
}


class DocumentListModel(QAbstractTableModel):
    """Documents in import order for one annotator, optionally filtered by status and
    by source (outlet)."""

    COL_TITLE, COL_STATUS, COL_SPANS = range(3)
    storeChanged = Signal()  # another database was opened
    DocumentIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, store: Store, annotator: str | None = None, parent=None):
        super().__init__(parent)
        self._store = store
        self._annotator = annotator
        self._status: str | None = None
        self._source: str | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[DocumentRow]] = OrderedDict()
        self.max_pages = MAX_PAGES
        self.page_fetches = 0  # for tests and diagnostics: how many page queries ran
        self._recount()

    # ------------------------------------------------------------------ configuration
    @property
    def status_filter(self) -> str | None:
        return self._status

    @property
    def source_filter(self) -> str | None:
        return self._source

    @property
    def store(self) -> Store:
        return self._store

    def set_store(self, store: Store) -> None:
        self._store = store
        self.refresh()
        self.storeChanged.emit()

    def set_annotator(self, annotator: str | None) -> None:
        self._annotator = annotator
        self.refresh()

    def set_status_filter(self, status: str | None) -> None:
        self._status = status or None
        self.refresh()

    def set_source_filter(self, source: str | None) -> None:
        """Only this outlet's documents (``""``: those without one); None for all."""
        self._source = source
        self.refresh()

    def refresh(self) -> None:
        """Drop every cached row and re-count (the list may have changed anywhere)."""
        self.beginResetModel()
        self._pages.clear()
        self._recount()
        self.endResetModel()

    def refresh_document(self, document_id: int, row: int | None = None) -> None:
        """Update one document's row after its status or span count changed.

        Reads only that document (status, spans), never a page: deep pages of a huge
        corpus cost an OFFSET scan. A document that left the filtered list (marked done
        while showing "todo") is removed as one row, without a reset or a re-count.
        """
        if row is None:
            row = self.cached_row_of(document_id)
        if row is None:
            if self._status is not None:
                self.refresh()  # it may have entered the filtered list (e.g. an undo)
            return
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages[page]
        old = rows[offset]
        if self._annotator:
            status = self._store.status(document_id, self._annotator)
            span_count = self._store.span_count(document_id, self._annotator)
        else:
            status, span_count = "todo", self._store.span_count(document_id)
        if self._status is not None and status != self._status:
            self.beginRemoveRows(QModelIndex(), row, row)
            del rows[offset]
            following = self._pages.get(page + 1)
            if following:
                rows.append(following[0])
            for later in [p for p in self._pages if p > page]:
                del self._pages[later]
            self._count -= 1
            self.endRemoveRows()
            return
        rows[offset] = DocumentRow(old.id, old.external_id, old.title, status, span_count)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def adjust_span_count(
        self, document_id: int, mine: int, everyone: int, hint: int | None = None
    ) -> None:
        """Add an edit's span-count change to a document's cached row, without a query
        (the row is read fresh when its page is fetched, if it is not cached). ``hint``
        is where the row probably is (the current row): no walk over cached pages."""
        row = hint if hint is not None and self._cached_id(hint) == document_id else None
        if row is None:
            row = self.cached_row_of(document_id)
        if row is None:
            return
        page, offset = divmod(row, PAGE_SIZE)
        old = self._pages[page][offset]
        count = max(0, old.span_count + (mine if self._annotator else everyone))
        if count == old.span_count:
            return
        self._pages[page][offset] = DocumentRow(
            old.id, old.external_id, old.title, old.status, count
        )
        index = self.index(row, self.COL_SPANS)
        self.dataChanged.emit(index, index)

    def _recount(self) -> None:
        self._count = self._store.document_row_count(
            annotator=self._annotator, status=self._status, source=self._source
        )

    # ------------------------------------------------------------------ paging
    def _page(self, page: int) -> list[DocumentRow]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        previous = self._pages.get(page - 1)
        # keyset paging from a full previous page (a short one lost a row to the filter)
        after = previous[-1].id if previous and len(previous) == PAGE_SIZE else None
        rows = self._store.document_rows(
            page * PAGE_SIZE,
            PAGE_SIZE,
            annotator=self._annotator,
            status=self._status,
            after_id=after,
            source=self._source,
        )
        self.page_fetches += 1
        self._pages[page] = rows
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        return rows

    @property
    def cached_pages(self) -> int:
        return len(self._pages)

    def row_data(self, row: int) -> DocumentRow | None:
        if not 0 <= row < self._count:
            return None
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._page(page)
        if offset >= len(rows):
            # A page shortened by a removed row: read it again.
            self._pages.pop(page, None)
            rows = self._page(page)
        return rows[offset] if offset < len(rows) else None

    def document_id_at(self, row: int) -> int | None:
        data = self.row_data(row)
        return data.id if data else None

    def _cached_id(self, row: int) -> int | None:
        page, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(page)
        return rows[offset].id if rows is not None and 0 <= offset < len(rows) else None

    def cached_row_of(self, document_id: int) -> int | None:
        """Row of a document if its page is cached (no query)."""
        for page, rows in self._pages.items():
            for i, data in enumerate(rows):
                if data.id == document_id:
                    return page * PAGE_SIZE + i
        return None

    def row_of(self, document_id: int, hints: tuple[int | None, ...] = ()) -> int | None:
        """Row of a document: a hint (the neighbour of the current row, fetched if needed),
        then the cache, and only then one index query."""
        for hint in hints:
            if hint is not None and 0 <= hint < self._count:
                data = self.row_data(hint)
                if data is not None and data.id == document_id:
                    return hint
        cached = self.cached_row_of(document_id)
        if cached is not None:
            return cached
        return self._store.document_index(
            document_id, annotator=self._annotator, status=self._status, source=self._source
        )

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_TITLE:
                return row.title or row.external_id
            if col == self.COL_STATUS:
                return status_text(row.status)
            if col == self.COL_SPANS:
                return row.span_count
        elif role == Qt.ItemDataRole.ToolTipRole and col == self.COL_TITLE:
            return plain_tooltip(f"#{row.id} · {row.external_id}\n{row.title}".strip())
        elif role == Qt.ItemDataRole.ForegroundRole and col == self.COL_STATUS:
            return QColor(STATUS_COLORS.get(row.status, "#000000"))
        elif role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_SPANS:
            return int(Qt.AlignmentFlag.AlignCenter)
        elif role == self.DocumentIdRole:
            return row.id
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        names = [
            QCoreApplication.translate("navigator", "Document"),
            QCoreApplication.translate("navigator", "Status"),
            QCoreApplication.translate("navigator", "Spans"),
        ]
        return names[section] if 0 <= section < len(names) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
