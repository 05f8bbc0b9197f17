"""A new span, a removed one or a changed selection repaints the lines that show it, not
the whole article viewport: Qt's drawing of every visible line was most of a label key's
paint time. What is repainted still covers every rectangle of the changed span."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication

from ui.textview import ArticleView, SpanView

TEXT = "\n".join("كلمة عربية قصيرة في سطر طويل من النص " * 3 for _ in range(40))


class PaintedRegion(QObject):
    """Collects the regions the viewport is asked to paint."""

    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.region += event.region()
        return False


@pytest.fixture
def view(qtbot):
    v = ArticleView()
    qtbot.addWidget(v)
    v.resize(600, 500)
    v.set_article(TEXT)
    v.show()
    qtbot.waitExposed(v)
    v.set_spans([SpanView(i, 10 + 50 * i, 15 + 50 * i, "#ff0000") for i in range(30)])
    QApplication.processEvents()
    return v


def painted_after(view: ArticleView, change) -> QRegion:
    watcher = PaintedRegion()
    view.viewport().installEventFilter(watcher)
    change()
    QApplication.processEvents()
    view.viewport().removeEventFilter(watcher)
    return watcher.region


def covers(region: QRegion, view: ArticleView, span_id: int) -> bool:
    rects = view.span_rects(span_id)
    return bool(rects) and all(region.contains(r.toAlignedRect()) for r in rects)


def test_a_new_span_repaints_its_lines_only(view):
    new = SpanView(99, 120, 130, "#0000ff")
    region = painted_after(view, lambda: view.update_spans([new], []))
    full = view.viewport().rect()
    assert covers(region, view, 99)
    assert region.boundingRect().height() < full.height() / 2


def test_a_removed_span_repaints_where_it_was(view):
    rects = [r.toAlignedRect() for r in view.span_rects(3)]
    region = painted_after(view, lambda: view.update_spans([], [3]))
    assert rects and all(region.contains(r) for r in rects)
    assert region.boundingRect().height() < view.viewport().height() / 2


def test_selecting_a_span_repaints_the_old_and_new_outline_only(view):
    view.set_selected_span(2, scroll=False)
    QApplication.processEvents()
    region = painted_after(view, lambda: view.set_selected_span(4, scroll=False))
    assert covers(region, view, 2) and covers(region, view, 4)
    assert region.boundingRect().height() < view.viewport().height()
    assert not region.contains(QRect(0, view.viewport().height() - 5, 5, 5))
