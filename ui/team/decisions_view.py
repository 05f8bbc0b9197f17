"""The decisions panel: what the curator made of each of my spans in the open document
(taken as is, taken edited, rejected, pending). Activating a row selects the span."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.records import SpanData
from ui.team.comments_view import directed
from ui.team.decisions_model import COLORS, DecisionsModel, decision_name

SPAN_ROLE = Qt.ItemDataRole.UserRole


class DecisionsPanel(QWidget):
    spanChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DecisionsPanel")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("DecisionsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Span"), self.tr("Label"), self.tr("Curator")]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.table.itemActivated.connect(self._activated)
        self.table.itemDoubleClicked.connect(self._activated)

    def show_model(
        self, model: DecisionsModel, spans: list[SpanData], viewer: str, label_name
    ) -> None:
        """One row per span of mine that has a decision, in text order."""
        self.table.setRowCount(0)
        if model.document_id is None:
            self.summary.setText(self.tr("No document is open."))
            return
        if model.curator is None:
            self.summary.setText(self.tr("No curator has curated this document yet."))
            return
        if model.curator == viewer:
            self.summary.setText(
                self.tr("You curate this document: decisions are shown to its annotators.")
            )
            return
        if not model.by_span:
            self.summary.setText(
                self.tr(
                    "Curator {name}: no decision to show yet (they are shown on documents "
                    "you marked done)."
                ).format(name=model.curator)
            )
            return
        mine = [s for s in spans if s.id in model.by_span]
        counts: dict[str, int] = {}
        for span in mine:
            decision = model.by_span[span.id]
            counts[decision] = counts.get(decision, 0) + 1
            row = self.table.rowCount()
            self.table.insertRow(row)
            text = QTableWidgetItem(directed(span.text))
            text.setData(SPAN_ROLE, span.id)
            text.setTextAlignment(  # the span's Arabic at the right in either interface
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignAbsolute
                | Qt.AlignmentFlag.AlignVCenter
            )
            label = QTableWidgetItem(label_name(span))
            verdict = QTableWidgetItem(decision_name(decision))
            verdict.setForeground(QColor(COLORS.get(decision, "#000000")))
            verdict.setData(Qt.ItemDataRole.AccessibleTextRole, decision)
            for col, item in enumerate((text, label, verdict)):
                self.table.setItem(row, col, item)
        parts = ", ".join(f"{decision_name(d)} {n}" for d, n in counts.items())
        self.summary.setText(
            self.tr("Curator {name} (curation {status}): {parts}").format(
                name=model.curator, status=model.status.replace("_", " "), parts=parts or "—"
            )
        )

    def decisions_shown(self) -> dict[int, str]:
        """Span id → decision name as the table shows them (for tests)."""
        return {
            self.table.item(r, 0).data(SPAN_ROLE): self.table.item(r, 2).text()
            for r in range(self.table.rowCount())
        }

    def _activated(self, item: QTableWidgetItem) -> None:
        span_id = self.table.item(item.row(), 0).data(SPAN_ROLE)
        if span_id is not None:
            self.spanChosen.emit(span_id)
