"""Find in the article (Ctrl+F bar) and in the corpus (Ctrl+Shift+F dialog).

The search widgets are built elsewhere (``ui.search``, ``ui.corpus_search``); this controller places them,
opens them with the keyboard in their field, and turns a chosen hit into a selection
the label key can act on: Enter in the Find field (or opening a corpus hit) hands the
keyboard to the article with the hit selected as a drag over it would be, so the next
label key labels exactly what is highlighted; Escape gives the keyboard back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ui.controllers.base import Controller


class SearchController(Controller):
    def __init__(self, window: Any):
        super().__init__(window)
        self.bar: Any = None

    def set_text(self, text: str) -> None:
        if self.bar is not None:
            self.bar.set_text(text)

    def show_search_bar(self) -> None:
        if self.bar is None:
            bar_class = self.window.optional("ui.search", "SearchBar")
            if bar_class is None:
                return
            bar = bar_class(self.window.centralWidget())
            bar.hitsChanged.connect(
                lambda hits: self.view.set_search_hits([tuple(h) for h in hits], None)
            )
            bar.currentHitChanged.connect(self._on_current_hit)
            bar.hitChosen.connect(self._on_hit_chosen)
            bar.closed.connect(self.refocus)
            bar.close_on_escape_in(self.window.centralWidget())
            self.window.central_layout.insertWidget(1, bar)
            document = self.session.document
            bar.set_text(document.text if document else "")
            self.bar = bar
        self.bar.activate()

    def find_next(self, step: int = 1) -> None:
        """F3 / Shift+F3 anywhere in the window: the next / previous hit. From the article
        the hit becomes its label-ready selection at once (the keyboard stays there); in
        the field it is only shown, and Enter hands it over."""
        bar = self.bar
        if bar is None or bar.isHidden() or not bar.hits():
            self.show_search_bar()
            return
        in_bar = bar.isAncestorOf(self.window.focusWidget())
        bar.next_hit() if step > 0 else bar.previous_hit()
        if not in_bar:
            bar.mark_handed()

    def _on_hit_chosen(self, start: int, end: int) -> None:
        self._on_current_hit(start, end)
        self.refocus()

    def _on_current_hit(self, start: int, end: int) -> None:
        bar = self.bar
        hits = bar.hits() if bar is not None else []
        current = bar.current_index() if bar is not None else None
        self.view.set_search_hits(hits, current)
        self.view.scroll_to(start)

    def corpus_search_dialog(self) -> None:
        dialog_class = self.window.optional("ui.corpus_search", "CorpusSearchDialog")
        if dialog_class is None:
            return
        dialog = dialog_class(self.window, self.session.store)
        dialog.documentChosen.connect(self.go_to_hit)
        # Opened hit or closed dialog, the keyboard goes back to the article (a modeless
        # dialog closing does not reactivate its parent by itself).
        dialog.finished.connect(lambda _result: self.refocus())
        self.window.last_corpus_search = dialog
        dialog.show()
        field = getattr(dialog, "edit", None)
        if field is not None:  # type in it at once
            dialog.activateWindow()
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def go_to_hit(self, document_id: int, start: int, end: int) -> None:
        if self.window.documents.open_document(document_id):
            # label-ready: the range a drag over the hit selects (what the key stores)
            self.view.select_range(start, end, snap=True)
            self.view.scroll_to(start)
            self.refocus()
