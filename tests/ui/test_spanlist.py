"""The spans panel: each span in its context and place, sorted and filtered as asked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.records import SpanData
from ui.bidi import isolated, left_to_right
from ui.span_table import words_around
from ui.spanlist import SpanList, SpansPanel

TEXT = "قال مراسلنا إن الثوار قطعوا طريق الإمداد جنوب حلب.\nوفي إدلب قصفت الطائرات والميليشيات الطائفية البلدة."


def span(id_: int, annotator: str, label: str, word: str, nth: int = 0) -> SpanData:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return SpanData(
        id=id_,
        document_id=1,
        annotator=annotator,
        labelset="media-bias-ar",
        label=label,
        start=start,
        end=start + len(word),
        text=word,
        attributes={},
        note="",
        labelset_version="1",
    )


@pytest.fixture
def panel(qtbot):
    spans = [
        span(1, "huda", "LOADED_TERM", "الثوار"),
        span(2, "omar", "EUPHEMISM", "الميليشيات الطائفية"),
        span(3, "huda", "SECTARIAN", "الطائرات"),
    ]
    table = SpanList()
    widget = SpansPanel(table)
    qtbot.addWidget(widget)
    table.set_spans(spans, None, TEXT)
    return widget


def shown(table: SpanList, column: int) -> list[str]:
    model = table.model()
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_words_around_keep_the_paragraph_and_cut_words():
    s = TEXT.index("الميليشيات")
    before, after = words_around(TEXT, s, s + len("الميليشيات الطائفية"))
    assert before == "قصفت الطائرات و"  # the span starts after the proclitic و
    assert after == " البلدة."
    s = TEXT.index("قال")
    assert words_around(TEXT, s, s + 3) == ("", " مراسلنا إن الثوار")


def test_rows_show_context_and_place_in_text_order(panel):
    table = panel.span_list
    assert table.span_ids() == [1, 3, 2]  # by place
    texts = shown(table, 1)
    assert texts[0] == isolated("…قال مراسلنا إن «الثوار» قطعوا طريق الإمداد…")
    assert "«الميليشيات الطائفية»" in texts[2]
    assert shown(table, 3) == [
        left_to_right(f"¶1 · {TEXT.index('الثوار')}"),
        left_to_right(f"¶2 · {TEXT.index('الطائرات')}"),
        left_to_right(f"¶2 · {TEXT.index('الميليشيات')}"),
    ]


def test_sorting_by_label_and_annotator(panel):
    table = panel.span_list
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # annotator: omar first
    assert table.span_ids()[0] == 2
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # label names
    labels = shown(table, 0)
    assert labels == sorted(labels)


def test_filter_by_label_annotator_and_text_maps_rows(panel, qtbot):
    table = panel.span_list
    qtbot.keyClicks(panel.filter, "huda")
    assert table.span_ids() == [1, 3]
    panel.filter.clear()
    qtbot.keyClicks(panel.filter, "euphemism")
    assert table.span_ids() == [2]
    assert table.row_of(2) == 0 and table.row_of(1) is None
    panel.filter.clear()
    panel.filter.setText("الطائ")
    assert table.span_ids() == [3, 2]
    panel.filter.clear()
    assert table.span_ids() == [1, 3, 2]
    # A chosen row reports its own span, whatever the sort.
    panel.show()
    qtbot.waitExposed(panel)
    table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    rect = table.visualRect(table.model().index(table.row_of(2), 1))
    with qtbot.waitSignal(table.spanChosen) as chosen:
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [2]


def test_the_text_column_keeps_a_readable_width_in_a_quarter_window_dock(qtbot, panel):
    panel.resize(350, 300)  # the dock's first-start width on a 1,400 px window
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.span_list.horizontalHeader().sectionSize(1) >= 90
