"""The comments dock: keeps the panel and the article's span badges in step with the
open document, the selected span and other people's writes, and sends what the user
writes to :mod:`annotator.team.comments`.

Other connections' comments arrive through the window's one external-change poll
(:class:`~ui.controllers.files.FilesController` → ``Session.refresh``, which emits
``documentsChanged``); nothing here polls by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from annotator.errors import AnnotatorError
from annotator.team.comments import add_comment, resolve_thread
from ui.controllers.base import Controller, tr_
from ui.team.comments_model import CommentsModel
from ui.team.comments_view import CommentsPanel
from ui.textview import SpanNote

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow
    from ui.team.decisions_controller import DecisionsController


class CommentsController(Controller):
    def __init__(self, window: MainWindow, decisions: DecisionsController):
        super().__init__(window)
        self.decisions = decisions
        self.model = CommentsModel()
        self.panel = CommentsPanel(window)
        # Under the article: comments are sentences and want its width; the side docks
        # (labels, spans) keep their height.
        area = Qt.DockWidgetArea.BottomDockWidgetArea
        self.dock: QDockWidget = window._dock(self.panel, tr_("Comments"), "CommentsDock", area)
        s = self.session
        for signal in (s.documentChanged, s.documentsChanged, s.annotatorChanged, s.storeChanged):
            signal.connect(self.reload)
        self.view.selectedSpanChanged.connect(self.show_selected)
        self._stale = False
        self.dock.visibilityChanged.connect(self._on_visibility)
        self.panel.commentRequested.connect(self.add)
        self.panel.replyRequested.connect(self.reply)
        self.panel.resolveRequested.connect(self.resolve)
        self.panel.spanRequested.connect(self.select_span)
        self.reload()

    # ------------------------------------------------------------------ reading
    def reload(self, *_: object) -> None:
        """Re-read the visible threads (document opened, someone else wrote, new viewer)."""
        try:
            self.model.load(self.session.store, self.session.document_id, self.session.annotator)
        except AnnotatorError as exc:
            self.model.load(self.session.store, None, self.session.annotator)
            self.show_message(str(exc))
        self.show_selected(self.view.selected_span_id())
        self.push_notes()

    def show_selected(self, span_id: int | None) -> None:
        """Fill the panel for the selected span — only while the dock is open: a label key
        selects the new span, and a closed panel must cost the key nothing."""
        if not self.dock.isVisible():
            self._stale = True
            return
        self._stale = False
        span = self.session.span(span_id) if span_id is not None else None
        texts = {}
        for thread in self.model.on_other_spans(span_id):
            other = self.session.span(thread.span_id) if thread.span_id is not None else None
            if other is not None:
                texts[other.id] = other.text
        self.panel.show_model(
            self.model, span.id if span else None, span.text if span else "", texts
        )

    def _on_visibility(self, visible: bool) -> None:
        if visible and self._stale:
            self.show_selected(self.view.selected_span_id())

    def select_span(self, span_id: int) -> None:
        """A thread on another span was activated: select that span in the article."""
        self.window.labelling.select_span(span_id)
        if self.view.selected_span_id() != span_id:
            self.show_message(
                tr_("That span is not shown: turn off View ▸ Show only my spans to see it.")
            )

    def push_notes(self) -> None:
        """Badges (comment counts) and hover lines (counts, the curator's decision)."""
        notes = {}
        decided = self.decisions.tooltips()
        for span_id in set(self.model.counts) | set(decided):
            count = self.model.counts.get(span_id, 0)
            lines = [tr_("Comments: {n}").format(n=count)] if count else []
            if span_id in decided:
                lines.append(decided[span_id])
            notes[span_id] = SpanNote(str(count) if count else "", "\n".join(lines))
        self.view.set_span_notes(notes)

    # ------------------------------------------------------------------ writing
    def _write(self, action, focus: int | None = None) -> None:
        try:
            written = action()
        except AnnotatorError as exc:
            self.panel.message.setText(str(exc))
            return
        self.session.watcher.acknowledge()  # our own commit is not news from elsewhere
        self.panel.written()
        self.reload()
        target = written if isinstance(written, int) else focus
        if target is not None:
            self.panel.select_comment(target)

    def add(self, body: str, span_id: int | None) -> None:
        doc = self.current_doc()
        if doc is None:
            return
        me = self.session.annotator
        self._write(lambda: add_comment(self.session.store, doc, me, body, span_id=span_id))

    def reply(self, parent_id: int, body: str) -> None:
        doc = self.current_doc()
        if doc is None:
            return
        me = self.session.annotator
        self._write(lambda: add_comment(self.session.store, doc, me, body, parent_id=parent_id))

    def resolve(self, comment_id: int, resolved: bool) -> None:
        me = self.session.annotator
        self._write(
            lambda: resolve_thread(self.session.store, comment_id, me, resolved=resolved),
            focus=comment_id,
        )

    # ------------------------------------------------------------------ menu
    def show_panel(self) -> None:
        """Team ▸ Comments: show the dock and put the keyboard in the writing box."""
        self.dock.show()
        self.dock.raise_()
        self.panel.editor.setFocus()
