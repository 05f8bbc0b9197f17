"""The import summary's table: every realignment, refusal and warning of a report, one row each.

Kept apart from the dialog so the dialog only runs the import and switches pages. Rows are
built field by field from the structured report (``annotator.reports``), never parsed back
from message strings. Strings keep the ``ImportDialog`` translation context they always had.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ui.richtext import plain_tooltip


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class ProblemTable(QTableWidget):
    """Read-only table of what an import realigned, refused or warned about."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setHorizontalHeaderLabels(
            [
                _tr("Kind"),
                _tr("File"),
                _tr("Line"),
                _tr("Record id"),
                _tr("Label"),
                _tr("Old offsets"),
                _tr("New offsets"),
                _tr("Rule or reason"),
            ]
        )
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def show_report(self, report: Any) -> None:
        """Replace the rows with those of ``report`` (None: an empty table)."""
        self.setRowCount(0)
        if report is None:
            return
        # nothing is applied when the import is refused: say so on every row
        realigned = _tr("realigned") if report.committed else _tr("would realign (not applied)")
        for item in report.realignments:
            self.add_row(
                realigned,
                item.file,
                item.line,
                item.record_id,
                item.label,
                f"{item.old[0]}–{item.old[1]}",
                f"{item.new[0]}–{item.new[1]}",
                item.rule,
            )
        hidden = sum(report.realigned.values()) - len(report.realignments)
        if hidden > 0:
            self._add_more(realigned, hidden)
        for refusal in report.refusals:
            old = f"{refusal.old[0]}–{refusal.old[1]}" if refusal.old else ""
            self.add_row(
                _tr("refused"),
                refusal.file,
                refusal.line if refusal.line > 0 else "",
                refusal.record_id or "",
                refusal.label or "",
                old,
                "",
                refusal.reason,
            )
        if report.unlisted_problems:
            self._add_more(_tr("refused"), report.unlisted_problems)
        for notice in report.notices:
            offsets = f"{notice.offsets[0]}–{notice.offsets[1]}" if notice.offsets else ""
            self.add_row(
                _tr("warning"),
                notice.file,
                notice.line if notice.line > 0 else "",
                notice.record_id or "",
                notice.label or "",
                offsets,
                "",
                notice.message,
            )

    def _add_more(self, kind: str, count: int) -> None:
        self.add_row(kind, "", "", "", "", "", "", _tr("… and %1 more").replace("%1", str(count)))

    def add_row(self, *values: Any) -> None:
        """One row: kind, file, line, record id, label, old, new offsets, rule or reason."""
        row = self.rowCount()
        self.insertRow(row)
        for col, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(plain_tooltip(item.text()))
            self.setItem(row, col, item)

    def rows(self) -> list[list[str]]:
        """The table as text (for tests and copy-paste)."""
        return [
            [self.item(r, c).text() for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]
