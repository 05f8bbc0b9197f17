"""Ask who is annotating: every span and status is stored under this name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from annotator.store import Store


class AnnotatorDialog(QDialog):
    """An editable combo box: type a new name or pick one already in the database.

    OK stays disabled while the (trimmed) name is empty, because an empty annotator name
    is refused by the store and would otherwise surface later as an error.
    """

    def __init__(
        self, parent: QWidget | None = None, default: str = "", store: Store | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Annotator"))
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names: list[str] = []
        if store is not None:
            try:
                names = store.annotators()
            except Exception:  # noqa: BLE001 - a broken database must not block naming
                names = []
        self.combo.addItems(names)
        self.combo.setEditText(default)
        label = QLabel(self.tr("Your name (spans and statuses are saved under it):"), self)
        label.setBuddy(self.combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.buttons)
        self.combo.editTextChanged.connect(self._update_ok)
        self._update_ok()
        self.combo.setFocus()

    def name(self) -> str:
        return self.combo.currentText().strip()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name()))

    def accept(self) -> None:
        if self.name():
            super().accept()


def ask_annotator_name(
    parent: QWidget | None = None, default: str = "", store: Store | None = None
) -> str | None:
    """The chosen annotator name (non-empty, trimmed) or None if cancelled."""
    dialog = AnnotatorDialog(parent, default, store)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.name():
            return dialog.name()
        return None
    finally:
        dialog.deleteLater()


__all__ = ["AnnotatorDialog", "ask_annotator_name"]
