"""“Label all occurrences”: choose the label and the scope, preview every occurrence (with
its context) and untick any that should stay unlabelled, then label them in one command.

The dialog writes nothing: it asks ``find(label_key, corpus)`` for the core's preview
(:func:`annotator.editing.preview_label_all`) and hands back the ticked occurrences; the
window turns them into one undoable operation. Occurrences the annotator rejected as a
suggestion start unticked and say so; the summary says how many documents already marked
done would change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.editing import LabelAllPreview, Occurrence
from annotator.labelsets import LabelSet
from annotator.store import Store, StoreError
from ui.bidi import isolated, left_to_right
from ui.richtext import plain_tooltip

MAX_ROWS = 1000  # more occurrences than this are labelled without a row each
CONTEXT = 30  # characters of context on each side


class LabelAllDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        labelset: LabelSet,
        query: str,
        label_key: str,
        find: Callable[[str, bool], LabelAllPreview],
        lang: str = "en",
        corpus: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("LabelAllDialog")
        self.setWindowTitle(self.tr("Label all occurrences"))
        self._store = store
        self._find = find
        self._found: list[Occurrence] = []
        self._preview: LabelAllPreview | None = None
        self._texts: dict[int, tuple[str, str]] = {}
        self.resize(760, 480)

        intro = QLabel(
            self.tr(
                "Label every occurrence of “{0}” (diacritics, tatweel and "
                "spelling variants included):"
            ).format(query),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.label_combo = QComboBox(self)
        for label in labelset.labels:
            self.label_combo.addItem(f"{label.display_name(lang)} ({label.key})", label.key)
        index = self.label_combo.findData(label_key)
        self.label_combo.setCurrentIndex(max(0, index))
        self.scope_combo = QComboBox(self)
        self.scope_combo.addItem(self.tr("In this article"), False)
        self.scope_combo.addItem(self.tr("In the whole corpus"), True)
        self.scope_combo.setCurrentIndex(1 if corpus else 0)
        form = QFormLayout()
        form.addRow(self.tr("Label:"), self.label_combo)
        form.addRow(self.tr("Where:"), self.scope_combo)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Context")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 200)
        # Keep the match (in the middle of its context) visible when the cell is narrow.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

        self.label_combo.currentIndexChanged.connect(self.refresh)
        self.scope_combo.currentIndexChanged.connect(self.refresh)
        self.table.itemChanged.connect(self._update_summary)
        self.refresh()

    # ------------------------------------------------------------------ state
    def label_key(self) -> str:
        return str(self.label_combo.currentData())

    def corpus(self) -> bool:
        return bool(self.scope_combo.currentData())

    def occurrences(self) -> list[Occurrence]:
        """Everything the preview found (ticked or not)."""
        return list(self._found)

    def chosen(self) -> list[Occurrence]:
        """The occurrences to label: the ticked rows, plus any beyond the shown rows that
        the annotator did not reject."""
        picked = [occ for row, occ in enumerate(self._found[:MAX_ROWS]) if self._checked(row)]
        return picked + [o for o in self._found[MAX_ROWS:] if o.ticked]

    def _checked(self, row: int) -> bool:
        item = self.table.item(row, 0)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    # ------------------------------------------------------------------ building
    def refresh(self) -> None:
        try:
            self._preview = self._find(self.label_key(), self.corpus())
            self._found, error = list(self._preview.occurrences), ""
        except StoreError as exc:
            self._preview, self._found, error = None, [], str(exc)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        shown = self._found[:MAX_ROWS]
        self.table.setRowCount(len(shown))
        for row, occ in enumerate(shown):
            doc, start, end = occ.document_id, occ.start, occ.end
            title, text = self._document(doc)
            number = left_to_right(f"#{doc}")  # "#1", never "1#" next to an Arabic title
            shown_title = f"{number} · {isolated(title)}" if title else number
            marks = []
            if occ.rejected:
                marks.append(self.tr("rejected before"))
            if occ.done:
                marks.append(self.tr("done"))
            if marks:
                shown_title += f" ({', '.join(marks)})"
            doc_item = QTableWidgetItem(shown_title)
            doc_item.setFlags(doc_item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            doc_item.setCheckState(Qt.CheckState.Checked if occ.ticked else Qt.CheckState.Unchecked)
            doc_item.setToolTip(plain_tooltip(title))
            before = text[max(0, start - CONTEXT) : start].replace("\n", " ")
            after = text[end : end + CONTEXT].replace("\n", " ")
            context = f"…{before}【{text[start:end]}】{after}…"
            context_item = QTableWidgetItem(isolated(context))  # its "…" at its start
            context_item.setToolTip(plain_tooltip(context))
            context_item.setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.table.setItem(row, 0, doc_item)
            self.table.setItem(row, 1, context_item)
        self.table.blockSignals(False)
        self._update_summary(error=error)

    def _document(self, doc: int) -> tuple[str, str]:
        if doc not in self._texts:
            try:
                data = self._store.document(doc)
                self._texts[doc] = (
                    (data.title or data.external_id).replace("\n", " ")[:60],
                    data.text,
                )
            except StoreError:
                self._texts[doc] = ("", "")
        return self._texts[doc]

    def _update_summary(self, *_: object, error: str = "") -> None:
        chosen = self.chosen()
        docs = len({o.document_id for o in chosen})
        if error:
            text = error
        elif not self._found:
            text = self.tr("No new occurrence: every one is already labelled so.")
        else:
            text = self.tr("{0} of {1} occurrence(s) in {2} document(s) will be labelled.").format(
                len(chosen), len(self._found), docs
            )
            done = self._preview.done_documents(chosen) if self._preview else 0
            if done:
                text += " " + self.tr("{0} of them already marked done will change.").format(done)
            rejected = sum(o.rejected for o in self._found)
            if rejected:
                text += " " + self.tr("{0} rejected before are unticked.").format(rejected)
            hidden = len(self._found) - MAX_ROWS
            if hidden > 0:
                text += " " + self.tr("{0} more are not listed.").format(hidden)
        self.summary.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(chosen))
