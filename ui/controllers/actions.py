"""The action table: every menu entry and window shortcut, declared once.

One row per action: id, text, shortcuts, handler, menu (and options). The window builds
its QActions and menus from this table, so adding a menu entry is adding one row — e.g.
``Act("agreement", N("&Agreement…"), (), "team.show_agreement", "view")`` once a ``team``
controller exists. ``handler`` is "controller.method" on the window ("close" for the
window's own method); ``args`` are passed to it; checkable actions pass their state.

Shortcuts are portable strings (Qt maps Ctrl to Cmd on macOS for all of them alike), so
the uniqueness test proves no two actions share a key on any platform — Qt's
``StandardKey`` lists differ per platform and once registered Ctrl+Q twice on X11.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow


def N(text: str) -> str:  # noqa: N802 - marks a string for translation in the MainWindow context
    return QT_TRANSLATE_NOOP("MainWindow", text)


SEPARATOR = "-"
WIDGET = Qt.ShortcutContext.WidgetShortcut


@dataclass(frozen=True, slots=True)
class Act:
    id: str
    text: str
    shortcuts: tuple[str, ...]
    handler: str
    menu: str
    args: tuple[Any, ...] = ()
    checkable: bool = False
    # Keys the article view handles itself (Delete, Enter) are shown in the menu without
    # registering a window-wide shortcut for them.
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut


MENUS: tuple[tuple[str, str], ...] = (
    ("file", N("&File")),
    ("edit", N("&Edit")),
    ("go", N("&Go")),
    ("view", N("&View")),
    ("labelset", N("Label &set")),
    ("suggestions", N("S&uggestions")),
    ("team", N("&Team")),
    ("help", N("&Help")),
)

ACTIONS: tuple[Act | tuple[str, str], ...] = (
    Act("open_db", N("&Open database…"), ("Ctrl+O",), "files.open_database_dialog", "file"),
    Act("new_db", N("&New database…"), (), "files.new_database_dialog", "file"),
    (SEPARATOR, "file"),
    Act("import", N("&Import…"), ("Ctrl+I",), "files.import_dialog", "file"),
    Act("export", N("&Export…"), ("Ctrl+E",), "files.export_dialog", "file"),
    (SEPARATOR, "file"),
    Act("annotator", N("Change &annotator…"), (), "files.change_annotator_dialog", "file"),
    (SEPARATOR, "file"),
    Act("quit", N("&Quit"), ("Ctrl+Q",), "close", "file"),
    Act("undo", N("&Undo"), ("Ctrl+Z",), "undo_stack.undo", "edit"),
    Act("redo", N("&Redo"), ("Ctrl+Shift+Z", "Ctrl+Y"), "undo_stack.redo", "edit"),
    (SEPARATOR, "edit"),
    Act(
        "delete",
        N("&Delete span"),
        ("Del",),
        "labelling.delete_selected_span",
        "edit",
        context=WIDGET,
    ),
    Act(
        "edit_span",
        N("&Edit span…"),
        ("Return",),
        "labelling.edit_selected_span",
        "edit",
        context=WIDGET,
    ),
    Act(
        "label_all", N("&Label all occurrences…"), ("Ctrl+L",), "labelling.label_all_dialog", "edit"
    ),
    (SEPARATOR, "edit"),
    Act("search", N("&Find in article…"), ("Ctrl+F",), "search.show_search_bar", "edit"),
    Act("find_next", N("Find ne&xt"), ("F3",), "search.find_next", "edit", args=(1,)),
    Act(
        "find_previous", N("Find pre&vious"), ("Shift+F3",), "search.find_next", "edit", args=(-1,)
    ),
    Act(
        "corpus_search",
        N("Find in &corpus…"),
        ("Ctrl+Shift+F",),
        "search.corpus_search_dialog",
        "edit",
    ),
    Act(
        "next",
        N("&Next document"),
        ("Ctrl+PgDown", "Alt+Down"),
        "documents.go_neighbour",
        "go",
        args=(1,),
    ),
    Act(
        "prev",
        N("&Previous document"),
        ("Ctrl+PgUp", "Alt+Up"),
        "documents.go_neighbour",
        "go",
        args=(-1,),
    ),
    (SEPARATOR, "go"),
    Act(
        "done_next",
        N("Mark &done and next"),
        ("Ctrl+Return", "Ctrl+Enter"),
        "documents.mark_done_and_next",
        "go",
    ),
    Act("skip", N("Mark &skipped and next"), (), "documents.mark_skipped_and_next", "go"),
    Act("zoom_in", N("Zoom &in"), ("Ctrl++", "Ctrl+="), "display.zoom", "view", args=(1,)),
    Act("zoom_out", N("Zoom &out"), ("Ctrl+-",), "display.zoom", "view", args=(-1,)),
    Act("zoom_reset", N("&Reset zoom"), ("Ctrl+0",), "display.zoom", "view", args=(0,)),
    (SEPARATOR, "view"),
    Act(
        "exact",
        N("&Exact selection (no word snapping)"),
        ("Ctrl+Shift+E",),
        "display.set_exact_selection",
        "view",
        checkable=True,
    ),
    Act(
        "only_mine",
        N("Show only &my spans"),
        ("Ctrl+Shift+M",),
        "display.set_only_my_spans",
        "view",
        checkable=True,
    ),
    (SEPARATOR, "view"),
    Act("statistics", N("S&tatistics…"), ("Ctrl+Shift+I",), "insight.show_statistics", "view"),
    Act(
        "suggest",
        N("&Suggest from lexicon for this article"),
        ("Ctrl+Shift+G",),
        "suggestions.run_suggestions",
        "suggestions",
    ),
    Act(
        "auto_suggest",
        N("Suggest a&utomatically when an article opens"),
        (),
        "suggestions.set_auto_suggest",
        "suggestions",
        checkable=True,
    ),
    (SEPARATOR, "suggestions"),
    Act(
        "accept",
        N("&Accept selected suggestion\tA"),
        (),
        "suggestions.accept_selected_suggestion",
        "suggestions",
    ),
    Act(
        "reject",
        N("&Reject selected suggestion\tR"),
        (),
        "suggestions.reject_selected_suggestion",
        "suggestions",
    ),
    (SEPARATOR, "suggestions"),
    Act(
        "accept_all",
        N("Accept all in this &article"),
        (),
        "suggestions.accept_all_in_article",
        "suggestions",
    ),
    Act(
        "accept_term",
        N("Accept this &term in the whole corpus…"),
        (),
        "suggestions.accept_term_in_corpus",
        "suggestions",
    ),
    Act("my_queue", N("My &queue…"), (), "team.show_queue", "team"),
    Act("agreement", N("&Agreement…"), (), "team.show_agreement", "team"),
    Act("curation", N("&Curation…"), (), "team.show_curation", "team"),
    Act("comments", N("C&omments"), ("Ctrl+Shift+C",), "team.show_comments", "team"),
    Act("decisions", N("Curator's &decisions"), ("Ctrl+Shift+D",), "team.show_decisions", "team"),
    Act("label_help", N("&Label help"), ("F1",), "help.show_label_help", "help"),
    Act("shortcuts", N("&Keyboard shortcuts"), (), "help.show_shortcuts", "help"),
)

_LRI, _PDI = "\u2066", "\u2069"


def resolve(window: MainWindow, handler: str) -> Callable[..., Any]:
    target: Any = window
    for part in handler.split("."):
        target = getattr(target, part)
    return target


def shortcut_label(keys: tuple[str, ...]) -> str:
    """The first shortcut as the menu shows it, isolated left-to-right so an Arabic menu
    reads "Ctrl++" and not "++Ctrl"."""
    native = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
    return f"{_LRI}{native}{_PDI}"


def build_actions(window: MainWindow, rtl: bool) -> dict[str, QAction]:
    """Create every table action on ``window`` (also as ``window.<id>_action``)."""
    built: dict[str, QAction] = {}
    for row in ACTIONS:
        if not isinstance(row, Act):
            continue
        text = QCoreApplication.translate("MainWindow", row.text)
        if rtl and row.shortcuts and "\t" not in text:
            text += "\t" + shortcut_label(row.shortcuts)
        elif rtl and "\t" in text:
            text, key = text.split("\t", 1)
            text += "\t" + f"{_LRI}{key}{_PDI}"
        action = QAction(text, window)
        action.setObjectName(f"{row.id}_action")
        if row.shortcuts:
            action.setShortcuts([QKeySequence(k) for k in row.shortcuts])
            action.setShortcutContext(row.context)
        action.setCheckable(row.checkable)
        handler = resolve(window, row.handler)
        if row.checkable:
            action.triggered.connect(lambda checked=False, f=handler: f(checked))
        else:
            action.triggered.connect(lambda _=False, f=handler, a=row.args: f(*a))
        window.addAction(action)
        setattr(window, f"{row.id}_action", action)
        built[row.id] = action
    return built


def build_menus(window: MainWindow, actions: dict[str, QAction]) -> dict[str, Any]:
    """One menu per MENUS entry, filled in table order."""
    bar = window.menuBar()
    menus = {
        key: bar.addMenu(QCoreApplication.translate("MainWindow", title)) for key, title in MENUS
    }
    for row in ACTIONS:
        if isinstance(row, Act):
            menus[row.menu].addAction(actions[row.id])
        else:
            menus[row[1]].addSeparator()
    return menus


__all__ = ["ACTIONS", "MENUS", "Act", "build_actions", "build_menus", "shortcut_label"]
