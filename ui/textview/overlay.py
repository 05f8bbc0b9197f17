"""What is drawn over the article text: spans, suggestions, search hits and span notes.

The drawn ranges live in :class:`.ranges.RangeIndex` es (sorted, with a running max of ends)
so painting and hit-testing look only at what meets the viewport; an edit's delta
(:meth:`OverlayText.update_spans`) patches the index instead of rebuilding it. The selected
span or suggestion is part of what is drawn (its outline), so it is kept here too.
Painting itself is :mod:`.painting`'s; this class feeds it the visible items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ui.textview import painting
from ui.textview.ranges import Item, RangeIndex, SpanNote, SpanView, assign_layers, relayer
from ui.textview.selectable import SelectableText


class OverlayText(SelectableText):
    """The selectable article with ranges painted over it. All public offsets are code
    points."""

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
        lo, hi = self._replace_spans(changed, removed)
        if self._selected_span is not None and self._selected_span not in self._span_by_id:
            self._selected_span = None
            self.selectedSpanChanged.emit(None)
        self._update_range(lo, hi)

    def _update_range(self, qs: int, qe: int) -> None:
        """Schedule a repaint of the lines showing Qt range [qs, qe) only, full width: a
        label key used to repaint the whole viewport (Qt's text drawing of every visible
        line plus all its spans) to show one new span. A line's height of margin above
        and below covers stacked underlines and badges."""
        if qe < qs:
            return
        rects = self._geo.rects_qt(qs, qe)
        if not rects:
            return  # nothing of it is on screen
        top = min(r.top() for r in rects)
        bottom = max(r.bottom() for r in rects)
        margin = self.fontMetrics().height()
        self.viewport().update(
            0, int(top) - margin, self.viewport().width(), int(bottom - top) + 2 * margin + 1
        )

    def _replace_spans(
        self, changed: Sequence[SpanView], removed: Iterable[int]
    ) -> tuple[int, int]:
        """Swap the items; returns the Qt range whose drawing changed (empty: hi < lo)."""
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
        dirty = [(it.qs, it.qe) for it in (*gone, *new_items)]
        covered = relayer(self._spans, dirty)
        ranges = [*dirty, *([covered] if covered else [])]
        if not ranges:
            return 0, -1
        return min(a for a, _ in ranges), max(b for _, b in ranges)

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

    def span_layer(self, span_id: int) -> int | None:
        item = self._span_by_id.get(span_id)
        return None if item is None else item.layer

    # ---------------------------------------------------------- selected items
    def set_selected_span(self, span_id: int | None, *, scroll: bool = True) -> None:
        if span_id is not None and span_id not in self._span_by_id:
            span_id = None
        changed = span_id != self._selected_span
        before = self._span_by_id.get(self._selected_span) if changed else None
        self._selected_span = span_id
        had_suggestion = self._selected_suggestion is not None
        if span_id is not None:
            self._selected_suggestion = None
            if scroll:
                item = self._span_by_id[span_id]
                self._ensure_visible_qt(item.qs, item.qe)
        if had_suggestion:
            self.viewport().update()
        else:
            # Only the outlines that changed (a label key selects the new span).
            for it in (before, self._span_by_id.get(span_id) if span_id is not None else None):
                if it is not None:
                    self._update_range(it.qs, it.qe)
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
