"""The label palette: what can be applied, its hotkey and, on demand, its definition.

Help stays one click away (the "?" button; F1 in the main window) but folded, so the palette keeps
its room for the labels; definitions are shown as plain text (never HTML from YAML).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.labelsets import Label, LabelSet
from ui.richtext import plain_tooltip


@functools.cache
def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def label_help_text(label: Label, lang: str) -> str:
    """Plain text of a label's definition in ``lang`` (the other language as a fallback)."""
    other = "en" if lang == "ar" else "ar"
    name = label.display_name(lang)
    parts = [f"{name} ({label.key})"]
    help_text = label.help.get(lang) or label.help.get(other) or ""
    if help_text:
        parts.append(help_text.strip())
    if label.terms:
        parts.append("• " + "، ".join(label.terms[:12]))
    return "\n\n".join(parts)


class LabelPalette(QWidget):
    """Lists the labels of the current label set; a click applies one."""

    labelChosen = Signal(str)
    helpRequested = Signal(str)  # label key

    def __init__(self, parent: QWidget | None = None, lang: str = "en"):
        super().__init__(parent)
        self._lang = lang
        self._labelset: LabelSet | None = None
        self.list = QListWidget(self)
        self.list.setUniformItemSizes(True)
        self.list.itemClicked.connect(self._on_clicked)
        self.list.itemActivated.connect(self._on_clicked)
        self.help_button = QToolButton(self)
        self.help_button.setText("?")
        self.help_button.setToolTip(self.tr("Show the definition of the highlighted label (F1)"))
        self.help_button.setCheckable(True)
        self.help_button.toggled.connect(self._toggle_help)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # the label set's text, never markup
        self.title.setWordWrap(True)
        self.help_view = QPlainTextEdit(self)
        self.help_view.setReadOnly(True)
        self.help_view.setVisible(False)
        self.help_view.setMaximumHeight(180)
        self.list.currentItemChanged.connect(lambda *_: self._update_help())

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.help_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.help_view)

    def set_language(self, lang: str) -> None:
        self._lang = lang
        if self._labelset is not None:
            self.set_labelset(self._labelset)

    def set_labelset(self, labelset: LabelSet) -> None:
        self._labelset = labelset
        self.title.setText(labelset.description.get(self._lang) or labelset.name)
        self.list.clear()
        for label in labelset.labels:
            name = label.display_name(self._lang)
            other = label.display_name("en" if self._lang == "ar" else "ar")
            text = name if other == name else f"{name} — {other}"
            if label.hotkey:
                text = f"[{label.hotkey}]  {text}"
            item = QListWidgetItem(swatch(label.color), text)
            item.setData(Qt.ItemDataRole.UserRole, label.key)
            tip = label_help_text(label, self._lang)
            item.setToolTip(plain_tooltip(tip))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_help()

    def keys(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def click_label(self, key: str) -> None:
        """Apply ``key`` as if its row were clicked (menus and tests)."""
        self.labelChosen.emit(key)

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_help(self, key: str | None = None) -> None:
        if key is not None:
            for i in range(self.list.count()):
                if self.list.item(i).data(Qt.ItemDataRole.UserRole) == key:
                    self.list.setCurrentRow(i)
        self.help_button.setChecked(True)
        self._update_help()

    def help_text(self) -> str:
        return self.help_view.toPlainText() if self.help_view.isVisible() else ""

    def _on_clicked(self, item: QListWidgetItem) -> None:
        self.labelChosen.emit(item.data(Qt.ItemDataRole.UserRole))

    def _toggle_help(self, on: bool) -> None:
        self.help_view.setVisible(on)
        self._update_help()
        if on and (key := self.current_key()):
            self.helpRequested.emit(key)

    def _update_help(self) -> None:
        if not self.help_view.isVisible() or self._labelset is None:
            return
        key = self.current_key()
        label = self._labelset.label(key) if key else None
        self.help_view.setPlainText(label_help_text(label, self._lang) if label else "")
