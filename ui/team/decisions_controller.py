"""The decisions dock: the curator's decisions on my spans in the open document, re-read
when the document, my spans or someone else's work (the window's poll) changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from annotator.errors import AnnotatorError
from annotator.records import SpanData
from ui.controllers.base import Controller, tr_
from ui.team.decisions_model import DecisionsModel, decision_name
from ui.team.decisions_view import DecisionsPanel

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow


class DecisionsController(Controller):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.model = DecisionsModel()
        self.panel = DecisionsPanel(window)
        # Under the article: comments are sentences and want its width; the side docks
        # (labels, spans) keep their height.
        area = Qt.DockWidgetArea.BottomDockWidgetArea
        self.dock: QDockWidget = window._dock(
            self.panel, tr_("Curator's decisions"), "DecisionsDock", area
        )
        self.on_reload = lambda: None  # set by the team controller: redraw the span notes
        # A label key changes my spans many times a second: re-read once they settle.
        self._soon = QTimer(window)
        self._soon.setSingleShot(True)
        self._soon.setInterval(300)
        self._soon.timeout.connect(self.reload)
        s = self.session
        for signal in (s.documentChanged, s.documentsChanged, s.annotatorChanged, s.storeChanged):
            signal.connect(self.reload)
        s.spansChanged.connect(self._soon.start)
        s.spansUpdated.connect(self._soon.start)  # an edit's delta (a label key, an undo)
        self.panel.spanChosen.connect(self._choose)
        self._stale = False
        self.dock.visibilityChanged.connect(self._on_visibility)
        self.reload()

    def reload(self, *_: object) -> None:
        self._soon.stop()
        try:
            self.model.load(self.session.store, self.session.document_id, self.session.annotator)
        except AnnotatorError as exc:
            self.model.load(self.session.store, None, self.session.annotator)
            self.show_message(str(exc))
        self._show()
        self.on_reload()

    def _show(self) -> None:
        """Fill the table — only while the dock is open (it lists the document's spans; a
        closed dock must not slow opening the next article)."""
        if not self.dock.isVisible():
            self._stale = True
            return
        self._stale = False
        self.panel.show_model(
            self.model, self.session.my_spans(), self.session.annotator, self._label_name
        )

    def _on_visibility(self, visible: bool) -> None:
        if visible and self._stale:
            self._show()

    def _label_name(self, span: SpanData) -> str:
        return self.window.article.label_name(span.labelset, span.label)

    def tooltips(self) -> dict[int, str]:
        """Span id → "Curator: taken as is" for the span hover."""
        return {
            span_id: tr_("Curator: {decision}").format(decision=decision_name(decision))
            for span_id, decision in self.model.by_span.items()
        }

    def _choose(self, span_id: int) -> None:
        self.window.labelling.select_span(span_id)
        self.refocus()

    def show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.table.setFocus()
