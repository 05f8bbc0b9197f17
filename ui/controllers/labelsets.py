"""The Label set menu: choose the active set, add one from a YAML file."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.labelsets import LabelSetError, load_labelset
from annotator.store import StoreError
from ui.controllers.base import Controller, tr_
from ui.richtext import literal


class LabelSetsController(Controller):
    def __init__(self, window: Any):
        super().__init__(window)
        self.group = QActionGroup(window)
        self.menu: Any = None

    def attach(self, menu: Any) -> None:
        self.menu = menu
        self.rebuild_menu()

    def rebuild_menu(self) -> None:
        if self.menu is None:
            return
        self.menu.clear()
        for act in self.group.actions():
            self.group.removeAction(act)
        current = self.session.labelset.name
        for info in self.session.store.labelsets():
            act = QAction(f"{info.name} ({info.version})", self.window, checkable=True)
            act.setData(info.name)
            act.setChecked(info.name == current)
            act.triggered.connect(lambda _=False, n=info.name: self.choose_labelset(n))
            self.group.addAction(act)
            self.menu.addAction(act)
        self.menu.addSeparator()
        self.menu.addAction(tr_("&Add label set from YAML file…"), self.add_labelset_dialog)

    def check_current(self) -> None:
        for act in self.group.actions():
            act.setChecked(act.data() == self.session.labelset.name)

    def choose_labelset(self, name: str) -> None:
        try:
            labelset = self.session.store.labelset(name)
        except StoreError as exc:
            QMessageBox.warning(self.window, tr_("Label set"), literal(str(exc)))
            return
        self.session.set_labelset(labelset)

    def add_labelset_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, tr_("Add a label set"), "", tr_("Label sets (*.yaml *.yml)")
        )
        self.refocus()
        if path:
            self.add_labelset_file(path)

    def add_labelset_file(self, path: str) -> bool:
        """Validate, register and switch to a YAML label set; errors go to a dialog."""
        title = tr_("Label set not added")
        try:
            from ui.dialogs.worker import run_off_gui_thread

            # parsed on a worker thread: a large or hostile file never freezes the window
            labelset = run_off_gui_thread(self.window, lambda: load_labelset(path))
            outcome = self.session.store.add_labelset(labelset)
        except LabelSetError as exc:
            problems = [str(p) for p in exc.problems]
            self.window.error_box(
                title,
                tr_("The file has {0} problem(s):").format(len(problems)),
                "\n".join(problems),
            )
            return False
        except Exception as exc:  # noqa: BLE001 - malformed YAML of any kind must not crash
            self.window.error_box(title, tr_("The file could not be used:"), str(exc) or repr(exc))
            return False
        self.rebuild_menu()
        self.choose_labelset(labelset.name)
        messages = {
            "added": tr_("Label set {0} added."),
            "updated": tr_("Label set {0} updated (same version, same labels)."),
            "unchanged": tr_("Label set {0} is already in this database, unchanged."),
        }
        self.show_message(messages.get(outcome, messages["added"]).format(labelset.name))
        return True
