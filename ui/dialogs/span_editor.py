"""Edit one span's attributes and note, with widgets derived from the label's definition.

The dialog only collects values; the caller turns them into an undoable command
(``Store.update_span``), so editing stays undoable like every other change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.labelsets import AttributeSpec, Label
from annotator.records import SpanData
from ui.richtext import plain_label, plain_tooltip


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "y", "on", "نعم"}
    return bool(value)


class SpanEditorDialog(QDialog):
    """Shows the span text (right-to-left) and its label; edits attributes and note.

    Attributes the label does not define (e.g. carried over from an import) are kept
    unchanged in :meth:`attributes`, so opening and accepting never loses data.
    """

    def __init__(self, parent: QWidget | None, span: SpanData, label: Label, lang: str = "ar"):
        super().__init__(parent)
        self.span = span
        self.label_def = label
        self.setWindowTitle(self.tr("Edit span"))
        self.resize(480, 360)
        self._editors: dict[str, QWidget] = {}
        self._specs: dict[str, AttributeSpec] = {spec.key: spec for spec in label.attributes}

        self.text_view = QLabel(self)
        self.text_view.setTextFormat(Qt.TextFormat.PlainText)
        self.text_view.setText(span.text)
        self.text_view.setWordWrap(True)
        self.text_view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.text_view.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.text_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.text_view.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.text_view.setFont(font)

        self.label_view = QLabel(self)
        self.label_view.setTextFormat(Qt.TextFormat.PlainText)
        self.label_view.setText(f"{label.display_name(lang)} ({label.key})")
        self.range_view = QLabel(f"{span.start}–{span.end}", self)

        form = QFormLayout()
        form.addRow(self.tr("Text:"), self.text_view)
        form.addRow(self.tr("Label:"), self.label_view)
        form.addRow(self.tr("Characters:"), self.range_view)
        for spec in label.attributes:
            editor = self._make_editor(spec, span.attributes.get(spec.key))
            self._editors[spec.key] = editor
            names = getattr(spec, "name", None) or {}
            title = names.get(lang) or names.get("en") or spec.key
            helptext = getattr(spec, "help", None) or {}
            tip = helptext.get(lang) or helptext.get("en") or ""
            if tip:
                editor.setToolTip(plain_tooltip(tip))
            form.addRow(plain_label(f"{title}:", self), editor)

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlainText(span.note or "")
        self.note_edit.setTabChangesFocus(True)
        form.addRow(self.tr("Note:"), self.note_edit)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _make_editor(self, spec: AttributeSpec, value: Any) -> QWidget:
        if spec.type == "choice":
            combo = QComboBox(self)
            combo.addItem("", None)
            for choice in spec.choices:
                combo.addItem(str(choice), choice)
            if value is not None and value != "":
                index = combo.findData(value)
                if index < 0:  # a value from an older label set: keep it selectable
                    combo.addItem(str(value), value)
                    index = combo.count() - 1
                combo.setCurrentIndex(index)
            return combo
        if spec.type == "bool":
            box = QCheckBox(self)
            box.setChecked(_truthy(value) if value is not None else False)
            return box
        edit = QLineEdit(self)
        edit.setText("" if value is None else str(value))
        return edit

    def editor(self, key: str) -> QWidget:
        """The widget editing attribute ``key`` (tests and keyboard focus use it)."""
        return self._editors[key]

    def attributes(self) -> dict[str, Any]:
        """Only the attributes that have a value; unknown stored keys are kept as they were."""
        result: dict[str, Any] = {
            key: value for key, value in self.span.attributes.items() if key not in self._specs
        }
        for key, editor in self._editors.items():
            if isinstance(editor, QComboBox):
                data = editor.currentData()
                if data is not None and data != "":
                    result[key] = data
            elif isinstance(editor, QCheckBox):
                if editor.isChecked():
                    result[key] = True
                elif key in self.span.attributes:
                    result[key] = False  # an explicit "no" stays a "no"
            elif isinstance(editor, QLineEdit):
                stored = self.span.attributes.get(key)
                if stored is not None and editor.text() == str(stored):
                    result[key] = stored  # untouched: keep the stored value as it was
                    continue
                text = editor.text().strip()
                if text:
                    result[key] = text
        return result

    def note(self) -> str:
        """The note as typed; an untouched note comes back byte for byte."""
        text = self.note_edit.toPlainText()
        if text == self.span.note:
            return self.span.note
        return text.strip()


__all__ = ["SpanEditorDialog"]
