"""Moving through the corpus and the document's own status and labels."""

from __future__ import annotations

from annotator.editing import next_not_done
from ui.controllers.base import Controller, tr_


class DocumentsController(Controller):
    def open_document(self, document_id: int) -> bool:
        return self.session.set_document(document_id)

    def go_neighbour(self, step: int) -> bool:
        current = self.session.document_id
        store = self.session.store
        if current is None:
            target = store.first_document_id()
        else:
            target = store.neighbour_document(
                current,
                step,
                annotator=self.session.annotator,
                status=self.window.navigator.status_filter(),
                source=self.window.navigator.source_filter(),
            )
        if target is None:
            self.show_message(
                tr_("This is the last document.")
                if step > 0
                else tr_("This is the first document.")
            )
            return False
        return self.open_document(target)

    def mark_done_and_next(self) -> None:
        """Ctrl+Enter: done, then the next document that is not done (wrapping)."""
        if not self._set_status("done"):
            return
        found = next_not_done(self.session.store, self.session.document_id, self.session.annotator)
        if found.document_id is None:
            self.show_message(tr_("Every document is done."), 0)
            return
        self.open_document(found.document_id)
        if found.wrapped:
            self.show_message(
                tr_("Back to the first document not done; {0} remain.").format(found.remaining)
            )
        else:
            self.show_message(tr_("{0} document(s) not done remain.").format(found.remaining))

    def mark_skipped_and_next(self) -> None:
        if self._set_status("skipped"):
            self.go_neighbour(1)

    def _set_status(self, status: str) -> bool:
        doc = self.current_doc()
        if doc is None:
            return False
        self.history.run(lambda: self.session.editor.set_status(doc, status))
        return self.history.last_error is None

    def set_status(self, status: str) -> None:
        doc = self.current_doc()
        if doc is not None:
            self.history.run(lambda: self.session.editor.set_status(doc, status))

    def set_document_label(self, key: str, value: str | None) -> None:
        doc = self.current_doc()
        if doc is None:
            return
        self.history.run(lambda: self.session.editor.set_document_label(doc, key, value))
        if self.history.last_error is not None:
            self.window.article.reload_status()
