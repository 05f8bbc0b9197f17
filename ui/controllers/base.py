"""What every controller shares: the window, its session, the history, translation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from ui.commands import UndoHistory
    from ui.mainwindow import MainWindow
    from ui.session import Session
    from ui.textview import ArticleView


def tr_(text: str) -> str:
    """Translate in the main window's context (the catalogue files these strings there)."""
    return QCoreApplication.translate("MainWindow", text)


class Controller:
    """Base: a controller acts on the window's widgets and the session, nothing else."""

    def __init__(self, window: MainWindow):
        self.window = window

    @property
    def session(self) -> Session:
        return self.window.session

    @property
    def history(self) -> UndoHistory:
        return self.window.undo_stack

    @property
    def view(self) -> ArticleView:
        return self.window.view

    def show_message(self, text: str, timeout: int = 6000) -> None:
        self.window.show_message(text, timeout)

    def current_doc(self) -> int | None:
        doc = self.session.document_id
        if doc is None:
            self.show_message(tr_("No document is open."))
        return doc

    def refocus(self) -> None:
        """Give the keyboard back to the article (after a dialog or a panel click).

        The window is activated too: a closed dialog does not always hand activation back
        (no window manager, or one that does not), and then the window's shortcuts stay
        dead although keys still reach the article."""
        self.window.activateWindow()
        self.view.setFocus()
