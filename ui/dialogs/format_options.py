"""The per-format option widgets the import and export dialogs share.

Which of them a dialog shows is the chosen format's own policy (``FormatSpec``:
``takes_offsets``, ``maps_annotators``, ``takes_field_map``, ``single_annotator``),
copied into :class:`FormatEntry` — never a list of format names kept here. What the
widgets hold goes into the same core options the CLI builds (``ImportOptions`` /
``ExportOptions``), read by the same core parsers (``parse_annotator_map``,
``FieldMap``), so a dialog import and ``annotator import`` with the same choices do
the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class FormatEntry:
    """A format as the dialogs show it: its name and the policy that decides which
    option widgets apply (copied from the format object, whatever shape the registry
    returns)."""

    name: str
    description: str = ""
    extensions: tuple[str, ...] = ()
    writes_folder: bool = False
    takes_offsets: bool = True
    maps_annotators: bool = False
    takes_field_map: bool = False
    single_annotator: bool = False

    @classmethod
    def of(cls, item: Any) -> FormatEntry:
        return cls(
            name=str(getattr(item, "name", item)),
            description=str(getattr(item, "description", "") or ""),
            extensions=tuple(getattr(item, "extensions", ()) or ()),
            writes_folder=bool(getattr(item, "writes_folder", False)),
            takes_offsets=bool(getattr(item, "takes_offsets", True)),
            maps_annotators=bool(getattr(item, "maps_annotators", False)),
            takes_field_map=bool(getattr(item, "takes_field_map", False)),
            single_annotator=bool(getattr(item, "single_annotator", False)),
        )


def format_entries(kind: str) -> list[FormatEntry]:
    """The registered import or export formats; an empty list if the registry is missing.

    The registry may hand out format objects, names, or a name → object mapping; all
    are accepted so the dialogs do not break when the registry's shape changes.
    """
    try:
        import annotator.formats as formats

        items: Any = getattr(formats, f"{kind}_formats")()
    except Exception:  # noqa: BLE001 - the dialog must open even without a registry
        return []
    if isinstance(items, dict):
        items = [value if not isinstance(value, str) else key for key, value in items.items()]
    entries = []
    for item in items:
        if isinstance(item, str):
            try:
                item = formats.get_format(item)
            except Exception:  # noqa: BLE001 - a name without details is still usable
                entries.append(FormatEntry(item))
                continue
        entries.append(FormatEntry.of(item))
    return entries


def detected_entry(path: str) -> FormatEntry | None:
    """The policy of the format ``path`` is in, when it exists and can be told; None
    otherwise (the dialog then shows the options that may apply)."""
    text = path.strip()
    if not text:
        return None
    try:
        from annotator.errors import AnnotatorError
        from annotator.formats import detect_format, get_format

        target = Path(text).expanduser()
        if not target.exists():
            return None
        return FormatEntry.of(get_format(detect_format(target)))
    except (AnnotatorError, OSError, ValueError):
        return None


class OffsetsCombo(QComboBox):
    """How offsets of spans without their own text are counted (``--offsets``)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.addItem(self.tr("As the format's own tool counts them"), None)
        self.addItem(self.tr("Code points (Python)"), "codepoints")
        self.addItem(self.tr("UTF-16 code units (JavaScript tools, doccano)"), "utf16")
        self.addItem(self.tr("Grapheme clusters (doccano's grapheme option)"), "graphemes")


class AnnotatorMapEdit(QWidget):
    """``--ls-annotator-map``: NAME=EMAIL pairs separated by commas, or a file of them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(
            self.tr("amal=amal@example.org, omar=omar@example.org=7 — or a file of pairs")
        )
        self.file_button = QPushButton(self.tr("File…"), self)
        self.file_button.clicked.connect(self._choose_file)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.file_button)

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Annotator map (one NAME=EMAIL a line)"), self.edit.text()
        )
        if path:
            self.edit.setText(path)

    def mapping(self) -> dict[str, str]:
        """The map, read by the core's parser (a FormatError names the bad item)."""
        from annotator.formats import parse_annotator_map

        return parse_annotator_map(self.edit.text())


class FieldMapGroup(QGroupBox):
    """``--text-field``, ``--id-field`` …: one line per field of the core's FieldMap,
    its default shown as the placeholder."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("JSON fields (dotted paths reach into nested objects)"), parent)
        from annotator.formats.mapped import FieldMap

        captions = {
            "text": self.tr("Text:"),
            "id": self.tr("Id:"),
            "spans": self.tr("Spans list:"),
            "label": self.tr("Span label:"),
            "start": self.tr("Span start:"),
            "end": self.tr("Span end:"),
            "span_text": self.tr("Span text:"),
            "source": self.tr("Source (outlet):"),
            "title": self.tr("Title:"),
        }
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        defaults = FieldMap()
        for item in fields(FieldMap):
            edit = QLineEdit(self)
            default = getattr(defaults, item.name)
            edit.setPlaceholderText(str(default) if default else self.tr("none"))
            edit.setObjectName(f"{item.name}_field")
            self.edits[item.name] = edit
            form.addRow(captions.get(item.name, f"{item.name}:"), edit)

    def field_map(self) -> dict[str, str]:
        """The fields the user named (the rest keep the core's defaults)."""
        return {name: e.text().strip() for name, e in self.edits.items() if e.text().strip()}


__all__ = [
    "AnnotatorMapEdit",
    "FieldMapGroup",
    "FormatEntry",
    "OffsetsCombo",
    "detected_entry",
    "format_entries",
]
