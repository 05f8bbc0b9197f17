"""The comments and curator's-decisions docks on a fresh layout: closed (a lone annotator
has no use for them and the article keeps its height), listed under View, and doing no
work while closed — a label key selects the new span, and a closed panel must cost it
nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from annotator.store import Store
from tests.core.team.conftest import add_doc
from ui.mainwindow import MainWindow
from ui.settings import Settings

TEXT = "قصفت الميليشيات الطائفية المدينة وقتل الثوار"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, tmp_path: Path):
    store = Store.open(str(tmp_path / "solo.db"))
    doc = add_doc(store, "d1", TEXT)
    settings = Settings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    win = MainWindow(store, "a", settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_document(doc)
    yield win
    store.close()


def test_team_docks_start_closed_and_are_listed_under_view(window):
    comments, decisions = window.team.comments.dock, window.team.decisions.dock
    assert not comments.isVisible() and not decisions.isVisible()
    view_actions = window.menus["view"].actions()
    assert comments.toggleViewAction() in view_actions
    assert decisions.toggleViewAction() in view_actions


def test_a_closed_comments_panel_is_not_rebuilt_by_a_label_key(qtbot, window, monkeypatch):
    panel = window.team.comments.panel
    calls: list[object] = []
    monkeypatch.setattr(panel, "show_model", lambda *args: calls.append(args))
    window.view.select_range(5, 25)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.session.store.spans(window.session.document_id, "a"), "the key labelled"
    assert calls == []
    # opened afterwards, the panel shows the span selected now
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    qtbot.waitUntil(window.team.comments.dock.isVisible)
    assert calls, "opening the closed panel fills it"


def test_the_team_menu_keys_open_each_closed_dock(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL_SHIFT)
    qtbot.waitUntil(window.team.decisions.dock.isVisible)
    qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    qtbot.waitUntil(window.team.comments.dock.isVisible)
