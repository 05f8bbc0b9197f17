"""Label help (F1) and the keyboard-shortcut overview."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ui.controllers.base import Controller, tr_


class HelpController(Controller):
    def show_label_help(self) -> None:
        window = self.window
        key = window.palette.current_key()
        span = window.article.span(self.view.selected_span_id())
        if span is not None and span.labelset == self.session.labelset.name:
            key = span.label
        show = window.optional("ui.dialogs.label_help", "show_label_help")
        if show is not None and key:
            help_window = show(window, self.session.labelset, key, window.lang)
            help_window.finished.connect(lambda _result: self.refocus())
            window.last_help_window = help_window
        else:
            window.palette_dock.show()
            window.palette.show_help(key)

    def shortcuts_text(self) -> str:
        rows = [
            (
                tr_("Label the selection / relabel the selected span"),
                tr_("the label's key (1, 2, …)"),
            ),
            (tr_("Cycle through spans"), "Tab / Shift+Tab"),
            (tr_("Move span start / end"), "Alt+←/→ · Alt+Shift+←/→"),
            (tr_("Delete span"), "Delete / Backspace"),
            (tr_("Edit span"), "Enter / double-click"),
            (tr_("Accept / reject suggestion"), "A / R"),
            (tr_("Suggest from the lexicon in this article"), "Ctrl+Shift+G"),
            (tr_("Label all occurrences (with a preview)"), "Ctrl+L"),
            (tr_("Undo / redo"), "Ctrl+Z · Ctrl+Shift+Z / Ctrl+Y"),
            (tr_("Next / previous document"), "Ctrl+PgDown / Ctrl+PgUp · Alt+↓/↑"),
            (tr_("Mark done and go to the next"), "Ctrl+Enter"),
            (tr_("Find in article / corpus"), "Ctrl+F / Ctrl+Shift+F"),
            (tr_("Zoom"), "Ctrl++ / Ctrl+- / Ctrl+0"),
            (tr_("Label help"), "F1"),
        ]
        # Keys are isolated left-to-right so "Ctrl+Z" never reads "Z+Ctrl" in Arabic.
        return "\n".join(f"\u2066{keys}\u2069\t{what}" for what, keys in rows)

    def show_shortcuts(self) -> None:
        QMessageBox.information(self.window, tr_("Keyboard shortcuts"), self.shortcuts_text())
        self.refocus()
