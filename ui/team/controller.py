"""The main window's team menu: my queue, the agreement panel, the curation view, and
the comments and curator's-decisions docks.

Rows in :mod:`ui.controllers.actions` call these methods; each opens a team window on
the session's store and forwards "open this document" to the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer

from ui.controllers.base import Controller, tr_

COMMENTS_HEIGHT = 230  # pixels: a few threads, the writing box and its buttons


class TeamController(Controller):
    def __init__(self, window: Any):
        super().__init__(window)
        self.windows: list[Any] = []  # keep non-modal windows alive
        from ui.team.comments_controller import CommentsController
        from ui.team.decisions_controller import DecisionsController

        self.decisions = DecisionsController(window)
        self.comments = CommentsController(window, self.decisions)
        self.decisions.on_reload = self.comments.push_notes
        # One place under the article for both, as tabs.
        window.tabifyDockWidget(self.decisions.dock, self.comments.dock)
        direction = "rtl" if window.is_rtl() else "ltr"
        if window.settings.window_state(direction) is None:
            # First start: closed (a lone annotator has no use for them; the article keeps
            # its height). Team ▸ Comments / Curator's decisions or View opens them as a
            # strip under the article; the window's saved layout remembers them after that.
            self.comments.dock.hide()
            self.decisions.dock.hide()
            self._strip_height_pending = True
        else:
            self._strip_height_pending = False

    def _first_show(self) -> None:
        """The first time a dock is opened on a fresh layout: a strip, not half the window."""
        if self._strip_height_pending:
            self._strip_height_pending = False
            window = self.window
            QTimer.singleShot(
                0,
                lambda: window.resizeDocks(
                    [self.comments.dock], [COMMENTS_HEIGHT], Qt.Orientation.Vertical
                ),
            )

    def show_comments(self) -> None:
        self._first_show()
        self.comments.show_panel()

    def show_decisions(self) -> None:
        self._first_show()
        self.decisions.show_panel()

    def _keep(self, widget: Any) -> None:
        self.windows = [w for w in self.windows if w.isVisible()] + [widget]
        widget.show()
        widget.raise_()

    def show_queue(self) -> None:
        from ui.team.queue_panel import QueuePanel

        panel = QueuePanel(self.session.store, self.session.annotator, self.window)
        panel.open_document.connect(self.window.documents.open_document)
        self._keep(panel)

    def show_agreement(self) -> None:
        from ui.team.agreement_panel import AgreementPanel

        panel = AgreementPanel(self.session.store, self.window)
        panel.open_document.connect(self.window.documents.open_document)
        self._keep(panel)

    def show_curation(self) -> None:
        from annotator.team.curation import curation_queue
        from annotator.team.roles import role
        from ui.team.curation_view import CurationView

        store, me = self.session.store, self.session.annotator
        if role(store, me) != "curator":
            self.show_message(
                tr_(
                    "Curation is for a curator: {name} is an annotator "
                    "(annotator adjudicate --curator NAME makes one)."
                ).replace("{name}", me)
            )
            return
        ids = [doc_id for doc_id, _external, _status in curation_queue(store, me)]
        if not ids:
            self.show_message(tr_("No document has two annotators done yet."))
            return
        view = CurationView(store, me, self.session.labelset, ids, self.window)
        current = self.session.document_id
        if current in ids:
            view.position = ids.index(current)
            view.load()
        view.finished.connect(lambda _result: self.window.refresh_from_store())
        self._keep(view)
