"""Edit → Undo / Redo and every edit, driven by the core history (no Qt undo stack).

The core (:mod:`annotator.editing`) owns the rules, the operations and the one history;
this adapter only runs them, shows a refusal in the status bar (translated from the
refusal's code), hands the :class:`OpChanges` to the session so the widgets refresh, and
keeps the Undo/Redo menu entries' text and enabled state in step with the history.
Undoing a change made in another document first opens that document, so the user sees
what the undo did.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction

from annotator.editing import EditRefused, History, OpChanges
from ui.session import Session


def _tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


def refusal_text(exc: EditRefused) -> str:
    """The user-facing sentence for a refusal, in the interface language where known."""
    details = exc.details
    known = {
        "not_owner": lambda: _tr("That span belongs to {0}; it is not yours to change.").format(
            details.get("owner", "")
        ),
        "no_target": lambda: (
            str(exc)
            if str(exc) != "Select some text (or a span) first."
            else _tr("Select some text (or a span) first.")
        ),
        "no_label": lambda: _tr("No label has the key “{0}”.").format(details.get("key", "")),
        "span_gone": lambda: _tr("Not undone: that span was deleted elsewhere."),
        "changed_elsewhere": lambda: _tr("Not undone: that span was changed elsewhere."),
    }
    make = known.get(exc.code)
    return make() if make is not None else _tr("Not done: {0}").format(exc)


class UndoHistory(QObject):
    """The window's door to the core editor: run an edit, undo, redo; QUndoStack-like
    queries (count, canUndo…) for the menus and the tests."""

    changed = Signal()  # the history's stacks changed (menu entries follow)

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.last_error: str | None = None
        self._history().subscribe(self.changed.emit)

    def _history(self) -> History:
        return self.session.editor.history

    # ------------------------------------------------------------------ running edits
    def run(self, edit: Callable[[], OpChanges | None]) -> OpChanges | None:
        """Run one core edit; None when it changed nothing or was refused (reason shown)."""
        self.last_error = None
        try:
            changes = edit()
        except EditRefused as exc:
            self.last_error = refusal_text(exc)
            self.session.message.emit(self.last_error)
            return None
        if changes is not None:
            self.session.apply(changes)
            if changes.summary.startswith("status not updated"):
                self.session.message.emit(
                    _tr("Status not updated: {0}").format(changes.summary.split(": ", 1)[-1])
                )
        return changes

    def undo(self) -> OpChanges | None:
        step = self._history().next_undo
        self._open(step.document_id if step is not None else None)
        return self.run(self.session.editor.undo)

    def redo(self) -> OpChanges | None:
        step = self._history().next_redo
        self._open(step.document_id if step is not None else None)
        return self.run(self.session.editor.redo)

    def _open(self, document_id: int | None) -> None:
        if document_id is not None and self.session.document_id != document_id:
            self.session.set_document(document_id)

    # ------------------------------------------------------------------ queries
    def count(self) -> int:
        return len(self._history())

    def index(self) -> int:
        return self._history().position

    def canUndo(self) -> bool:  # noqa: N802 - the QUndoStack name callers know
        return self._history().can_undo

    def canRedo(self) -> bool:  # noqa: N802
        return self._history().can_redo

    def clear(self) -> None:
        self._history().clear()

    def bind(self, undo: QAction, redo: QAction) -> None:
        """Keep the Undo/Redo entries' enabled state and text ("Undo Add X") current."""
        undo_text, redo_text = undo.text(), redo.text()

        def update() -> None:
            history = self._history()
            undo.setEnabled(history.can_undo)
            redo.setEnabled(history.can_redo)
            undo.setToolTip(f"{undo_text.replace('&', '')} {history.undo_title}".strip())
            redo.setToolTip(f"{redo_text.replace('&', '')} {history.redo_title}".strip())

        self.changed.connect(update)
        update()


__all__ = ["UndoHistory", "refusal_text"]
