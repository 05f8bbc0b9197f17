"""A selection made by dragging is the target of the next key: the span selected before
it does not stay selected behind it (Delete deleted that span, Enter opened its editor)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtTest import QTest

from tests.ui.test_selection_is_what_is_stored import (  # noqa: F401 - pytest fixtures
    ME,
    mouse,
    seeded_template,
    window,
)


def test_a_drag_deselects_the_span_selected_before(window):  # noqa: F811
    view = window.view
    text = view.article_text()
    start = text.index("الثوار")
    view.select_range(start, start + len("الثوار"))
    QTest.keyClick(view, Qt.Key.Key_1)
    doc = window.session.document_id
    [span] = window.session.store.spans(doc, ME)
    assert view.selected_span_id() == span.id
    other = text.index("حلب")
    view.scroll_to(other)
    rects = view.range_rects(other, other + len("حلب"))
    assert rects
    a = QPointF(rects[0].right() - 1, rects[0].center().y())
    b = QPointF(rects[0].left() + 1, rects[0].center().y())
    vp = view.viewport()
    mouse(vp, QEvent.Type.MouseButtonPress, a)
    mouse(vp, QEvent.Type.MouseMove, (a + b) / 2, Qt.MouseButton.NoButton)
    mouse(vp, QEvent.Type.MouseMove, b, Qt.MouseButton.NoButton)
    mouse(vp, QEvent.Type.MouseButtonRelease, b, buttons=Qt.MouseButton.NoButton)
    assert view.selection_range() == (other, other + len("حلب"))
    assert view.selected_span_id() is None
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert window.session.store.spans(doc, ME) == [span]
