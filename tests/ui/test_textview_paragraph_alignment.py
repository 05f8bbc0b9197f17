"""Each paragraph of the article starts at its own reading edge: Arabic paragraphs at the
right, paragraphs that start in Latin script at the left, in either interface direction,
with offsets and hit-testing unchanged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_textview import char_rect, drag, find, send_mouse
from ui.textview import ArticleView

MIXED = "الثوار في حلب\nAleppo update: الثوار advance\nقطع الطريق\nKhanaser Road (2016)"


@pytest.fixture(params=["ltr", "rtl"])
def view(qtbot, request):
    v = ArticleView()
    qtbot.addWidget(v)
    if request.param == "rtl":  # the Arabic interface mirrors every widget
        v.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    v.resize(760, 420)
    v.show()
    qtbot.waitExposed(v)
    v.set_article(MIXED)
    v.setFocus()
    QApplication.processEvents()
    return v


def paragraph_edges(view: ArticleView, start: int, end: int) -> tuple[float, float]:
    rects = [char_rect(view, i) for i in range(start, end) if not MIXED[i].isspace()]
    return min(r.left() for r in rects), max(r.right() for r in rects)


def test_latin_led_paragraphs_align_left_and_arabic_ones_right(view):
    width = view.viewport().width()
    margin = 40
    starts = [0] + [i + 1 for i, ch in enumerate(MIXED) if ch == "\n"]
    ends = [i for i, ch in enumerate(MIXED) if ch == "\n"] + [len(MIXED)]
    for start, end in zip(starts, ends, strict=True):
        left, right = paragraph_edges(view, start, end)
        if MIXED[start].isascii():
            assert left < margin and right < width / 2, MIXED[start:end]
        else:
            assert right > width - margin and left > width / 2, MIXED[start:end]


def test_a_left_aligned_paragraph_is_hit_tested_where_it_is_drawn(view):
    assert view.toPlainText() == MIXED  # nothing inserted: offsets unchanged
    u, ue = find(MIXED, "update")
    drag(view, char_rect(view, u).center().toPoint(), char_rect(view, ue - 1).center().toPoint())
    assert view.selection_range() == (u, ue)
    k, ke = find(MIXED, "Khanaser")
    point = char_rect(view, k + 2).center().toPoint()
    send_mouse(view.viewport(), QEvent.Type.MouseButtonPress, point)
    send_mouse(
        view.viewport(), QEvent.Type.MouseButtonRelease, point, buttons=Qt.MouseButton.NoButton
    )
    send_mouse(view.viewport(), QEvent.Type.MouseButtonDblClick, point)
    send_mouse(
        view.viewport(), QEvent.Type.MouseButtonRelease, point, buttons=Qt.MouseButton.NoButton
    )
    assert view.selection_range() == (k, ke)
    w, we = find(MIXED, "الثوار", 1)
    drag(view, char_rect(view, w).center().toPoint(), char_rect(view, we - 1).center().toPoint())
    assert view.selection_range() == (w, we)


def test_wrapped_lines_are_not_stretched(view):
    """The alignment must not justify: every space is as wide on a wrapped line as on
    a paragraph's last line, in both directions."""
    arabic = " ".join(["قوات النظام تقصف أحياء المدينة"] * 12)
    latin = " ".join(["Regime forces shell the city"] * 12)
    text = f"{arabic}\n{latin}"
    view.set_article(text)
    QApplication.processEvents()
    for start, end in ((0, len(arabic)), (len(arabic) + 1, len(text))):
        widths = [
            char_rect(view, i).width()
            for i in range(start, end)
            if text[i] == " " and view.range_rects(i, i + 1)
        ]
        lines = {round(char_rect(view, i).top()) for i in range(start, end, 7)}
        assert len(lines) > 2  # the paragraph wraps
        assert max(widths) - min(widths) < 1, widths
