"""A read-only right-to-left text whose highlighted selection is exactly the stored range.

Mouse drags, Shift+click, double-clicks and Shift(+Ctrl)+movement keys only move RAW
positions (:class:`.selecting.SelectionState`); the widget then shows the range the core's
snapping makes of them, live, and nothing else. Qt's own raw selection never reaches the
screen, so "what you see is what the label key stores" holds by construction. Positions
come from :meth:`.geometry.Geometry.caret_at` (nearest drawn caret), not from Qt's biased
``cursorForPosition``.

Qt positions (UTF-16) never leave this widget: every public method speaks code points.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextCursor, QTextLine, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.text.snapping import Snapper
from ui.fonts import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, article_font
from ui.offsets import QtOffsets
from ui.textview.geometry import Geometry
from ui.textview.selecting import SelectionState

_LEFT = Qt.MouseButton.LeftButton
_KEEP = QTextCursor.MoveMode.KeepAnchor


class SelectableText(QPlainTextEdit):
    """Article text, snapped selection, scrolling and zoom (all offsets in code points)."""

    selectionRangeChanged = Signal(object)
    fontSizeChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._map = QtOffsets("")
        self._geo = Geometry(self)
        self._sel = SelectionState()
        # (start, end) in code points and (qs, qe) in Qt positions of the range shown.
        self._shown: tuple[int, int, int, int] | None = None
        self._shown_caret: int | None = None
        self._normalising = False
        self._dragging = False
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
        """Show ``text`` as plain text (never interpreted) with no selection."""
        self._text = text
        self._map = QtOffsets(text)
        self._geo.set_text(text, self._map)
        self._sel.reset(text)
        self._shown = None
        self._shown_caret = None
        self._dragging = False
        self.setPlainText(text)
        self._apply_text_option()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def article_text(self) -> str:
        return self._text

    # --------------------------------------------------------------- selection
    def set_snapper(self, snapper: Snapper) -> None:
        """Snap with the active label set's rules (its proclitic rule and lexicon)."""
        self._sel.snapper = snapper
        self._show_selection()
        self.selectionRangeChanged.emit(self.selection_range())

    def set_exact_selection(self, on: bool) -> None:
        """Exact mode keeps the selected characters (only graphemes are kept whole)."""
        if on != self._sel.exact:
            self._sel.exact = on
            self._show_selection()
            self.selectionRangeChanged.emit(self.selection_range())

    def exact_selection(self) -> bool:
        return self._sel.exact

    def raw_selection_range(self) -> tuple[int, int] | None:
        """What the pointer or keys actually touched, as code points, before snapping."""
        return self._sel.raw()

    def selection_range(self) -> tuple[int, int] | None:
        """The selected range in code points: exactly the range highlighted on screen."""
        return self.drawn_selection_range()

    def drawn_selection_range(self) -> tuple[int, int] | None:
        """The range Qt paints as selected (its text cursor's selection), in code points."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        qs, qe = cursor.selectionStart(), cursor.selectionEnd()
        if self._shown is not None and self._shown[2:] == (qs, qe):
            return self._shown[0], self._shown[1]
        return self._map.from_qt_range(qs, qe)

    def select_range(self, start: int, end: int, *, snap: bool = False) -> None:
        """Select exactly ``[start, end)`` (not snapped) and make it visible.

        With ``snap`` the range a drag over ``[start, end)`` selects is shown instead (a
        search hit inside a word selects the word, as the label key would store it).
        Out-of-range offsets are clamped; a reversed pair selects the same range with the
        cursor at ``end`` (the range itself is always reported start <= end)."""
        n = len(self._text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        q = self._map.to_qt(min(start, end))
        was_visible = self._line_visible(q)
        self._sel.anchor, self._sel.active, self._sel.alt = start, end, False
        self._sel.making = "drag"
        exact = (min(start, end), max(start, end)) if start != end else None
        self._show_range(self._sel.snapped() if snap else exact)
        if not was_visible:
            # Qt scrolled just enough (the range on the last line): read it in context.
            self._center_on(q)

    def clear_selection(self) -> None:
        self._sel.reset()
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def _show_selection(self) -> None:
        """Show the snapped range of the raw positions (the only way a selection is shown)."""
        if self._sel.anchor is None:
            return
        self._show_range(self._sel.snapped())

    def _show_range(self, rng: tuple[int, int] | None) -> None:
        anchor, active = self._sel.anchor or 0, self._sel.active or 0
        cursor = QTextCursor(self.document())
        if rng is None:
            self._shown = None
            q = self._map.to_qt(active)
            cursor.setPosition(q)
            self._shown_caret = q
        else:
            qs, qe = self._map.to_qt_range(*rng)
            # The caret sits at the end nearest the pointer, as in any text widget.
            first, last = (qs, qe) if active >= anchor else (qe, qs)
            cursor.setPosition(first)
            cursor.setPosition(last, _KEEP)
            self._shown = (rng[0], rng[1], qs, qe)
            self._shown_caret = last
        self._normalising = True
        try:
            self.setTextCursor(cursor)
        finally:
            self._normalising = False
        self.selectionRangeChanged.emit(self.selection_range())

    def _on_selection_changed(self) -> None:
        if self._normalising:
            return
        cursor = self.textCursor()
        if not cursor.hasSelection():
            if cursor.position() != self._shown_caret:
                self._sel.reset()  # the caret moved on its own: a new selection starts there
            self._shown = None
            self.selectionRangeChanged.emit(None)
            return
        if self._shown is not None and self._shown[2:] == (
            cursor.selectionStart(),
            cursor.selectionEnd(),
        ):
            self.selectionRangeChanged.emit(self.selection_range())
            return
        # A selection Qt made (select all, its word selection while dragging after a
        # double-click): show what the core makes of it instead, never Qt's raw range.
        self._sel.anchor = self._map.from_qt(cursor.anchor())
        self._sel.active = self._map.from_qt(cursor.position())
        self._show_selection()

    # ------------------------------------------------------------------- mouse
    def caret_at(self, point: QPoint | QPointF) -> int:
        """The caret position (code points) drawn nearest a viewport point."""
        return self._geo.caret_at(point)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() != _LEFT:
            super().mousePressEvent(event)
            return
        pos = self.caret_at(event.position())
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self._sel.anchor is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._sel.active = pos  # Shift+click extends from the same anchor
            self._dragging = True
            self._show_selection()
            event.accept()
            return
        # Pressing inside a selection would start a text drag-and-drop, which makes no
        # sense in a read-only article: always start a new selection.
        self.clear_selection()
        super().mousePressEvent(event)
        self._sel.start(pos, alt=alt)
        self._dragging = True
        self._show_range(None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._dragging and event.buttons() & _LEFT:
            self._sel.active = self.caret_at(event.position())
            self._show_selection()
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == _LEFT:
            self._dragging = False
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        """Double-click selects the word under the mouse by the core's word rules.

        Qt's own word selection takes adjacent punctuation with it (e.g. «الله» → الله»);
        the core keeps letters, diacritics, tatweel and digits only. With Alt, Qt's word is
        kept (as an exact selection).
        """
        if event.button() != _LEFT:
            super().mouseDoubleClickEvent(event)
            return
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        pos = self.caret_at(event.position())
        self._normalising = True
        try:
            super().mouseDoubleClickEvent(event)
        finally:
            self._normalising = False
        cursor = self.textCursor()
        if alt and cursor.hasSelection():
            qs, qe = cursor.selectionStart(), cursor.selectionEnd()
            self._sel.start(self._map.from_qt(qs), alt=True)
            self._sel.active = self._map.from_qt(qe)
        else:
            # The core picks the word at the caret, under the label set's proclitic rule.
            self._sel.start(pos, "double_click")
        self._show_selection()

    # ---------------------------------------------------------------- keyboard
    def _extend_by_key(self, event: QKeyEvent) -> None:
        """Shift(+Ctrl)+movement: Qt moves the RAW active end; the snapped range is shown."""
        cursor = self.textCursor()
        if self._sel.anchor is None or cursor.position() != self._shown_caret:
            self._sel.start(self._map.from_qt(cursor.position()), "keyboard")
        elif self._sel.making == "double_click" or self._sel.alt:
            # Extending a double-clicked word (or an Alt selection): from what is shown.
            shown = self.selection_range()
            if shown is not None:
                forward = self._sel.active is None or self._sel.active >= self._sel.anchor
                self._sel.anchor, self._sel.active = shown if forward else shown[::-1]
        raw = QTextCursor(self.document())
        raw.setPosition(self._map.to_qt(self._sel.anchor or 0))
        raw.setPosition(self._map.to_qt(self._sel.active or 0), _KEEP)
        self._normalising = True
        blocked = self.blockSignals(True)
        try:
            self.setTextCursor(raw)
            super().keyPressEvent(event)
            moved = self.textCursor().position()
        finally:
            self.blockSignals(blocked)
            self._normalising = False
        self._sel.active = self._map.from_qt(moved)
        self._sel.making = "keyboard"
        self._sel.alt = False  # a keyboard-made selection is never an Alt-drag selection
        self._show_selection()
        event.accept()

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
