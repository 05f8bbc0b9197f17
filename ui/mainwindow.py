"""The main window: a shell that builds the article view, the docks and the menus.

Menus and shortcuts come from one declarative table (:mod:`ui.controllers.actions`);
each entry's handler lives in a small controller beside the window (labelling,
suggestions, documents, search, label sets, files, help). The window owns no annotation
data and no rules: edits are core operations (:mod:`annotator.editing`) run through
:class:`ui.commands.UndoHistory`, and the widgets redraw from the session's signals.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from annotator.labelsets import LabelSet
from annotator.lexicon import snapper_for_labelset
from annotator.store import Store, StoreError
from ui.commands import UndoHistory
from ui.controllers.actions import build_actions, build_menus
from ui.controllers.article import ArticlePresenter, HeaderBar
from ui.controllers.display import DEFAULT_FONT_SIZE, DisplayController
from ui.controllers.documents import DocumentsController
from ui.controllers.files import FilesController
from ui.controllers.help import HelpController
from ui.controllers.labelling import LabellingController
from ui.controllers.labelsets import LabelSetsController
from ui.controllers.search import SearchController
from ui.controllers.suggestions import SuggestionsController
from ui.doclabels import DocumentLabels
from ui.insight.controller import InsightController
from ui.navigator import NavigatorWidget
from ui.palette import LabelPalette
from ui.richtext import literal
from ui.session import Session
from ui.settings import Settings
from ui.spanlist import SpanList, SpansPanel
from ui.team.controller import TeamController
from ui.textview import ArticleView


class MainWindow(QMainWindow):
    """One database, one annotator, one undo history."""

    databaseOpened = Signal(str)

    def __init__(
        self,
        store: Store,
        annotator: str,
        *,
        settings: Settings | None = None,
        lang: str = "en",
        labelset_name: str | None = None,
        restore: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.lang = lang
        self.session = Session(store, annotator, self._initial_labelset(store, labelset_name), self)
        self.undo_stack = UndoHistory(self.session, self)
        # set by ui.app.WindowShell: rebuilds the window when the language changes
        self.relaunch: Callable[[str], None] | None = None
        self._was_inactive = False
        self.last_label_all_dialog: Any = None
        self.last_error_box: Any = None
        self.setObjectName("MainWindow")

        self._build_central()
        self._build_docks()
        self.article = ArticlePresenter(self)
        self.labelling = LabellingController(self)
        self.documents = DocumentsController(self)
        self.suggestions = SuggestionsController(self)
        self.search = SearchController(self)
        self.labelsets = LabelSetsController(self)
        self.files = FilesController(self)
        self.help = HelpController(self)
        self.display = DisplayController(self)
        self.team = TeamController(self)
        self.insight = InsightController(self)
        self.actions_by_id = build_actions(
            self, rtl=self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        )
        self.undo_stack.bind(self.undo_action, self.redo_action)
        self._build_menus()
        self._connect()
        self.setWindowTitle(self.title())
        self.statusBar()
        self.session.set_only_my_spans(self.settings.only_my_spans())
        self.only_mine_action.setChecked(self.session.only_my_spans)
        self.view.set_exact_selection(self.settings.exact_selection())
        self.exact_action.setChecked(self.settings.exact_selection())
        self.view.set_font_point_size(self.settings.font_size() or DEFAULT_FONT_SIZE)
        self.auto_suggest_action.setChecked(self.settings.auto_suggest())
        self._on_labelset_changed()
        if restore:
            self.restore_layout()
            self.files.restore_position()
        self.session.watcher.acknowledge()  # setting up wrote (annotator, label set rows)

    # ================================================================== construction
    def _initial_labelset(self, store: Store, name: str | None) -> LabelSet:
        name = name or self.settings.labelset_name(store.target)
        try:
            return store.labelset(name)
        except StoreError:
            return store.labelset()

    def title(self) -> str:
        name = Path(self.session.store.target).name if self.session.store.target else ""
        return self.tr("Annotator — {0} — {1}").format(name, self.session.annotator)

    def _build_central(self) -> None:
        central = QWidget(self)
        self.header = HeaderBar(central)
        self.view = ArticleView(central)
        self.view.setObjectName("ArticleView")
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(4, 4, 4, 4)
        self.central_layout.addWidget(self.header)
        self.central_layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

    def _dock(self, widget: QWidget, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        s = self.session
        # The navigator sits on the leading side: left in LTR, right in an Arabic interface.
        self.navigator = NavigatorWidget(s.store, s.annotator, self)
        self.palette = LabelPalette(self, self.lang)
        self.span_list = SpanList(self, self.lang)
        self.doc_labels = DocumentLabels(self, self.lang)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        if self.is_rtl():
            left, right = right, left  # dock areas are not mirrored by Qt
        self.navigator_dock = self._dock(
            self.navigator, self.tr("Documents"), "NavigatorDock", left
        )
        self.palette_dock = self._dock(self.palette, self.tr("Labels"), "PaletteDock", right)
        self.doc_labels_dock = self._dock(
            self.doc_labels, self.tr("Document"), "DocLabelsDock", right
        )
        self.span_list_dock = self._dock(
            SpansPanel(self.span_list, self), self.tr("Spans"), "SpanListDock", right
        )

    def is_rtl(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _build_menus(self) -> None:
        self.menus = build_menus(self, self.actions_by_id)
        view = self.menus["view"]
        lang_menu = view.addMenu(self.tr("&Language"))
        self.language_group = QActionGroup(self)
        for code, name in (("ar", "العربية"), ("en", "English")):
            act = QAction(name, self, checkable=True)
            act.setData(code)
            act.setChecked(code == self.lang)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(act)
            lang_menu.addAction(act)
        view.addSeparator()
        for dock in (
            self.navigator_dock,
            self.palette_dock,
            self.doc_labels_dock,
            self.span_list_dock,
            self.team.comments.dock,
            self.team.decisions.dock,
        ):
            view.addAction(dock.toggleViewAction())
        self.labelset_menu = self.menus["labelset"]
        self.labelset_group = self.labelsets.group
        self.labelsets.attach(self.labelset_menu)

    def _connect(self) -> None:
        s, a = self.session, self.article
        s.documentChanged.connect(a.on_document_changed)
        s.spansChanged.connect(a.reload_spans)
        s.suggestionsChanged.connect(a.reload_suggestions)
        s.statusChanged.connect(a.reload_status)
        s.labelsetChanged.connect(self._on_labelset_changed)
        s.annotatorChanged.connect(a.forget)
        s.rowChanged.connect(a.queue_row_refresh)
        s.documentsChanged.connect(self.navigator.refresh)
        s.message.connect(self.show_message)
        self.view.hotkeyPressed.connect(self.labelling.on_hotkey)
        self.view.spanActivated.connect(self.span_list.select_span)
        self.view.selectedSpanChanged.connect(self.span_list.select_span)
        self.view.fontSizeChanged.connect(self.settings.set_font_size)
        self.view.suggestionActivated.connect(
            lambda _id: self.show_message(self.tr("Suggestion selected: A to accept, R to reject."))
        )
        self.view.boundaryAdjustRequested.connect(self.labelling.adjust_boundary)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        self.navigator.documentActivated.connect(self.documents.open_document)
        self.palette.labelChosen.connect(self.labelling.apply_label)
        self.span_list.spanChosen.connect(self.labelling.select_span)
        self.span_list.deleteRequested.connect(self.labelling.delete_spans)
        self.span_list.editRequested.connect(self.labelling.edit_span)
        self.doc_labels.statusChosen.connect(self.documents.set_status)
        self.doc_labels.labelChosen.connect(self.documents.set_document_label)

    def _on_labelset_changed(self) -> None:
        self.article.forget()
        labelset = self.session.labelset
        self.palette.set_labelset(labelset)
        # Only label keys (and A/R for suggestions) are taken from typing in the article.
        self.view.set_hotkeys([lb.hotkey for lb in labelset.labels if lb.hotkey] + ["a", "r"])
        self.doc_labels.set_labelset(labelset)
        self.view.set_snapper(snapper_for_labelset(labelset, self.suggestions.matcher()))
        self.article.reload_status()
        self.settings.set_labelset_name(self.session.store.target, labelset.name)
        self.labelsets.check_current()
        self.suggestions.on_labelset_changed()

    # ================================================================== helpers
    def show_message(self, text: str, timeout: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout)

    def optional(self, module: str, name: str) -> Any:
        """A piece written elsewhere (dialogs, search), or None with a message if missing."""
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as exc:
            QMessageBox.warning(
                self,
                self.tr("Not available"),
                self.tr("This feature is not available in this build:\n{0}").format(exc),
            )
            return None

    def error_box(self, title: str, text: str, details: str = "") -> QMessageBox:
        """A window-modal error that does not block the event loop (the app keeps working)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, literal(text), QMessageBox.StandardButton.Ok, self
        )
        if details:  # quotes the file's own text: never markup
            first = details.splitlines()[0] if details.splitlines() else details
            box.setInformativeText(literal(first[:500]))
            box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_error_box = box
        box.open()
        return box

    # Entry points scripts and benchmarks drive directly.
    def open_document(self, document_id: int) -> bool:
        return self.documents.open_document(document_id)

    def go_neighbour(self, step: int) -> bool:
        return self.documents.go_neighbour(step)

    def save_position(self) -> None:
        self.files.save_position()

    # ================================================================== view options
    def set_language(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.settings.set_language(lang)
        if self.relaunch is not None:  # the app rebuilds this window in the new language
            self.files.save_position()  # the new window opens where this one was reading
            QTimer.singleShot(0, lambda: self.relaunch and self.relaunch(lang))
            return
        QMessageBox.information(
            self,
            self.tr("Language"),
            self.tr("The interface language changes the next time the app starts."),
        )

    # ================================================================== persistence
    def restore_layout(self) -> None:
        direction = "rtl" if self.is_rtl() else "ltr"
        geometry = self.settings.window_geometry()
        state = self.settings.window_state(direction)
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # First start: most of the screen, and the article gets most of the width.
            screen = self.screen().availableGeometry() if self.screen() else None
            width = min(1500, int(screen.width() * 0.95)) if screen else 1280
            height = min(950, int(screen.height() * 0.92)) if screen else 800
            self.resize(width, height)
            self.resizeDocks(
                [self.navigator_dock, self.palette_dock],
                [max(200, width // 6), max(280, width // 4)],
                Qt.Orientation.Horizontal,
            )
        if state is not None:
            self.restoreState(state)

    def save_layout(self) -> None:
        self.settings.set_window_layout(
            self.saveGeometry(), self.saveState(), "rtl" if self.is_rtl() else "ltr"
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.files.save_position()
        self.save_layout()
        self.settings.sync()
        self.files.poll_timer.stop()
        super().closeEvent(event)

    # ================================================================== events
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.ActivationChange:
            if not self.isActiveWindow():
                self._was_inactive = True
            elif self._was_inactive:
                self._was_inactive = False
                self.files.refresh_from_store()
        super().changeEvent(event)

    def refresh_from_store(self) -> None:
        self.files.refresh_from_store()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods == Qt.KeyboardModifier.NoModifier and self.view.selected_span_id() is not None:
                if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                    self.labelling.delete_selected_span()
                    return True
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.labelling.edit_selected_span()
                    return True
        elif watched is self.view.viewport() and event.type() == QEvent.Type.MouseButtonDblClick:
            # Only a double-click ON a span edits it (on plain text it selects a word). The
            # view handles the click first (it selects the span), so the editor opens after.
            assert isinstance(event, QMouseEvent)
            under = [i for kind, i in self.view.items_at(event.position()) if kind == "span"]
            if under:
                QTimer.singleShot(0, lambda: self._after_double_click(under[0]))
        return super().eventFilter(watched, event)

    def _after_double_click(self, span_id: int) -> None:
        # Keys pressed since (a label key made a new span) must not open an editor.
        if self.view.selected_span_id() == span_id:
            self.labelling.edit_span(span_id)
