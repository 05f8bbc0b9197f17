"""Document-level labels and the document's status, as the label set defines them.

The widgets only emit intents (statusChosen / labelChosen); the main window turns them
into undoable commands. set_values() refreshes the editors with signals blocked, so a
refresh from the store is never mistaken for a user edit.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from annotator.labelsets import DocLabelSpec, LabelSet
from annotator.models import STATUSES
from ui.document_list import status_text
from ui.richtext import plain_label

# Choice values of the shipped label sets, translated for the interface. The stored value
# is always the label set's own spelling; a value not listed here is shown as written.
_CHOICE_NAMES = {
    value: value
    for value in (
        QT_TRANSLATE_NOOP("doclabels", "pro-opposition"),
        QT_TRANSLATE_NOOP("doclabels", "pro-government"),
        QT_TRANSLATE_NOOP("doclabels", "neutral"),
        QT_TRANSLATE_NOOP("doclabels", "unclear"),
        QT_TRANSLATE_NOOP("doclabels", "against-government"),
        QT_TRANSLATE_NOOP("doclabels", "against-opposition"),
        QT_TRANSLATE_NOOP("doclabels", "against-both"),
        QT_TRANSLATE_NOOP("doclabels", "unbiased"),
        QT_TRANSLATE_NOOP("doclabels", "not-applicable"),
        QT_TRANSLATE_NOOP("doclabels", "pro"),
        QT_TRANSLATE_NOOP("doclabels", "anti"),
    )
}


def choice_text(value: str) -> str:
    """A document-label choice as the interface shows it (translated where known)."""
    if value in _CHOICE_NAMES:
        return QCoreApplication.translate("doclabels", value)
    return value


def _spec_name(spec: DocLabelSpec, lang: str) -> str:
    return spec.name.get(lang) or spec.name.get("en") or spec.key


class DocumentLabels(QWidget):
    statusChosen = Signal(str)
    labelChosen = Signal(str, object)  # key, value (str) or None to remove

    def __init__(self, parent: QWidget | None = None, lang: str = "en"):
        super().__init__(parent)
        self._lang = lang
        self._editors: dict[str, QWidget] = {}
        self._specs: dict[str, DocLabelSpec] = {}
        self.form = QFormLayout(self)
        self.status_combo = QComboBox(self)
        for status in STATUSES:
            self.status_combo.addItem(status_text(status), status)
        self.status_combo.activated.connect(
            lambda i: self.statusChosen.emit(self.status_combo.itemData(i))
        )
        self.form.addRow(self.tr("Status"), self.status_combo)

    def set_labelset(self, labelset: LabelSet) -> None:
        while self.form.rowCount() > 1:
            self.form.removeRow(1)
        self._editors.clear()
        self._specs = {spec.key: spec for spec in labelset.document_labels}
        for spec in labelset.document_labels:
            editor = self._make_editor(spec)
            self._editors[spec.key] = editor
            self.form.addRow(plain_label(_spec_name(spec, self._lang), self), editor)

    def _make_editor(self, spec: DocLabelSpec) -> QWidget:
        key = spec.key
        if spec.type == "flag":
            box = QCheckBox(self)
            box.clicked.connect(lambda on: self.labelChosen.emit(key, "" if on else None))
            return box
        if spec.type == "text":
            line = QLineEdit(self)
            line.editingFinished.connect(
                lambda: (
                    self.labelChosen.emit(key, line.text().strip() or None)
                    if line.isModified()
                    else None
                )
            )
            return line
        combo = QComboBox(self)
        combo.addItem(QCoreApplication.translate("doclabels", "(not set)"), None)
        for choice in spec.choices:
            combo.addItem(choice_text(choice), choice)
        combo.activated.connect(lambda i: self.labelChosen.emit(key, combo.itemData(i)))
        return combo

    def editor(self, key: str) -> QWidget | None:
        return self._editors.get(key)

    def set_values(self, status: str, values: dict[str, str], *, enabled: bool = True) -> None:
        self.setEnabled(enabled)
        self.status_combo.blockSignals(True)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        self.status_combo.blockSignals(False)
        for key, editor in self._editors.items():
            value = values.get(key)
            editor.blockSignals(True)
            if isinstance(editor, QCheckBox):
                editor.setChecked(value is not None)
            elif isinstance(editor, QLineEdit):
                editor.setText(value or "")
                editor.setModified(False)
            elif isinstance(editor, QComboBox):
                i = editor.findData(value) if value is not None else 0
                editor.setCurrentIndex(max(0, i))
            editor.blockSignals(False)
