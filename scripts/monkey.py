"""Randomized monkey test of the desktop app: thousands of seeded user actions through the
real widgets, with database invariants checked along the way.

    .venv/bin/python scripts/monkey.py --steps 20000 --seed 7
    .venv/bin/python scripts/monkey.py --steps 5000 --seed 1 --check-every 100 -v

The app must never crash on input: every exception escaping a Qt slot is recorded (a
``sys.excepthook`` is installed) and reported with the seed and step that caused it. After
every ``--check-every`` steps the database is checked: every span's text equals its
document's ``text[start:end]``; ``0 <= start < end <= len(text)``; no exact duplicates;
the session's span cache equals the store; the view draws what the session says; and
undoing the whole undo stack then redoing it leaves the database as it was.

Modal dialogs never block: ``QDialog.exec``, ``QMessageBox`` statics and file dialogs are
patched to return at once. The suite runs a short deterministic version
(tests/test_monkey.py); this script is the long run for humans.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Hard texts: every one breaks some naive assumption of the UI.
HARD_TEXTS: list[tuple[str, str]] = [
    (
        "Emoji 😀 and ZWJ",
        "قال المتحدث 👨‍👩‍👧‍👦 إن الثوار 🇸🇾 دخلوا المدينة 👍🏽 صباحاً، "
        "ووصف النظام بأنه «نظام الأسد» 🔥🔥 في بيان 🏳️‍🌈 قصير.\nسطر ثان 😀😀😀 بلا معنى.",
    ),
    (
        "Diacritics and tatweel",
        "إِنَّ الثُّوّارَ دَخَلُوا المَدِينَةَ، وَقَالَ الشـــــــهداء "
        "كلمةً. الميليشيات الطائفية قتلت المدنيين الأبرياء ــ ثم انسحبت.",
    ),
    ("Lam-alef", "لا لأ لإ لآ ﻻ ﻷ ﻹ ﻵ الإرهابيون لا يمثلون الإسلام؛ لأن الأمر أكبر."),
    (
        "Mixed bidi",
        "أعلنت UN في 2024 أن 1,234 شخصاً (منهم 56%) نزحوا من Idlib إلى "
        "Aleppo عبر طريق M5، بحسب تقرير ١٢٣ الصادر في ٢٠٢٤/٠٣/١٥.",
    ),
    ("Long line", " ".join(["قوات الأسد قصفت حي الثوار والمدنيين في ريف إدلب"] * 400)),
    ("One char", "ب"),
    (
        "Markup <b>bold</b>",
        "<b>الثوار</b> <i>الإرهابيون</i> &amp; <script>x</script> <a href='x'>رابط</a> نص عادي.",
    ),
]

OTHER = "other-annotator"


@dataclass
class Failure:
    seed: int
    step: int
    action: str
    kind: str  # "exception" or "invariant"
    detail: str

    def __str__(self) -> str:
        return (
            f"seed={self.seed} step={self.step} action={self.action} [{self.kind}]\n{self.detail}"
        )


@dataclass
class Result:
    seed: int
    steps: int
    failures: list[Failure] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    spans: int = 0
    checks: int = 0


def setup_environment(tmp: str | None = None) -> str:
    """Offscreen Qt and throw-away user folders (never the real user's)."""
    tmp = tmp or tempfile.mkdtemp(prefix="annotator-monkey-")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    for name in ("DATA", "CONFIG", "CACHE"):
        os.environ.setdefault(f"XDG_{name}_HOME", os.path.join(tmp, name.lower()))
    os.environ.pop("ANNOTATOR_DB", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return tmp


def build_database(path: str) -> None:
    """The seed article, the hard texts, and a few spans by another annotator."""
    from sqlalchemy import insert

    from annotator.models import Document, utcnow
    from annotator.seed import ensure_seeded
    from annotator.store import Store
    from annotator.textio import sha256_text

    store = Store.open(path)
    try:
        ensure_seeded(store)
        rows = [
            dict(
                corpus="monkey",
                external_id=f"m{i}",
                title=title,
                text=text,
                sha256=sha256_text(text),
                source="",
                meta={},
                imported_at=utcnow(),
            )
            for i, (title, text) in enumerate(HARD_TEXTS)
        ]
        with store.engine.begin() as conn:
            conn.execute(insert(Document.__table__), rows)
        labelset = store.labelset("media-bias-ar")
        keys = [lb.key for lb in labelset.labels]
        rng = random.Random(0)
        for row in store.document_rows(0, 100):
            text = store.document(row.id).text
            for _ in range(3):
                if len(text) < 2:
                    break
                s = rng.randrange(0, len(text) - 1)
                e = min(len(text), s + rng.randint(1, 12))
                try:
                    store.add_span(row.id, OTHER, labelset, rng.choice(keys), s, e)
                except Exception:  # noqa: BLE001 - a refused random range is fine here
                    pass
    finally:
        store.close()


class Monkey:
    """Drives one MainWindow with a seeded RNG; collects failures instead of raising."""

    def __init__(
        self,
        window: Any,
        seed: int,
        *,
        check_every: int = 50,
        undo_check_every: int = 200,
        verbose: bool = False,
        clear_after_undo_check: bool = False,
    ) -> None:
        from PySide6.QtCore import Qt

        self.win = window
        self.seed = seed
        self.rng = random.Random(seed)
        self.check_every = check_every
        self.undo_check_every = undo_check_every
        self.verbose = verbose
        # Long runs: once a stretch of history has been undone and redone, forget it, so
        # the check costs the same at step 20,000 as at step 200.
        self.clear_after_undo_check = clear_after_undo_check
        self.step = 0
        self.action = "setup"
        self.result = Result(seed, 0)
        self.Qt = Qt
        self._actions: list[tuple[int, str, Callable[[], None]]] = []
        self._register()

    # ------------------------------------------------------------------ failures
    def record(self, kind: str, detail: str) -> None:
        self.result.failures.append(Failure(self.seed, self.step, self.action, kind, detail))

    def excepthook(self, exc_type, exc, tb) -> None:
        self.record("exception", "".join(traceback.format_exception(exc_type, exc, tb)))

    # ------------------------------------------------------------------ helpers
    def _text(self) -> str:
        doc = self.win.session.document
        return doc.text if doc is not None else ""

    def _offset(self, wild: bool = True) -> int:
        n = len(self._text())
        r = self.rng.random()
        if wild and r < 0.08:
            return self.rng.choice([-5, -1, n + 1, n + 50, 10**9, -(10**9)])
        if r < 0.15:
            return self.rng.choice([0, n, max(0, n - 1)])
        return self.rng.randint(0, max(0, n))

    def _viewport_point(self):
        from PySide6.QtCore import QPoint

        vp = self.win.view.viewport()
        w, h = max(1, vp.width()), max(1, vp.height())
        if self.rng.random() < 0.05:  # at and beyond the edges
            return QPoint(
                self.rng.choice([0, w - 1, w + 5, -3]), self.rng.choice([0, h - 1, h + 5, -3])
            )
        # Prefer points on painted spans: that is where clicks do the most.
        rects = []
        if self.rng.random() < 0.5:
            for sid in list(self.win.view._span_by_id)[:50]:  # noqa: SLF001
                rects.extend(self.win.view.span_rects(sid))
        rects = [r for r in rects if r.intersects(vp.rect().toRectF())]
        if rects:
            r = self.rng.choice(rects)
            return QPoint(
                int(r.left() + self.rng.random() * max(1.0, r.width())),
                int(r.top() + self.rng.random() * max(1.0, r.height())),
            )
        return QPoint(self.rng.randrange(w), self.rng.randrange(h))

    def _key(self, widget, key, mods=None, text: str | None = None) -> None:
        from PySide6.QtTest import QTest

        mods = mods if mods is not None else self.Qt.KeyboardModifier.NoModifier
        if text is None:
            QTest.keyClick(widget, key, mods)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, text, mods)

    # ------------------------------------------------------------------ actions
    def _register(self) -> None:
        a = self._actions.append
        a((30, "hotkey", self.act_hotkey))
        a((6, "arabic_digit", self.act_arabic_digit))
        a((4, "arabic_layout_key", self.act_arabic_layout_key))
        a((6, "accept_reject_key", self.act_accept_reject_key))
        a((12, "nav_key", self.act_nav_key))
        a((8, "tab", self.act_tab))
        a((8, "boundary_key", self.act_boundary_key))
        a((5, "delete_key", self.act_delete_key))
        a((3, "escape", self.act_escape))
        a((10, "undo_redo_key", self.act_undo_redo_key))
        a((2, "done_next", self.act_done_next))
        a((3, "page_docs", self.act_page_docs))
        a((10, "mouse_click", self.act_mouse_click))
        a((8, "mouse_drag", self.act_mouse_drag))
        a((4, "double_click", self.act_double_click))
        a((20, "select_range", self.act_select_range))
        a((8, "palette_click", self.act_palette_click))
        a((2, "toggle_only_mine", self.act_toggle_only_mine))
        a((2, "toggle_exact", self.act_toggle_exact))
        a((3, "zoom", self.act_zoom))
        a((4, "switch_document", self.act_switch_document))
        a((2, "status_filter", self.act_status_filter))
        a((2, "set_status", self.act_set_status))
        a((2, "doc_label", self.act_doc_label))
        a((5, "suggestion", self.act_suggestion))
        a((2, "run_suggestions", self.act_run_suggestions))
        a((2, "accept_all", self.act_accept_all))
        a((3, "label_all", self.act_label_all))
        a((3, "span_list", self.act_span_list))
        a((1, "edit_span", self.act_edit_span))
        a((1, "search", self.act_search))
        a((3, "hover", self.act_hover))
        a((1, "label_help", self.act_label_help))
        a((1, "switch_labelset", self.act_switch_labelset))
        self._weights = [w for w, _, _ in self._actions]

    def _hotkeys(self) -> list[str]:
        return [lb.hotkey for lb in self.win.session.labelset.labels if lb.hotkey]

    def act_hotkey(self) -> None:
        keys = self._hotkeys() + ["0", "9", "z", "x"]
        ch = self.rng.choice(keys)
        qt_key = getattr(self.Qt.Key, f"Key_{ch.upper()}", None)
        if qt_key is None:
            self._key(self.win.view, self.Qt.Key.Key_unknown, text=ch)
        else:
            self._key(self.win.view, qt_key)

    def act_arabic_digit(self) -> None:
        d = self.rng.randint(0, 9)
        ch = self.rng.choice([chr(0x0660 + d), chr(0x06F0 + d)])  # Arabic-Indic, Persian
        self._key(self.win.view, getattr(self.Qt.Key, f"Key_{d}"), text=ch)

    def act_arabic_layout_key(self) -> None:
        ch = self.rng.choice(["ش", "ق", "ض", "ب", "لا", "\u064e", "؛", "ـ"])
        self._key(self.win.view, self.Qt.Key.Key_unknown, text=ch)

    def act_accept_reject_key(self) -> None:
        view = self.win.view
        ids = list(view._suggestion_by_id)  # noqa: SLF001 - pick a drawn suggestion
        if ids and self.rng.random() < 0.7:
            view.set_selected_suggestion(self.rng.choice(ids), scroll=self.rng.random() < 0.5)
        self._key(view, self.rng.choice([self.Qt.Key.Key_A, self.Qt.Key.Key_R]))

    def act_nav_key(self) -> None:
        K, M = self.Qt.Key, self.Qt.KeyboardModifier  # noqa: N806
        key = self.rng.choice(
            [
                K.Key_Left,
                K.Key_Right,
                K.Key_Up,
                K.Key_Down,
                K.Key_Home,
                K.Key_End,
                K.Key_PageDown,
                K.Key_PageUp,
            ]
        )
        mods = self.rng.choice(
            [M.ShiftModifier, M.ShiftModifier | M.ControlModifier, M.NoModifier, M.ControlModifier]
        )
        for _ in range(self.rng.randint(1, 4)):
            self._key(self.win.view, key, mods)

    def act_tab(self) -> None:
        K = self.Qt.Key  # noqa: N806
        if self.rng.random() < 0.5:
            self._key(self.win.view, K.Key_Tab)
        else:
            self._key(self.win.view, K.Key_Backtab, self.Qt.KeyboardModifier.ShiftModifier)

    def act_boundary_key(self) -> None:
        K, M = self.Qt.Key, self.Qt.KeyboardModifier  # noqa: N806
        mods = self.rng.choice([M.AltModifier, M.AltModifier | M.ShiftModifier])
        key = self.rng.choice([K.Key_Left, K.Key_Right])
        for _ in range(self.rng.randint(1, 6)):
            self._key(self.win.view, key, mods)

    def act_delete_key(self) -> None:
        K = self.Qt.Key  # noqa: N806
        self._key(self.win.view, self.rng.choice([K.Key_Delete, K.Key_Backspace]))

    def act_escape(self) -> None:
        self._key(self.win.view, self.Qt.Key.Key_Escape)

    def act_undo_redo_key(self) -> None:
        K, M = self.Qt.Key, self.Qt.KeyboardModifier  # noqa: N806
        choice = self.rng.random()
        target = self.win if self.rng.random() < 0.5 else self.win.view
        for _ in range(self.rng.randint(1, 3)):
            if choice < 0.55:
                self._key(target, K.Key_Z, M.ControlModifier)
            elif choice < 0.9:
                self._key(target, K.Key_Z, M.ControlModifier | M.ShiftModifier)
            else:
                self._key(target, K.Key_Y, M.ControlModifier)

    def act_done_next(self) -> None:
        K, M = self.Qt.Key, self.Qt.KeyboardModifier  # noqa: N806
        self._key(self.win.view, self.rng.choice([K.Key_Return, K.Key_Enter]), M.ControlModifier)

    def act_page_docs(self) -> None:
        K, M = self.Qt.Key, self.Qt.KeyboardModifier  # noqa: N806
        key, mods = self.rng.choice(
            [
                (K.Key_PageDown, M.ControlModifier),
                (K.Key_PageUp, M.ControlModifier),
                (K.Key_Down, M.AltModifier),
                (K.Key_Up, M.AltModifier),
            ]
        )
        self._key(self.win.view, key, mods)

    def _mods(self):
        M = self.Qt.KeyboardModifier  # noqa: N806
        return self.rng.choice(
            [M.NoModifier] * 4 + [M.ShiftModifier, M.AltModifier, M.ControlModifier]
        )

    def act_mouse_click(self) -> None:
        from PySide6.QtTest import QTest

        vp = self.win.view.viewport()
        pos = self._viewport_point()
        button = self.rng.choice(
            [self.Qt.MouseButton.LeftButton] * 5 + [self.Qt.MouseButton.RightButton]
        )
        if button == self.Qt.MouseButton.RightButton:
            # A context menu would block: only press/release without the menu event.
            QTest.mousePress(vp, button, self._mods(), pos)
            QTest.mouseRelease(vp, button, self._mods(), pos)
            return
        for _ in range(self.rng.choice([1, 1, 1, 2, 3])):  # repeated clicks cycle overlaps
            QTest.mouseClick(vp, button, self._mods(), pos)

    def act_mouse_drag(self) -> None:
        from PySide6.QtTest import QTest

        vp = self.win.view.viewport()
        left = self.Qt.MouseButton.LeftButton
        start, end = self._viewport_point(), self._viewport_point()
        mods = self._mods()
        QTest.mousePress(vp, left, mods, start)
        for i in range(1, 4):
            QTest.mouseMove(vp, start + (end - start) * (i / 3))
        QTest.mouseRelease(vp, left, mods, end)

    def act_double_click(self) -> None:
        from PySide6.QtTest import QTest

        vp = self.win.view.viewport()
        pos = self._viewport_point()
        mods = self._mods()
        QTest.mouseDClick(vp, self.Qt.MouseButton.LeftButton, mods, pos)

    def act_select_range(self) -> None:
        s = self._offset()
        r = self.rng.random()
        if r < 0.1:
            e = s  # degenerate
        elif r < 0.25:
            e = self._offset()  # anywhere, reversed half the time
        else:
            e = s + self.rng.randint(1, 30)
        self.win.view.select_range(s, e)
        if self.rng.random() < 0.6:  # and label it at once, like a user would
            self.act_hotkey()

    def act_palette_click(self) -> None:
        from PySide6.QtTest import QTest

        palette = self.win.palette
        keys = palette.keys()
        if not keys:
            return
        item = palette.list.item(self.rng.randrange(len(keys)))
        rect = palette.list.visualItemRect(item)
        if rect.isValid() and self.rng.random() < 0.7:
            QTest.mouseClick(
                palette.list.viewport(),
                self.Qt.MouseButton.LeftButton,
                self.Qt.KeyboardModifier.NoModifier,
                rect.center(),
            )
        else:
            palette.click_label(self.rng.choice(keys))

    def act_toggle_only_mine(self) -> None:
        self.win.only_mine_action.trigger()

    def act_toggle_exact(self) -> None:
        self.win.exact_action.trigger()

    def act_zoom(self) -> None:
        from PySide6.QtCore import QPoint, QPointF
        from PySide6.QtGui import QWheelEvent
        from PySide6.QtWidgets import QApplication

        w = self.win
        r = self.rng.random()
        if r < 0.3:
            w.zoom_in_action.trigger()
        elif r < 0.6:
            w.zoom_out_action.trigger()
        elif r < 0.7:
            w.zoom_reset_action.trigger()
        else:
            vp = w.view.viewport()
            pos = QPointF(self._viewport_point())
            dy = self.rng.choice([120, -120, 15, -15])
            ev = QWheelEvent(
                pos,
                QPointF(vp.mapToGlobal(pos.toPoint())),
                QPoint(0, 0),
                QPoint(0, dy),
                self.Qt.MouseButton.NoButton,
                self.rng.choice(
                    [self.Qt.KeyboardModifier.ControlModifier, self.Qt.KeyboardModifier.NoModifier]
                ),
                self.Qt.ScrollPhase.NoScrollPhase,
                False,
            )
            QApplication.sendEvent(vp, ev)

    def act_switch_document(self) -> None:
        from PySide6.QtTest import QTest

        nav = self.win.navigator
        rows = nav.model.rowCount()
        if rows == 0:
            self.win.go_neighbour(self.rng.choice([1, -1]))
            return
        row = self.rng.randrange(rows)
        index = nav.model.index(row, 0)
        nav.table.scrollTo(index)
        rect = nav.table.visualRect(index)
        if rect.isValid():
            QTest.mouseClick(
                nav.table.viewport(),
                self.Qt.MouseButton.LeftButton,
                self.Qt.KeyboardModifier.NoModifier,
                rect.center(),
            )
        else:
            nav.table.activated.emit(index)

    def act_status_filter(self) -> None:
        combo = self.win.navigator.filter_combo
        combo.setCurrentIndex(self.rng.randrange(combo.count()))

    def act_set_status(self) -> None:
        combo = self.win.doc_labels.status_combo
        if not combo.isEnabled():
            return
        i = self.rng.randrange(combo.count())
        combo.setCurrentIndex(i)
        combo.activated.emit(i)

    def act_doc_label(self) -> None:
        from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

        editors = list(self.win.doc_labels._editors.values())  # noqa: SLF001
        if not editors or not self.win.doc_labels.isEnabled():
            return
        ed = self.rng.choice(editors)
        if isinstance(ed, QComboBox):
            i = self.rng.randrange(ed.count())
            ed.setCurrentIndex(i)
            ed.activated.emit(i)
        elif isinstance(ed, QCheckBox):
            ed.click()
        elif isinstance(ed, QLineEdit):
            ed.setText(self.rng.choice(["", "نص <b>x</b>", "  ", "ok 😀"]))
            ed.setModified(True)
            ed.editingFinished.emit()

    def act_suggestion(self) -> None:
        view = self.win.view
        ids = list(view._suggestion_by_id)  # noqa: SLF001
        if not ids:
            return
        view.set_selected_suggestion(self.rng.choice(ids), scroll=True)
        r = self.rng.random()
        if r < 0.4:
            self.win.suggestions.accept_selected_suggestion()
        elif r < 0.7:
            self.win.suggestions.reject_selected_suggestion()
        elif r < 0.85:
            self.act_hotkey()  # a label key on a suggestion
        else:
            self.win.suggestions.accept_term_in_corpus()

    def act_run_suggestions(self) -> None:
        self.win.suggestions.run_suggestions()

    def act_accept_all(self) -> None:
        self.win.suggestions.accept_all_in_article()

    def act_label_all(self) -> None:
        text = self._text()
        keys = [lb.key for lb in self.win.session.labelset.labels]
        if not keys:
            return
        r = self.rng.random()
        if r < 0.6 and text:
            words = text.split()
            query = self.rng.choice(words) if words else text
        elif r < 0.8:
            query = self.rng.choice(
                ["الثوار", "نظام الأسد", "😀", "ـ", " ", "", "<b>", "لا", "2024", "ا"]
            )
        else:
            s = self._offset(wild=False)
            query = text[s : s + self.rng.randint(1, 15)]
        if self.rng.random() < 0.2:
            self.win.labelling.label_all_dialog()  # the dialog path (exec patched to cancel/accept)
        else:
            self.win.labelling.label_all_occurrences(
                query, self.rng.choice(keys), corpus=self.rng.random() < 0.3
            )

    def act_span_list(self) -> None:
        from PySide6.QtTest import QTest

        sl = self.win.span_list  # a QTableView
        ids = sl.span_ids()
        if not ids:
            return
        sid = self.rng.choice(ids)
        r = self.rng.random()
        if r < 0.5:
            row = sl.row_of(sid)
            index = sl.model().index(row, self.rng.randrange(sl.model().columnCount()))
            sl.scrollTo(index)
            rect = sl.visualRect(index)
            if rect.isValid():
                QTest.mouseClick(
                    sl.viewport(),
                    self.Qt.MouseButton.LeftButton,
                    self.Qt.KeyboardModifier.NoModifier,
                    rect.center(),
                )
            else:
                sl.spanChosen.emit(sid)
        elif r < 0.8:
            sl.setFocus()
            sl.select_span(sid)
            key = self.rng.choice(
                [
                    self.Qt.Key.Key_Delete,
                    self.Qt.Key.Key_Backspace,
                    self.Qt.Key.Key_Up,
                    self.Qt.Key.Key_Down,
                    self.Qt.Key.Key_Return,
                ]
            )
            QTest.keyClick(sl, key)
        else:
            sl.deleteRequested.emit(self.rng.sample(ids, min(len(ids), self.rng.randint(1, 3))))

    def act_edit_span(self) -> None:
        if self.rng.random() < 0.5:
            self._key(self.win.view, self.Qt.Key.Key_Return)
        else:
            self.win.labelling.edit_selected_span()

    def act_search(self) -> None:
        w = self.win
        w.search.show_search_bar()
        bar = w.search.bar  # noqa: SLF001
        if bar is None:
            return
        edit = getattr(bar, "edit", None) or getattr(bar, "line_edit", None)
        query = self.rng.choice(["الثوار", "ثوار", "", "😀", "لا", "(", "[", "\\", ".*"])
        if edit is not None:
            edit.setText(query)
        self.win.view.setFocus()

    def act_hover(self) -> None:
        from PySide6.QtCore import QEvent
        from PySide6.QtGui import QHelpEvent
        from PySide6.QtWidgets import QApplication

        vp = self.win.view.viewport()
        pos = self._viewport_point()
        QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos)))

    def act_label_help(self) -> None:
        self.win.help.show_label_help()

    def act_switch_labelset(self) -> None:
        names = [info.name for info in self.win.session.store.labelsets()]
        # Mostly stay on the label set under test; visit others briefly.
        name = "media-bias-ar" if self.rng.random() < 0.6 else self.rng.choice(names)
        self.win.labelsets.choose_labelset(name)

    # ------------------------------------------------------------------ invariants
    def snapshot(self) -> dict[str, Any]:
        """Every annotation row (spans, statuses, document labels, rejections) as data."""
        from sqlalchemy import text as sql

        out: dict[str, Any] = {}
        with self.win.session.store.engine.connect() as conn:
            for table, cols in (
                ("span", "*"),
                ("document_status", "*"),
                ("document_label", "*"),
                ("suggestion_rejection", "*"),
            ):
                rows = conn.execute(sql(f"SELECT {cols} FROM {table}")).mappings().all()
                keep = []
                for row in rows:
                    # Span ids are part of the contract (redo restores the same id);
                    # the surrogate ids of status and label rows are not.
                    skip = {"created_at", "updated_at", "set_at", "rejected_at"}
                    if table != "span":
                        skip.add("id")
                    d = {k: v for k, v in row.items() if k not in skip}
                    keep.append(tuple(sorted((k, repr(v)) for k, v in d.items())))
                out[table] = sorted(keep)
        return out

    def check_invariants(self, *, undo_redo: bool) -> None:
        self.result.checks += 1
        w = self.win
        store = w.session.store
        problems: list[str] = []
        seen: set[tuple] = set()
        texts: dict[int, str] = {}
        total = 0
        for row in store.document_rows(0, 10_000):
            text = texts.setdefault(row.id, store.document(row.id).text)
            for s in store.spans(row.id):
                total += 1
                if not 0 <= s.start < s.end <= len(text):
                    problems.append(
                        f"span {s.id} out of range: {s.start}..{s.end} (len {len(text)})"
                    )
                if s.text != text[s.start : s.end]:
                    problems.append(f"span {s.id} text {s.text!r} != {text[s.start : s.end]!r}")
                key = (s.document_id, s.annotator, s.labelset, s.label, s.start, s.end)
                if key in seen:
                    problems.append(f"duplicate span {key}")
                seen.add(key)
        self.result.spans = total
        doc = w.session.document_id
        if doc is not None:

            def shape(spans):
                return sorted(
                    (
                        s.id,
                        s.annotator,
                        s.labelset,
                        s.label,
                        s.start,
                        s.end,
                        s.text,
                        repr(s.attributes),
                        s.note,
                    )
                    for s in spans
                )

            cache = w.session._span_cache  # noqa: SLF001 - the invariant is about the cache
            if cache is not None and shape(cache.values()) != shape(store.spans(doc)):
                problems.append(
                    f"session cache != store for document {doc}:\n"
                    f"  cache {shape(cache.values())}\n"
                    f"  store {shape(store.spans(doc))}"
                )
            if shape(w.session.my_spans()) != shape(store.spans(doc, w.session.annotator)):
                problems.append(f"session.my_spans() != store.spans(doc, me) for {doc}")
            drawn = sorted(w.view._span_by_id)  # noqa: SLF001
            shown = sorted(s.id for s in w.session.spans())
            if drawn != shown:
                problems.append(f"view draws {drawn} but the session shows {shown}")
            if sorted(w.span_list.span_ids()) != shown:
                problems.append(f"span list {sorted(w.span_list.span_ids())} != {shown}")
            if w.view.toPlainText() != w.session.document.text:
                problems.append("the view does not show the document's text")
        if problems:
            self.record("invariant", "\n".join(problems[:20]))
            return
        if undo_redo:
            self.check_undo_redo()

    def check_undo_redo(self) -> None:
        stack = self.win.undo_stack
        before = self.snapshot()
        index = stack.index()
        steps = 0
        while stack.canUndo() and steps < 10_000:
            stack.undo()
            steps += 1
        while stack.canRedo() and steps < 20_000:
            stack.redo()
            steps += 1
        after = self.snapshot()
        if after != before:
            diff = []
            for table in before:
                b, a = set(before[table]), set(after[table])
                for row in sorted(b - a)[:5]:
                    diff.append(f"{table} lost    {dict(row)}")
                for row in sorted(a - b)[:5]:
                    diff.append(f"{table} gained  {dict(row)}")
            self.record(
                "invariant",
                f"undo all + redo all changed the database "
                f"(stack index {index}, {stack.count()} commands):\n" + "\n".join(diff),
            )
        elif self.clear_after_undo_check:
            stack.clear()

    # ------------------------------------------------------------------ run
    def run(self, steps: int) -> Result:
        from PySide6.QtWidgets import QApplication

        old_hook = sys.excepthook
        sys.excepthook = self.excepthook
        try:
            for self.step in range(1, steps + 1):
                _, name, act = self.rng.choices(self._actions, weights=self._weights)[0]
                self.action = name
                self.result.actions[name] = self.result.actions.get(name, 0) + 1
                if self.win.focusWidget() is not self.win.view and self.rng.random() < 0.8:
                    self.win.view.setFocus()
                t0 = time.perf_counter()
                try:
                    act()
                    QApplication.processEvents()
                except Exception:  # noqa: BLE001 - an exception in a direct call is a defect
                    self.record("exception", traceback.format_exc())
                self.result.seconds[name] = (
                    self.result.seconds.get(name, 0.0) + time.perf_counter() - t0
                )
                if self.verbose:
                    print(f"{self.step:6d} {name}", file=sys.stderr)
                if self.step % self.check_every == 0:
                    self.action = f"check after {name}"
                    self.check_invariants(undo_redo=self.step % self.undo_check_every == 0)
                if len(self.result.failures) >= 20:
                    break
            self.action = "final check"
            self.check_invariants(undo_redo=True)
        finally:
            sys.excepthook = old_hook
        self.result.steps = self.step
        return self.result


def patch_modals() -> Callable[[], None]:
    """Make every modal dialog return at once; returns a function that undoes the patch."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

    saved: list[tuple[Any, str, Any]] = []

    def patch(owner: Any, name: str, value: Any) -> None:
        saved.append((owner, name, owner.__dict__.get(name, getattr(owner, name))))
        setattr(owner, name, value)

    answers = random.Random(12345)
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    patch(QDialog, "exec", lambda self, *a: answers.choice([0, 0, 1]))
    patch(QMessageBox, "exec", lambda self, *a: int(QMessageBox.StandardButton.Ok.value))
    patch(QMessageBox, "question", staticmethod(lambda *a, **k: answers.choice([yes, no])))
    for name in ("information", "warning", "critical"):
        patch(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    patch(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    patch(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    patch(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    patch(QMenu, "exec", lambda self, *a, **k: None)

    def restore() -> None:
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)

    return restore


def make_window(db: str, settings_path: str, annotator: str = "monkey", lang: str = "en"):
    from PySide6.QtCore import QSettings, Qt

    from annotator.store import Store
    from ui.mainwindow import MainWindow
    from ui.settings import Settings

    store = Store.open(db)
    settings = Settings(QSettings(settings_path, QSettings.Format.IniFormat))
    settings.set_auto_suggest(True)
    if lang != "en":
        from PySide6.QtWidgets import QApplication

        from ui.i18n import install_translator

        lang = install_translator(QApplication.instance(), lang)
        QApplication.instance().setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight
        )
    win = MainWindow(store, annotator, settings=settings, lang=lang, labelset_name="media-bias-ar")
    win.resize(1100, 700)
    win.show()
    win.view.setFocus()
    return win, store


def run_monkey(
    steps: int,
    seed: int,
    workdir: str,
    *,
    check_every: int = 50,
    undo_check_every: int = 200,
    verbose: bool = False,
    keep_history: bool = False,
    lang: str = "en",
) -> Result:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    db = os.path.join(workdir, f"monkey-{seed}.db")
    if not os.path.exists(db):
        build_database(db)
    restore = patch_modals()
    win, store = make_window(db, os.path.join(workdir, f"settings-{seed}.ini"), lang=lang)
    try:
        app.processEvents()
        monkey = Monkey(
            win,
            seed,
            check_every=check_every,
            undo_check_every=undo_check_every,
            verbose=verbose,
            clear_after_undo_check=not keep_history,
        )
        return monkey.run(steps)
    finally:
        win.close()
        win.deleteLater()
        app.processEvents()
        store.close()
        restore()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=5000)
    parser.add_argument(
        "--seed", type=int, default=None, help="RNG seed (default: random, printed)"
    )
    parser.add_argument("--runs", type=int, default=1, help="runs with seeds seed, seed+1, …")
    parser.add_argument("--check-every", type=int, default=50)
    parser.add_argument("--undo-check-every", type=int, default=500)
    parser.add_argument(
        "--lang",
        default="en",
        choices=["en", "ar"],
        help="interface language (ar: Arabic, right-to-left)",
    )
    parser.add_argument(
        "--keep-history",
        action="store_true",
        help="never clear the undo stack after an undo/redo check (slower: "
        "every check undoes the whole run)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every action")
    args = parser.parse_args(argv)
    workdir = setup_environment()
    from PySide6.QtCore import qInstallMessageHandler

    def quiet(_mode, _context, message: str) -> None:
        if "This plugin does not support" not in message:  # offscreen platform noise
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    failed = 0
    for k in range(args.runs):
        s = seed + k
        t0 = time.perf_counter()
        result = run_monkey(
            args.steps,
            s,
            workdir,
            check_every=args.check_every,
            undo_check_every=args.undo_check_every,
            verbose=args.verbose,
            keep_history=args.keep_history,
            lang=args.lang,
        )
        dt = time.perf_counter() - t0
        print(
            f"seed {s}: {result.steps} steps in {dt:.1f} s, {result.checks} checks, "
            f"{result.spans} spans in the database, {len(result.failures)} failure(s)"
        )
        for failure in result.failures:
            print("-" * 70)
            print(failure)
        for name, secs in sorted(result.seconds.items(), key=lambda kv: -kv[1])[:12]:
            print(f"  {name:20s} {result.actions[name]:6d} × {secs:7.2f} s")
        failed += bool(result.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
