"""Label keys, span edits and label-all: the window's intents handed to the core editor.

What a key does (label the selection, relabel my span, copy someone else's, label a
suggestion's range), who may change a span and how boundaries clamp are core rules
(:mod:`annotator.editing.rules`); this controller only reads what is selected, runs the
edit through the history, and puts the selection and focus where the user expects them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from annotator.editing import EditRefused, Target, check_query, preview_label_all
from annotator.records import SpanData, SuggestionData
from annotator.store import StoreError
from ui.commands import refusal_text
from ui.controllers.base import Controller, tr_


class LabellingController(Controller):
    # ------------------------------------------------------------------ selection
    def selected_suggestion(self) -> SuggestionData | None:
        sug_id = self.view.selected_suggestion_id()
        if sug_id is None:
            return None
        return next((s for s in self.session.suggestions() if s.id == sug_id), None)

    def target(self) -> Target:
        selection = self.view.selection_range()
        return Target(
            selection=selection,
            span=self.window.article.span(self.view.selected_span_id()),
            suggestion=self.selected_suggestion(),
        )

    def _own(self, span_id: int | None) -> SpanData | None:
        span = self.window.article.span(span_id)
        if span_id is not None and span is None:
            self.show_message(tr_("That span no longer exists."))
            self.session.spansChanged.emit()
            return None
        try:
            return self.session.editor.own(span)
        except EditRefused as exc:
            self.show_message(
                refusal_text(exc) if exc.code == "not_owner" else tr_("No span is selected.")
            )
            return None

    # ------------------------------------------------------------------ label keys
    def on_hotkey(self, key: str) -> None:
        key = key.lower()
        if (
            self.view.selection_range() is None
            and key in ("a", "r")
            and self.view.selected_suggestion_id() is not None
        ):
            if key == "a":
                self.window.suggestions.accept_selected_suggestion()
            else:
                self.window.suggestions.reject_selected_suggestion()
            return
        label = self.session.labelset.label_for_hotkey(key)
        if label is None:
            self.show_message(tr_("No label has the key “{0}”.").format(key))
            return
        self.apply_label(label.key)

    def apply_label(self, key: str) -> None:
        """The label key or palette click: the core decides what it means."""
        doc = self.current_doc()
        if doc is None:
            return
        had_selection = self.view.selection_range() is not None
        changes = self.history.run(
            lambda: self.session.editor.press_label_key(doc, key, self.target())
        )
        if changes is None or changes.focus_span is None:
            return
        # The new span becomes the selection: the next key relabels it, Delete removes it.
        # The spans table follows through the view's selectedSpanChanged (or, for the span
        # that was selected already, when the delta moved its row).
        if had_selection:
            self.view.clear_selection()
        self.view.set_selected_span(changes.focus_span, scroll=False)
        self.show_message(
            tr_("Labelled as {0}.").format(
                self.window.article.label_name(self.session.labelset.name, key)
            )
        )

    def select_span(self, span_id: int) -> None:
        self.view.set_selected_span(span_id, scroll=True)
        self.window.span_list.select_span(span_id)

    # ------------------------------------------------------------------ span edits
    def delete_selected_span(self) -> None:
        span_list = self.window.span_list
        if span_list.hasFocus() and span_list.selected_ids():
            self.delete_spans(span_list.selected_ids())
            return
        span_id = self.view.selected_span_id()
        if span_id is None:
            self.show_message(tr_("No span is selected."))
            return
        self.delete_spans([span_id])

    def delete_spans(self, span_ids: list[int]) -> None:
        own = [s for s in (self._own(i) for i in span_ids) if s is not None]
        if own and self.history.run(lambda: self.session.editor.delete_spans(own)):
            self.view.set_selected_span(None, scroll=False)

    def adjust_boundary(self, span_id: int, which: str, delta: int) -> None:
        span = self._own(span_id)
        document = self.session.document
        if span is None or document is None:
            return
        if self.history.run(
            lambda: self.session.editor.adjust_boundary(span, which, delta, len(document.text))
        ):
            self.view.set_selected_span(span.id, scroll=False)

    def edit_selected_span(self) -> None:
        span_id = self.view.selected_span_id()
        if span_id is None and self.window.span_list.selected_ids():
            span_id = self.window.span_list.selected_ids()[0]
        self.edit_span(span_id)

    def edit_span(self, span_id: int | None) -> None:
        span = self._own(span_id)
        if span is None:
            return
        label = self.window.article.label_of(span)
        dialog_class = self.window.optional("ui.dialogs.span_editor", "SpanEditorDialog")
        if dialog_class is None or label is None:
            return
        dialog = dialog_class(self.window, span, label, self.window.lang)
        try:
            if not dialog.exec():
                return
            attributes, note = dict(dialog.attributes()), dialog.note()
        finally:
            dialog.deleteLater()
            self.refocus()
        self.history.run(lambda: self.session.editor.edit_span(span, attributes, note))

    # ------------------------------------------------------------------ label all
    def label_all_dialog(self) -> None:
        """Label every occurrence of the selected text (or span text): choose the label and
        the scope (article or corpus), preview the occurrences, untick any, confirm."""
        document = self.session.document
        if document is None:
            return
        selection = self.view.selection_range()
        span = self.window.article.span(self.view.selected_span_id())
        if selection is not None and selection[0] < selection[1]:
            query = document.text[selection[0] : selection[1]]
        elif span is not None:
            query = span.text
        else:
            self.show_message(tr_("Select a word or a span first."))
            return
        keys = [lb.key for lb in self.session.labelset.labels]
        if span is not None and span.label in keys and selection is None:
            default = span.label
        else:
            default = self.window.palette.current_key() or (keys[0] if keys else "")
        self.label_all_occurrences(query, default, confirm=True)

    def label_all_occurrences(
        self, query: str, label: str, *, corpus: bool = False, confirm: bool = False
    ) -> int:
        """Bulk-label the (normalised, whole-word) occurrences of ``query`` this annotator
        has not labelled yet, in this article or the corpus; returns how many were added.
        With ``confirm`` a preview dialog comes first (rejected occurrences unticked, done
        documents counted) and only the occurrences left ticked are labelled; without it,
        occurrences the annotator rejected are left alone."""
        document = self.session.document
        if document is None or not query.strip():
            return 0
        try:
            query = check_query(query)
        except EditRefused as exc:
            if exc.code == "too_long":
                self.show_message(
                    tr_(
                        "“Label all” works on a word or phrase of at most {0} "
                        "words within one paragraph."
                    ).format(exc.details["max_words"])
                )
            return 0
        session = self.session

        def preview(key: str, in_corpus: bool):
            return preview_label_all(
                session.store,
                None if in_corpus else document.id,
                query,
                key,
                session.labelset,
                session.annotator,
            )

        try:
            if confirm:
                from ui.dialogs.label_all_dialog import LabelAllDialog

                dialog = LabelAllDialog(
                    self.window,
                    session.store,
                    session.labelset,
                    query,
                    label,
                    preview,
                    self.window.lang,
                    corpus,
                )
                self.window.last_label_all_dialog = dialog
                try:
                    if dialog.exec() != QDialog.DialogCode.Accepted:
                        return 0
                    found, label = dialog.chosen(), dialog.label_key()
                finally:
                    self.window.last_label_all_dialog = None
                    dialog.deleteLater()
                    self.refocus()
            else:
                found = [o for o in preview(label, corpus).occurrences if o.ticked]
        except StoreError as exc:
            self.show_message(str(exc))
            return 0
        if not found:
            self.show_message(tr_("No new occurrence of “{0}”.").format(query))
            return 0
        changes = self.history.run(lambda: session.editor.label_all(document.id, label, found))
        if changes is None:
            return 0
        added = len(changes.spans_added)
        self.show_message(tr_("{0} occurrence(s) labelled.").format(added))
        return added
