"""Review pass on the desktop app: "label all occurrences" is previewed first, hover shows
attributes and note, user text (titles, notes, snippets) is never interpreted as markup,
and menu mnemonics are unambiguous."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolTip
from sqlalchemy import insert

from annotator.models import Document, utcnow
from annotator.seed import ensure_seeded
from annotator.store import Store
from annotator.textio import sha256_text
from ui.mainwindow import MainWindow
from ui.richtext import plain_tooltip
from ui.settings import Settings

ME = "huda"
CTRL = Qt.KeyboardModifier.ControlModifier
WORD = "الثوار"


def add_documents(store: Store, docs: list[tuple[str, str]]) -> None:
    rows = [
        dict(
            corpus="extra",
            external_id=f"x{i}",
            title=title,
            text=text,
            sha256=sha256_text(text),
            source="",
            meta={},
            imported_at=utcnow(),
        )
        for i, (title, text) in enumerate(docs)
    ]
    with store.engine.begin() as conn:
        conn.execute(insert(Document.__table__), rows)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review_ui") / "seeded.db"
    store = Store.open(str(path))
    ensure_seeded(store)
    add_documents(
        store,
        [("Extra <b>one</b>", "نص ثان عن الثُّوار وعن الثوار"), ("Extra two", "نص ثالث بلا شيء")],
    )
    store.close()
    return path


@pytest.fixture
def store(template, tmp_path):
    target = tmp_path / "study.db"
    shutil.copyfile(template, target)
    st = Store.open(str(target))
    yield st
    st.close()


@pytest.fixture
def window(qtbot, store, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(store, ME, settings=settings, lang="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.view.setFocus()
    return win


def select_first(win: MainWindow, word: str) -> tuple[int, int]:
    start = win.session.document.text.index(word)
    win.view.select_range(start, start + len(word))
    return start, start + len(word)


def run_dialog(win: MainWindow, qtbot, act) -> dict:
    """Press Ctrl+L; while the preview is open, run ``act(dialog)`` and record what it showed."""
    seen: dict = {}

    def drive() -> None:
        dialog = win.last_label_all_dialog
        assert dialog is not None and dialog.isVisible()
        seen["rows"] = dialog.table.rowCount()
        seen["found"] = dialog.occurrences()
        seen["summary"] = dialog.summary.text()
        act(dialog, seen)

    QTimer.singleShot(0, drive)
    QTest.keyClick(win.view, Qt.Key.Key_L, CTRL)
    return seen


def test_label_all_previews_every_occurrence_and_labels_only_ticked_ones(window, store, qtbot):
    doc = window.session.document_id
    text = window.session.document.text
    select_first(window, WORD)

    def act(dialog, seen):
        # Article scope first: one row per occurrence, nothing written yet.
        seen["article_rows"] = dialog.table.rowCount()
        seen["written_during_preview"] = len(store.spans(doc, ME))
        dialog.scope_combo.setCurrentIndex(1)  # the whole corpus
        seen["corpus_found"] = dialog.occurrences()
        assert dialog.table.rowCount() == len(seen["corpus_found"])
        assert WORD in dialog.table.item(0, 1).text()  # context shows the match
        dialog.label_combo.setCurrentIndex(dialog.label_combo.findData("GLORIFYING_TERM"))
        dialog.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # keep one out
        seen["summary_after_untick"] = dialog.summary.text()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    seen = run_dialog(window, qtbot, act)
    in_article = len(re.findall(WORD, text))
    assert seen["article_rows"] >= in_article
    assert seen["written_during_preview"] == 0
    corpus_found = seen["corpus_found"]
    docs = {o.document_id for o in corpus_found}
    assert len(docs) >= 2  # the seed article and the extra one (with diacritics)
    assert seen["summary_after_untick"].startswith(
        f"{len(corpus_found) - 1} of {len(corpus_found)}"
    )
    stored = {(s.document_id, s.start, s.end, s.label) for d in docs for s in store.spans(d, ME)}
    expected = {(o.document_id, o.start, o.end, "GLORIFYING_TERM") for o in corpus_found[1:]}
    assert stored == expected
    extra = [d for d in docs if d != doc][0]
    extra_text = store.document(extra).text
    assert any(extra_text[s:e] == "الثُّوار" for d, s, e, _ in stored if d == extra)
    # One undo step removes the whole bulk action, everywhere.
    assert window.undo_stack.count() == 1
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=1000)
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert {d: store.spans(d, ME) for d in docs} == {d: [] for d in docs}


def test_label_all_cancel_writes_nothing(window, store, qtbot):
    doc = window.session.document_id
    select_first(window, WORD)
    seen = run_dialog(window, qtbot, lambda dialog, _: dialog.reject())
    assert seen["rows"] >= 1 and "will be labelled" in seen["summary"]
    assert store.spans(doc, ME) == []
    assert not window.undo_stack.canUndo()


def test_label_all_with_nothing_new_disables_ok(window, store, qtbot):
    window.labelling.label_all_occurrences(WORD, "LOADED_TERM")  # everything already labelled
    select_first(window, WORD)

    def act(dialog, seen):
        seen["ok"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        dialog.reject()

    seen = run_dialog(window, qtbot, act)
    assert seen["rows"] == 0 and seen["ok"] is False
    assert "No new occurrence" in seen["summary"]


def test_hover_shows_attributes_and_note_literally(window, store, qtbot):
    doc = window.session.document_id
    start, end = select_first(window, WORD)
    window.labelling.apply_label("LOADED_TERM")
    span = store.spans(doc, ME)[0]
    store.update_span(
        span.id,
        attributes={"target": "قوات <i>رديفة</i>", "stance": "anti"},
        note="<b>قوي</b> & واضح",
    )
    window.session.changed(doc, spans=True)
    window.view.set_selected_span(None, scroll=False)
    rect = window.view.range_rects(start + 1, start + 2)[0]
    point = rect.center().toPoint()
    tip = window.view.tooltip_at(point)
    assert "Loaded term" in tip
    assert "Target: قوات <i>رديفة</i>" in tip
    assert "Stance: anti" in tip
    assert "<b>قوي</b> & واضح" in tip
    event = QHelpEvent(QEvent.Type.ToolTip, point, window.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(window.view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=1000)
    shown = QToolTip.text()
    QToolTip.hideText()
    # Shown literally: either Qt takes it as plain text, or it arrives escaped.
    assert not GuiQt.mightBeRichText(shown) or "&lt;b&gt;قوي&lt;/b&gt;" in shown
    # The span list shows the note as the text column's tooltip: it starts with a tag, so
    # unescaped Qt would render it bold.
    model = window.span_list.model()
    tips = [
        model.data(model.index(r, 1), Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())
    ]
    assert '<p style="white-space:pre-wrap">&lt;b&gt;قوي&lt;/b&gt; &amp; واضح</p>' in tips


def test_plain_tooltip_only_escapes_what_qt_would_interpret():
    assert plain_tooltip("Loaded term\nnote") == "Loaded term\nnote"
    assert plain_tooltip("x < y") == "x < y"
    assert plain_tooltip("<b>x</b>") == '<p style="white-space:pre-wrap">&lt;b&gt;x&lt;/b&gt;</p>'
    assert plain_tooltip("") == ""


def test_markup_in_a_title_is_shown_not_interpreted(window, store):
    extra = next(d for d in range(1, 10) if "<b>" in (store.document(d).title or ""))
    assert window.open_document(extra)
    assert window.header.title.textFormat() == Qt.TextFormat.PlainText
    assert window.header.counter.textFormat() == Qt.TextFormat.PlainText
    assert "Extra <b>one</b>" in window.header.text()
    model = window.navigator.model
    rows = [model.index(r, model.COL_TITLE) for r in range(model.rowCount())]
    tips = [model.data(i, Qt.ItemDataRole.ToolTipRole) for i in rows]
    tip = next(t for t in tips if t and "one" in t)
    assert not GuiQt.mightBeRichText(tip) or "&lt;b&gt;one&lt;/b&gt;" in tip


def test_menu_mnemonics_are_unique(window):
    letters = []
    for action in window.menuBar().actions():
        match = re.search(r"&(\w)", action.text())
        assert match, action.text()
        letters.append(match.group(1).lower())
    assert len(letters) == len(set(letters)), letters
