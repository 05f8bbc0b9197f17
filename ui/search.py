"""Search in the open article (SearchBar) and across the corpus (CorpusSearchDialog).

Both only compute code-point ranges and emit them; the article view paints hits and
scrolls. Matching is :func:`annotator.search.find_in_text` (Arabic-forgiving), so what
the bar finds is what the corpus search finds.
"""

from __future__ import annotations

import time

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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.search import CorpusScan, Hit, find_in_text
from annotator.store import Store
from ui.richtext import plain_tooltip


class SearchBar(QWidget):
    """Find-in-article bar: type, then Enter to go to the hit, F3 / Shift+F3 for the next /
    previous one.

    Enter hands the hit to the article (``hitChosen``) so the next label key labels it: the
    first Enter after typing (or after F3 in the field) takes the hit the bar shows as
    current, every further Enter the next one (Shift+Enter the previous one), as a
    browser's find does once a hit has been visited.

    Emits ``hitsChanged(list[(start, end)])`` whenever the set of hits changes (an empty
    list when hidden, so the view clears its highlights), ``currentHitChanged(start,
    end)`` when the current hit moves, so the view scrolls to it, ``hitChosen(start,
    end)`` on Enter and ``closed`` on Escape.
    """

    hitsChanged = Signal(list)
    currentHitChanged = Signal(int, int)
    hitChosen = Signal(int, int)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._text = ""
        self._hits: list[tuple[int, int]] = []
        self._current: int | None = None
        self._origin = 0
        # The current hit has not been handed to the article yet: Enter takes it, not the next.
        self._fresh = True

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Search in article"))
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.prev_button = QToolButton(self)
        self.prev_button.setText(self.tr("Previous"))
        self.prev_button.setToolTip(self.tr("Previous match (Shift+Enter, Shift+F3)"))
        self.next_button = QToolButton(self)
        self.next_button.setText(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Next match (Enter, F3)"))
        self.count_label = QLabel(self)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Close search (Escape)"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.prev_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count_label)
        layout.addWidget(self.close_button)

        self.edit.textChanged.connect(self._search)
        self.next_button.clicked.connect(self.next_hit)
        self.prev_button.clicked.connect(self.previous_hit)
        self.close_button.clicked.connect(self.close_bar)
        self._update_label()

    # ------------------------------------------------------------------ API
    def set_text(self, article_text: str) -> None:
        """A new article: recompute the hits of the current query on it."""
        self._text = article_text
        self._origin = 0
        self._search()

    def set_origin(self, offset: int) -> None:
        """Where the next new query starts looking (e.g. the first visible character)."""
        self._origin = max(0, offset)

    def query(self) -> str:
        return self.edit.text()

    def set_query(self, query: str) -> None:
        self.edit.setText(query)

    def hits(self) -> list[tuple[int, int]]:
        return list(self._hits)

    def current_index(self) -> int | None:
        return self._current

    def current_hit(self) -> tuple[int, int] | None:
        return None if self._current is None else self._hits[self._current]

    def activate(self, initial: str | None = None) -> None:
        """Show the bar with the cursor in the field (Ctrl+F)."""
        if initial:
            self.edit.setText(initial)
        was_hidden = self.isHidden()
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if was_hidden and self._hits:
            self._emit_all()

    def close_bar(self) -> None:
        self.hide()
        self.hitsChanged.emit([])
        self.closed.emit()

    def next_hit(self) -> None:
        self._move(1)

    def previous_hit(self) -> None:
        self._move(-1)

    def choose_hit(self, step: int = 1) -> None:
        """Enter (``step`` 1) / Shift+Enter (-1): emit ``hitChosen`` for the current hit if
        it has not been handed to the article yet, else for the next (previous) one."""
        if not self._hits:
            return
        if not self._fresh or self._current is None:
            self._move(step)
        self._fresh = False
        assert self._current is not None
        self.hitChosen.emit(*self._hits[self._current])

    def mark_handed(self) -> None:
        """The current hit is in the article now (F3 pressed there): Enter moves on."""
        self._fresh = False

    # ------------------------------------------------------------------ internals
    def _search(self) -> None:
        query = self.edit.text()
        self._hits = find_in_text(self._text, query) if query.strip() else []
        if self._hits:
            after = [i for i, (s, _e) in enumerate(self._hits) if s >= self._origin]
            self._current = after[0] if after else 0
        else:
            self._current = None
        self._fresh = True
        self._emit_all()

    def _emit_all(self) -> None:
        self._update_label()
        self.hitsChanged.emit(list(self._hits))
        if self._current is not None:
            self.currentHitChanged.emit(*self._hits[self._current])

    def _move(self, step: int) -> None:
        if not self._hits:
            return
        current = -1 if self._current is None and step > 0 else (self._current or 0)
        self._current = (current + step) % len(self._hits)
        self._origin = self._hits[self._current][0]
        self._fresh = True
        self._update_label()
        self.currentHitChanged.emit(*self._hits[self._current])

    def _update_label(self) -> None:
        if not self.edit.text().strip():
            self.count_label.setText("")
        elif not self._hits:
            self.count_label.setText(self.tr("No matches"))
        else:
            self.count_label.setText(
                self.tr("%1 of %2")
                .replace("%1", str(self._current + 1))
                .replace("%2", str(len(self._hits)))
            )
        self.prev_button.setEnabled(len(self._hits) > 1)
        self.next_button.setEnabled(len(self._hits) > 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            if self._handle_key(event):
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if not self._handle_key(event):
            super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose_hit(-1 if shift else 1)
            return True
        if key == Qt.Key.Key_F3:
            self.previous_hit() if shift else self.next_hit()
            return True
        if key == Qt.Key.Key_Escape:
            self.close_bar()
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
        context_item = QTableWidgetItem(hit.snippet)
        context_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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


__all__ = ["SearchBar", "CorpusSearchDialog"]
