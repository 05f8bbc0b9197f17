"""The article view: the selectable article text with spans painted over it.

Selection, scrolling and zoom are :class:`.selectable.SelectableText`'s; this class adds what
is drawn over the text (spans, suggestions, search hits: :mod:`.painting`), clicking and
hovering on them, and the label hotkeys. Only spans that intersect the viewport are looked at.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QToolTip, QWidget

from ui.hotkeys import hotkey_for_event
from ui.richtext import plain_tooltip
from ui.textview import keys, painting
from ui.textview.ranges import Item, RangeIndex, SpanNote, SpanView, assign_layers, relayer
from ui.textview.selectable import SelectableText


class ArticleView(SelectableText):
    """Read-only RTL article with overlay spans. All public offsets are code points."""

    hotkeyPressed = Signal(str)
    spanActivated = Signal(int)
    suggestionActivated = Signal(int)
    boundaryAdjustRequested = Signal(int, str, int)
    selectedSpanChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spans = RangeIndex([])
        self._span_by_id: dict[int, Item] = {}
        self._suggestions = RangeIndex([])
        self._suggestion_by_id: dict[int, Item] = {}
        self._hits = RangeIndex([])
        self._current_hit: int | None = None
        self._selected_span: int | None = None
        self._selected_suggestion: int | None = None
        self._hotkeys: frozenset[str] = keys.DEFAULT_HOTKEYS
        self._press_pos: QPoint | None = None
        self._last_click: tuple[QPoint, list[tuple[str, int]]] | None = None
        self._notes: dict[int, SpanNote] = {}

    def set_article(self, text: str) -> None:
        """Show ``text`` (plain, never interpreted); clears spans, hits and selections."""
        had_selected_span = self._selected_span is not None
        self._spans = RangeIndex([])
        self._span_by_id = {}
        self._suggestions = RangeIndex([])
        self._suggestion_by_id = {}
        self._hits = RangeIndex([])
        self._current_hit = None
        self._selected_span = None
        self._selected_suggestion = None
        self._last_click = None
        self._load_text(text)
        self.viewport().update()
        if had_selected_span:
            self.selectedSpanChanged.emit(None)

    def _items(self, views: Iterable[SpanView]) -> list[Item]:
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
                append(Item(v, start, end))
            else:
                append(Item(v, to_qt(start), to_qt(end)))
        return items

    def set_spans(self, spans: Sequence[SpanView]) -> None:
        """Replace the drawn spans (the selected span stays selected if still present).

        When only a few differ from those drawn (a label key, a delete, an undo), just those
        are replaced and only their clusters re-layered: rebuilding 2,000 items per key was
        most of the hotkey-to-paint time. The layers are the same either way."""
        if not self._patch_spans(spans):
            index = RangeIndex(self._items(spans))
            items = index.items
            layers = assign_layers([(it.qs, it.qe) for it in items])
            for item, layer in zip(items, layers, strict=True):
                item.layer = layer
            self._spans = index
            self._span_by_id = {it.view.id: it for it in items}
        if self._selected_span is not None and self._selected_span not in self._span_by_id:
            self._selected_span = None
            self.selectedSpanChanged.emit(None)
        self.viewport().update()

    def _patch_spans(self, spans: Sequence[SpanView]) -> bool:
        """Apply ``spans`` as a change to those drawn, if it is a small one (False if not)."""
        drawn = self._span_by_id
        if len(drawn) < 64:
            return False  # a full rebuild is as cheap
        added = [
            v
            for v in spans
            if (it := drawn.get(v.id)) is None or (it.view is not v and it.view != v)
        ]
        if len(added) > 32:
            return False
        gone = drawn.keys() - {v.id for v in spans}
        fresh = sum(1 for v in added if v.id not in drawn)
        if len(gone) > 32 or len(drawn) - len(gone) + fresh != len(spans):
            return False  # many changes, or ids drawn twice: rebuild
        if not added and not gone:
            return True  # the same spans again (a status or suggestion change): nothing to do
        self._replace_spans(added, gone)
        return True

    def update_spans(self, changed: Sequence[SpanView], removed: Iterable[int]) -> None:
        """Draw ``changed`` (new spans, or new looks of drawn ones) and stop drawing the
        ``removed`` ids: an edit's delta, applied without looking at the other spans."""
        self._replace_spans(changed, removed)
        if self._selected_span is not None and self._selected_span not in self._span_by_id:
            self._selected_span = None
            self.selectedSpanChanged.emit(None)
        self.viewport().update()

    def _replace_spans(self, changed: Sequence[SpanView], removed: Iterable[int]) -> None:
        drawn = self._span_by_id
        gone = [drawn[i] for i in removed if i in drawn]
        gone += [drawn[v.id] for v in changed if v.id in drawn]
        gone = list({id(it): it for it in gone}.values())
        new_items = self._items(changed)
        self._spans.replace(gone, new_items)
        for it in gone:
            del drawn[it.view.id]
        for it in new_items:
            drawn[it.view.id] = it
        relayer(self._spans, [(it.qs, it.qe) for it in (*gone, *new_items)])

    def set_span_notes(self, notes: Mapping[int, SpanNote]) -> None:
        """Badges and extra hover text for spans, by span id (ids not drawn are ignored)."""
        self._notes = dict(notes)
        self.viewport().update()

    def span_note(self, span_id: int) -> SpanNote | None:
        return self._notes.get(span_id)

    def set_suggestions(self, items: Sequence[SpanView]) -> None:
        """Replace the drawn suggestions (dashed outlines, no fill)."""
        its = self._items(items)
        self._suggestions = RangeIndex(its)
        self._suggestion_by_id = {it.view.id: it for it in its}
        if self._selected_suggestion not in self._suggestion_by_id:
            self._selected_suggestion = None
        self.viewport().update()

    def set_search_hits(self, hits: Sequence[tuple[int, int]], current: int | None = None) -> None:
        """Show search hits; ``current`` (index into ``hits``) is emphasised and shown."""
        views = [SpanView(i, s, e, "#ffdd00") for i, (s, e) in enumerate(hits)]
        self._hits = RangeIndex(self._items(views))
        self._current_hit = current if current is not None and 0 <= current < len(hits) else None
        if self._current_hit is not None:
            # The current hit becomes the selection (a label key labels it) and is read in
            # the middle of the view, not on its last line.
            self.select_range(*hits[self._current_hit], snap=True)
            self.scroll_to(hits[self._current_hit][0], center=True)
        self.viewport().update()

    def set_hotkeys(self, chars: Iterable[str] | None) -> None:
        """Restrict which mapped characters are consumed as hotkeys (None = a-z, 0-9)."""
        self._hotkeys = (
            keys.DEFAULT_HOTKEYS if chars is None else frozenset(c.lower() for c in chars if c)
        )

    def span_layer(self, span_id: int) -> int | None:
        item = self._span_by_id.get(span_id)
        return None if item is None else item.layer

    # ---------------------------------------------------------- selected items
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

    def span_rects(self, span_id: int) -> list[QRectF]:
        """Viewport rectangles of the visible parts of a span (empty if off screen)."""
        item = self._span_by_id.get(span_id)
        return [] if item is None else self._geo.rects_qt(item.qs, item.qe)

    # ---------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        blocks = self._geo.visible_blocks(QRectF(event.rect()))
        lo, hi = self._geo.visible_window(blocks)
        spans = self._spans.overlapping(lo, hi)
        suggestions = self._suggestions.overlapping(lo, hi)
        hits = self._hits.overlapping(lo, hi)
        geometry = {
            id(it): self._geo.rects_qt(it.qs, it.qe, blocks) for it in (*spans, *suggestions, *hits)
        }
        painter = QPainter(self.viewport())
        painting.paint_fills(painter, spans, hits, geometry)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        selected = (
            self._span_by_id.get(self._selected_span) if self._selected_span is not None else None
        )
        painting.paint_marks(
            painter,
            spans,
            suggestions,
            hits,
            geometry,
            selected_span=selected,
            selected_suggestion=self._selected_suggestion,
            current_hit=self._current_hit,
        )
        if self._notes:
            painting.paint_badges(painter, spans, geometry, self._notes)
        painter.end()

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
        super().keyPressEvent(event)
