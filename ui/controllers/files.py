"""Databases and files: open / new database, import, export, the annotator's name, where
the reader was, and noticing work done outside the window.

Work done elsewhere (a CLI import, ``labelset add``, another instance on the same file)
shows up without a restart: a timer asks the core's
:class:`~annotator.editing.ExternalChangeWatcher` (``PRAGMA data_version``, microseconds)
and re-reads only when another connection committed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.store import Store, StoreError
from ui.controllers.base import Controller, tr_

POLL_MS = 1500


class FilesController(Controller):
    def __init__(self, window: Any):
        super().__init__(window)
        self.poll_timer = QTimer(window)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll_external_changes)
        self.poll_timer.start()

    # ------------------------------------------------------------------ outside work
    def poll_external_changes(self) -> bool:
        """Re-read when another connection wrote; True when it did."""
        if not self.session.watcher.changed():
            return False
        self.refresh_from_store()
        return True

    def refresh_from_store(self) -> None:
        """Another instance or a command may have written: re-read list, spans, status,
        label sets."""
        self.window.article.forget()
        self.window.labelsets.rebuild_menu()
        self.session.refresh()
        self.window.article.update_header()

    # ------------------------------------------------------------------ databases
    def open_database_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            tr_("Open database"),
            "",
            tr_("Annotation databases (*.db *.sqlite);;All files (*)"),
        )
        self.refocus()
        if path:
            self.switch_database(path)

    def new_database_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, tr_("New database"), "annotations.db", tr_("Annotation databases (*.db)")
        )
        self.refocus()
        if path:
            self.switch_database(path, seed=True)

    def switch_database(self, target: str, *, seed: bool = False) -> bool:
        window = self.window
        try:
            store = Store.open(target)
            store.document_count()  # a file that is not a database fails here, not later
            if seed:
                from annotator.seed import ensure_seeded

                ensure_seeded(store)
        except Exception as exc:  # noqa: BLE001 - any failure to open must leave us working
            QMessageBox.critical(
                window,
                tr_("Cannot open database"),
                tr_("“{0}” could not be opened:\n{1}").format(target, exc),
            )
            return False
        self.save_position()
        old = self.session.store
        window.article.forget()
        window.navigator.model.set_store(store)
        self.session.set_store(store)  # clears the undo history: its ids are the old file's
        old.close()
        window.settings.set_last_database(target)
        window.labelsets.rebuild_menu()
        window.setWindowTitle(window.title())
        self.restore_position()
        window.databaseOpened.emit(target)
        return True

    def import_dialog(self) -> None:
        run_import = self.window.optional("ui.dialogs.import_dialog", "run_import")
        if run_import is not None and run_import(
            self.window, self.session.store, annotator=self.session.annotator
        ):
            self.refresh_from_store()
            if self.session.document_id is None:
                self.window.documents.go_neighbour(1)
        self.refocus()

    def export_dialog(self) -> None:
        run_export = self.window.optional("ui.dialogs.export_dialog", "run_export")
        if run_export is not None:
            run_export(self.window, self.session.store, self.session.annotator)
        self.refocus()

    def change_annotator_dialog(self) -> None:
        ask = self.window.optional("ui.dialogs.annotator_dialog", "ask_annotator_name")
        if ask is None:
            return
        name = ask(self.window, self.session.annotator, self.session.store)
        self.refocus()
        if name:
            self.set_annotator(name)

    def set_annotator(self, name: str) -> None:
        window = self.window
        window.settings.set_annotator_name(name)
        window.navigator.model.set_annotator(name)
        self.session.set_annotator(name)
        window.navigator.show_document(self.session.document_id)
        window.setWindowTitle(window.title())

    # ------------------------------------------------------------------ reading position
    def restore_position(self) -> None:
        """Reopen the document (and scroll position) last shown for this database."""
        target = self.session.store.target
        doc, offset = self.window.settings.last_position(target)
        opened = False
        if doc is not None:
            try:
                self.session.store.document(doc)
                opened = self.window.documents.open_document(doc)
            except StoreError:
                opened = False
        if not opened:
            first = self.session.store.first_document_id()
            if first is not None:
                self.window.documents.open_document(first)
                offset = 0
            else:
                self.session.set_document(None)
        if opened and offset:
            self.window.settings.set_last_position(target, doc, offset)
            self.view.scroll_to(offset)
            QTimer.singleShot(0, lambda: self.view.scroll_to(offset))

    def save_position(self) -> None:
        doc = self.session.document_id
        if doc is not None:
            self.window.settings.set_last_position(
                self.session.store.target, doc, self.view.first_visible_offset()
            )
