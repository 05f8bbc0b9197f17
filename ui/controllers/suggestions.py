"""Lexicon suggestions: run the matcher, accept or reject one, all, or a term corpus-wide.

Only the active label set's suggestions are shown and accepted (the session filters, the
core's accept-all refuses others); switching the set recomputes them for the open article.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from annotator.lexicon import matcher_for_labelset
from annotator.store import StoreError
from ui.controllers.base import Controller, tr_
from ui.richtext import literal


class SuggestionsController(Controller):
    def __init__(self, window: Any):
        super().__init__(window)
        self._matcher_cache: tuple[tuple[str, str, str], Any] | None = None
        self._suggested: set[tuple[int, str, str]] = set()  # (doc, labelset, version) done

    # ------------------------------------------------------------------ matching
    def matcher(self) -> Any:
        """The label set's lexicon, compiled once per label set (name and version)."""
        labelset = self.session.labelset
        key = (labelset.name, labelset.version, labelset.source)
        if self._matcher_cache is None or self._matcher_cache[0] != key:
            self._matcher_cache = (key, matcher_for_labelset(labelset))
        return self._matcher_cache[1]

    def _suggest(self, doc: int) -> int:
        from annotator.suggestions import suggest_document

        labelset = self.session.labelset
        made = suggest_document(
            self.session.store, doc, self.matcher(), labelset, source="lexicon:" + labelset.name
        )
        self.session.watcher.acknowledge()  # this window's own write
        return made

    def suggest_on_open(self, doc: int) -> None:
        if self.window.auto_suggest_action.isChecked():
            self._suggest_once(doc)

    def _suggest_once(self, doc: int) -> None:
        """Pre-annotate an article: the label set's terms, matched once per article and
        label set in this window (stored suggestions persist, so reopening an article
        costs nothing); never blocks opening on an error."""
        key = (doc, self.session.labelset.name, self.session.labelset.version)
        if key in self._suggested or not any(lb.terms for lb in self.session.labelset.labels):
            return
        self._suggested.add(key)
        try:
            self._suggest(doc)
        except Exception as exc:  # noqa: BLE001 - a lexicon problem must not stop reading
            self.show_message(tr_("Suggestions failed: {0}").format(exc))

    def on_labelset_changed(self) -> None:
        """The active set changed: its own suggestions replace the old set's."""
        doc = self.session.document_id
        if doc is not None and self.window.auto_suggest_action.isChecked():
            self._suggest_once(doc)
            self.session.changed(doc, spans=False, suggestions=True)

    def set_auto_suggest(self, on: bool) -> None:
        self.window.settings.set_auto_suggest(on)
        doc = self.session.document_id
        if on and doc is not None:
            self._suggest_once(doc)
            self.session.changed(doc, spans=False, suggestions=True)

    def run_suggestions(self) -> None:
        doc = self.current_doc()
        if doc is None:
            return
        try:
            result = self._suggest(doc)
        except (StoreError, ValueError) as exc:
            self.show_message(tr_("Suggestions failed: {0}").format(exc))
            return
        self.session.changed(doc, spans=False, suggestions=True)
        pending = len(self.session.suggestions())
        self.show_message(
            tr_("{0} new suggestion(s); {1} to review in this article.").format(result, pending)
        )

    # ------------------------------------------------------------------ review
    def accept_selected_suggestion(self) -> None:
        doc, sug = self.session.document_id, self.window.labelling.selected_suggestion()
        if doc is None or sug is None:
            self.show_message(tr_("No suggestion is selected."))
            return
        if self.history.run(lambda: self.session.editor.accept_suggestions(doc, [sug.id])):
            self.show_message(
                tr_("Suggestion accepted as {0}.").format(
                    self.window.article.label_name(sug.labelset, sug.label)
                )
            )

    def reject_selected_suggestion(self) -> None:
        doc, sug = self.session.document_id, self.window.labelling.selected_suggestion()
        if doc is None or sug is None:
            self.show_message(tr_("No suggestion is selected."))
            return
        if self.history.run(lambda: self.session.editor.reject_suggestions(doc, [sug.id])):
            self.show_message(tr_("Suggestion rejected."))

    def accept_all_in_article(self, confirm: bool = True) -> int:
        """Ask with the count, accept the active set's pending suggestions in one step,
        and say how many spans that created."""
        doc = self.current_doc()
        pending = self.session.suggestions()
        if doc is None or not pending:
            self.show_message(tr_("No pending suggestion in this article."))
            return 0
        if confirm:
            answer = QMessageBox.question(
                self.window,
                tr_("Accept all in this article"),
                tr_("Accept {0} suggestion(s) in this article as spans?").format(len(pending)),
            )
            self.refocus()
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        changes = self.history.run(lambda: self.session.editor.accept_all(doc, pending))
        if changes is None:
            return 0
        made = len(changes.spans_added)
        self.show_message(
            tr_("{0} suggestion(s) accepted; {1} span(s) created.").format(len(pending), made)
        )
        return made

    def accept_term_in_corpus(self) -> None:
        doc, sug = self.session.document_id, self.window.labelling.selected_suggestion()
        if doc is None or sug is None:
            self.show_message(tr_("Select a suggestion first."))
            return
        if not sug.term:
            self.show_message(tr_("This suggestion has no lexicon term."))
            return
        from annotator import suggestions as core

        ids = core.term_suggestions(
            self.session.store, sug.term, sug.label, self.session.annotator, labelset=sug.labelset
        )
        if not ids:
            return
        docs = len({document_id for _, document_id in ids})
        answer = QMessageBox.question(
            self.window,
            tr_("Accept in the whole corpus"),
            # the term and label name come from the label set: shown literally, never markup
            literal(
                tr_("Accept {0} suggestion(s) of “{1}” as {2} in {3} document(s)?").format(
                    len(ids),
                    sug.term,
                    self.window.article.label_name(sug.labelset, sug.label),
                    docs,
                )
            ),
        )
        self.refocus()
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.history.run(
            lambda: self.session.editor.accept_suggestions(
                doc, [sid for sid, _ in ids], tr_("Accept “{0}” in corpus").format(sug.term)
            )
        )
