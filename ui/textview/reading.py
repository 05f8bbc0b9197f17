"""The article as read: plain right-to-left text in the article font, scrolling and zoom.

The base of the article view: it owns the text, the code point ↔ Qt position map of
:mod:`ui.offsets` and the layout questions of :class:`.geometry.Geometry`, and scrolls and
zooms by code point. Selecting is :class:`.selectable.SelectableText`'s, drawing over the
text :class:`.overlay.OverlayText`'s.

Qt positions (UTF-16) never leave these widgets: every public method speaks code points.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextLine, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ui.fonts import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, article_font
from ui.offsets import QtOffsets
from ui.textview.geometry import Geometry


class ReadingText(QPlainTextEdit):
    """Read-only article text with scrolling and zoom (all offsets in code points)."""

    fontSizeChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._map = QtOffsets("")
        self._geo = Geometry(self)
        self._point_size = DEFAULT_POINT_SIZE
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFont(article_font(self._point_size))
        self.document().setDocumentMargin(12)
        self._apply_text_option()
        self.document().documentLayout().documentSizeChanged.connect(self._invalidate_geometry)

    def _apply_text_option(self) -> None:
        """Each paragraph reads in the direction of its first strong character and starts
        at its own reading edge.

        Qt's auto direction applies Unicode's rule (P2) per block: an Arabic paragraph is
        laid out right-to-left, a paragraph that starts in Latin script ("Aleppo update:
        الثوار advance") left-to-right instead of reading scrambled. QPlainTextEdit reads
        one document-wide option and never resolves a leading alignment per block
        (AlignLeading puts every paragraph at the left), but Qt aligns the lines of an
        AlignJustify paragraph by that paragraph's own direction: right when it is
        right-to-left, left otherwise. Adding AlignLeft keeps the lines from being
        stretched (Qt justifies only when the alignment is AlignJustify alone), so each
        paragraph starts at its own reading edge, whatever the interface direction;
        drawing and hit-testing both follow the layout. Nothing is inserted into the
        text: offsets do not change.
        """
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        option.setAlignment(Qt.AlignmentFlag.AlignJustify | Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)

    def _load_text(self, text: str) -> None:
        """Show ``text`` as plain text (never interpreted), scrolled to its start."""
        self._text = text
        self._map = QtOffsets(text)
        self._geo.set_text(text, self._map)
        self.setPlainText(text)
        self._apply_text_option()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def article_text(self) -> str:
        return self._text

    # --------------------------------------------------------------- scrolling
    def scroll_to(self, start: int, *, center: bool = False) -> None:
        """Make the line holding code point ``start`` visible (no change if it is).

        ``center`` puts that line in the middle of the view when it has to scroll, so a
        search hit is read with the text around it."""
        q = self._map.to_qt(start)
        self._ensure_visible_qt(q, q, center=center)

    def _line_span(self, q: int) -> tuple[float, float, int] | None:
        """Viewport top and height of the line holding Qt position ``q``, and its number."""
        block = self.document().findBlock(q)
        if not block.isValid():
            return None
        layout = block.layout()
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        line = layout.lineForTextPosition(q - block.position()) if layout else QTextLine()
        if not line.isValid():
            return geometry.top(), geometry.height(), block.firstLineNumber()
        return (
            geometry.top() + line.y(),
            line.height(),
            block.firstLineNumber() + line.lineNumber(),
        )

    def _line_visible(self, q: int) -> bool:
        found = self._line_span(q)
        return (
            found is not None
            and found[0] >= 0
            and (found[0] + found[1] <= self.viewport().height())
        )

    def _ensure_visible_qt(self, qs: int, qe: int, *, center: bool = False) -> None:
        found = self._line_span(qs)
        if found is None or self._line_visible(qs):
            return
        if center:
            self._center_on(qs)
            return
        # Leave a little context above the target when scrolling to it.
        self.verticalScrollBar().setValue(max(0, found[2] - 2))

    def _center_on(self, q: int) -> None:
        """Scroll so the line holding Qt position ``q`` sits mid-view (when it can)."""
        found = self._line_span(q)
        if found is None:
            return
        bar = self.verticalScrollBar()
        bar.setValue(max(0, found[2] - 2))
        # Scroll bar units are lines, but lines of blocks not yet laid out are only
        # estimated: measure where the line landed and correct, until it sits mid-view.
        for _ in range(4):
            found = self._line_span(q)
            if found is None or found[1] <= 0:
                return
            top, height, _number = found
            shift = round((top + height / 2 - self.viewport().height() / 2) / height)
            target = max(bar.minimum(), min(bar.maximum(), bar.value() + shift))
            if target == bar.value():
                return
            bar.setValue(target)

    def show_from(self, offset: int) -> None:
        """Scroll so the line holding code point ``offset`` is the first visible line (the
        inverse of :meth:`first_visible_offset`: a rebuilt window reopens where it was)."""
        found = self._line_span(self._map.to_qt(max(0, min(offset, len(self._text)))))
        if found is not None:
            self.verticalScrollBar().setValue(found[2])

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
        self._geo.invalidate()
        self.viewport().update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._geo.invalidate()
        super().resizeEvent(event)

    def range_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles of the visible parts of a code point range."""
        qs, qe = self._map.to_qt_range(start, end)
        return self._geo.rects_qt(qs, qe)
