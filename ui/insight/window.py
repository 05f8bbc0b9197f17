"""The Statistics window: the insight views of the open database, one tab each.

Every figure comes from annotator.insight (the same functions as ``annotator stats``,
``naming`` and ``concordance``); this module only lays them out and forwards clicks:
a bar, a term or a naming row lists the documents behind it below the tabs, and
activating a document (or a concordance row, at its occurrence) asks the main window to
open it through :attr:`StatisticsWindow.documentChosen`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.insight.browse import DocRef, documents_behind
from annotator.insight.concordance import concordance
from annotator.insight.counts import Facts, label_rows, source_rows, term_rows
from annotator.insight.naming import naming_from_facts
from annotator.store import Store
from ui.fonts import article_families
from ui.insight.barchart import BarChart, BarItem

DOC_ROLE = Qt.ItemDataRole.UserRole


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(value: object, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem()
    if isinstance(value, int | float):
        item.setData(Qt.ItemDataRole.DisplayRole, value)  # sorts as a number
    else:
        item.setText(str(value))
    if data is not None:
        item.setData(DOC_ROLE, data)
    return item


class StatisticsWindow(QDialog):
    """Non-modal window over the main window; refreshes from the database on demand."""

    documentChosen = Signal(int, int, int)  # document id, start, end (-1, -1: no range)

    def __init__(self, parent: QWidget | None, store: Store):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Statistics"))
        font = self.font()  # the interface font, with the article's Arabic font behind it
        font.setFamilies([font.family(), *article_families()])
        self.setFont(font)
        self.resize(1000, 720)
        self.tabs = QTabWidget()
        self.sources_chart = BarChart()
        self.labels_chart = BarChart()
        self.terms_table = _table(
            [self.tr("Label"), self.tr("Term"), self.tr("Spans"), self.tr("Sources")]
        )
        self.naming_label = QComboBox()
        self.naming_target = QComboBox()
        self.naming_table = _table(
            [
                self.tr("Source"),
                self.tr("Term"),
                self.tr("Here"),
                self.tr("Elsewhere"),
                self.tr("z"),
            ]
        )
        self.kwic_query = QLineEdit()
        self.kwic_query.setPlaceholderText(
            self.tr("Term to find (clitics and diacritics forgiven)")
        )
        self.kwic_unlabelled = QCheckBox(self.tr("Unlabelled only"))
        self.kwic_table = _table(
            [
                self.tr("Source"),
                self.tr("Document"),
                self.tr("Before"),
                self.tr("Term"),
                self.tr("After"),
                self.tr("Labelled by"),
            ]
        )
        # Articles are always right to left: the context before a term sits to its right
        # whatever the interface language.
        self.kwic_table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.kwic_status = QLabel()
        self.documents = QListWidget()
        self.documents_title = QLabel(
            self.tr(
                "Click a bar, a term or a row to list its documents; double-click one to open it."
            )
        )
        self._facts: Facts | None = None
        self._build()
        self.refresh()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.tabs.addTab(_scroll(self.sources_chart), self.tr("Density per source"))
        self.tabs.addTab(_scroll(self.labels_chart), self.tr("Labels"))
        self.tabs.addTab(self.terms_table, self.tr("Terms"))
        naming = QWidget()
        box = QVBoxLayout(naming)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Label:")))
        row.addWidget(self.naming_label, 1)
        row.addWidget(QLabel(self.tr("Target:")))
        row.addWidget(self.naming_target, 1)
        box.addLayout(row)
        box.addWidget(self.naming_table)
        self.tabs.addTab(naming, self.tr("Naming divergence"))
        kwic = QWidget()
        box = QVBoxLayout(kwic)
        row = QHBoxLayout()
        row.addWidget(self.kwic_query, 1)
        row.addWidget(self.kwic_unlabelled)
        find = QPushButton(self.tr("Find"))
        row.addWidget(find)
        box.addLayout(row)
        box.addWidget(self.kwic_table)
        box.addWidget(self.kwic_status)
        self.tabs.addTab(kwic, self.tr("Concordance"))
        bottom = QWidget()
        box = QVBoxLayout(bottom)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.documents_title)
        box.addWidget(self.documents)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.sources_chart.barClicked.connect(lambda s: self.show_documents(source=s))
        self.labels_chart.barClicked.connect(lambda k: self.show_documents(label=k))
        self.terms_table.cellClicked.connect(self._term_clicked)
        self.terms_table.cellDoubleClicked.connect(self._term_concordance)
        self.naming_label.currentIndexChanged.connect(self._naming_targets)
        self.naming_target.currentIndexChanged.connect(self.show_naming)
        self.naming_table.cellClicked.connect(self._naming_clicked)
        find.clicked.connect(self.run_concordance)
        self.kwic_query.returnPressed.connect(self.run_concordance)
        self.kwic_table.cellDoubleClicked.connect(self._kwic_open)
        self.documents.itemActivated.connect(self._document_open)

    # ------------------------------------------------------------------ figures
    def refresh(self) -> None:
        """Read the figures again (after labelling in the main window)."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._facts = Facts(self.store)
            self._fill_sources()
            self._fill_labels()
            self._fill_terms()
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _fill_sources(self) -> None:
        assert self._facts is not None
        rows = sorted(source_rows(self._facts), key=lambda r: (-r["per_1000_words"], r["source"]))
        self.sources_chart.set_items(
            [
                BarItem(
                    r["source"],
                    r["source"] or self.tr("(no source)"),
                    r["per_1000_words"],
                    f"{r['per_1000_words']:.1f}",
                    self.tr("{0}: {1} spans in {2} words, {3} documents").format(
                        r["source"] or "—", r["spans"], r["words"], r["documents"]
                    ),
                )
                for r in rows
            ]
        )

    def _fill_labels(self) -> None:
        assert self._facts is not None
        rows = label_rows(self._facts)
        colors = self._label_colors(rows)
        self.labels_chart.set_items(
            [
                BarItem(
                    r["label"],
                    r["label"],
                    r["spans"],
                    str(r["spans"]),
                    self.tr("{0}: {1} spans in {2} documents, {3} sources").format(
                        r["label"], r["spans"], r["documents"], r["sources"]
                    ),
                    colors.get(r["label"], "#888888"),
                )
                for r in rows
            ]
        )
        self.naming_label.blockSignals(True)
        self.naming_label.clear()
        self.naming_label.addItems([r["label"] for r in rows])
        self.naming_label.blockSignals(False)
        self._naming_targets()

    def _label_colors(self, rows: list[dict]) -> dict[str, str]:
        colors: dict[str, str] = {}
        for r in rows:
            try:
                label = self.store.labelset(r["labelset"]).label(r["label"])
            except Exception:  # noqa: BLE001 - a label set no longer known: grey bar
                label = None
            if label is not None:
                colors[r["label"]] = label.color
        return colors

    def _fill_terms(self) -> None:
        assert self._facts is not None
        rows = term_rows(self._facts)
        table = self.terms_table
        table.setSortingEnabled(False)
        table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            form = next(iter(r["forms"]), r["term"])
            sources = "، ".join(f"{s or '—'} {n}" for s, n in list(r["sources"].items())[:4])
            table.setItem(i, 0, _item(r["label"]))
            table.setItem(i, 1, _item(form, (r["label"], r["term"])))
            table.setItem(i, 2, _item(r["spans"]))
            table.setItem(i, 3, _item(sources))
        table.setSortingEnabled(True)

    def _naming_targets(self) -> None:
        assert self._facts is not None
        label = self.naming_label.currentText()
        targets = sorted(
            {
                t
                for lb, _s, _src, t, _n in self._facts.term_facts
                if t and self._facts.key(lb) == label
            }
        )
        self.naming_target.blockSignals(True)
        self.naming_target.clear()
        self.naming_target.addItem(self.tr("(all)"), None)
        for target in targets:
            self.naming_target.addItem(target, target)
        self.naming_target.blockSignals(False)
        self.show_naming()

    def show_naming(self) -> None:
        if self._facts is None or not self.naming_label.currentText():
            return
        naming = naming_from_facts(
            self._facts, self.naming_label.currentText(), target=self.naming_target.currentData()
        )
        table = self.naming_table
        table.setSortingEnabled(False)
        scores = [s for s in naming.scores if s.count > 0]
        table.setRowCount(len(scores))
        for i, s in enumerate(scores):
            table.setItem(i, 0, _item(s.source or "—", s.source))
            table.setItem(i, 1, _item(naming.display.get(s.term, s.term), s.term))
            table.setItem(i, 2, _item(s.count))
            table.setItem(i, 3, _item(s.rest))
            table.setItem(i, 4, _item(round(s.z, 2)))
        table.setSortingEnabled(True)

    # ------------------------------------------------------------------ clicks
    def show_documents(self, **criteria: str | None) -> list[DocRef]:
        found = documents_behind(self.store, **criteria)
        shown = " · ".join(str(v) for v in criteria.values() if v is not None)
        self.documents_title.setText(self.tr("{0} documents: {1}").format(len(found), shown))
        self.documents.clear()
        for doc in found:
            text = f"{doc.external_id} — {doc.title or doc.source} ({doc.spans})"
            item = QListWidgetItem(text)
            item.setData(DOC_ROLE, doc.id)
            self.documents.addItem(item)
        return found

    def _term_clicked(self, row: int, _column: int) -> None:
        label, term = self.terms_table.item(row, 1).data(DOC_ROLE)
        self.show_documents(label=label, term=term)

    def _term_concordance(self, row: int, _column: int) -> None:
        self.kwic_query.setText(self.terms_table.item(row, 1).text())
        self.tabs.setCurrentIndex(4)
        self.run_concordance()

    def _naming_clicked(self, row: int, _column: int) -> None:
        self.show_documents(
            source=self.naming_table.item(row, 0).data(DOC_ROLE),
            label=self.naming_label.currentText(),
            term=self.naming_table.item(row, 1).data(DOC_ROLE),
        )

    def run_concordance(self) -> None:
        term = self.kwic_query.text().strip()
        if not term:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = concordance(
                self.store, term, unlabelled_only=self.kwic_unlabelled.isChecked(), limit=2000
            )
        finally:
            QGuiApplication.restoreOverrideCursor()
        table = self.kwic_table
        table.setSortingEnabled(False)
        table.setRowCount(len(found))
        for i, o in enumerate(found):
            labels = ", ".join(f"{lb.annotator}: {lb.label}" for lb in o.labels)
            table.setItem(i, 0, _item(o.source or "—", (o.document_id, o.start, o.end)))
            table.setItem(i, 1, _item(o.external_id))
            before = _item(o.left)
            before.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
            table.setItem(i, 2, before)
            table.setItem(i, 3, _item(o.match))
            table.setItem(i, 4, _item(o.right))
            table.setItem(i, 5, _item(labels or self.tr("— unlabelled —")))
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # sorted by source; a header click sorts otherwise
        missed = sum(1 for o in found if not o.labelled)
        self.kwic_status.setText(
            self.tr("{0} occurrences, {1} unlabelled").format(len(found), missed)
        )

    def _kwic_open(self, row: int, _column: int) -> None:
        doc_id, start, end = self.kwic_table.item(row, 0).data(DOC_ROLE)
        self.documentChosen.emit(doc_id, start, end)

    def _document_open(self, item: QListWidgetItem) -> None:
        self.documentChosen.emit(int(item.data(DOC_ROLE)), -1, -1)


__all__ = ["StatisticsWindow"]
