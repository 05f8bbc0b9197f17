"""Search in the open article: the Find bar (Ctrl+F).

It only computes code-point ranges and emits them; the article view paints hits and
scrolls. Matching is :func:`annotator.search.find_in_text` (Arabic-forgiving), so what
the bar finds is what the corpus search (:mod:`ui.corpus_search`) finds.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from annotator.search import find_in_text


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

    def close_on_escape_in(self, area: QWidget) -> None:
        """Escape that nothing inside ``area`` used (the article clears its selection
        first) closes the bar, as in a browser's find."""
        area.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is self.edit:
            if self._handle_key(event):
                return True
        elif event.key() == Qt.Key.Key_Escape and self.isVisible():
            self.close_bar()
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


__all__ = ["SearchBar"]
