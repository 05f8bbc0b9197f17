"""The app must never crash on input: a short, seeded monkey run through the real widgets
(scripts/monkey.py is the long version), plus regression tests for what the monkey found."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.mainwindow import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _load_monkey():
    spec = importlib.util.spec_from_file_location(
        "annotator_monkey", ROOT / "scripts" / "monkey.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


monkey = _load_monkey()
ME = "monkey"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("monkey") / "monkey.db"
    monkey.build_database(str(path))
    return path


@pytest.fixture
def db(template, tmp_path) -> str:
    target = tmp_path / "study.db"
    shutil.copyfile(template, target)
    return str(target)


@pytest.fixture
def no_modals():
    restore = monkey.patch_modals()
    yield
    restore()


@pytest.fixture
def window(qtbot, db, tmp_path, no_modals):
    win, store = monkey.make_window(db, str(tmp_path / "settings.ini"), ME)
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    yield win
    win.close()
    store.close()


def _open(win: MainWindow, title: str) -> str:
    store = win.session.store
    doc = next(r.id for r in store.document_rows(0, 100) if r.title == title)
    assert win.open_document(doc)
    return store.document(doc).text


@pytest.mark.parametrize("seed", [11, 29])
def test_monkey_run_finds_no_crash_and_no_broken_invariant(window, seed):
    m = monkey.Monkey(window, seed, check_every=40, undo_check_every=120)
    result = m.run(300)
    assert result.steps == 300
    assert result.checks >= 6
    assert not result.failures, "\n\n".join(str(f) for f in result.failures)
    # The run did label things (otherwise it proves little).
    assert result.spans > 0 and result.actions.get("hotkey", 0) > 0


def test_monkey_reports_an_exception_escaping_a_slot(window):
    """The harness itself: an exception raised in a Qt slot is recorded with seed/step."""
    m = monkey.Monkey(window, 5, check_every=1000)

    def boom(_key: str) -> None:
        raise RuntimeError("boom")

    window.view.hotkeyPressed.connect(boom)
    m._actions = [(1, "key 1", lambda: QTest.keyClick(window.view, Qt.Key.Key_1))]  # noqa: SLF001
    m._weights = [1]  # noqa: SLF001
    result = m.run(3)
    assert result.failures and "boom" in result.failures[0].detail
    assert result.failures[0].seed == 5 and result.failures[0].step == 1


def test_monkey_invariant_check_catches_a_stale_cache(window):
    m = monkey.Monkey(window, 1)
    window.session.spans()  # fill the cache
    store = window.session.store
    doc = window.session.document_id
    store.add_span(doc, ME, window.session.labelset, "LOADED_TERM", 0, 1)  # behind its back
    m.check_invariants(undo_redo=False)
    assert any("cache" in f.detail for f in m.result.failures)


# ---------------------------------------------------------------- regressions found


def test_reversed_select_range_labels_the_range_not_the_selected_span(window):
    """select_range(end, start) is the same selection as select_range(start, end): the
    hotkey labels it, it never falls through to relabelling the selected span."""
    text = _open(window, "Diacritics and tatweel")
    word = "المَدِينَةَ"
    start = text.index(word)
    window.view.select_range(0, 3)
    QTest.keyClick(window.view, Qt.Key.Key_1)
    first = window.view.selected_span_id()
    assert first is not None
    window.view.select_range(start + len(word), start)
    assert window.view.selection_range() == (start, start + len(word))
    QTest.keyClick(window.view, Qt.Key.Key_2)
    store = window.session.store
    assert store.span(first).label == "LOADED_TERM"  # untouched
    mine = [(s.label, s.text) for s in store.spans(window.session.document_id, ME)]
    assert (window.session.labelset.labels[1].key, word) in mine


def test_label_all_on_a_long_selection_answers_at_once(window):
    """Found by the monkey (seed 11): Ctrl+L on a selection of ~100 words spanning
    paragraphs froze the app (the phrase search backtracks exponentially in the number of
    words). A long selection now gets a message at once, and nothing is written."""
    store = window.session.store
    doc = window.session.document_id
    text = window.session.document.text
    before = len(store.spans(doc, ME))
    window.view.select_range(0, len(text) // 2)  # several paragraphs
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert "at most" in window.statusBar().currentMessage()
    long_line = _open(window, "Long line")
    phrase = " ".join(long_line.split()[:30])  # one paragraph, 30 words
    assert window.labelling.label_all_occurrences(phrase, "LOADED_TERM") == 0
    assert "at most" in window.statusBar().currentMessage()
    assert len(store.spans(doc, ME)) == before
    # A short phrase still works (and labels every occurrence in the article).
    assert window.labelling.label_all_occurrences("قوات الأسد", "LOADED_TERM") == 400
