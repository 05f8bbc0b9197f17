"""The curation view: one document's annotators side by side, conflicts walked with keys,
decisions into the curator's gold layer, undoable.

The text is shown once, right to left, with every marked range tinted in its label's
colour and the current item framed; below it one column (a *lane*) per annotator and one
for gold says who marked each item. Keys: N / P next / previous undecided conflict,
1–9 take that annotator's span, T take the current item, R or Delete reject it from gold,
E edit the gold span's boundaries, Ctrl+Z / Ctrl+Shift+Z undo / redo, PgDown / PgUp next /
previous document. The decisions are :mod:`annotator.editing.curation` operations.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.editing import Editor, EditRefused, UpdateSpan
from annotator.editing.curation import RejectFromGold, SetCurationStatus, TakeIntoGold
from annotator.errors import AnnotatorError
from annotator.labelsets import LabelSet
from annotator.store import Store
from annotator.team.adjudication import CURATION_STATUSES, curation_status
from annotator.team.curation import CurationItem, CurationState, curation_state, next_conflict

LANE_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b")
GOLD_COLOR = "#b8860b"


class CurationView(QDialog):
    def __init__(
        self,
        store: Store,
        curator: str,
        labelset: LabelSet,
        document_ids: list[int],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store, self.curator, self.labelset = store, curator, labelset
        self.document_ids = document_ids
        self.position = 0
        self.editor = Editor(store, curator, labelset, role="curator")
        self.state: CurationState | None = None
        self.setWindowTitle(self.tr("Curation — {curator}").format(curator=curator))
        self.resize(1100, 700)

        self.title = QLabel()
        self.title.setMinimumWidth(100)
        self.status_box = QComboBox()
        for status in CURATION_STATUSES:
            self.status_box.addItem(status, status)
        self.message = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel(self.tr("Curation status:")))
        top.addWidget(self.status_box)
        self.text = QTextBrowser()
        self.text.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        font = QFont(self.text.font())
        font.setPointSize(font.pointSize() + 4)
        self.text.setFont(font)
        self.lanes = QTableWidget()
        self.lanes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.lanes.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.lanes.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.text)
        split.addWidget(self.lanes)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        hint = QLabel(
            self.tr(
                "N/P next/previous conflict · 1–9 take that annotator's span · "
                "T take · R reject · E edit · Ctrl+Z undo · PgDn/PgUp document"
            )
        )
        hint.setStyleSheet("color: gray")
        layout.addWidget(hint)

        self.lanes.currentCellChanged.connect(lambda *_: self._render_text())
        self.status_box.activated.connect(self._status_chosen)
        keys = {
            "N": lambda: self.walk(1),
            "P": lambda: self.walk(-1),
            "T": self.take_current,
            "R": self.reject_current,
            "Delete": self.reject_current,
            "E": self.edit_dialog,
            "Ctrl+Z": self.undo,
            "Ctrl+Shift+Z": self.redo,
            "PgDown": lambda: self.go_document(1),
            "PgUp": lambda: self.go_document(-1),
        }
        for n in range(1, 10):
            keys[str(n)] = lambda n=n: self.take_from(n - 1)
        for key, slot in keys.items():
            QShortcut(QKeySequence(key), self, activated=slot)
        self.load()

    # ---------------------------------------------------------------- data
    @property
    def document_id(self) -> int:
        return self.document_ids[self.position]

    def load(self, keep_row: int | None = None) -> None:
        self.state = curation_state(
            self.store, self.document_id, self.curator, labelset=self.labelset.name
        )
        doc = self.store.document(self.document_id)
        title = (
            doc.title if len(doc.title) <= 80 else doc.title[:79] + "…"
        )  # some titles are a paragraph
        self.title.setText(f"{doc.external_id} — {title}" if title else doc.external_id)
        self.title.setToolTip(doc.title)
        self.status_box.setCurrentText(curation_status(self.store, self.document_id, self.curator))
        self._fill_lanes()
        row = keep_row if keep_row is not None else next_conflict(self.state, None)
        if row is not None and self.state.items:
            self.lanes.setCurrentCell(min(row, len(self.state.items) - 1), 0)
        self._render_text()

    def current_item(self) -> CurationItem | None:
        row = self.lanes.currentRow()
        if self.state is None or not 0 <= row < len(self.state.items):
            return None
        return self.state.items[row]

    def _fill_lanes(self) -> None:
        assert self.state is not None
        names = self.state.annotators
        headers = [self.tr("Label"), self.tr("Text"), *names, self.tr("Gold")]
        self.lanes.clear()
        self.lanes.setColumnCount(len(headers))
        self.lanes.setHorizontalHeaderLabels(headers)
        self.lanes.setRowCount(len(self.state.items))
        for row, item in enumerate(self.state.items):
            conflict = self.state.is_conflict(item)
            cells = [item.label, item.text]
            for col, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                if conflict:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.lanes.setItem(row, col, cell)
            for k, name in enumerate(names):
                marked = name in item.marked_by
                cell = QTableWidgetItem("✓" if marked else "")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if marked:
                    cell.setBackground(
                        QBrush(QColor(LANE_COLORS[k % len(LANE_COLORS)]).lighter(170))
                    )
                self.lanes.setItem(row, 2 + k, cell)
            gold = QTableWidgetItem("★" if item.gold else "")
            gold.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if item.gold:
                gold.setBackground(QBrush(QColor(GOLD_COLOR).lighter(160)))
            self.lanes.setItem(row, 2 + len(names), gold)
        self.lanes.resizeColumnsToContents()
        self.lanes.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _render_text(self) -> None:
        if self.state is None:
            return
        text = self.store.document(self.document_id).text
        current = self.current_item()
        tint: dict[int, str] = {}
        for item in self.state.items:
            label = self.labelset.label(item.label)
            color = QColor(label.color if label else "#cccccc").lighter(150).name()
            for i in range(item.start, item.end):
                tint.setdefault(i, color)
        parts = []
        for i, ch in enumerate(text):
            piece = html.escape(ch)
            if current is not None and current.start <= i < current.end:
                piece = f'<span style="background:#ffe066;text-decoration:underline">{piece}</span>'
            elif i in tint:
                piece = f'<span style="background:{tint[i]}">{piece}</span>'
            parts.append(piece)
        self.text.setHtml('<div dir="rtl">' + "".join(parts).replace("\n", "<br>") + "</div>")
        if current is not None:  # one character per code point (a <br> is one): scroll to it
            cursor = self.text.textCursor()
            cursor.setPosition(min(current.start, self.text.document().characterCount() - 1))
            self.text.setTextCursor(cursor)
            self.text.ensureCursorVisible()

    # ---------------------------------------------------------------- decisions
    def _perform(self, operation) -> None:
        row = self.lanes.currentRow()
        try:
            changes = self.editor.perform(operation)
        except (EditRefused, AnnotatorError) as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(changes.summary if changes else "")
        self.load(keep_row=row)

    def take_from(self, lane: int) -> None:
        """Take lane ``lane``'s span for the current item into gold."""
        item = self.current_item()
        if item is None or self.state is None or lane >= len(self.state.annotators):
            return
        name = self.state.annotators[lane]
        spans = [s for s in item.spans if s.annotator == name]
        if not spans:
            self.message.setText(self.tr("{name} did not mark this").format(name=name))
            return
        if item.gold is not None:
            self.message.setText(self.tr("already in gold"))
            return
        self._perform(TakeIntoGold(self.curator, self.labelset, spans))

    def take_current(self) -> None:
        item = self.current_item()
        if item is not None and item.spans and item.gold is None:
            self._perform(TakeIntoGold(self.curator, self.labelset, item.spans[:1]))

    def reject_current(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if item.gold is None:
            self.walk(1)  # nothing in gold: rejecting is leaving it out
            return
        self._perform(RejectFromGold(self.curator, [item.gold]))

    def edit_current(self, start: int, end: int) -> None:
        """Change the gold span's boundaries (take the item first if gold lacks it)."""
        item = self.current_item()
        if item is None:
            return
        if item.gold is None:
            self.take_current()
            item = self.current_item()
        if item is None or item.gold is None:
            return
        self._perform(
            UpdateSpan(item.gold, self.curator, self.tr("Edit gold span"), start=start, end=end)
        )

    def edit_dialog(self) -> None:
        item = self.current_item()
        if item is None:
            return
        dialog = QDialog(self)
        length = len(self.store.document(self.document_id).text)
        start, end = QSpinBox(), QSpinBox()
        for box, value in ((start, item.start), (end, item.end)):
            box.setRange(0, length)
            box.setValue(value)
        form = QFormLayout(dialog)
        form.addRow(self.tr("Start"), start)
        form.addRow(self.tr("End"), end)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.edit_current(start.value(), end.value())

    def _status_chosen(self) -> None:
        self._perform(
            SetCurationStatus(self.document_id, self.curator, self.status_box.currentData())
        )

    def undo(self) -> None:
        self._history(self.editor.undo)

    def redo(self) -> None:
        self._history(self.editor.redo)

    def _history(self, step) -> None:
        try:
            step()
        except (EditRefused, AnnotatorError) as exc:
            self.message.setText(str(exc))
        self.load(keep_row=self.lanes.currentRow())

    # ---------------------------------------------------------------- walking
    def walk(self, step: int) -> None:
        if self.state is None:
            return
        row = self.lanes.currentRow()
        found = next_conflict(self.state, row if row >= 0 else None, step)
        if found is None:
            self.message.setText(self.tr("No undecided conflict left in this document"))
            return
        self.lanes.setCurrentCell(found, 0)

    def go_document(self, step: int) -> None:
        position = self.position + step
        if 0 <= position < len(self.document_ids):
            self.position = position
            self.load()
