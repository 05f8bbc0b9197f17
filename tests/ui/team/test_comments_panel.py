"""Comments and the curator's decisions in the main window, driven by clicks and keys:
three windows on one database file (annotators a and b, curator chief), each with its
own connection, so what one writes reaches the others through the window's poll."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from annotator.store import Store
from annotator.team.adjudication import adjudicate
from tests.core.team.conftest import add_doc
from ui.mainwindow import MainWindow
from ui.settings import Settings
from ui.team.comments_view import CommentsPanel
from ui.team.curation_view import CurationView

TEXT = "قصفت الميليشيات الطائفية المدينة وقتل الثوار"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def team_db(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "team.db"
    store = Store.open(str(path))
    doc = add_doc(store, "d1", TEXT)
    ls = store.labelset()
    store.add_span(doc, "a", ls, "LOADED_TERM", 5, 15)  # a's alone: a conflict
    store.add_span(doc, "a", ls, "LOADED_TERM", 33, 37)  # a's alone, left out later
    store.add_span(doc, "b", ls, "GLORIFYING_TERM", 38, 44)
    for name in ("a", "b"):
        store.set_status(doc, name, "done")
    assert adjudicate(store, "chief").accepted == 0  # makes chief the curator; no agreement
    store.close()
    return path, doc


@pytest.fixture
def open_window(qtbot, tmp_path: Path, team_db):
    path, doc = team_db
    stores: list[Store] = []

    def make(who: str, *, everyone: bool = False) -> MainWindow:
        store = Store.open(str(path))
        stores.append(store)
        ini = tmp_path / f"{who}.ini"
        win = MainWindow(
            store, who, settings=Settings(QSettings(str(ini), QSettings.Format.IniFormat))
        )
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.open_document(doc)
        # A team member's layout with both docks open (a fresh layout starts with them
        # closed: tests/ui/team/test_team_docks_start_closed.py)
        win.team.show_decisions()
        win.team.show_comments()
        if everyone:
            win.only_mine_action.trigger()  # a curator looks at everyone's spans
            assert not win.session.only_my_spans
        return win

    yield make
    for store in stores:
        store.close()


def span_id(win: MainWindow, who: str, start: int) -> int:
    return next(
        s.id for s in win.session.store.spans(win.session.document_id, who) if s.start == start
    )


def click_span(qtbot, win: MainWindow, sid: int) -> None:
    rects = win.view.span_rects(sid)
    assert rects, "the span is drawn"
    qtbot.mouseClick(
        win.view.viewport(), Qt.MouseButton.LeftButton, pos=rects[0].center().toPoint()
    )
    assert win.view.selected_span_id() == sid


def panel(win: MainWindow) -> CommentsPanel:
    return win.team.comments.panel


def bodies(win: MainWindow) -> list[tuple[str, str]]:
    return [(c.author, c.body) for c in panel(win).shown_comments()]


def write(qtbot, win: MainWindow, text: str) -> None:
    """Open the panel with its shortcut, type, and send with Ctrl+Enter."""
    qtbot.keyClick(win, Qt.Key.Key_C, CTRL_SHIFT)
    assert win.team.comments.dock.isVisible()
    editor = panel(win).editor
    editor.setFocus()
    editor.insertPlainText(text)  # Arabic: typed through the input method in real life
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_comment_on_a_span_reaches_the_curator_and_the_reply_comes_back(qtbot, open_window):
    a = open_window("a")
    sid = span_id(a, "a", 5)
    click_span(qtbot, a, sid)
    write(qtbot, a, "هل هذا مصطلح محمّل؟")
    assert bodies(a) == [("a", "هل هذا مصطلح محمّل؟")]
    assert a.view.span_note(sid).mark == "1"
    rect = a.view.span_rects(sid)[0]
    assert "Comments: 1" in a.view.tooltip_at(rect.center())

    chief = open_window("chief", everyone=True)
    click_span(qtbot, chief, sid)
    assert bodies(chief) == [("a", "هل هذا مصطلح محمّل؟")]
    tree = panel(chief).tree
    first = tree.topLevelItem(0).child(0)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(first).center()
    )
    assert panel(chief).current_comment().author == "a"
    write(qtbot, chief, "نعم، أبقِه")
    assert bodies(chief) == [("a", "هل هذا مصطلح محمّل؟"), ("chief", "نعم، أبقِه")]
    assert panel(chief).shown_comments()[1].depth == 1

    # a's window learns of the reply through its own poll, without a restart
    qtbot.waitUntil(lambda: len(a.team.comments.model.threads[0].comments) == 2, timeout=6000)
    assert bodies(a) == [("a", "هل هذا مصطلح محمّل؟"), ("chief", "نعم، أبقِه")]
    assert a.view.span_note(sid).mark == "2"


def test_another_annotator_cannot_see_the_thread_on_a_span_not_theirs(qtbot, open_window):
    a = open_window("a")
    sid = span_id(a, "a", 5)
    click_span(qtbot, a, sid)
    write(qtbot, a, "سؤال للمنسق")
    b = open_window("b", everyone=True)
    click_span(qtbot, b, sid)  # b can select a's span, but not read its thread
    assert bodies(b) == []
    assert b.view.span_note(sid) is None
    assert b.team.comments.model.threads == []


def test_resolving_a_thread_from_the_panel(qtbot, open_window):
    a = open_window("a")
    click_span(qtbot, a, span_id(a, "a", 5))
    write(qtbot, a, "Is this loaded?")
    p = panel(a)
    p.select_comment(p.shown_comments()[0].id)
    assert p.resolve.text() == "Resolve"
    qtbot.mouseClick(p.resolve, Qt.MouseButton.LeftButton)
    assert a.team.comments.model.threads[0].resolved
    assert p.resolve.text() == "Reopen"
    qtbot.mouseClick(p.resolve, Qt.MouseButton.LeftButton)
    assert not a.team.comments.model.threads[0].resolved


def test_an_arabic_comment_is_laid_out_right_to_left(qtbot, open_window):
    a = open_window("a")
    write(qtbot, a, "تعليق على الوثيقة")  # no span selected: on the document
    item = panel(a).tree.topLevelItem(0).child(0)
    assert item.text(0).startswith("\u202b")  # right-to-left embedding
    assert item.textAlignment(0) & Qt.AlignmentFlag.AlignRight
    assert item.textAlignment(0) & Qt.AlignmentFlag.AlignAbsolute  # also in an Arabic UI


def test_the_annotator_sees_the_curators_decisions(qtbot, open_window):
    a = open_window("a")
    kept, dropped = span_id(a, "a", 5), span_id(a, "a", 33)
    decisions = a.team.decisions.panel
    assert decisions.decisions_shown() == {}
    assert "No curator" in decisions.summary.text()

    chief = open_window("chief", everyone=True)
    chief.curation_action.trigger()
    view = next(w for w in chief.team.windows if isinstance(w, CurationView))
    qtbot.waitExposed(view)
    row = next(i for i, it in enumerate(view.state.items) if it.start == 5)
    view.lanes.setCurrentCell(row, 0)
    view.activateWindow()  # its keys are window shortcuts: the view must be active
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view, Qt.Key.Key_T)  # take a's span as is
    qtbot.waitUntil(lambda: decisions.decisions_shown().get(kept) == "taken as is", timeout=6000)
    assert decisions.decisions_shown()[dropped] == "pending"
    rect = a.view.span_rects(kept)[0]
    assert "Curator: taken as is" in a.view.tooltip_at(rect.center())

    view.status_box.setCurrentIndex(view.status_box.findData("done"))
    view.status_box.activated.emit(view.status_box.currentIndex())
    qtbot.waitUntil(lambda: decisions.decisions_shown().get(dropped) == "rejected", timeout=6000)
    qtbot.keyClick(a, Qt.Key.Key_D, CTRL_SHIFT)
    assert a.team.decisions.dock.isVisible()


def test_threads_on_other_spans_are_listed_and_lead_to_their_span(qtbot, open_window):
    a = open_window("a")
    sid = span_id(a, "a", 5)
    click_span(qtbot, a, sid)
    write(qtbot, a, "سؤال عن هذا المقطع")
    chief = open_window("chief", everyone=True)
    assert chief.view.selected_span_id() is None
    assert bodies(chief) == [("a", "سؤال عن هذا المقطع")]  # listed without selecting it
    tree = panel(chief).tree
    others = tree.topLevelItem(tree.topLevelItemCount() - 1)
    group = others.child(0)
    assert "الميليشيات" in group.text(0)
    tree.setCurrentItem(group)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert chief.view.selected_span_id() == sid
    assert bodies(chief) == [("a", "سؤال عن هذا المقطع")]  # now under "Span"
    assert (
        panel(chief).tree.topLevelItem(0).child(0).data(0, Qt.ItemDataRole.UserRole).span_id == sid
    )
