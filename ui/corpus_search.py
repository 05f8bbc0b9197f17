"""Search across the corpus (Ctrl+Shift+F): a results table that opens a hit.

It only lists hits and emits the chosen one as code-point offsets; the window opens the
document there. Matching is :class:`annotator.search.CorpusScan`, the same forgiving
match as the Find bar's.
"""

from __future__ import annotations

import time
import unicodedata

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.search import CorpusScan, Hit
from annotator.store import Store
from ui.richtext import plain_tooltip

_LRI, _RLI, _PDI = "\u2066", "\u2067", "\u2069"


def _reads_right_to_left(text: str) -> bool:
    """The direction of ``text`` by its first strong character (Unicode's rule P2)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


class CorpusSearchDialog(QDialog):
    """Search every document; double-click (or Enter on) a hit to open it there.

    The scan runs in small steps on a zero-delay timer, so the window stays responsive on
    a large corpus and "Stop" takes effect at once; it stops by itself after the
    configured number of hits.
    """

    documentChosen = Signal(int, int, int)  # document id, start, end (code points)

    STEP_BUDGET_S = 0.03

    def __init__(self, parent: QWidget | None, store: Store, *, limit: int = 500):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Search the corpus"))
        self.resize(760, 480)
        self.store = store
        self._scan: CorpusScan | None = None
        self._hits: list[Hit] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Word or phrase (diacritics and alef forms ignored)"))
        self.limit_box = QSpinBox(self)
        self.limit_box.setRange(1, 100000)
        self.limit_box.setValue(limit)
        self.limit_box.setPrefix(self.tr("max "))
        self.search_button = QPushButton(self.tr("Search"), self)
        self.search_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.edit, 1)
        top.addWidget(self.limit_box)
        top.addWidget(self.search_button)
        top.addWidget(self.stop_button)

        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Title"), self.tr("Context")]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.status_label = QLabel(self)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(
            self.tr("Open"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setEnabled(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

        self.search_button.clicked.connect(self.start_search)
        self.edit.returnPressed.connect(self.start_search)
        self.stop_button.clicked.connect(self.stop_search)
        self.table.itemDoubleClicked.connect(lambda _item: self.choose_current())
        self.table.itemSelectionChanged.connect(
            lambda: self.open_button.setEnabled(self.table.currentRow() >= 0)
        )
        buttons.accepted.connect(self.choose_current)
        buttons.rejected.connect(self.reject)
        # Keyboard only: Down goes from the field to the results, Enter there opens the hit
        # (without this, Enter anywhere pressed the default button and searched again).
        self.edit.installEventFilter(self)
        self.table.installEventFilter(self)

    # ------------------------------------------------------------------ API
    def hits(self) -> list[Hit]:
        return list(self._hits)

    def is_running(self) -> bool:
        return self._timer.isActive()

    def start_search(self) -> None:
        self.stop_search()
        self._hits.clear()
        self.table.setRowCount(0)
        query = self.edit.text()
        if not query.strip():
            self.status_label.setText(self.tr("Type something to search for."))
            return
        self._scan = CorpusScan(self.store, query, limit=self.limit_box.value())
        self.stop_button.setEnabled(True)
        self.status_label.setText(self.tr("Searching…"))
        self._timer.start()

    def stop_search(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._finish(stopped=True)

    def choose_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._hits):
            hit = self._hits[row]
            self.documentChosen.emit(hit.document_id, hit.start, hit.end)
            self.accept()

    # ------------------------------------------------------------------ internals
    def _tick(self) -> None:
        scan = self._scan
        if scan is None:
            self._timer.stop()
            return
        deadline = time.monotonic() + self.STEP_BUDGET_S
        while not scan.done and time.monotonic() < deadline:
            for hit in scan.step(20):
                self._add_row(hit)
        if scan.done:
            self._timer.stop()
            self._finish(stopped=False)
        else:
            self.status_label.setText(
                self.tr("Searching… %1 documents read, %2 matches")
                .replace("%1", str(scan.docs_scanned))
                .replace("%2", str(scan.hit_count))
            )

    def _add_row(self, hit: Hit) -> None:
        self._hits.append(hit)
        row = self.table.rowCount()
        self.table.insertRow(row)
        doc_item = QTableWidgetItem(f"{hit.document_id} · {hit.external_id}")
        doc_item.setToolTip(
            self.tr("characters %1–%2").replace("%1", str(hit.start)).replace("%2", str(hit.end))
        )
        title_item = QTableWidgetItem(hit.title)
        rtl = _reads_right_to_left(hit.snippet)
        # The excerpt reads in its own direction whatever the interface's: isolated, so its
        # "…" stays at its start, and aligned to the edge it starts from.
        context_item = QTableWidgetItem(f"{_RLI if rtl else _LRI}{hit.snippet}{_PDI}")
        context_item.setTextAlignment(
            (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignAbsolute
            | Qt.AlignmentFlag.AlignVCenter
        )
        context_item.setToolTip(plain_tooltip(hit.snippet))
        for col, item in enumerate((doc_item, title_item, context_item)):
            self.table.setItem(row, col, item)
        if row == 0:
            self.table.setCurrentCell(0, 0)

    def _finish(self, *, stopped: bool) -> None:
        self.stop_button.setEnabled(False)
        scan = self._scan
        n = len(self._hits)
        docs = len({h.document_id for h in self._hits})
        text = self.tr("%1 matches in %2 documents").replace("%1", str(n)).replace("%2", str(docs))
        if stopped:
            text += " " + self.tr("(stopped)")
        elif scan is not None and scan.truncated:
            text += " " + self.tr("(limit reached; more matches not shown)")
        self.status_label.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.edit and key == Qt.Key.Key_Down and self.table.rowCount():
                self.table.setFocus(Qt.FocusReason.TabFocusReason)
                if self.table.currentRow() < 0:
                    self.table.setCurrentCell(0, 0)
                return True
            if watched is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:  # noqa: D401 - Qt API
        self._timer.stop()
        super().done(result)


__all__ = ["CorpusSearchDialog"]
