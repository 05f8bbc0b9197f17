"""Painting the overlay: spans, suggestions and search hits over the shaped article text.

Highlights are an OVERLAY painted from the block layouts, never char formats in the
document: the text is shaped once, so Arabic letters stay joined across a highlight that
ends mid-word, and the document stays exactly the stored article. Fills go under the text
(painted before Qt draws it), outlines and underlines over it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from ui.textview.ranges import Item, SpanNote

# Fill alpha: translucent so text stays readable and overlapping spans visibly deepen.
FILL_ALPHA = 64
UNDERLINE_WIDTH = 2.0
UNDERLINE_STEP = 3.5
MAX_DRAWN_LAYERS = 8
SEARCH_FILL = QColor(255, 221, 0, 110)
SEARCH_EDGE = QColor(230, 140, 0)
SEARCH_CURRENT_EDGE = QColor(200, 60, 0)
BADGE_FILL = QColor(40, 90, 170)
BADGE_TEXT = QColor(255, 255, 255)

Geometry = Mapping[int, list[QRectF]]


def paint_fills(
    painter: QPainter, spans: Sequence[Item], hits: Sequence[Item], geometry: Geometry
) -> None:
    """Under the text: one's own spans filled, search hits filled."""
    painter.setPen(Qt.PenStyle.NoPen)
    for it in spans:
        if not it.view.own:
            continue  # others' spans are outlined, never filled (see paint_marks)
        fill = QColor(it.view.color)
        fill.setAlpha(FILL_ALPHA)
        for r in geometry[id(it)]:
            painter.fillRect(r, fill)
    for it in hits:
        for r in geometry[id(it)]:
            painter.fillRect(r, SEARCH_FILL)


def paint_marks(
    painter: QPainter,
    spans: Sequence[Item],
    suggestions: Sequence[Item],
    hits: Sequence[Item],
    geometry: Geometry,
    *,
    selected_span: Item | None,
    selected_suggestion: int | None,
    current_hit: int | None,
) -> None:
    """Over the text: selection outline, underlines, others' outlines, dashed suggestions."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    # The selected span's outline goes under the underlines so they stay visible.
    if selected_span is not None and id(selected_span) in geometry:
        color = QColor(selected_span.view.color).darker(160)
        painter.setPen(QPen(color, 2.5))
        for r in geometry[id(selected_span)]:
            painter.drawRect(r.adjusted(1, 1, -1, -1))
    for it in spans:
        color = QColor(it.view.color)
        if not it.view.own:
            # Another annotator's span: a dotted outline, so it reads as "theirs".
            painter.setPen(QPen(color, 1.5, Qt.PenStyle.DotLine))
            for r in geometry[id(it)]:
                painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5))
        pen = QPen(color, UNDERLINE_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        layer = min(it.layer, MAX_DRAWN_LAYERS - 1)
        for r in geometry[id(it)]:
            y = r.bottom() - UNDERLINE_WIDTH / 2 - layer * UNDERLINE_STEP
            painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
    for it in suggestions:
        pen = QPen(QColor(it.view.color), 1.5, Qt.PenStyle.DashLine)
        if it.view.id == selected_suggestion:
            pen.setWidthF(3.0)
        painter.setPen(pen)
        for r in geometry[id(it)]:
            painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5))
    for it in hits:
        current = current_hit is not None and it.view.id == current_hit
        painter.setPen(
            QPen(SEARCH_CURRENT_EDGE if current else SEARCH_EDGE, 2.5 if current else 1.0)
        )
        for r in geometry[id(it)]:
            painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5))


def paint_badges(
    painter: QPainter, spans: Sequence[Item], geometry: Geometry, notes: Mapping[int, SpanNote]
) -> None:
    """A small numbered badge at the start corner of each span that has a note's mark
    (the top right of its first rectangle: where a right-to-left span begins)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont(painter.font())
    font.setPixelSize(9)
    font.setBold(True)
    painter.setFont(font)
    for it in spans:
        note = notes.get(it.view.id)
        rects = geometry[id(it)]
        if note is None or not note.mark or not rects:
            continue
        first = rects[0]
        width = max(12.0, 6.0 + 6.0 * len(note.mark))
        badge = QRectF(first.right() - width + 3, first.top() - 5, width, 12)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE_FILL)
        painter.drawRoundedRect(badge, 6, 6)
        painter.setPen(BADGE_TEXT)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, note.mark)
    painter.setBrush(Qt.BrushStyle.NoBrush)
