"""What the article view highlights is exactly what the label key stores.

Driven with real mouse events through the viewport of the main window, the database read
after each key press. The article is the seed one; «والميليشيات الطائفية» is where an
annotator saw «الميليشيات الطائفية» highlighted and got «والميليشيات الطائفية» stored.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.seed import ensure_seeded
from annotator.store import Store
from annotator.text.snapping import Snapper
from ui.mainwindow import MainWindow
from ui.settings import Settings

ME = "huda"
PHRASE = "والميليشيات الطائفية"
LEFT = Qt.MouseButton.LeftButton
NONE = Qt.MouseButton.NoButton


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    store = Store.open(str(path))
    ensure_seeded(store)
    store.close()
    return path


@pytest.fixture
def window(qtbot, seeded_template, tmp_path):
    target = tmp_path / "study.db"
    shutil.copyfile(seeded_template, target)
    store = Store.open(str(target))
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(store, ME, settings=settings, lang="en")
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.view.setFocus()
    yield win
    win.close()
    store.close()


def mouse(widget, kind: QEvent.Type, pos: QPointF, button=LEFT, buttons=LEFT) -> None:
    event = QMouseEvent(
        kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def stored(win: MainWindow) -> list[tuple[int, int]]:
    doc = win.session.document_id
    return sorted((s.start, s.end) for s in win.session.store.spans(doc, ME))


def phrase_geometry(win: MainWindow) -> tuple[int, int, float, float, float, float, float]:
    """Start/end of the phrase; x of the و|ا boundary, widths of و and ا; y; end x."""
    view = win.view
    text = view.article_text()
    start = text.index(PHRASE, text.index(PHRASE) + 1)  # the second one: mid-article
    end = start + len(PHRASE)
    view.scroll_to(start, center=True)
    QApplication.processEvents()
    (waw,) = view.range_rects(start, start + 1)
    (alef,) = view.range_rects(start + 1, start + 2)
    (last,) = view.range_rects(end - 1, end)
    assert abs(waw.left() - alef.right()) < 1.0  # right-to-left: و drawn right of ا
    assert abs(waw.center().y() - last.center().y()) < 1.0, "phrase must sit on one line"
    return (start, end, waw.left(), waw.width(), alef.width(), waw.center().y(), last.left() + 1.0)


@pytest.mark.parametrize("point_size", [16.0, 24.0])
def test_drag_from_near_the_clitic_boundary_stores_the_word_without_it(window, point_size):
    view = window.view
    view.set_font_point_size(point_size)
    QApplication.processEvents()
    start, end, boundary_x, waw_w, alef_w, y, end_x = phrase_geometry(window)
    vp = view.viewport()
    tried = []
    for d in (1, 2, 3):
        # +d: inside the و (right of the boundary); -d: inside the ا. A point only "belongs"
        # to the boundary while it is nearer to it than to the glyph's other edge.
        for side, width in ((+1, waw_w), (-1, alef_w)):
            if d >= width / 2:
                continue
            tried.append(side * d)
            before = stored(window)
            press = QPointF(boundary_x + side * d, y)
            mouse(vp, QEvent.Type.MouseButtonPress, press)
            for k in range(1, 6):  # live: every intermediate highlight is what would be stored
                x = press.x() + (end_x - press.x()) * k / 5
                mouse(vp, QEvent.Type.MouseMove, QPointF(x, y), NONE, LEFT)
                assert view.drawn_selection_range() == view.selection_range()
            mouse(vp, QEvent.Type.MouseButtonRelease, QPointF(end_x, y), LEFT, NONE)
            drawn = view.drawn_selection_range()
            assert drawn == (start + 1, end), f"press {side * d:+d} px from the boundary"
            QTest.keyClick(view, Qt.Key.Key_1)
            (new,) = sorted(set(stored(window)) - set(before))
            assert new == drawn
            assert view.article_text()[new[0] : new[1]] == "الميليشيات الطائفية"
            QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            assert stored(window) == before
    assert len(tried) >= 4, tried
    if point_size >= 24:
        assert set(tried) == {1, 2, 3, -1, -2, -3}


@pytest.mark.parametrize("rule", ["outside", "inside"])
def test_drag_double_click_and_keys_follow_the_one_proclitic_rule(window, rule):
    view = window.view
    view.set_snapper(Snapper(rule))
    start, end, boundary_x, waw_w, _alef_w, y, end_x = phrase_geometry(window)
    first = start + 1 if rule == "outside" else start
    word_end = start + len("والميليشيات")
    vp = view.viewport()
    # A drag from the far (right) edge of the و: the caret is before it.
    press = QPointF(boundary_x + waw_w - 1, y)
    mouse(vp, QEvent.Type.MouseButtonPress, press)
    mouse(vp, QEvent.Type.MouseMove, QPointF(end_x, y), NONE, LEFT)
    mouse(vp, QEvent.Type.MouseButtonRelease, QPointF(end_x, y), LEFT, NONE)
    assert view.drawn_selection_range() == (first, end)
    QTest.keyClick(view, Qt.Key.Key_1)
    assert (first, end) in stored(window)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # Double-click on the word, anywhere in it.
    inside = view.range_rects(start + 4, start + 5)[0].center()
    QTest.mouseDClick(vp, LEFT, pos=inside.toPoint())
    QApplication.processEvents()  # the window's after-double-click step, as in real use
    assert view.drawn_selection_range() == (first, word_end)
    QTest.keyClick(view, Qt.Key.Key_1)
    assert (first, word_end) in stored(window)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # Ctrl+Shift+Left from before the و (right-to-left: Left goes forward).
    view.select_range(start, start)
    mods = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    QTest.keyClick(view, Qt.Key.Key_Left, mods)
    assert view.drawn_selection_range() == (first, word_end)
    QTest.keyClick(view, Qt.Key.Key_1)
    assert (first, word_end) in stored(window)


def test_an_opened_search_hit_is_centred_and_labelled_by_the_key(window):
    view = window.view
    text = view.article_text()
    start = text.rindex("الثوار")  # near the end of the article: off screen at first
    end = start + len("الثوار")
    assert not view.range_rects(start, end)
    window.search.go_to_hit(window.session.document_id, start, end)
    QApplication.processEvents()
    assert view.drawn_selection_range() == (start, end)
    (rect,) = view.range_rects(start, end)
    height = view.viewport().height()
    assert height * 0.25 < rect.center().y() < height * 0.75, (rect, height)
    QTest.keyClick(view, Qt.Key.Key_1)
    assert (start, end) in stored(window)
