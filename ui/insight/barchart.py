"""A clickable horizontal bar chart painted with QPainter (labels are shaped by Qt).

Rows follow the widget's layout direction: in a right-to-left interface the label sits on
the right and bars grow leftward. A click emits the row's key; hovering shows its figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

ROW = 24
LABEL_WIDTH = 220
VALUE_WIDTH = 70


@dataclass(frozen=True, slots=True)
class BarItem:
    key: str  # what a click reports (a source, a label key…)
    label: str
    value: float
    shown: str
    tooltip: str
    color: str = "#1b6ca8"


class BarChart(QWidget):
    barClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[BarItem] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: list[BarItem]) -> None:
        self._items = list(items)
        self.setFixedHeight(max(ROW, ROW * len(self._items) + 4))
        self.update()

    def items(self) -> list[BarItem]:
        return list(self._items)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(600, max(ROW, ROW * len(self._items) + 4))

    def row_at(self, y: float) -> int | None:
        row = int(y // ROW)
        return row if 0 <= row < len(self._items) else None

    def _rects(self, row: int) -> tuple[QRectF, QRectF, QRectF]:
        """Label, bar track and value rectangles of a row, mirrored for right-to-left."""
        width = self.width()
        y = row * ROW + 2
        track = max(10.0, width - LABEL_WIDTH - VALUE_WIDTH - 16)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if rtl:
            label = QRectF(width - LABEL_WIDTH, y, LABEL_WIDTH - 4, ROW - 4)
            bar = QRectF(VALUE_WIDTH + 8, y + 3, track, ROW - 10)
            value = QRectF(0, y, VALUE_WIDTH, ROW - 4)
        else:
            label = QRectF(4, y, LABEL_WIDTH - 4, ROW - 4)
            bar = QRectF(LABEL_WIDTH + 8, y + 3, track, ROW - 10)
            value = QRectF(width - VALUE_WIDTH, y, VALUE_WIDTH, ROW - 4)
        return label, bar, value

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = max((item.value for item in self._items), default=0) or 1
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        metrics = painter.fontMetrics()
        for row, item in enumerate(self._items):
            label, track, value = self._rects(row)
            painter.fillRect(track, QColor("#eeeeee"))
            length = track.width() * max(0.0, item.value) / top
            bar = QRectF(
                track.right() - length if rtl else track.left(), track.top(), length, track.height()
            )
            painter.fillRect(bar, QColor(item.color))
            painter.setPen(self.palette().text().color())
            text = metrics.elidedText(item.label, Qt.TextElideMode.ElideRight, int(label.width()))
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
            )
            painter.drawText(label, int(align), text)
            painter.drawText(
                value,
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignHCenter),
                item.shown,
            )
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        row = self.row_at(event.position().y())
        if row is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self._items[row].tooltip, self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        row = self.row_at(event.position().y())
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            self.barClicked.emit(self._items[row].key)
        super().mousePressEvent(event)


__all__ = ["BarChart", "BarItem"]
