"""The agreement panel: annotator × annotator matrix, per-label bars, and a drill-down
from a pair to the documents they disagree on and the spans that differ.

All figures come from :func:`annotator.team.dataset.agreement_for_store`; this module
only lays them out. Undefined figures (nothing to compare) show as "–".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError
from annotator.store import Store
from annotator.team.agreement import Comparison, disagreement

METRICS = ("exact_f1", "partial_f1", "kappa")


def figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


class AgreementPanel(QDialog):
    """Opens on a store; ``open_document`` asks the main window to show a document."""

    open_document = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.result: dict[str, Any] | None = None
        self.comparison: Comparison | None = None
        self.setWindowTitle(self.tr("Agreement"))
        self.resize(1000, 640)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("Documents everyone marked done"), "done")
        self.status_box.addItem(self.tr("Documents everyone touched"), "any")
        self.metric_box = QComboBox()
        for key, name in zip(
            METRICS, (self.tr("Exact F1"), self.tr("Partial F1"), self.tr("Cohen's κ")), strict=True
        ):
            self.metric_box.addItem(name, key)
        refresh = QPushButton(self.tr("Refresh"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        for widget in (self.status_box, self.metric_box, refresh):
            top.addWidget(widget)
        top.addStretch(1)

        self.matrix = QTableWidget()
        self.matrix.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.labels = QTableWidget(0, 3)
        self.labels.setHorizontalHeaderLabels([self.tr("Label"), self.tr("α (nominal)"), ""])
        self.labels.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.documents = QListWidget()
        self.spans = QListWidget()
        for table in (self.matrix, self.labels):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.matrix)
        left.addWidget(self.labels)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.documents)
        right.addWidget(self.spans)
        body = QSplitter()
        body.addWidget(left)
        body.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(body, 1)

        refresh.clicked.connect(self.refresh)
        self.status_box.currentIndexChanged.connect(self.refresh)
        self.metric_box.currentIndexChanged.connect(self._fill_matrix)
        self.matrix.cellClicked.connect(self.show_pair)
        self.documents.currentItemChanged.connect(self._show_document)
        self.documents.itemDoubleClicked.connect(
            lambda item: self.open_document.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        self.refresh()

    # ---------------------------------------------------------------- figures
    def refresh(self) -> None:
        from annotator.team.dataset import agreement_for_store

        try:
            self.result, self.comparison = agreement_for_store(
                self.store, status=self.status_box.currentData()
            )
        except AnnotatorError as exc:
            self.result = self.comparison = None
            self.summary.setText(str(exc))
            self.matrix.clear()
            self.labels.setRowCount(0)
            return
        alpha = self.result["alpha"]["overall"]
        self.summary.setText(
            self.tr("{n} documents compared; Krippendorff's α (mean over labels): {a}").format(
                n=self.result["documents"], a=figure(alpha)
            )
        )
        self._fill_matrix()
        self._fill_labels()

    def _fill_matrix(self) -> None:
        if self.result is None:
            return
        names = self.result["annotators"]
        metric = self.metric_box.currentData()
        self.matrix.clear()
        self.matrix.setRowCount(len(names))
        self.matrix.setColumnCount(len(names))
        self.matrix.setHorizontalHeaderLabels(names)
        self.matrix.setVerticalHeaderLabels(names)
        for pair in self.result["pairs"]:
            i, j = names.index(pair["a"]), names.index(pair["b"])
            for row, col in ((i, j), (j, i)):
                item = QTableWidgetItem(figure(pair[metric]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.matrix.setItem(row, col, item)
        for k in range(len(names)):
            self.matrix.setItem(k, k, QTableWidgetItem("—"))

    def _fill_labels(self) -> None:
        assert self.result is not None
        alphas = self.result["alpha"]["labels"]
        self.labels.setRowCount(len(alphas))
        for row, (label, value) in enumerate(alphas.items()):
            self.labels.setItem(row, 0, QTableWidgetItem(label))
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setValue(max(0, round((value or 0) * 100)))
            bar.setFormat(figure(value))
            self.labels.setCellWidget(row, 1, bar)
            self.labels.setItem(row, 2, QTableWidgetItem(figure(value)))
        self.labels.resizeColumnToContents(0)

    # ---------------------------------------------------------------- drill-down
    def show_pair(self, row: int, column: int) -> None:
        """List the pair's documents, least agreement first."""
        self.documents.clear()
        self.spans.clear()
        if self.result is None or row == column:
            return
        names = self.result["annotators"]
        a, b = sorted((names[row], names[column]), key=names.index)
        self._pair = (a, b)
        entries = []
        for doc in self.result.get("by_document", []):
            for pair in doc["pairs"]:
                if (pair["a"], pair["b"]) == (a, b) and (pair["a_spans"] or pair["b_spans"]):
                    if pair["exact_f1"] != 1.0:
                        entries.append((pair["exact_f1"] or 0.0, doc))
        entries.sort(key=lambda e: e[0])
        for score, doc in entries:
            item = QListWidgetItem(
                self.tr("{doc} — exact F1 {f}").format(doc=doc["document"], f=figure(score))
            )
            item.setData(Qt.ItemDataRole.UserRole, doc["document_id"])
            self.documents.addItem(item)
        if not entries:
            self.documents.addItem(self.tr("No disagreement between {a} and {b}").format(a=a, b=b))

    def _show_document(self, item: QListWidgetItem | None) -> None:
        self.spans.clear()
        if item is None or self.comparison is None:
            return
        doc_id = item.data(Qt.ItemDataRole.UserRole)
        if doc_id is None:
            return
        a, b = self._pair
        text = self.comparison.texts[doc_id]
        diff = disagreement(
            self.comparison.spans_of(a, doc_id), self.comparison.spans_of(b, doc_id)
        )
        for who, spans in ((a, diff.only_a), (b, diff.only_b)):
            for start, end, label in spans:
                self.spans.addItem(
                    self.tr("only {who}: {label} {s}–{e} «{text}»").format(
                        who=who, label=label, s=start, e=end, text=text[start:end]
                    )
                )
