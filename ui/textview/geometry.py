"""Where text sits on screen: rectangles of ranges and the caret nearest a point.

Why it looks like this:
- Rectangles are computed per character edge (``QTextLine.cursorToX`` with Leading and
  Trailing edges) wherever bidi could reorder them, so a span across an embedded Latin
  word or number paints as several correct rectangles; pure right-to-left stretches take
  a two-call fast path. Per-range rectangles are cached per block.
- Hit-testing does not trust ``cursorForPosition``: in right-to-left runs Qt answers the
  neighbouring caret position for points within a few pixels of a glyph edge (measured:
  a point 1 px inside the و of «والميليشيات» gave the position after the ا). Its answer only
  picks the line; the caret is the cluster boundary whose DRAWN x is nearest the pointer.
- Cluster boundaries come from the core (``annotator.text.graphemes``), so the caret never lands
  between a letter and its diacritics, inside an emoji sequence or inside lam-alef.
"""

from __future__ import annotations

import bisect
import unicodedata

import regex
from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextLayout, QTextLine
from PySide6.QtWidgets import QPlainTextEdit

from annotator.text.graphemes import grapheme_starts, snap_down, snap_up
from ui.offsets import QtOffsets

# Characters that can make a stretch of an RTL paragraph lay out left-to-right (strong
# LTR, numbers, explicit embeddings). Without them a stretch that has a strong RTL char
# is one visual run, so two cursorToX calls give its rectangle.
_NOT_PLAIN_RTL = regex.compile(
    r"[\p{Bidi_Class=L}\p{Bidi_Class=EN}\p{Bidi_Class=AN}\p{Bidi_Class=LRE}"
    r"\p{Bidi_Class=LRO}\p{Bidi_Class=RLE}\p{Bidi_Class=RLO}\p{Bidi_Class=PDF}"
    r"\p{Bidi_Class=LRI}\p{Bidi_Class=RLI}\p{Bidi_Class=FSI}\p{Bidi_Class=PDI}]"
)
_STRONG_RTL = regex.compile(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")
# How many clusters on each side of Qt's own answer are compared by drawn x.
_HIT_WINDOW = 3
_LEADING, _TRAILING = QTextLine.Edge.Leading, QTextLine.Edge.Trailing


class Geometry:
    """Layout questions about one :class:`QPlainTextEdit` showing one article."""

    def __init__(self, view: QPlainTextEdit) -> None:
        self._view = view
        self.text = ""
        self.map = QtOffsets("")
        self._rect_cache: dict[tuple[int, int, int], list[QRectF]] = {}
        self._cache_width = -1

    def set_text(self, text: str, offsets: QtOffsets) -> None:
        self.text = text
        self.map = offsets
        self.invalidate()

    def invalidate(self) -> None:
        self._rect_cache.clear()

    # ------------------------------------------------------------------ blocks
    def visible_blocks(self, clip: QRectF | None = None) -> list[tuple[QTextBlock, QPointF]]:
        """Visible blocks with their top-left in viewport coordinates."""
        view = self._view
        out = []
        block = view.firstVisibleBlock()
        offset = view.contentOffset()
        height = view.viewport().height()
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if (
                block.isVisible()
                and geometry.bottom() >= 0
                and (
                    clip is None
                    or (geometry.bottom() >= clip.top() and geometry.top() <= clip.bottom())
                )
            ):
                out.append((block, geometry.topLeft()))
            block = block.next()
        return out

    def visible_window(self, blocks: list[tuple[QTextBlock, QPointF]]) -> tuple[int, int]:
        """Qt positions from the first to the last visible LINE (blocks can be huge)."""
        if not blocks:
            return 0, 0
        first, first_origin = blocks[0]
        last, last_origin = blocks[-1]
        lo = first.position() + _line_start_at_y(first, -first_origin.y(), False)
        hi = last.position() + _line_start_at_y(
            last, self._view.viewport().height() - last_origin.y(), True
        )
        return lo, hi

    # -------------------------------------------------------------- rectangles
    def rects_qt(
        self, qs: int, qe: int, blocks: list[tuple[QTextBlock, QPointF]] | None = None
    ) -> list[QRectF]:
        """Viewport rectangles of the visible parts of Qt range [qs, qe)."""
        if blocks is None:
            blocks = self.visible_blocks()
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

    def _block_rects(self, block: QTextBlock, qs: int, qe: int) -> list[QRectF]:
        """Rectangles (block coordinates) covering Qt range [qs, qe) inside ``block``."""
        bpos = block.position()
        lo = max(qs, bpos)
        hi = min(qe, bpos + block.length() - 1)
        key = (block.blockNumber(), lo - bpos, hi - bpos)
        width = self._view.viewport().width()
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

    def _line_rects(
        self, line: QTextLine, layout: QTextLayout, bpos: int, a: int, b: int, ls: int, le: int
    ) -> list[QRectF]:
        """Visual rectangles of Qt range [a, b) on one line (absolute Qt positions)."""
        y, h = line.y(), line.height()
        to_cp, to_qt = self.map.from_qt, self.map.to_qt
        ca, cb = to_cp(a), to_cp(b)
        text = self.text
        segment = text[ca:cb]
        before = text[to_cp(ls) : ca][-1:]
        after = text[cb : to_cp(le)][:1]
        if (
            _STRONG_RTL.search(segment)
            and not _NOT_PLAIN_RTL.search(segment)
            and not _NOT_PLAIN_RTL.search(before + after)
            and unicodedata.category(segment[0]) != "Mn"
        ):
            # One visual run: from the leading edge of the first char to the caret position
            # at the end (a trailing diacritic stays inside; Qt snaps carets to clusters).
            x1 = line.cursorToX(a - bpos, _LEADING)[0]
            x2 = line.cursorToX(b - bpos, _LEADING)[0]
            return [QRectF(min(x1, x2), y, abs(x2 - x1), h)]
        # Per cluster: Qt moves a position inside a cluster (a diacritic, the rest of an
        # emoji sequence) to the next cluster, so only cluster starts are asked about.
        line_start, line_end = to_cp(ls), to_cp(le)
        starts = grapheme_starts(text, line_start, line_end)
        first = max(0, bisect.bisect_right(starts, ca) - 1)
        intervals: list[tuple[float, float]] = []
        for index in range(first, len(starts)):
            c = starts[index]
            if c >= cb:
                break
            q = to_qt(c) - bpos
            x1 = line.cursorToX(q, _LEADING)[0]
            x2 = line.cursorToX(q, _TRAILING)[0]
            if x1 == x2:
                # At the first character of a bidi run Qt answers for the previous run
                # (a zero-width result); the cluster's own glyphs know where it is.
                stop = starts[index + 1] if index + 1 < len(starts) else line_end
                width = to_qt(stop) - bpos - q
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

    # ------------------------------------------------------------- hit testing
    def caret_at(self, point: QPoint | QPointF) -> int:
        """The caret position (code points) whose drawn x is nearest ``point``.

        Qt's ``cursorForPosition`` chooses the line; the caret is then chosen among the
        cluster boundaries around its answer by comparing the pointer's x with each
        boundary's drawn x (the leading edge of the cluster after it and the trailing edge
        of the cluster before it: they differ where bidi runs meet).
        """
        view = self._view
        pt = QPointF(point)
        q = view.cursorForPosition(pt.toPoint()).position()
        text, offsets = self.text, self.map
        block = view.document().findBlock(q)
        layout = block.layout() if block.isValid() else None
        if layout is None or layout.lineCount() == 0:
            return offsets.from_qt(q)
        bpos = block.position()
        line = layout.lineForTextPosition(q - bpos)
        if not line.isValid():
            return offsets.from_qt(q)
        origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
        x = pt.x() - origin.x()
        line_lo = offsets.from_qt(bpos + line.textStart())
        line_hi = offsets.from_qt(bpos + line.textStart() + line.textLength())
        guess = min(max(offsets.from_qt(q), line_lo), line_hi)
        bounds = _cluster_bounds_around(text, guess, line_lo, line_hi)

        def drawn_distance(i: int) -> float:
            c = bounds[i]
            xs = []
            if c < line_hi:
                xs.append(line.cursorToX(offsets.to_qt(c) - bpos, _LEADING)[0])
            if i > 0:
                xs.append(line.cursorToX(offsets.to_qt(bounds[i - 1]) - bpos, _TRAILING)[0])
            if not xs:
                xs.append(line.cursorToX(offsets.to_qt(c) - bpos)[0])
            return min(abs(x - bx) for bx in xs)

        best = min(range(len(bounds)), key=lambda i: (drawn_distance(i), abs(bounds[i] - guess)))
        return bounds[best]


def _cluster_bounds_around(text: str, pos: int, lo: int, hi: int) -> list[int]:
    """Cluster boundaries near ``pos`` within [lo, hi], in logical order (one extra before)."""
    here = snap_down(text, pos) if lo < pos < hi else pos
    bounds = [here]
    cur = here
    for _ in range(_HIT_WINDOW + 1):  # one more before: its trailing edge marks the next
        if cur <= lo:
            break
        cur = max(lo, snap_down(text, cur - 1))
        bounds.insert(0, cur)
    cur = here
    for _ in range(_HIT_WINDOW):
        if cur >= hi:
            break
        cur = min(hi, snap_up(text, cur + 1))
        bounds.append(cur)
    return bounds


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
