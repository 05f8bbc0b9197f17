"""The action table: one row per entry, no shortcut twice, readable in an Arabic menu."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from tests.ui.test_mainwindow import ME
from ui.controllers import actions as table
from ui.mainwindow import MainWindow


def portable(key: str | QKeySequence) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


def test_table_shortcuts_are_portable_strings_and_never_shared():
    """Strings only (Ctrl becomes Cmd on macOS for all alike, so uniqueness holds on every
    platform; StandardKey lists differ per platform and once gave Ctrl+Q twice on X11)."""
    keys = []
    for row in table.ACTIONS:
        if isinstance(row, table.Act):
            assert all(isinstance(k, str) and k for k in row.shortcuts), row.id
            keys.extend(portable(k) for k in row.shortcuts)
    duplicates = [k for k, n in Counter(keys).items() if n > 1]
    assert not duplicates


def test_no_two_window_actions_share_a_shortcut(window):
    """Every registered QAction of the live window (the table, menus built in code, dock
    toggles): a key bound twice is an "Ambiguous shortcut overload" and does nothing."""
    keys = [
        portable(seq)
        for action in window.findChildren(QAction)
        for seq in action.shortcuts()
        if not seq.isEmpty()
    ]
    duplicates = [k for k, n in Counter(keys).items() if n > 1]
    assert not duplicates
    assert keys.count("Ctrl+Q") == 1
    assert [portable(s) for s in window.quit_action.shortcuts()] == ["Ctrl+Q"]


def test_every_table_row_becomes_a_menu_entry(window):
    in_menus = {a for menu in window.menus.values() for a in menu.actions()}
    for row in table.ACTIONS:
        if isinstance(row, table.Act):
            assert window.actions_by_id[row.id] in in_menus, row.id
            assert getattr(window, f"{row.id}_action") is window.actions_by_id[row.id]


def test_adding_a_menu_entry_is_one_row(qtbot, seeded, settings, monkeypatch):
    calls: list[str] = []
    row = table.Act("stats_window", "&Statistics…", ("Ctrl+Shift+T",), "help.show_stats", "view")
    monkeypatch.setattr(table, "ACTIONS", (*table.ACTIONS, row))
    from ui.controllers.help import HelpController

    monkeypatch.setattr(
        HelpController, "show_stats", lambda self: calls.append("shown"), raising=False
    )
    win = MainWindow(seeded, ME, settings=settings, lang="en")
    qtbot.addWidget(win)
    assert win.stats_window_action in win.menus["view"].actions()
    win.stats_window_action.trigger()
    assert calls == ["shown"]


def test_arabic_menus_show_shortcuts_isolated_left_to_right(qtbot, seeded, settings):
    app = QApplication.instance()
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        win = MainWindow(seeded, ME, settings=settings, lang="ar")
        qtbot.addWidget(win)
        text = win.zoom_in_action.text()
        # The menu shows the text after the tab instead of the shortcut: isolated LTR, so
        # the bidi algorithm cannot move the trailing "+" before "Ctrl".
        assert text.endswith("\t\u2066Ctrl++\u2069")
        assert win.accept_action.text().endswith("\t\u2066A\u2069")
        assert [portable(s) for s in win.zoom_in_action.shortcuts()] == ["Ctrl++", "Ctrl+="]
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_english_menus_keep_qts_own_shortcut_text(window):
    assert "\t" not in window.zoom_in_action.text()
