"""The spans panel reads right in both interface directions: the place ("¶3 · 453") always
left to right, the text in context in its own direction."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption

from tests.ui.test_spanlist import panel, shown  # noqa: F401 - pytest fixture


def drawn_xs(text: str, direction: Qt.LayoutDirection) -> list[float]:
    """Where each character of ``text`` is drawn in a paragraph of ``direction`` (what a
    table cell does in that interface direction)."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(direction)
    layout.setTextOption(option)
    layout.beginLayout()
    layout.createLine().setLineWidth(10000)
    layout.endLayout()
    xs = []
    for i in range(len(text)):
        runs = layout.glyphRuns(i, 1)
        xs.append(runs[0].positions()[0].x() if runs and runs[0].positions() else float("nan"))
    return xs


def test_the_place_reads_left_to_right_in_the_arabic_interface(panel):  # noqa: F811
    for place in shown(panel.span_list, 3):
        xs = drawn_xs(place, Qt.LayoutDirection.RightToLeft)
        pilcrow, dot = place.index("¶"), place.index("·")
        assert xs[pilcrow] < xs[pilcrow + 1] < xs[dot], place  # "¶3 · 453", not "453 · 3¶"


def test_the_text_in_context_reads_right_to_left_in_the_english_interface(panel):  # noqa: F811
    for context in shown(panel.span_list, 1):
        if not context.lstrip("\u2066\u2067").startswith("…"):
            continue
        xs = drawn_xs(context, Qt.LayoutDirection.LeftToRight)
        dots = context.index("…")
        assert xs[dots] > xs[dots + 1], context  # the leading "…" at the right, its start
