"""The article view: read-only right-to-left text with spans painted over it.

Why it looks like this:
- Highlights are an OVERLAY painted from the block layouts, never char formats in the
  document: the text is shaped once, so Arabic letters stay joined across a highlight that
  ends mid-word, and the document stays exactly the stored article.
- Qt positions (UTF-16) never leave this widget: every public method speaks code points
  and converts through :class:`ui.offsets.QtOffsets`.
- Only spans that intersect the viewport are looked at (spans are kept sorted, with a
  running maximum of their ends so a bisect finds the first candidate), and per-span
  rectangles are cached per block, so 2,000 spans on a long article paint quickly.
- Rectangles are computed per character edge (``QTextLine.cursorToX`` with Leading and
  Trailing edges) wherever bidi could reorder them, so a span across an embedded Latin
  word or number paints as several correct rectangles; pure right-to-left stretches take
  a two-call fast path.
"""

from __future__ import annotations

import bisect
import heapq
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextLayout,
    QTextLine,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from annotator.text.graphemes import grapheme_starts
from annotator.text.snapping import Snapper
from ui.fonts import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, article_font
from ui.hotkeys import hotkey_for_event
from ui.offsets import QtOffsets
from ui.richtext import plain_tooltip


@dataclass(frozen=True, slots=True)
class SpanView:
    """What the view needs to draw one span or suggestion (offsets in code points)."""

    id: int
    start: int
    end: int
    color: str
    label: str = ""
    tooltip: str = ""


# Fill alpha: translucent so text stays readable and overlapping spans visibly deepen.
FILL_ALPHA = 64
UNDERLINE_WIDTH = 2.0
UNDERLINE_STEP = 3.5
MAX_DRAWN_LAYERS = 8
SEARCH_FILL = QColor(255, 221, 0, 110)
SEARCH_EDGE = QColor(230, 140, 0)
SEARCH_CURRENT_EDGE = QColor(200, 60, 0)
DEFAULT_HOTKEYS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")

# Characters that can make a stretch of an RTL paragraph lay out left-to-right (strong
# LTR, numbers, explicit embeddings). Without them a stretch that has a strong RTL char
# is one visual run, so two cursorToX calls give its rectangle.
_NOT_PLAIN_RTL = regex.compile(
    r"[\p{Bidi_Class=L}\p{Bidi_Class=EN}\p{Bidi_Class=AN}\p{Bidi_Class=LRE}"
    r"\p{Bidi_Class=LRO}\p{Bidi_Class=RLE}\p{Bidi_Class=RLO}\p{Bidi_Class=PDF}"
    r"\p{Bidi_Class=LRI}\p{Bidi_Class=RLI}\p{Bidi_Class=FSI}\p{Bidi_Class=PDI}]"
)
_STRONG_RTL = regex.compile(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")


@dataclass(slots=True)
class _Item:
    """A drawable range in Qt positions, with its stacking layer."""

    view: SpanView
    qs: int
    qe: int
    layer: int = 0


class _RangeIndex:
    """Sorted ranges with a running max of ends: finds those meeting a window fast."""

    def __init__(self, items: list[_Item]) -> None:
        self.items = sorted(items, key=lambda it: (it.qs, it.qe, it.view.id))
        self._starts = [it.qs for it in self.items]
        self._max_end: list[int] = []
        running = -1
        for it in self.items:
            running = max(running, it.qe)
            self._max_end.append(running)

    def overlapping(self, lo: int, hi: int) -> list[_Item]:
        """Items with qs < hi and qe > lo (zero-length items at lo..hi included)."""
        first = bisect.bisect_right(self._max_end, lo)
        # Empty ranges (qs == qe == lo) still deserve a hit when they sit in the window.
        while first > 0 and self._max_end[first - 1] == lo:
            first -= 1
        last = bisect.bisect_left(self._starts, hi)
        return [it for it in self.items[first:last] if it.qe > lo or it.qs == it.qe == lo]


def assign_layers(ranges: Sequence[tuple[int, int]]) -> list[int]:
    """Greedy interval colouring: overlapping ranges get different layers, lowest first.

    Sorting by start then longest first puts an enclosing span on a lower layer than the
    spans nested in it, which reads naturally (outer underline closest to the text).
    Two heaps (open ranges by end, freed layers) keep it O(n log n) for thousands of spans.
    """
    order = sorted(range(len(ranges)), key=lambda i: (ranges[i][0], -ranges[i][1], i))
    layers = [0] * len(ranges)
    active: list[tuple[int, int]] = []  # heap of (end, layer) of ranges still open
    free: list[int] = []  # heap of layers no open range uses, below next_layer
    next_layer = 0
    for i in order:
        start, end = ranges[i]
        while active and active[0][0] <= start:
            heapq.heappush(free, heapq.heappop(active)[1])
        if free:
            layer = heapq.heappop(free)
        else:
            layer = next_layer
            next_layer += 1
        layers[i] = layer
        heapq.heappush(active, (max(end, start + 1), layer))
    return layers


class ArticleView(QPlainTextEdit):
    """Read-only RTL article with overlay spans. All public offsets are code points."""

    hotkeyPressed = Signal(str)
    spanActivated = Signal(int)
    suggestionActivated = Signal(int)
    selectionRangeChanged = Signal(object)
    boundaryAdjustRequested = Signal(int, str, int)
    fontSizeChanged = Signal(float)
    selectedSpanChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._map = QtOffsets("")
        self._snapper = Snapper()  # the label set's rule: set_snapper
        self._spans = _RangeIndex([])
        self._span_by_id: dict[int, _Item] = {}
        self._suggestions = _RangeIndex([])
        self._suggestion_by_id: dict[int, _Item] = {}
        self._hits = _RangeIndex([])
        self._current_hit: int | None = None
        self._selected_span: int | None = None
        self._selected_suggestion: int | None = None
        self._exact = False
        self._alt_selection = False
        self._programmatic: tuple[int, int, int, int] | None = None
        self._hotkeys: frozenset[str] = DEFAULT_HOTKEYS
        self._press_pos: QPoint | None = None
        self._last_click: tuple[QPoint, list[tuple[str, int]]] | None = None
        self._rect_cache: dict[tuple[int, int, int], list[QRectF]] = {}
        self._cache_width = -1
        self._point_size = DEFAULT_POINT_SIZE

        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFont(article_font(self._point_size))
        self.document().setDocumentMargin(12)
        self._apply_text_option()
        self.selectionChanged.connect(self._on_selection_changed)
        self.document().documentLayout().documentSizeChanged.connect(self._invalidate_geometry)

    # ----------------------------------------------------------------- content
    def _apply_text_option(self) -> None:
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)

    def set_article(self, text: str) -> None:
        """Show ``text`` (plain, never interpreted); clears spans, hits and selections."""
        had_selected_span = self._selected_span is not None
        self._text = text
        self._map = QtOffsets(text)
        self._spans = _RangeIndex([])
        self._span_by_id = {}
        self._suggestions = _RangeIndex([])
        self._suggestion_by_id = {}
        self._hits = _RangeIndex([])
        self._current_hit = None
        self._selected_span = None
        self._selected_suggestion = None
        self._programmatic = None
        self._last_click = None
        self._rect_cache.clear()
        self.setPlainText(text)
        self._apply_text_option()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)
        self.viewport().update()
        if had_selected_span:
            self.selectedSpanChanged.emit(None)

    def article_text(self) -> str:
        return self._text

    def _items(self, views: Iterable[SpanView]) -> list[_Item]:
        n = len(self._text)
        to_qt = None if self._map.is_identity else self._map.to_qt
        items = []
        append = items.append
        for v in views:
            start, end = v.start, v.end
            if not 0 <= start <= end <= n:
                start, end = max(0, min(start, n)), max(0, min(end, n))
                if end < start:
                    start, end = end, start
            if to_qt is None:
                append(_Item(v, start, end))
            else:
                append(_Item(v, to_qt(start), to_qt(end)))
        return items

    def set_spans(self, spans: Sequence[SpanView]) -> None:
        """Replace the drawn spans (the selected span stays selected if still present)."""
        items = self._items(spans)
        for item, layer in zip(items, assign_layers([(it.qs, it.qe) for it in items]),
                               strict=True):
            item.layer = layer
        self._spans = _RangeIndex(items)
        self._span_by_id = {it.view.id: it for it in items}
        if self._selected_span is not None and self._selected_span not in self._span_by_id:
            self._selected_span = None
            self.selectedSpanChanged.emit(None)
        self.viewport().update()

    def set_suggestions(self, items: Sequence[SpanView]) -> None:
        """Replace the drawn suggestions (dashed outlines, no fill)."""
        its = self._items(items)
        self._suggestions = _RangeIndex(its)
        self._suggestion_by_id = {it.view.id: it for it in its}
        if self._selected_suggestion not in self._suggestion_by_id:
            self._selected_suggestion = None
        self.viewport().update()

    def set_search_hits(self, hits: Sequence[tuple[int, int]],
                        current: int | None = None) -> None:
        """Show search hits; ``current`` (index into ``hits``) is emphasised and shown."""
        views = [SpanView(i, s, e, "#ffdd00") for i, (s, e) in enumerate(hits)]
        self._hits = _RangeIndex(self._items(views))
        self._current_hit = current if current is not None and 0 <= current < len(hits) \
            else None
        if self._current_hit is not None:
            self.scroll_to(hits[self._current_hit][0])
        self.viewport().update()

    def set_hotkeys(self, chars: Iterable[str] | None) -> None:
        """Restrict which mapped characters are consumed as hotkeys (None = a-z, 0-9)."""
        self._hotkeys = DEFAULT_HOTKEYS if chars is None else frozenset(
            c.lower() for c in chars if c)

    def span_layer(self, span_id: int) -> int | None:
        item = self._span_by_id.get(span_id)
        return None if item is None else item.layer

    # --------------------------------------------------------------- selection
    def set_selected_span(self, span_id: int | None, *, scroll: bool = True) -> None:
        if span_id is not None and span_id not in self._span_by_id:
            span_id = None
        changed = span_id != self._selected_span
        self._selected_span = span_id
        if span_id is not None:
            self._selected_suggestion = None
            if scroll:
                item = self._span_by_id[span_id]
                self._ensure_visible_qt(item.qs, item.qe)
        self.viewport().update()
        if changed:
            self.selectedSpanChanged.emit(span_id)

    def selected_span_id(self) -> int | None:
        return self._selected_span

    def set_selected_suggestion(self, suggestion_id: int | None, *, scroll: bool = True) -> None:
        if suggestion_id is not None and suggestion_id not in self._suggestion_by_id:
            suggestion_id = None
        self._selected_suggestion = suggestion_id
        if suggestion_id is not None:
            if self._selected_span is not None:
                self._selected_span = None
                self.selectedSpanChanged.emit(None)
            if scroll:
                item = self._suggestion_by_id[suggestion_id]
                self._ensure_visible_qt(item.qs, item.qe)
        self.viewport().update()

    def selected_suggestion_id(self) -> int | None:
        return self._selected_suggestion

    def set_snapper(self, snapper: Snapper) -> None:
        """Selection snapping of the active label set (its proclitic rule and lexicon)."""
        self._snapper = snapper
        self.selectionRangeChanged.emit(self.selection_range())

    def set_exact_selection(self, on: bool) -> None:
        """Exact mode keeps the selected characters (only graphemes are kept whole)."""
        if on != self._exact:
            self._exact = on
            self.selectionRangeChanged.emit(self.selection_range())

    def exact_selection(self) -> bool:
        return self._exact

    def raw_selection_range(self) -> tuple[int, int] | None:
        """The text selection as code points, without any snapping."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._map.from_qt_range(cursor.selectionStart(), cursor.selectionEnd())

    def selection_range(self) -> tuple[int, int] | None:
        """The current selection in code points, snapped to words unless exact."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        qs, qe = cursor.selectionStart(), cursor.selectionEnd()
        if self._programmatic is not None and self._programmatic[2:] == (qs, qe):
            return self._programmatic[0], self._programmatic[1]
        start, end = self._map.from_qt_range(qs, qe)
        gesture = "exact" if self._exact or self._alt_selection else "drag"
        start, end = self._snapper.snap(self._text, start, end, gesture)
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        """Select exactly ``[start, end)`` (not snapped) and make it visible.

        Out-of-range offsets are clamped; a reversed pair selects the same range with the
        cursor at ``end`` (the range itself is always reported start <= end)."""
        n = len(self._text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        qs, qe = self._map.to_qt_range(start, end)
        cursor = self.textCursor()
        cursor.setPosition(qs)
        cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
        self._programmatic = (min(start, end), max(start, end), min(qs, qe), max(qs, qe))
        self.setTextCursor(cursor)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def _on_selection_changed(self) -> None:
        cursor = self.textCursor()
        if (self._programmatic is not None
                and self._programmatic[2:] != (cursor.selectionStart(), cursor.selectionEnd())):
            self._programmatic = None
        self.selectionRangeChanged.emit(self.selection_range())

    # --------------------------------------------------------------- scrolling
    def scroll_to(self, start: int) -> None:
        """Make the line holding code point ``start`` visible (no change if it is)."""
        q = self._map.to_qt(start)
        self._ensure_visible_qt(q, q)

    def _ensure_visible_qt(self, qs: int, qe: int) -> None:
        block = self.document().findBlock(qs)
        if not block.isValid():
            return
        layout = block.layout()
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        line = layout.lineForTextPosition(qs - block.position()) if layout else QTextLine()
        if line.isValid():
            top = geometry.top() + line.y()
            bottom = top + line.height()
        else:
            top, bottom = geometry.top(), geometry.bottom()
        if top >= 0 and bottom <= self.viewport().height():
            return
        line_number = block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
        # Leave a little context above the target when scrolling to it.
        self.verticalScrollBar().setValue(max(0, line_number - 2))

    def first_visible_offset(self) -> int:
        """Code point at the start of the first (even partly) visible line."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return 0
        layout = block.layout()
        offset_y = -self.contentOffset().y() - self.blockBoundingGeometry(block).top()
        position = block.position()
        if layout is not None:
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                if line.y() + line.height() > offset_y:
                    position += line.textStart()
                    break
        return self._map.from_qt(position)

    # -------------------------------------------------------------------- zoom
    def font_point_size(self) -> float:
        return self._point_size

    def set_font_point_size(self, pt: float) -> None:
        pt = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, float(pt)))
        if abs(pt - self._point_size) < 0.01:
            return
        anchor = self.first_visible_offset()
        self._point_size = pt
        self.setFont(article_font(pt))
        self._invalidate_geometry()
        if anchor:
            q = self._map.to_qt(anchor)
            block = self.document().findBlock(q)
            line = block.layout().lineForTextPosition(q - block.position())
            number = block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
            self.verticalScrollBar().setValue(number)
        self.fontSizeChanged.emit(pt)

    def zoom(self, step: int) -> None:
        self.set_font_point_size(self._point_size + step)

    # ---------------------------------------------------------------- geometry
    def _invalidate_geometry(self, *_args: object) -> None:
        self._rect_cache.clear()
        self.viewport().update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._rect_cache.clear()
        super().resizeEvent(event)

    def _visible_blocks(self, clip: QRectF | None = None) -> list[tuple[QTextBlock, QPointF]]:
        """Visible blocks with their top-left in viewport coordinates."""
        out = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = self.viewport().height()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if block.isVisible() and geometry.bottom() >= 0 and (
                    clip is None or (geometry.bottom() >= clip.top()
                                     and geometry.top() <= clip.bottom())):
                out.append((block, geometry.topLeft()))
            block = block.next()
        return out

    def _block_rects(self, block: QTextBlock, qs: int, qe: int) -> list[QRectF]:
        """Rectangles (block coordinates) covering Qt range [qs, qe) inside ``block``."""
        bpos = block.position()
        lo = max(qs, bpos)
        hi = min(qe, bpos + block.length() - 1)
        key = (block.blockNumber(), lo - bpos, hi - bpos)
        width = self.viewport().width()
        if width != self._cache_width:
            # Right-aligned text moves when the viewport width changes (e.g. a scroll bar
            # appears) even if no line re-wraps.
            self._rect_cache.clear()
            self._cache_width = width
        cached = self._rect_cache.get(key)
        if cached is not None:
            return cached
        rects: list[QRectF] = []
        layout = block.layout()
        if layout is not None and hi > lo:
            # A paragraph can have hundreds of lines: jump to the first one (a C-side
            # search) and walk only the lines the range covers.
            first = layout.lineForTextPosition(lo - bpos)
            index = first.lineNumber() if first.isValid() else 0
            while index < layout.lineCount():
                line = layout.lineAt(index)
                index += 1
                ls = bpos + line.textStart()
                if ls >= hi:
                    break
                le = ls + line.textLength()
                a, b = max(lo, ls), min(hi, le)
                if b > a:
                    rects.extend(self._line_rects(line, layout, bpos, a, b, ls, le))
        elif layout is not None and hi == lo == qs == qe:
            # An empty range: a thin marker at the caret position.
            line = layout.lineForTextPosition(lo - bpos)
            if line.isValid():
                x = line.cursorToX(lo - bpos)[0]
                rects.append(QRectF(x - 1, line.y(), 2, line.height()))
        if len(self._rect_cache) > 50_000:
            self._rect_cache.clear()
        self._rect_cache[key] = rects
        return rects

    def _line_rects(self, line: QTextLine, line_layout: QTextLayout, bpos: int, a: int, b: int,
                    ls: int, le: int) -> list[QRectF]:
        """Visual rectangles of Qt range [a, b) on one line (absolute Qt positions)."""
        y, h = line.y(), line.height()
        ca, cb = self._map.from_qt(a), self._map.from_qt(b)
        text = self._text
        segment = text[ca:cb]
        before = text[self._map.from_qt(ls):ca][-1:]
        after = text[cb:self._map.from_qt(le)][:1]
        leading, trailing = QTextLine.Edge.Leading, QTextLine.Edge.Trailing
        if (_STRONG_RTL.search(segment) and not _NOT_PLAIN_RTL.search(segment)
                and not _NOT_PLAIN_RTL.search(before + after)
                and unicodedata.category(segment[0]) != "Mn"):
            # One visual run: from the leading edge of the first char to the caret position
            # at the end (a trailing diacritic stays inside; Qt snaps carets to clusters).
            x1 = line.cursorToX(a - bpos, leading)[0]
            x2 = line.cursorToX(b - bpos, leading)[0]
            return [QRectF(min(x1, x2), y, abs(x2 - x1), h)]
        # Per cluster: Qt moves a position inside a cluster (a diacritic, the rest of an
        # emoji sequence) to the next cluster, so only cluster starts are asked about.
        line_start, line_end = self._map.from_qt(ls), self._map.from_qt(le)
        starts = grapheme_starts(text, line_start, line_end)
        first = max(0, bisect.bisect_right(starts, ca) - 1)
        intervals: list[tuple[float, float]] = []
        layout = line_layout
        for index in range(first, len(starts)):
            c = starts[index]
            if c >= cb:
                break
            q = self._map.to_qt(c) - bpos
            x1 = line.cursorToX(q, leading)[0]
            x2 = line.cursorToX(q, trailing)[0]
            if x1 == x2:
                # At the first character of a bidi run Qt answers for the previous run
                # (a zero-width result); the cluster's own glyphs know where it is.
                stop = starts[index + 1] if index + 1 < len(starts) else line_end
                width = self._map.to_qt(stop) - bpos - q
                for run in layout.glyphRuns(q, width):
                    box = run.boundingRect()
                    if box.width() > 0:
                        intervals.append((box.left(), box.right()))
            else:
                intervals.append((min(x1, x2), max(x1, x2)))
        if not intervals:
            return []
        intervals.sort()
        merged = [list(intervals[0])]
        for x1, x2 in intervals[1:]:
            if x1 <= merged[-1][1] + 0.75:
                merged[-1][1] = max(merged[-1][1], x2)
            else:
                merged.append([x1, x2])
        return [QRectF(x1, y, x2 - x1, h) for x1, x2 in merged]

    def _rects_qt(self, qs: int, qe: int,
                  blocks: list[tuple[QTextBlock, QPointF]] | None = None) -> list[QRectF]:
        if blocks is None:
            blocks = self._visible_blocks()
        out: list[QRectF] = []
        for block, origin in blocks:
            bpos = block.position()
            bend = bpos + block.length() - 1  # end of the block's characters
            if qs == qe:
                if not bpos <= qs <= bend:
                    continue
            elif qs >= bend or qe <= bpos:
                continue
            out.extend(r.translated(origin) for r in self._block_rects(block, qs, qe))
        return out

    def span_rects(self, span_id: int) -> list[QRectF]:
        """Viewport rectangles of the visible parts of a span (empty if off screen)."""
        item = self._span_by_id.get(span_id)
        return [] if item is None else self._rects_qt(item.qs, item.qe)

    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the visible parts of a code point range."""
        qs, qe = self._map.to_qt_range(start, end)
        return self._rects_qt(qs, qe)

    def _visible_window(self, blocks: list[tuple[QTextBlock, QPointF]]) -> tuple[int, int]:
        """Qt positions from the first to the last visible LINE (blocks can be huge)."""
        if not blocks:
            return 0, 0
        first, first_origin = blocks[0]
        last, last_origin = blocks[-1]
        lo = first.position() + self._line_start_at_y(first, -first_origin.y(), False)
        hi = last.position() + self._line_start_at_y(
            last, self.viewport().height() - last_origin.y(), True)
        return lo, hi

    @staticmethod
    def _line_start_at_y(block: QTextBlock, y: float, end: bool) -> int:
        """Start (or end if ``end``) of the block's line at height ``y`` (binary search)."""
        layout = block.layout()
        count = layout.lineCount() if layout is not None else 0
        if count == 0:
            return block.length() if end else 0
        low, high = 0, count - 1
        while low < high:
            mid = (low + high) // 2
            line = layout.lineAt(mid)
            if line.y() + line.height() <= y:
                low = mid + 1
            else:
                high = mid
        line = layout.lineAt(low)
        return line.textStart() + line.textLength() + 1 if end else line.textStart()

    # ---------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        clip = QRectF(event.rect())
        blocks = self._visible_blocks(clip)
        lo, hi = self._visible_window(blocks)
        spans = self._spans.overlapping(lo, hi)
        suggestions = self._suggestions.overlapping(lo, hi)
        hits = self._hits.overlapping(lo, hi)
        geometry = {id(it): self._rects_qt(it.qs, it.qe, blocks)
                    for it in (*spans, *suggestions, *hits)}

        painter = QPainter(self.viewport())
        painter.setPen(Qt.PenStyle.NoPen)
        for it in spans:
            fill = QColor(it.view.color)
            fill.setAlpha(FILL_ALPHA)
            for r in geometry[id(it)]:
                painter.fillRect(r, fill)
        for it in hits:
            for r in geometry[id(it)]:
                painter.fillRect(r, SEARCH_FILL)
        painter.end()

        super().paintEvent(event)

        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # The selected span's outline goes under the underlines so they stay visible.
        selected = self._span_by_id.get(self._selected_span) \
            if self._selected_span is not None else None
        if selected is not None and id(selected) in geometry:
            color = QColor(selected.view.color).darker(160)
            painter.setPen(QPen(color, 2.5))
            for r in geometry[id(selected)]:
                painter.drawRect(r.adjusted(1, 1, -1, -1))
        for it in spans:
            pen = QPen(QColor(it.view.color), UNDERLINE_WIDTH)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            layer = min(it.layer, MAX_DRAWN_LAYERS - 1)
            for r in geometry[id(it)]:
                y = r.bottom() - UNDERLINE_WIDTH / 2 - layer * UNDERLINE_STEP
                painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for it in suggestions:
            pen = QPen(QColor(it.view.color), 1.5, Qt.PenStyle.DashLine)
            if it.view.id == self._selected_suggestion:
                pen.setWidthF(3.0)
            painter.setPen(pen)
            for r in geometry[id(it)]:
                painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5))
        for it in hits:
            current = self._current_hit is not None and it.view.id == self._current_hit
            painter.setPen(QPen(SEARCH_CURRENT_EDGE if current else SEARCH_EDGE,
                                2.5 if current else 1.0))
            for r in geometry[id(it)]:
                painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    # ---------------------------------------------------------------- hit test
    def items_at(self, point: QPoint | QPointF) -> list[tuple[str, int]]:
        """Spans then suggestions under a viewport point, innermost (shortest) first."""
        pt = QPointF(point)
        q = self.cursorForPosition(pt.toPoint()).position()
        found: list[tuple[int, int, str, int]] = []
        for kind, index in (("span", self._spans), ("suggestion", self._suggestions)):
            for it in index.overlapping(max(0, q - 2), q + 2):
                if any(r.contains(pt) for r in self._rects_qt(it.qs, it.qe)):
                    found.append((0 if kind == "span" else 1, it.qe - it.qs, kind, it.view.id))
        found.sort()
        return [(kind, ident) for _, _, kind, ident in found]

    def tooltip_at(self, point: QPoint | QPointF) -> str:
        """The tooltip for what is under a viewport point ('' when nothing is)."""
        parts = []
        for kind, ident in self.items_at(point):
            by_id = self._span_by_id if kind == "span" else self._suggestion_by_id
            view = by_id[ident].view
            parts.append(view.tooltip or view.label)
        return "\n\n".join(p for p in parts if p)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # ------------------------------------------------------------------- mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position().toPoint()
            self._alt_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                # Pressing inside a selection would start a text drag-and-drop, which
                # makes no sense in a read-only article: always start a new selection.
                self.clear_selection()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """Double-click selects the word under the mouse by our word rules.

        Qt's own word selection takes adjacent punctuation with it (e.g. «الله» → الله»);
        ours keeps letters, diacritics, tatweel and digits only. Alt keeps Qt's choice.
        """
        super().mouseDoubleClickEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or \
                event.modifiers() & Qt.KeyboardModifier.AltModifier:
            return
        pos = self._map.from_qt(self.cursorForPosition(event.position().toPoint()).position())
        word = self._snapper.word(self._text, pos) or (
            self._snapper.word(self._text, pos - 1) if pos > 0 else None)
        if word is not None:
            self.select_range(*word)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press_pos is None:
            return
        pos = event.position().toPoint()
        moved = (pos - self._press_pos).manhattanLength()
        self._press_pos = None
        if moved > 4 or self.textCursor().hasSelection():
            return
        self._activate_at(pos)

    def _activate_at(self, pos: QPoint) -> None:
        hits = self.items_at(pos)
        if not hits:
            self._last_click = None
            self._selected_suggestion = None
            self.set_selected_span(None, scroll=False)
            return
        current = ("span", self._selected_span) if self._selected_span is not None else (
            ("suggestion", self._selected_suggestion)
            if self._selected_suggestion is not None else None)
        choice = hits[0]
        if (self._last_click is not None and current in hits
                and (self._last_click[0] - pos).manhattanLength() <= 6
                and self._last_click[1] == hits):
            choice = hits[(hits.index(current) + 1) % len(hits)]
        self._last_click = (pos, hits)
        self._choose(choice)

    def _choose(self, choice: tuple[str, int]) -> None:
        kind, ident = choice
        if kind == "span":
            self.set_selected_span(ident, scroll=False)
            self.spanActivated.emit(ident)
        else:
            self.set_selected_suggestion(ident, scroll=False)
            self.suggestionActivated.emit(ident)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            dy = event.angleDelta().y()
            if dy:
                self.zoom(1 if dy > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    # ---------------------------------------------------------------- keyboard
    def _cycle_spans(self, forward: bool) -> None:
        items = self._spans.items
        if not items:
            return
        ids = [it.view.id for it in items]
        if self._selected_span in self._span_by_id:
            i = ids.index(self._selected_span)
            j = (i + (1 if forward else -1)) % len(ids)
        else:
            q = self.textCursor().position()
            starts = [it.qs for it in items]
            if forward:
                j = bisect.bisect_left(starts, q) % len(ids)
            else:
                j = (bisect.bisect_left(starts, q) - 1) % len(ids)
        self.set_selected_span(ids[j], scroll=True)
        self.spanActivated.emit(ids[j])

    def _boundary_key(self, event: QKeyEvent) -> tuple[str, int] | None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        alt = Qt.KeyboardModifier.AltModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        if event.key() not in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            return None
        if mods == alt:
            which = "start"
        elif mods == alt | shift:
            which = "end"
        else:
            return None
        # Logical direction: the article is right-to-left, so Left moves forward.
        delta = 1 if event.key() == Qt.Key.Key_Left else -1
        return which, delta

    def event(self, event: QEvent) -> bool:
        # Take Tab/Backtab before QWidget turns them into focus changes, and claim the keys
        # we own before window shortcuts can steal them.
        if event.type() == QEvent.Type.ShortcutOverride:
            if self._owns_key(event):
                event.accept()
                return True
        elif event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                     | Qt.KeyboardModifier.AltModifier)):
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._cycle_spans(forward)
            event.accept()
            return True
        return super().event(event)

    def _owns_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                            | Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_Escape:
            return (self.textCursor().hasSelection() or self._selected_span is not None
                    or self._selected_suggestion is not None)
        if self._boundary_key(event) is not None:
            return self._selected_span is not None
        return hotkey_for_event(event) in self._hotkeys

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if not (self.textCursor().hasSelection() or self._selected_span is not None
                    or self._selected_suggestion is not None):
                event.ignore()  # nothing to clear: let a dialog or window have it
                return
            self.clear_selection()
            self._selected_suggestion = None
            self.set_selected_span(None, scroll=False)
            event.accept()
            return
        boundary = self._boundary_key(event)
        if boundary is not None:
            if self._selected_span is not None:
                self.boundaryAdjustRequested.emit(self._selected_span, *boundary)
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and key in (
                Qt.Key.Key_Equal, Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            self.zoom(-1 if key == Qt.Key.Key_Minus else 1)
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.ZoomIn):
            self.zoom(1)
            return
        if event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom(-1)
            return
        char = hotkey_for_event(event)
        if char is not None and char in self._hotkeys:
            self.hotkeyPressed.emit(char)
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier or key in (
                Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            # A keyboard-made selection is never an Alt-drag selection.
            self._alt_selection = False
        super().keyPressEvent(event)
