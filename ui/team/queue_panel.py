"""My queue: the documents assigned to the current annotator and not done, in order."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.store import Store
from annotator.team.assignment import queue


class QueuePanel(QDialog):
    open_document = Signal(int)

    def __init__(self, store: Store, annotator: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.annotator = store, annotator
        self.setWindowTitle(self.tr("My queue — {name}").format(name=annotator))
        self.summary = QLabel()
        self.list = QListWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.list.itemActivated.connect(self._activated)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        ids = queue(self.store, self.annotator)
        for doc_id in ids:
            doc = self.store.document(doc_id)
            status = self.store.status(doc_id, self.annotator)
            item = QListWidgetItem(f"{doc.external_id}  ·  {status}")
            item.setData(Qt.ItemDataRole.UserRole, doc_id)
            self.list.addItem(item)
        self.summary.setText(self.tr("{n} documents assigned and not done").format(n=len(ids)))

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_document.emit(item.data(Qt.ItemDataRole.UserRole))

    def next_document(self, after: int | None) -> int | None:
        """The first queued document after ``after`` (or the first one)."""
        ids = queue(self.store, self.annotator)
        return next((d for d in ids if after is None or d > after), ids[0] if ids else None)
