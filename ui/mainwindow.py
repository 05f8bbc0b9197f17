"""The main window: article in the centre, navigator, palette, span list and document
labels in docks, every annotation change an undoable command.

The window owns no annotation data. It turns user intents (hotkeys, clicks, menu actions)
into commands on one QUndoStack and redraws from the store through the session whenever
the session says something changed. Status rule: a document moves from "todo" to
"in_progress" with the annotator's first labelling action in it (not merely by being
opened, so browsing never marks work as started); that step is part of the labelling
command, so undoing it puts the document back to "todo".
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotator.labelsets import Label, LabelSet, LabelSetError, load_labelset
from annotator.lexicon import matcher_for_labelset, snapper_for_labelset
from annotator.records import SpanData
from annotator.store import Store, StoreError
from ui.commands import (
    AcceptSuggestions,
    AddSpan,
    AdjustBoundary,
    DeleteSpans,
    EditSpan,
    LabelAllOccurrences,
    Occurrence,
    RejectSuggestions,
    RelabelSpan,
    SetDocumentLabel,
    SetStatus,
    StoreCommand,
)
from ui.doclabels import DocumentLabels
from ui.navigator import NavigatorWidget
from ui.palette import LabelPalette
from ui.richtext import plain_tooltip
from ui.session import Session
from ui.settings import Settings
from ui.spanlist import SpanList
from ui.textview import ArticleView, SpanView

DEFAULT_FONT_SIZE = 16.0
# "Label all occurrences" is for terms and phrases (lexicon entries are 1-4 words).
LABEL_ALL_MAX_WORDS = 12
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n|\u2029")


class MainWindow(QMainWindow):
    """One database, one annotator, one undo history."""

    databaseOpened = Signal(str)

    def __init__(self, store: Store, annotator: str, *, settings: Settings | None = None,
                 lang: str = "en", labelset_name: str | None = None,
                 restore: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.lang = lang
        labelset = self._initial_labelset(store, labelset_name)
        self.session = Session(store, annotator, labelset, self)
        self.undo_stack = QUndoStack(self)
        self._span_cache: dict[int, SpanData] = {}
        self._span_views: dict[int, tuple[SpanData, SpanView]] = {}
        # set by ui.app.WindowShell: rebuilds the window when the language changes
        self.relaunch: Callable[[str], None] | None = None
        self._matcher_cache: tuple[tuple[str, str, str], Any] | None = None
        self._suggested: set[tuple[int, str, str]] = set()  # (doc, labelset, version) done
        self._shown_suggestions: tuple[int | None, tuple[int, ...]] | None = None
        self.session.annotatorChanged.connect(self._forget_span_views)
        self._pending_rows: set[int] = set()
        self._was_inactive = False
        self._search_bar: Any = None
        self.setObjectName("MainWindow")
        self.setWindowTitle(self._title())

        self._build_central()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._connect()
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
            self.restore_position()

    # ================================================================== construction
    def _initial_labelset(self, store: Store, name: str | None) -> LabelSet:
        name = name or self.settings.labelset_name(store.target)
        try:
            return store.labelset(name)
        except StoreError:
            return store.labelset()

    def _title(self) -> str:
        target = self.session.store.target if hasattr(self, "session") else ""
        name = Path(target).name if target else ""
        who = self.session.annotator if hasattr(self, "session") else ""
        return self.tr("Annotator — {0} — {1}").format(name, who)

    def _build_central(self) -> None:
        central = QWidget(self)
        self.header = QLabel(central)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Titles can be a whole sentence: never let one widen the window.
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.header.setWordWrap(False)
        self.header.setTextFormat(Qt.TextFormat.PlainText)  # titles are data, never markup
        self.view = ArticleView(central)
        self.view.setObjectName("ArticleView")
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(4, 4, 4, 4)
        self.central_layout.addWidget(self.header)
        self.central_layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

    def _dock(self, widget: QWidget, title: str, name: str,
              area: Qt.DockWidgetArea) -> QDockWidget:
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
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            left, right = right, left  # dock areas are not mirrored by Qt
        self.navigator_dock = self._dock(self.navigator, self.tr("Documents"), "NavigatorDock",
                                         left)
        self.palette_dock = self._dock(self.palette, self.tr("Labels"), "PaletteDock", right)
        self.doc_labels_dock = self._dock(self.doc_labels, self.tr("Document"), "DocLabelsDock",
                                          right)
        self.span_list_dock = self._dock(self.span_list, self.tr("Spans"), "SpanListDock", right)

    def _action(self, text: str, slot: Callable[..., Any] | None = None,
                shortcuts: list[QKeySequence | str] | None = None, *, checkable: bool = False,
                context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k
                                 for k in shortcuts])
            action.setShortcutContext(context)
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        K = QKeySequence.StandardKey  # noqa: N806
        # File
        self.open_db_action = a(self.tr("&Open database…"), self.open_database_dialog,
                                [QKeySequence(K.Open)])
        self.new_db_action = a(self.tr("&New database…"), self.new_database_dialog)
        self.import_action = a(self.tr("&Import…"), self.import_dialog, ["Ctrl+I"])
        self.export_action = a(self.tr("&Export…"), self.export_dialog, ["Ctrl+E"])
        self.annotator_action = a(self.tr("Change &annotator…"), self.change_annotator_dialog)
        self.quit_action = a(self.tr("&Quit"), self.close, [QKeySequence(K.Quit), "Ctrl+Q"])
        # Edit
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        # Delete/Enter are handled by the view's key filter (the span list has its own);
        # the menu shows the keys without registering window-wide shortcuts for them.
        self.delete_action = a(self.tr("&Delete span"), self.delete_selected_span,
                               ["Del"], context=Qt.ShortcutContext.WidgetShortcut)
        self.edit_span_action = a(self.tr("&Edit span…"), self.edit_selected_span,
                                  ["Return"], context=Qt.ShortcutContext.WidgetShortcut)
        self.label_all_action = a(self.tr("&Label all occurrences…"), self.label_all_dialog,
                                  ["Ctrl+L"])
        self.search_action = a(self.tr("&Find in article…"), self.show_search_bar, ["Ctrl+F"])
        self.corpus_search_action = a(self.tr("Find in &corpus…"), self.corpus_search_dialog,
                                      ["Ctrl+Shift+F"])
        # Navigation
        self.next_action = a(self.tr("&Next document"), lambda: self.go_neighbour(1),
                             ["Ctrl+PgDown", "Alt+Down"])
        self.prev_action = a(self.tr("&Previous document"), lambda: self.go_neighbour(-1),
                             ["Ctrl+PgUp", "Alt+Up"])
        self.done_next_action = a(self.tr("Mark &done and next"), self.mark_done_and_next,
                                  ["Ctrl+Return", "Ctrl+Enter"])
        self.skip_action = a(self.tr("Mark &skipped and next"), self.mark_skipped_and_next)
        # View
        self.zoom_in_action = a(self.tr("Zoom &in"), lambda: self.zoom(1),
                                [QKeySequence(K.ZoomIn), "Ctrl+="])
        self.zoom_out_action = a(self.tr("Zoom &out"), lambda: self.zoom(-1),
                                 [QKeySequence(K.ZoomOut)])
        self.zoom_reset_action = a(self.tr("&Reset zoom"), lambda: self.zoom(0), ["Ctrl+0"])
        self.exact_action = a(self.tr("&Exact selection (no word snapping)"),
                              self.set_exact_selection, ["Ctrl+Shift+E"], checkable=True)
        self.only_mine_action = a(self.tr("Show only &my spans"), self.set_only_my_spans,
                                  ["Ctrl+Shift+M"], checkable=True)
        # Suggestions
        self.suggest_action = a(self.tr("&Suggest from lexicon for this article"),
                                self.run_suggestions, ["Ctrl+Shift+G"])
        self.auto_suggest_action = a(self.tr("Suggest a&utomatically when an article opens"),
                                     self.set_auto_suggest, checkable=True)
        self.accept_action = a(self.tr("&Accept selected suggestion\tA"),
                               self.accept_selected_suggestion)
        self.reject_action = a(self.tr("&Reject selected suggestion\tR"),
                               self.reject_selected_suggestion)
        self.accept_all_action = a(self.tr("Accept all in this &article"),
                                   self.accept_all_in_article)
        self.accept_term_action = a(self.tr("Accept this &term in the whole corpus…"),
                                    self.accept_term_in_corpus)
        # Help
        self.label_help_action = a(self.tr("&Label help"), self.show_label_help, ["F1"])
        self.shortcuts_action = a(self.tr("&Keyboard shortcuts"), self.show_shortcuts)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu(self.tr("&File"))
        for act in (self.open_db_action, self.new_db_action, None, self.import_action,
                    self.export_action, None, self.annotator_action, None, self.quit_action):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu(self.tr("&Edit"))
        for act in (self.undo_action, self.redo_action, None, self.delete_action,
                    self.edit_span_action, self.label_all_action, None, self.search_action,
                    self.corpus_search_action):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu(self.tr("&Go"))
        for act in (self.next_action, self.prev_action, None, self.done_next_action,
                    self.skip_action):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu(self.tr("&View"))
        for act in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action, None,
                    self.exact_action, self.only_mine_action):
            m.addSeparator() if act is None else m.addAction(act)
        lang_menu = m.addMenu(self.tr("&Language"))
        self.language_group = QActionGroup(self)
        for code, name in (("ar", "العربية"), ("en", "English")):
            act = QAction(name, self, checkable=True)
            act.setData(code)
            act.setChecked(code == self.lang)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(act)
            lang_menu.addAction(act)
        m.addSeparator()
        for dock in (self.navigator_dock, self.palette_dock, self.doc_labels_dock,
                     self.span_list_dock):
            m.addAction(dock.toggleViewAction())
        self.labelset_menu = bar.addMenu(self.tr("Label &set"))
        self.labelset_group = QActionGroup(self)
        self._rebuild_labelset_menu()
        m = bar.addMenu(self.tr("S&uggestions"))  # Alt+S is "Label &set"
        for act in (self.suggest_action, self.auto_suggest_action, None, self.accept_action,
                    self.reject_action, None,
                    self.accept_all_action, self.accept_term_action):
            m.addSeparator() if act is None else m.addAction(act)
        m = bar.addMenu(self.tr("&Help"))
        m.addAction(self.label_help_action)
        m.addAction(self.shortcuts_action)

    def _rebuild_labelset_menu(self) -> None:
        menu = self.labelset_menu
        menu.clear()
        for act in self.labelset_group.actions():
            self.labelset_group.removeAction(act)
        current = self.session.labelset.name
        for info in self.session.store.labelsets():
            act = QAction(f"{info.name} ({info.version})", self, checkable=True)
            act.setData(info.name)
            act.setChecked(info.name == current)
            act.triggered.connect(lambda _=False, n=info.name: self.choose_labelset(n))
            self.labelset_group.addAction(act)
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.tr("&Add label set from YAML file…"), self.add_labelset_dialog)

    def _connect(self) -> None:
        s = self.session
        s.documentChanged.connect(self._on_document_changed)
        s.spansChanged.connect(self._reload_spans)
        s.suggestionsChanged.connect(self._reload_suggestions)
        s.statusChanged.connect(self._reload_status)
        s.labelsetChanged.connect(self._on_labelset_changed)
        s.rowChanged.connect(self._queue_row_refresh)
        s.documentsChanged.connect(self.navigator.refresh)
        s.message.connect(self.show_message)
        self.view.hotkeyPressed.connect(self.on_hotkey)
        self.view.spanActivated.connect(self._on_span_activated)
        self.view.selectedSpanChanged.connect(self.span_list.select_span)
        self.view.fontSizeChanged.connect(self.settings.set_font_size)
        self.view.suggestionActivated.connect(self._on_suggestion_activated)
        self.view.boundaryAdjustRequested.connect(self.adjust_boundary)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        self.navigator.documentActivated.connect(self.open_document)
        self.palette.labelChosen.connect(self.apply_label)
        self.span_list.spanChosen.connect(self.select_span)
        self.span_list.deleteRequested.connect(self.delete_spans)
        self.span_list.editRequested.connect(self.edit_span)
        self.doc_labels.statusChosen.connect(self.set_status)
        self.doc_labels.labelChosen.connect(self.set_document_label)

    # ================================================================== helpers
    def show_message(self, text: str, timeout: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout)

    def push(self, command: StoreCommand) -> bool:
        """Run a command; False (and the reason shown) when the store refused it."""
        self.undo_stack.push(command)
        return command.error is None

    def _optional(self, module: str, name: str) -> Any:
        """A piece written elsewhere (dialogs, search), or None with a message if missing."""
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as exc:
            QMessageBox.warning(self, self.tr("Not available"),
                                self.tr("This feature is not available in this build:\n{0}")
                                .format(exc))
            return None

    def labelset_named(self, name: str) -> LabelSet | None:
        if name == self.session.labelset.name:
            return self.session.labelset
        try:
            return self.session.store.labelset(name)  # parsed once, cached by the store
        except StoreError:
            return None

    def _label_name(self, labelset_name: str, key: str) -> str:
        labelset = self.labelset_named(labelset_name)
        label = labelset.label(key) if labelset else None
        return label.display_name(self.lang) if label else key

    def label_of(self, span: SpanData) -> Label | None:
        labelset = self.labelset_named(span.labelset)
        return labelset.label(span.label) if labelset else None

    def _current_doc(self) -> int | None:
        doc = self.session.document_id
        if doc is None:
            self.show_message(self.tr("No document is open."))
        return doc

    # ================================================================== reloads
    def _on_document_changed(self, document_id: int | None) -> None:
        document = self.session.document
        self._span_cache.clear()
        self.view.set_article(document.text if document else "")
        self._shown_suggestions = None  # the view starts empty for a new article
        if self._search_bar is not None:
            self._search_bar.set_text(document.text if document else "")
        self._reload_spans()
        if document_id is not None and self.auto_suggest_action.isChecked():
            self._suggest_once(document_id)
        self._reload_suggestions()
        self._reload_status()
        self.navigator.show_document(document_id)
        self._update_header()
        if document_id is not None:
            self.settings.set_last_position(self.session.store.target, document_id, 0)

    def _update_header(self) -> None:
        document = self.session.document
        if document is None:
            self.header.setText(self.tr("No document"))
            return
        title = (document.title or document.external_id).replace("\n", " ")
        if len(title) > 160:
            title = title[:160] + "…"
        row = self.navigator.current_row()
        total = self.navigator.model.rowCount()
        where = f"{row + 1} / {total}" if row is not None else f"#{document.id}"
        self.header.setText(f"{where}   ·   {title}")
        self.header.setToolTip(plain_tooltip(
            f"#{document.id} · {document.corpus} · {document.external_id}"))

    def _span_view(self, span: SpanData) -> SpanView:
        label = self.label_of(span)
        name = label.display_name(self.lang) if label else span.label
        color = label.color if label else "#888888"
        mine = span.annotator == self.session.annotator
        tooltip = name if mine else self.tr("{0} — by {1}").format(name, span.annotator)
        for key, value in (span.attributes or {}).items():
            if value in (None, "", [], False):
                continue
            spec = next((a for a in label.attributes if a.key == key), None) if label else None
            shown = (spec.name.get(self.lang) or spec.name.get("en") or key) if spec else key
            if value is True:
                value = "✓"
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            tooltip += f"\n{shown}: {value}"
        if span.note:
            tooltip += "\n" + span.note
        return SpanView(span.id, span.start, span.end, color, name, tooltip)

    def _cached_span_view(self, span: SpanData) -> SpanView:
        # Span records are immutable and replaced on every change, so a view built for
        # the same record object is still right (saves ~5 µs × thousands per action).
        cached = self._span_views.get(span.id)
        if cached is not None and cached[0] is span:
            return cached[1]
        view = self._span_view(span)
        self._span_views[span.id] = (span, view)
        return view

    def _reload_spans(self) -> None:
        spans = self.session.spans()
        self._span_cache = {s.id: s for s in spans}
        if len(self._span_views) > 4 * len(spans) + 100:
            self._span_views = {}
        selected = self.view.selected_span_id()
        self.view.set_spans([self._cached_span_view(s) for s in spans])
        self.span_list.set_spans(spans, self.session.labelset)
        if selected is not None and selected in self._span_cache:
            self.view.set_selected_span(selected, scroll=False)
            self.span_list.select_span(selected)

    def _reload_suggestions(self) -> None:
        suggestions = self.session.suggestions()
        shown = (self.session.document_id, tuple(s.id for s in suggestions))
        if shown == self._shown_suggestions:
            return  # a span was added where no suggestion was: nothing to redraw
        self._shown_suggestions = shown
        items = []
        for sug in suggestions:
            labelset = self.labelset_named(sug.labelset)
            label = labelset.label(sug.label) if labelset else None
            name = label.display_name(self.lang) if label else sug.label
            tip = self.tr("Suggestion: {0} (A accept, R reject)").format(name)
            items.append(SpanView(sug.id, sug.start, sug.end,
                                  label.color if label else "#888888", name, tip))
        self.view.set_suggestions(items)

    def _reload_status(self) -> None:
        has_doc = self.session.document_id is not None
        self.doc_labels.set_values(self.session.status(), self.session.document_labels(),
                                   enabled=has_doc)

    def _forget_span_views(self, *_: object) -> None:
        self._span_views = {}
        self._shown_suggestions = None

    def _on_labelset_changed(self) -> None:
        self._forget_span_views()
        labelset = self.session.labelset
        self.palette.set_labelset(labelset)
        # Only label keys (and A/R for suggestions) are taken from typing in the article.
        self.view.set_hotkeys([lb.hotkey for lb in labelset.labels if lb.hotkey] + ["a", "r"])
        self.doc_labels.set_labelset(labelset)
        self.view.set_snapper(snapper_for_labelset(labelset, self._matcher()))
        self._reload_status()
        self.settings.set_labelset_name(self.session.store.target, labelset.name)
        for act in self.labelset_group.actions():
            act.setChecked(act.data() == labelset.name)

    def _queue_row_refresh(self, document_id: int) -> None:
        # Coalesced: a bulk action touching many documents refreshes each row once, after
        # the command has returned (keeps the hotkey-to-paint path short).
        if not self._pending_rows:
            QTimer.singleShot(0, self._flush_row_refresh)
        self._pending_rows.add(document_id)

    def _flush_row_refresh(self) -> None:
        pending, self._pending_rows = self._pending_rows, set()
        if len(pending) > 20:
            self.navigator.refresh()
        else:
            for doc in pending:
                self.navigator.refresh_document(doc)
        self._update_header()

    # ================================================================== documents
    def open_document(self, document_id: int) -> bool:
        return self.session.set_document(document_id)

    def go_neighbour(self, step: int) -> bool:
        current = self.session.document_id
        store = self.session.store
        if current is None:
            target = store.first_document_id()
        else:
            target = store.neighbour_document(current, step, annotator=self.session.annotator,
                                              status=self.navigator.status_filter())
        if target is None:
            self.show_message(self.tr("This is the last document.") if step > 0
                              else self.tr("This is the first document."))
            return False
        return self.open_document(target)

    def mark_done_and_next(self) -> None:
        self._set_status_and_next("done")

    def mark_skipped_and_next(self) -> None:
        self._set_status_and_next("skipped")

    def _set_status_and_next(self, status: str) -> None:
        doc = self._current_doc()
        if doc is None:
            return
        if self.session.status() != status and not self.push(
                SetStatus(self.session, doc, status)):
            return
        self.go_neighbour(1)

    def set_status(self, status: str) -> None:
        doc = self._current_doc()
        if doc is not None and status != self.session.status():
            self.push(SetStatus(self.session, doc, status))

    def set_document_label(self, key: str, value: str | None) -> None:
        doc = self._current_doc()
        if doc is None:
            return
        if self.session.document_labels().get(key) == value:
            return
        if not self.push(SetDocumentLabel(self.session, doc, key, value)):
            self._reload_status()

    # ================================================================== labelling
    def label_for_hotkey(self, key: str) -> Label | None:
        key = key.lower()
        for label in self.session.labelset.labels:
            if label.hotkey is not None and label.hotkey.lower() == key:
                return label
        return None

    def on_hotkey(self, key: str) -> None:
        key = key.lower()
        has_text_selection = self.view.selection_range() is not None
        if not has_text_selection and self.view.selected_suggestion_id() is not None \
                and key in ("a", "r"):
            if key == "a":
                self.accept_selected_suggestion()
            else:
                self.reject_selected_suggestion()
            return
        label = self.label_for_hotkey(key)
        if label is None:
            self.show_message(self.tr("No label has the key “{0}”.").format(key))
            return
        self.apply_label(label.key)

    def apply_label(self, key: str) -> None:
        """Label the text selection, or relabel the selected span, with ``key``."""
        doc = self._current_doc()
        if doc is None:
            return
        selection = self.view.selection_range()
        if selection is not None and selection[0] < selection[1]:
            self._add_span(doc, key, *selection)
            return
        span_id = self.view.selected_span_id()
        span = self._span(span_id) if span_id is not None else None
        if span is None:
            suggestion = self._selected_suggestion()
            if suggestion is not None:
                # A label key on a suggestion: label its range with the chosen label.
                self._add_span(doc, key, suggestion.start, suggestion.end)
                return
            self.show_message(self.tr("Select some text (or a span) first."))
            return
        if span.annotator != self.session.annotator:
            # Someone else's span: take its range as my own annotation, never edit theirs.
            self._add_span(doc, key, span.start, span.end)
            return
        if self.session.labelset.resolve(key) == span.label \
                and span.labelset == self.session.labelset.name:
            return
        if self.push(RelabelSpan(self.session, span.id, key)):
            self.view.set_selected_span(span.id, scroll=False)

    def _add_span(self, doc: int, key: str, start: int, end: int) -> None:
        command = AddSpan(self.session, doc, key, start, end)
        if self.push(command) and command.span is not None:
            # The new span becomes the selection: the next key relabels it, Delete removes it.
            self.view.clear_selection()
            self.view.set_selected_span(command.span.id, scroll=False)
            self.span_list.select_span(command.span.id)

    def _selected_suggestion(self):
        sug_id = self.view.selected_suggestion_id()
        if sug_id is None:
            return None
        return next((s for s in self.session.suggestions() if s.id == sug_id), None)

    def _span(self, span_id: int) -> SpanData | None:
        return self._span_cache.get(span_id) or self.session.span(span_id)

    def _own_span(self, span_id: int | None) -> SpanData | None:
        if span_id is None:
            self.show_message(self.tr("No span is selected."))
            return None
        span = self._span(span_id)
        if span is None:
            self.show_message(self.tr("That span no longer exists."))
            self.session.spansChanged.emit()
            return None
        if span.annotator != self.session.annotator:
            self.show_message(self.tr("That span belongs to {0}; it is not yours to change.")
                              .format(span.annotator))
            return None
        return span

    def select_span(self, span_id: int) -> None:
        self.view.set_selected_span(span_id, scroll=True)
        self.span_list.select_span(span_id)

    def _on_span_activated(self, span_id: int) -> None:
        self.span_list.select_span(span_id)

    def _on_suggestion_activated(self, suggestion_id: int) -> None:
        self.show_message(self.tr("Suggestion selected: A to accept, R to reject."))

    def delete_selected_span(self) -> None:
        if self.span_list.hasFocus() and self.span_list.selected_ids():
            self.delete_spans(self.span_list.selected_ids())
            return
        span = self._own_span(self.view.selected_span_id())
        if span is not None:
            self.delete_spans([span.id])

    def delete_spans(self, span_ids: list[int]) -> None:
        own = [s.id for s in (self._own_span(i) for i in span_ids) if s is not None]
        if own:
            self.push(DeleteSpans(self.session, own))
            self.view.set_selected_span(None, scroll=False)

    def adjust_boundary(self, span_id: int, which: str, delta: int) -> None:
        span = self._own_span(span_id)
        document = self.session.document
        if span is None or document is None:
            return
        start, end = span.start, span.end
        if which == "start":
            start = max(0, min(end - 1, start + delta))
        else:
            end = min(len(document.text), max(start + 1, end + delta))
        if (start, end) == (span.start, span.end):
            return
        if self.push(AdjustBoundary(self.session, span.id, start, end)):
            self.view.set_selected_span(span.id, scroll=False)

    def edit_selected_span(self) -> None:
        span_id = self.view.selected_span_id()
        if span_id is None and self.span_list.selected_ids():
            span_id = self.span_list.selected_ids()[0]
        self.edit_span(span_id)

    def edit_span(self, span_id: int | None) -> None:
        span = self._own_span(span_id)
        if span is None:
            return
        label = self.label_of(span)
        dialog_class = self._optional("ui.dialogs.span_editor", "SpanEditorDialog")
        if dialog_class is None or label is None:
            return
        try:
            dialog = dialog_class(self, span, label, self.lang)
        except TypeError:  # an editor without the language argument
            dialog = dialog_class(self, span, label)
        try:
            if not dialog.exec():
                return
            attributes, note = dict(dialog.attributes()), dialog.note()
        finally:
            dialog.deleteLater()
        if attributes != span.attributes or note != span.note:
            self.push(EditSpan(self.session, span.id, attributes, note))

    def label_all_dialog(self) -> None:
        """Label every occurrence of the selected text (or span text): choose the label and
        the scope (article or corpus), preview the occurrences, untick any, confirm."""
        document = self.session.document
        if document is None:
            return
        selection = self.view.selection_range()
        span_id = self.view.selected_span_id()
        span = self._span(span_id) if span_id is not None else None
        if selection is not None and selection[0] < selection[1]:
            query = document.text[selection[0]:selection[1]]
        elif span is not None:
            query = span.text
        else:
            self.show_message(self.tr("Select a word or a span first."))
            return
        keys = [lb.key for lb in self.session.labelset.labels]
        if span is not None and span.label in keys and selection is None:
            default = span.label
        else:
            default = self.palette.current_key() or (keys[0] if keys else "")
        self.label_all_occurrences(query, default, confirm=True)

    def label_all_occurrences(self, query: str, label: str, *, corpus: bool = False,
                              confirm: bool = False) -> int:
        """Bulk-label the (normalised, whole-word) occurrences of ``query`` this annotator
        has not labelled yet, in this article or the corpus; returns how many were added.
        With ``confirm`` a preview dialog (label, scope, every occurrence in context) comes
        first and only the occurrences left ticked are labelled."""
        document = self.session.document
        query = query.strip()
        if document is None or not query:
            return 0
        if len(query.split()) > LABEL_ALL_MAX_WORDS or _PARAGRAPH_BREAK.search(query):
            # Occurrences never cross a paragraph break, and the core's phrase search
            # backtracks exponentially in the number of words (a 30-word selection froze
            # the app): a term or phrase is what this action is for.
            self.show_message(self.tr("“Label all” works on a word or phrase of at most {0} "
                                      "words within one paragraph.")
                              .format(LABEL_ALL_MAX_WORDS))
            return 0
        try:
            from annotator.suggestions import label_all_occurrences
        except ImportError as exc:
            self.show_message(str(exc))
            return 0
        session = self.session

        def find(key: str, in_corpus: bool) -> list[tuple[int, int, int]]:
            return label_all_occurrences(session.store, None if in_corpus else document.id,
                                         query, key, session.labelset, session.annotator,
                                         preview=True)

        try:
            if confirm:
                from ui.dialogs.label_all_dialog import LabelAllDialog

                dialog = LabelAllDialog(self, session.store, session.labelset, query, label,
                                        find, self.lang, corpus)
                self.last_label_all_dialog = dialog
                try:
                    if dialog.exec() != QDialog.DialogCode.Accepted:
                        return 0
                    found, label = dialog.chosen(), dialog.label_key()
                finally:
                    self.last_label_all_dialog = None
                    dialog.deleteLater()
            else:
                found = find(label, corpus)
        except StoreError as exc:
            self.show_message(str(exc))
            return 0
        if not found:
            self.show_message(self.tr("No new occurrence of “{0}”.").format(query))
            return 0
        command = LabelAllOccurrences(
            session, label, [Occurrence(d, s, e) for d, s, e in found], document.id)
        if not self.push(command):
            return 0
        added = len(command.spans or [])
        self.show_message(self.tr("{0} occurrence(s) labelled.").format(added))
        return added

    # ================================================================== suggestions
    def _matcher(self):
        """The label set's lexicon, compiled once per label set (name and version)."""
        labelset = self.session.labelset
        key = (labelset.name, labelset.version, labelset.source)
        if self._matcher_cache is None or self._matcher_cache[0] != key:
            self._matcher_cache = (key, matcher_for_labelset(labelset))
        return self._matcher_cache[1]

    def _suggest(self, doc: int) -> int:
        from annotator.suggestions import suggest_document

        labelset = self.session.labelset
        return suggest_document(self.session.store, doc, self._matcher(), labelset,
                                source="lexicon:" + labelset.name)

    def _suggest_once(self, doc: int) -> None:
        """Pre-annotate an article when it opens: the label set's terms, matched once per
        article and label set in this window (stored suggestions persist, so reopening an
        article costs nothing); never blocks opening on an error."""
        key = (doc, self.session.labelset.name, self.session.labelset.version)
        if key in self._suggested or not any(lb.terms for lb in self.session.labelset.labels):
            return
        self._suggested.add(key)
        try:
            self._suggest(doc)
        except Exception as exc:  # noqa: BLE001 - a lexicon problem must not stop reading
            self.show_message(self.tr("Suggestions failed: {0}").format(exc))

    def set_auto_suggest(self, on: bool) -> None:
        self.settings.set_auto_suggest(on)
        doc = self._current_doc()
        if on and doc is not None:
            self._suggest_once(doc)
            self.session.changed(doc, spans=False, suggestions=True)

    def run_suggestions(self) -> None:
        doc = self._current_doc()
        if doc is None:
            return
        try:
            result = self._suggest(doc)
        except ImportError as exc:
            self.show_message(self.tr("Suggestions are not available: {0}").format(exc))
            return
        except (StoreError, ValueError) as exc:
            self.show_message(self.tr("Suggestions failed: {0}").format(exc))
            return
        self.session.changed(doc, spans=False, suggestions=True)
        pending = len(self.session.suggestions())
        self.show_message(self.tr("{0} new suggestion(s); {1} to review in this article.")
                          .format(result, pending))

    def accept_selected_suggestion(self) -> None:
        doc, sug = self.session.document_id, self.view.selected_suggestion_id()
        if doc is None or sug is None:
            self.show_message(self.tr("No suggestion is selected."))
            return
        self.push(AcceptSuggestions(self.session, [sug], doc))

    def reject_selected_suggestion(self) -> None:
        doc, sug = self.session.document_id, self.view.selected_suggestion_id()
        if doc is None or sug is None:
            self.show_message(self.tr("No suggestion is selected."))
            return
        self.push(RejectSuggestions(self.session, [sug], doc))

    def accept_all_in_article(self) -> None:
        doc = self._current_doc()
        ids = [s.id for s in self.session.suggestions()]
        if doc is None or not ids:
            self.show_message(self.tr("No pending suggestion in this article."))
            return
        self.push(AcceptSuggestions(self.session, ids, doc))

    def accept_term_in_corpus(self) -> None:
        doc, sug_id = self.session.document_id, self.view.selected_suggestion_id()
        sug = next((s for s in self.session.suggestions() if s.id == sug_id), None)
        if doc is None or sug is None:
            self.show_message(self.tr("Select a suggestion first."))
            return
        if not sug.term:
            self.show_message(self.tr("This suggestion has no lexicon term."))
            return
        ids = self.term_suggestion_ids(sug.term, sug.label, sug.labelset)
        if not ids:
            return
        docs = len({document_id for _, document_id in ids})
        answer = QMessageBox.question(
            self, self.tr("Accept in the whole corpus"),
            self.tr("Accept {0} suggestion(s) of “{1}” as {2} in {3} document(s)?").format(
                len(ids), sug.term, self._label_name(sug.labelset, sug.label), docs))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.push(AcceptSuggestions(self.session, [sid for sid, _ in ids], doc,
                                    self.tr("Accept “{0}” in corpus").format(sug.term)))

    def term_suggestion_ids(self, term: str, label: str, labelset: str) -> list:
        """Pending suggestions of ``term`` with ``label`` in the whole corpus (id, document)."""
        try:
            from annotator import suggestions as core
        except ImportError as exc:
            self.show_message(str(exc))
            return []
        return core.term_suggestions(self.session.store, term, label, self.session.annotator,
                                     labelset=labelset)

    # ================================================================== view options
    def zoom(self, step: int) -> None:
        if step == 0:
            self.view.set_font_point_size(DEFAULT_FONT_SIZE)
        else:
            self.view.zoom(step)
        self.settings.set_font_size(self.view.font_point_size())

    def set_exact_selection(self, on: bool) -> None:
        self.view.set_exact_selection(on)
        self.settings.set_exact_selection(on)

    def set_only_my_spans(self, on: bool) -> None:
        self.settings.set_only_my_spans(on)
        self.session.set_only_my_spans(on)
        if self.only_mine_action.isChecked() != on:
            self.only_mine_action.setChecked(on)

    def set_language(self, lang: str) -> None:
        if lang == self.lang:
            return
        self.settings.set_language(lang)
        if self.relaunch is not None:  # the app rebuilds this window in the new language
            QTimer.singleShot(0, lambda: self.relaunch and self.relaunch(lang))
            return
        QMessageBox.information(
            self, self.tr("Language"),
            self.tr("The interface language changes the next time the app starts."))

    def show_search_bar(self) -> None:
        if self._search_bar is None:
            bar_class = self._optional("ui.search", "SearchBar")
            if bar_class is None:
                return
            bar = bar_class(self.centralWidget())
            bar.hitsChanged.connect(lambda hits: self.view.set_search_hits(
                [tuple(h) for h in hits], None))
            bar.currentHitChanged.connect(self._on_current_hit)
            self.central_layout.insertWidget(1, bar)
            document = self.session.document
            bar.set_text(document.text if document else "")
            self._search_bar = bar
        self._search_bar.activate()

    def _on_current_hit(self, start: int, end: int) -> None:
        bar = self._search_bar
        hits = bar.hits() if bar is not None else []
        current = bar.current_index() if bar is not None else None
        self.view.set_search_hits(hits, current)
        self.view.scroll_to(start)

    def corpus_search_dialog(self) -> None:
        dialog_class = self._optional("ui.search", "CorpusSearchDialog")
        if dialog_class is None:
            return
        dialog = dialog_class(self, self.session.store)
        dialog.documentChosen.connect(self._go_to_hit)
        dialog.show()

    def _go_to_hit(self, document_id: int, start: int, end: int) -> None:
        if self.open_document(document_id):
            self.view.select_range(start, end)
            self.view.scroll_to(start)

    # ================================================================== label sets
    def choose_labelset(self, name: str) -> None:
        try:
            labelset = self.session.store.labelset(name)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Label set"), str(exc))
            return
        self.session.set_labelset(labelset)

    def add_labelset_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Add a label set"), "",
                                              self.tr("Label sets (*.yaml *.yml)"))
        if path:
            self.add_labelset_file(path)

    def add_labelset_file(self, path: str) -> bool:
        """Validate, register and switch to a YAML label set; errors go to a dialog."""
        title = self.tr("Label set not added")
        try:
            from ui.dialogs.worker import run_off_gui_thread

            # parsed on a worker thread: a large or hostile file never freezes the window
            labelset = run_off_gui_thread(self, lambda: load_labelset(path))
            outcome = self.session.store.add_labelset(labelset)
        except LabelSetError as exc:
            problems = [str(p) for p in exc.problems]
            self.error_box(title, self.tr("The file has {0} problem(s):").format(len(problems)),
                           "\n".join(problems))
            return False
        except Exception as exc:  # noqa: BLE001 - malformed YAML of any kind must not crash
            self.error_box(title, self.tr("The file could not be used:"), str(exc) or repr(exc))
            return False
        self._rebuild_labelset_menu()
        self.choose_labelset(labelset.name)
        messages = {
            "added": self.tr("Label set {0} added."),
            "updated": self.tr("Label set {0} updated (same version, same labels)."),
            "unchanged": self.tr("Label set {0} is already in this database, unchanged."),
        }
        self.show_message(messages.get(outcome, messages["added"]).format(labelset.name))
        return True

    def error_box(self, title: str, text: str, details: str = "") -> QMessageBox:
        """A window-modal error that does not block the event loop (the app keeps working)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self)
        if details:
            first = details.splitlines()[0] if details.splitlines() else details
            box.setInformativeText(first[:500])
            box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_error_box = box
        box.open()
        return box

    # ================================================================== databases
    def open_database_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), "",
                                              self.tr("Annotation databases (*.db *.sqlite);;"
                                                      "All files (*)"))
        if path:
            self.switch_database(path)

    def new_database_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New database"), "annotations.db",
                                              self.tr("Annotation databases (*.db)"))
        if path:
            self.switch_database(path, seed=True)

    def switch_database(self, target: str, *, seed: bool = False) -> bool:
        try:
            store = Store.open(target)
            store.document_count()  # a file that is not a database fails here, not later
            if seed:
                from annotator.seed import ensure_seeded

                ensure_seeded(store)
        except Exception as exc:  # noqa: BLE001 - any failure to open must leave us working
            QMessageBox.critical(self, self.tr("Cannot open database"),
                                 self.tr("“{0}” could not be opened:\n{1}").format(target, exc))
            return False
        self.save_position()
        old = self.session.store
        self.undo_stack.clear()  # commands refer to the old database's ids
        self.navigator.model.set_store(store)
        self.session.set_store(store)
        old.close()
        self.settings.set_last_database(target)
        self._rebuild_labelset_menu()
        self.setWindowTitle(self._title())
        self.restore_position()
        self.databaseOpened.emit(target)
        return True

    def import_dialog(self) -> None:
        run_import = self._optional("ui.dialogs.import_dialog", "run_import")
        if run_import is not None and run_import(self, self.session.store,
                                                 annotator=self.session.annotator):
            self.session.refresh()
            if self.session.document_id is None:
                self.go_neighbour(1)

    def export_dialog(self) -> None:
        run_export = self._optional("ui.dialogs.export_dialog", "run_export")
        if run_export is not None:
            run_export(self, self.session.store, self.session.annotator)

    def change_annotator_dialog(self) -> None:
        ask = self._optional("ui.dialogs.annotator_dialog", "ask_annotator_name")
        if ask is None:
            return
        name = ask(self, self.session.annotator, self.session.store)
        if name:
            self.set_annotator(name)

    def set_annotator(self, name: str) -> None:
        self.settings.set_annotator_name(name)
        self.navigator.model.set_annotator(name)
        self.session.set_annotator(name)
        self.navigator.show_document(self.session.document_id)
        self.setWindowTitle(self._title())

    # ================================================================== help
    def show_label_help(self) -> None:
        key = self.palette.current_key()
        span_id = self.view.selected_span_id()
        span = self._span(span_id) if span_id is not None else None
        if span is not None and span.labelset == self.session.labelset.name:
            key = span.label
        show = None
        try:
            show = importlib.import_module("ui.dialogs.label_help").show_label_help
        except (ImportError, AttributeError):
            pass
        if show is not None and key:
            show(self, self.session.labelset, key, self.lang)
        else:
            self.palette_dock.show()
            self.palette.show_help(key)

    def shortcuts_text(self) -> str:
        rows = [
            (self.tr("Label the selection / relabel the selected span"),
             self.tr("the label's key (1, 2, …)")),
            (self.tr("Cycle through spans"), "Tab / Shift+Tab"),
            (self.tr("Move span start / end"), "Alt+←/→ · Alt+Shift+←/→"),
            (self.tr("Delete span"), "Delete / Backspace"),
            (self.tr("Edit span"), "Enter / double-click"),
            (self.tr("Accept / reject suggestion"), "A / R"),
            (self.tr("Suggest from the lexicon in this article"), "Ctrl+Shift+G"),
            (self.tr("Label all occurrences (with a preview)"), "Ctrl+L"),
            (self.tr("Undo / redo"), "Ctrl+Z · Ctrl+Shift+Z / Ctrl+Y"),
            (self.tr("Next / previous document"), "Ctrl+PgDown / Ctrl+PgUp · Alt+↓/↑"),
            (self.tr("Mark done and go to the next"), "Ctrl+Enter"),
            (self.tr("Find in article / corpus"), "Ctrl+F / Ctrl+Shift+F"),
            (self.tr("Zoom"), "Ctrl++ / Ctrl+- / Ctrl+0"),
            (self.tr("Label help"), "F1"),
        ]
        return "\n".join(f"{keys}\t{what}" for what, keys in rows)

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), self.shortcuts_text())

    # ================================================================== persistence
    def restore_layout(self) -> None:
        geometry, state = self.settings.window_geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # First start: most of the screen, and the article gets most of the width.
            screen = self.screen().availableGeometry() if self.screen() else None
            width = min(1500, int(screen.width() * 0.95)) if screen else 1280
            height = min(950, int(screen.height() * 0.92)) if screen else 800
            self.resize(width, height)
            self.resizeDocks([self.navigator_dock, self.palette_dock],
                             [max(200, width // 6), max(280, width // 4)],
                             Qt.Orientation.Horizontal)
        if state is not None:
            self.restoreState(state)

    def restore_position(self) -> None:
        """Reopen the document (and scroll position) last shown for this database."""
        target = self.session.store.target
        doc, offset = self.settings.last_position(target)
        opened = False
        if doc is not None:
            try:
                self.session.store.document(doc)
                opened = self.open_document(doc)
            except StoreError:
                opened = False
        if not opened:
            first = self.session.store.first_document_id()
            if first is not None:
                self.open_document(first)
                offset = 0
            else:
                self.session.set_document(None)
        if opened and offset:
            self.settings.set_last_position(target, doc, offset)
            self.view.scroll_to(offset)
            QTimer.singleShot(0, lambda: self.view.scroll_to(offset))

    def save_position(self) -> None:
        doc = self.session.document_id
        if doc is not None:
            self.settings.set_last_position(self.session.store.target, doc,
                                            self.view.first_visible_offset())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_position()
        self.settings.set_window_layout(self.saveGeometry(), self.saveState())
        self.settings.sync()
        # Commands must not outlive the window's signals (Qt pitfall).
        self.undo_stack.blockSignals(True)
        self.undo_stack.clear()
        super().closeEvent(event)

    # ================================================================== events
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.ActivationChange:
            if not self.isActiveWindow():
                self._was_inactive = True
            elif self._was_inactive:
                self._was_inactive = False
                self.refresh_from_store()
        super().changeEvent(event)

    def refresh_from_store(self) -> None:
        """Another instance may have written: re-read the list, spans and status."""
        self.session.refresh()
        self._update_header()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods == Qt.KeyboardModifier.NoModifier:
                if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) \
                        and self.view.selected_span_id() is not None:
                    self.delete_selected_span()
                    return True
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                        and self.view.selected_span_id() is not None:
                    self.edit_selected_span()
                    return True
        elif watched is self.view.viewport() and \
                event.type() == QEvent.Type.MouseButtonDblClick:
            # Let the view handle the click first (it selects the span under the mouse).
            QTimer.singleShot(0, self._after_double_click)
        return super().eventFilter(watched, event)

    def _after_double_click(self) -> None:
        if self.view.selected_span_id() is not None:
            self.edit_selected_span()
