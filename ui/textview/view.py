"""The article view: the article with its overlay, and what the user does to it.

Text, selection, scrolling and zoom come from :class:`.selectable.SelectableText`, what
is drawn over the text from :class:`.overlay.OverlayText`; this class adds hit-testing
(what is under the pointer), clicking and hovering on spans and suggestions, cycling
through spans, boundary keys and the label hotkeys.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QToolTip, QWidget

from ui.hotkeys import hotkey_for_event
from ui.richtext import plain_tooltip
from ui.textview import keys
from ui.textview.overlay import OverlayText


class ArticleView(OverlayText):
    """Read-only RTL article with overlay spans. All public offsets are code points."""

    hotkeyPressed = Signal(str)
    spanActivated = Signal(int)
    suggestionActivated = Signal(int)
    boundaryAdjustRequested = Signal(int, str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hotkeys: frozenset[str] = keys.DEFAULT_HOTKEYS
        self._press_pos: QPoint | None = None
        self._last_click: tuple[QPoint, list[tuple[str, int]]] | None = None

    def set_article(self, text: str) -> None:
        """Show ``text`` (plain, never interpreted); clears spans, hits and selections."""
        self._last_click = None
        super().set_article(text)

    def set_hotkeys(self, chars: Iterable[str] | None) -> None:
        """Restrict which mapped characters are consumed as hotkeys (None = a-z, 0-9)."""
        self._hotkeys = (
            keys.DEFAULT_HOTKEYS if chars is None else frozenset(c.lower() for c in chars if c)
        )

    # ---------------------------------------------------------------- hit test
    def items_at(self, point: QPoint | QPointF) -> list[tuple[str, int]]:
        """Spans then suggestions under a viewport point, innermost (shortest) first."""
        pt = QPointF(point)
        q = self._map.to_qt(self.caret_at(pt))
        found: list[tuple[int, int, str, int]] = []
        for kind, index in (("span", self._spans), ("suggestion", self._suggestions)):
            for it in index.overlapping(max(0, q - 2), q + 2):
                if any(r.contains(pt) for r in self._geo.rects_qt(it.qs, it.qe)):
                    found.append((0 if kind == "span" else 1, it.qe - it.qs, kind, it.view.id))
        found.sort()
        return [(kind, ident) for _, _, kind, ident in found]

    def tooltip_at(self, point: QPoint | QPointF) -> str:
        """The tooltip for what is under a viewport point ('' when nothing is)."""
        parts = []
        for kind, ident in self.items_at(point):
            by_id = self._span_by_id if kind == "span" else self._suggestion_by_id
            view = by_id[ident].view
            note = self._notes.get(ident) if kind == "span" else None
            text = view.tooltip or view.label
            parts.append(f"{text}\n{note.tooltip}" if note and note.tooltip else text)
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
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press_pos is None:
            return
        pos = event.position().toPoint()
        moved = (pos - self._press_pos).manhattanLength()
        self._press_pos = None
        if moved > 4 and self.textCursor().hasSelection():
            # A dragged selection is the target of the next key: a span selected before
            # must not stay selected behind it (Delete and Enter act on the selected span).
            self._selected_suggestion = None
            self.set_selected_span(None, scroll=False)
            return
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
        current = (
            ("span", self._selected_span)
            if self._selected_span is not None
            else (
                ("suggestion", self._selected_suggestion)
                if self._selected_suggestion is not None
                else None
            )
        )
        choice = hits[0]
        if (
            self._last_click is not None
            and current in hits
            and (self._last_click[0] - pos).manhattanLength() <= 6
            and self._last_click[1] == hits
        ):
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

    def event(self, event: QEvent) -> bool:
        # Take Tab/Backtab before QWidget turns them into focus changes, and claim the keys
        # we own before window shortcuts can steal them.
        if event.type() == QEvent.Type.ShortcutOverride:
            if self._owns_key(event):
                event.accept()
                return True
        elif event.type() == QEvent.Type.KeyPress and keys.is_tab_cycle(event):
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self._cycle_spans(forward)
            event.accept()
            return True
        return super().event(event)

    def _has_something_selected(self) -> bool:
        return (
            self.textCursor().hasSelection()
            or self._selected_span is not None
            or self._selected_suggestion is not None
        )

    def _owns_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return keys.is_tab_cycle(event)
        if key == Qt.Key.Key_Escape:
            return self._has_something_selected()
        if keys.boundary_key(event) is not None:
            return self._selected_span is not None
        if keys.extends_selection(event):
            return True
        return hotkey_for_event(event) in self._hotkeys

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if not self._has_something_selected():
                event.ignore()  # nothing to clear: let a dialog or window have it
                return
            self.clear_selection()
            self._selected_suggestion = None
            self.set_selected_span(None, scroll=False)
            event.accept()
            return
        boundary = keys.boundary_key(event)
        if boundary is not None:
            if self._selected_span is not None:
                self.boundaryAdjustRequested.emit(self._selected_span, *boundary)
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and key in (
            Qt.Key.Key_Equal,
            Qt.Key.Key_Plus,
            Qt.Key.Key_Minus,
        ):
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
        if keys.extends_selection(event):
            self._extend_by_key(event)
            return
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            # Reading keys scroll a page: Qt's own caret-led paging jumped back to the top
            # from the start of a right-to-left article.
            self.verticalScrollBar().triggerAction(
                self.verticalScrollBar().SliderAction.SliderPageStepAdd
                if key == Qt.Key.Key_PageDown
                else self.verticalScrollBar().SliderAction.SliderPageStepSub
            )
            event.accept()
            return
        super().keyPressEvent(event)
