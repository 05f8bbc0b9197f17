"""A read-only right-to-left text whose highlighted selection is exactly the stored range.

Mouse drags, Shift+click, double-clicks and Shift(+Ctrl)+movement keys only move RAW
positions (:class:`.selecting.SelectionState`); the widget then shows the range the core's
snapping makes of them, live, and nothing else. Qt's own raw selection never reaches the
screen, so "what you see is what the label key stores" holds by construction. Positions
come from :meth:`.geometry.Geometry.caret_at` (nearest drawn caret), not from Qt's biased
``cursorForPosition``. Text, scrolling and zoom are :class:`.reading.ReadingText`'s.

Qt positions (UTF-16) never leave this widget: every public method speaks code points.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QWidget

from annotator.text.snapping import Snapper
from ui.textview.reading import ReadingText
from ui.textview.selecting import SelectionState

_LEFT = Qt.MouseButton.LeftButton
_KEEP = QTextCursor.MoveMode.KeepAnchor


class SelectableText(ReadingText):
    """Article text with a snapped selection (all offsets in code points)."""

    selectionRangeChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sel = SelectionState()
        # (start, end) in code points and (qs, qe) in Qt positions of the range shown.
        self._shown: tuple[int, int, int, int] | None = None
        self._shown_caret: int | None = None
        self._normalising = False
        self._dragging = False
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.selectionChanged.connect(self._on_selection_changed)

    def _load_text(self, text: str) -> None:
        """Show ``text`` with no selection."""
        self._sel.reset(text)
        self._shown = None
        self._shown_caret = None
        self._dragging = False
        super()._load_text(text)

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
