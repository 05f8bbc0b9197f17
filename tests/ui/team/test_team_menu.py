"""The Team menu of the main window opens the team windows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.seed import seed
from annotator.store import Store
from annotator.team.adjudication import adjudicate
from ui.mainwindow import MainWindow
from ui.settings import Settings
from ui.team.agreement_panel import AgreementPanel
from ui.team.curation_view import CurationView
from ui.team.queue_panel import QueuePanel


@pytest.fixture
def two_annotators(store: Store) -> Store:
    seed(store)
    doc = store.first_document_id()
    text = store.document(doc).text
    start = text.index("الميليشيات")
    for name in ("amal", "bilal"):
        store.add_span(doc, name, store.labelset(), "LOADED_TERM", start, start + 10)
        store.set_status(doc, name, "done")
    adjudicate(store, "chief")
    return store


def window(qtbot, store: Store, who: str, tmp_path: Path) -> MainWindow:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(store, who, settings=settings, lang="en")
    qtbot.addWidget(win)
    return win


def test_team_menu_opens_queue_agreement_and_curation(qtbot, two_annotators, tmp_path):
    win = window(qtbot, two_annotators, "chief", tmp_path)
    win.my_queue_action.trigger()
    win.agreement_action.trigger()
    win.curation_action.trigger()
    kinds = {type(w) for w in win.team.windows}
    assert kinds == {QueuePanel, AgreementPanel, CurationView}
    panel = next(w for w in win.team.windows if isinstance(w, AgreementPanel))
    assert panel.result is not None and panel.result["annotators"] == ["amal", "bilal"]


def test_curation_is_refused_to_an_annotator(qtbot, two_annotators, tmp_path):
    win = window(qtbot, two_annotators, "amal", tmp_path)
    win.curation_action.trigger()
    assert not any(isinstance(w, CurationView) for w in win.team.windows)
    assert "curator" in win.statusBar().currentMessage()
