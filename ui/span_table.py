"""The spans table's model: each span of the current article as a row (label, text in
context, annotator, place), sorted and filtered without a proxy sort.

:class:`SpanTableModel` holds the session's span records and answers ``data()`` lazily (a
QTableWidget of items took seconds at thousands of spans). A whole new list resets the
model (another article, label set or annotator); an edit's delta
(:meth:`SpanTableModel.apply_changes`) inserts, updates or removes just its rows, each
placed by binary search on the sort key, so a label key never re-sorts 2,000 rows. The
text column shows a few words around each span, so a span can be judged without
scrolling the article. :class:`SpanProxyModel` only filters (label, annotator or text).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from annotator.labelsets import LabelSet
from annotator.records import SpanData
from ui.bidi import isolated, left_to_right
from ui.palette import swatch
from ui.richtext import plain_tooltip

MAX_TEXT = 80
CONTEXT_WORDS = 3
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
_NEWLINE = re.compile("\n")
# The roles answered; the view asks for about ten per cell on every repaint.
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.UserRole,
        FILTER_ROLE,
    }
)
_Index = QModelIndex | QPersistentModelIndex


def words_around(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> tuple[str, str]:
    """Up to ``words`` words before ``start`` and after ``end`` in the same paragraph, with
    the space that separates them from the span (none where the span cuts a word, e.g.
    after a proclitic و)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    before_raw = text[max(lo, start - 200) : start]
    after_raw = text[end : min(hi, end + 200)]
    before = " ".join(before_raw.split()[-words:]) if words else ""
    after = " ".join(after_raw.split()[:words]) if words else ""
    if before and before_raw[-1:].isspace():
        before += " "
    if after and after_raw[:1].isspace():
        after = " " + after
    return before, after


class SpanTableModel(QAbstractTableModel):
    """Read-only rows over a list of SpanData, kept in the chosen sort order.

    ``_keys[row]`` is the sort key of ``_spans[row]``; every key ends with the span id, so
    keys are unique and a row is found (or an insertion point chosen) by bisection."""

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None, lang: str = "en"):
        super().__init__(parent)
        self._spans: list[SpanData] = []
        self._keys: list[tuple[Any, ...]] = []
        self._by_id: dict[int, SpanData] = {}
        self._labelset: LabelSet | None = None
        self._lang = lang
        self._text = ""
        self._paragraph_starts: list[int] = [0]
        self._sort: tuple[int, Qt.SortOrder] = (3, Qt.SortOrder.AscendingOrder)
        self._headers = (self.tr("Label"), self.tr("Text"), self.tr("Annotator"), self.tr("Place"))

    def set_language(self, lang: str) -> None:
        self._lang = lang

    def set_spans(
        self, spans: Sequence[SpanData], labelset: LabelSet | None, text: str | None = None
    ) -> None:
        """Show ``spans``; ``text`` (the article) gives each span its context and place."""
        self.beginResetModel()
        self._spans = list(spans)
        self._by_id = {s.id: s for s in self._spans}
        self._labelset = labelset
        if text is not None and text is not self._text:
            self._text = text
            self._paragraph_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self._apply_sort()
        self.endResetModel()

    def apply_changes(self, upserted: Sequence[SpanData], removed: Iterable[int]) -> None:
        """Remove the rows of ``removed`` ids; put each of ``upserted`` (new or changed
        records) in place: a changed span whose key did not move is updated where it is,
        otherwise its row moves. Rows are inserted and removed one by one (rowsInserted,
        rowsRemoved, dataChanged), never by a reset, so selections and scrolling stay."""
        for span_id in removed:
            self._remove(span_id)
        last = self.COLUMNS - 1
        for span in upserted:
            row = self.row_of(span.id)
            key = self._key(span)
            if row is not None and self._keys[row] == key:
                self._spans[row] = span
                self._by_id[span.id] = span
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
                continue
            if row is not None:
                self._remove(span.id)
            row = self._insertion_row(key)
            self.beginInsertRows(QModelIndex(), row, row)
            self._spans.insert(row, span)
            self._keys.insert(row, key)
            self._by_id[span.id] = span
            self.endInsertRows()

    def _remove(self, span_id: int) -> None:
        row = self.row_of(span_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._spans[row]
        del self._keys[row]
        del self._by_id[span_id]
        self.endRemoveRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with one key per row: a proxy's sort would call data() for every
        comparison (tens of thousands of calls at 2,000 spans, on every label key)."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply_sort()
        self.layoutChanged.emit()

    def _key(self, span: SpanData) -> tuple[Any, ...]:
        column = self._sort[0]
        if column == 0:
            return self._label_name(span), span.start, span.id
        if column == 1:
            return span.text, span.start, span.id
        if column == 2:
            return span.annotator, span.start, span.id
        return span.start, span.end, span.id

    def _descending(self) -> bool:
        return self._sort[1] == Qt.SortOrder.DescendingOrder

    def _apply_sort(self) -> None:
        keyed = sorted(
            ((self._key(s), s) for s in self._spans),
            key=lambda pair: pair[0],
            reverse=self._descending(),
        )
        self._keys = [k for k, _ in keyed]
        self._spans = [s for _, s in keyed]

    def _insertion_row(self, key: tuple[Any, ...]) -> int:
        """The first row whose key does not come before ``key`` in the current order."""
        keys, lo, hi = self._keys, 0, len(self._keys)
        descending = self._descending()
        while lo < hi:
            mid = (lo + hi) // 2
            if (keys[mid] > key) if descending else (keys[mid] < key):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _label_name(self, span: SpanData) -> str:
        label = self._label(span)
        return label.display_name(self._lang) if label else span.label

    def span_at(self, row: int) -> SpanData | None:
        return self._spans[row] if 0 <= row < len(self._spans) else None

    def row_of(self, span_id: int) -> int | None:
        span = self._by_id.get(span_id)
        if span is None:
            return None
        key = self._key(span)
        row = self._insertion_row(key)
        if row < len(self._keys) and self._keys[row] == key:
            return row
        # A key that changed under the rows (the interface language renamed the labels):
        # look the long way rather than miss the row.
        return next((r for r, s in enumerate(self._spans) if s.id == span_id), None)

    def span_ids(self) -> list[int]:
        return [s.id for s in self._spans]

    # -- Qt model interface
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.COLUMNS
        ):
            return self._headers[section]
        return None

    def _label(self, span: SpanData):
        ls = self._labelset
        return ls.label(span.label) if ls is not None and span.labelset == ls.name else None

    def _paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, offset)

    def _in_context(self, span: SpanData) -> str:
        text = span.text.replace("\n", " ")
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT] + "…"
        if not self._text or self._text[span.start : span.end] != span.text:
            return text
        before, after = words_around(self._text, span.start, span.end)
        return f"{'…' if before else ''}{before}«{text}»{after}{'…' if after else ''}"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:
            return None
        span = self.span_at(index.row()) if index.isValid() else None
        if span is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                label = self._label(span)
                return label.display_name(self._lang) if label else span.label
            if column == 1:  # in its own direction, whatever the interface's
                return isolated(self._in_context(span))
            if column == 2:
                return span.annotator
            if column == 3:  # "¶3 · 453", never "453 · 3¶" in the Arabic interface
                return left_to_right(f"¶{self._paragraph(span.start)} · {span.start}")
        elif role == FILTER_ROLE:
            label = self._label(span)
            name = label.display_name(self._lang) if label else ""
            return f"{span.label}\n{name}\n{span.annotator}\n{span.text}".casefold()
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


class SpanProxyModel(QSortFilterProxyModel):
    """Filtered rows (sorted by the source); answers in ITS row numbers (what is shown)."""

    def __init__(self, source: SpanTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = source
        self.setSourceModel(source)
        self.setFilterRole(FILTER_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source.sort(column, order)  # the source sorts itself; this proxy only filters

    def set_filter(self, text: str) -> None:
        """Keep rows whose label, annotator or text contains ``text`` (any case)."""
        self.setFilterFixedString(text.strip().casefold())

    def span_at(self, row: int) -> SpanData | None:
        source = self.mapToSource(self.index(row, 0))
        return self.source.span_at(source.row()) if source.isValid() else None

    def row_of(self, span_id: int) -> int | None:
        row = self.source.row_of(span_id)
        if row is None:
            return None
        index = self.mapFromSource(self.source.index(row, 0))
        return index.row() if index.isValid() else None

    def span_ids(self) -> list[int]:
        return [s.id for s in (self.span_at(r) for r in range(self.rowCount())) if s]
