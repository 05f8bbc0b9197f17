"""Pre-annotation in the app: opening an article proposes the label set's terms as
suggestions (drawn dashed), which are neither spans nor exported until accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from annotator.exporting import ExportOptions, export_to
from annotator.seed import ensure_seeded
from annotator.store import Store
from ui.mainwindow import MainWindow
from ui.settings import Settings

ME = "huda"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def seeded(tmp_path):
    store = Store.open(str(tmp_path / "s.db"))
    ensure_seeded(store)
    yield store
    store.close()


def open_window(qtbot, store, settings) -> MainWindow:
    win = MainWindow(store, ME, settings=settings, lang="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.view.setFocus()
    return win


def test_opening_an_article_suggests_its_loaded_terms(qtbot, seeded, settings, tmp_path):
    win = open_window(qtbot, seeded, settings)
    suggestions = win.session.suggestions()
    text = win.session.document.text
    covered = {text[s.start : s.end] for s in suggestions}
    assert "الميليشيات الطائفية" in covered  # from "والميليشيات الطائفية": و left out
    assert any(t.startswith("شهيد") for t in covered)
    # drawn by the view, not stored as spans, not counted, not exported
    assert win.view._suggestion_by_id  # noqa: SLF001 - the view received them
    assert seeded.stats()["spans"] == 0
    out = tmp_path / "out.jsonl"
    export_to(seeded, out, ExportOptions(format="jsonl", all_docs=True))
    assert '"spans": []' in out.read_text(encoding="utf-8")
    # accepting one with the keyboard makes it a span of mine (undoable)
    first = suggestions[0]
    win.view.set_selected_suggestion(first.id)
    QTest.keyClick(win.view, "a")
    [span] = seeded.spans(win.session.document_id, ME)
    assert (span.start, span.end, span.label) == (first.start, first.end, first.label)
    win.undo_stack.undo()
    assert seeded.spans(win.session.document_id, ME) == []


def test_automatic_suggestions_can_be_switched_off(qtbot, seeded, settings):
    settings.set_auto_suggest(False)
    win = open_window(qtbot, seeded, settings)
    assert not win.auto_suggest_action.isChecked()
    assert win.session.suggestions() == []
    win.auto_suggest_action.trigger()  # on again: the open article gets its suggestions
    assert settings.auto_suggest() is True
    assert win.session.suggestions()


def test_labelling_a_suggested_range_hides_the_suggestion_and_undo_brings_it_back(
    qtbot, seeded, settings
):
    win = open_window(qtbot, seeded, settings)
    sug = win.session.suggestions()[0]
    label = win.session.labelset.label(sug.label)
    win.view.select_range(sug.start, sug.end)
    QTest.keyClick(win.view, label.hotkey)
    assert sug.id not in {s.id for s in win.session.suggestions()}
    assert sug.id not in win.view._suggestion_by_id  # noqa: SLF001 - no longer drawn
    win.undo_stack.undo()
    assert sug.id in {s.id for s in win.session.suggestions()}
    assert sug.id in win.view._suggestion_by_id  # noqa: SLF001
