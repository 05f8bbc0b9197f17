"""The agreement panel shows the core's figures and drills down to disagreeing spans."""

from __future__ import annotations

import pytest

from annotator.store import Store
from tests.core.team.conftest import add_doc
from ui.team.agreement_panel import AgreementPanel

TEXT = "قصفت الميليشيات الطائفية المدينة وقتل الثوار"


@pytest.fixture
def team_store(store: Store) -> Store:
    ls = store.labelset()
    d1 = add_doc(store, "d1", TEXT)
    d2 = add_doc(store, "d2", TEXT)
    for name in ("amal", "bilal"):
        for d in (d1, d2):
            store.add_span(d, name, ls, "LOADED_TERM", 5, 25)
            store.set_status(d, name, "done")
    store.add_span(d2, "amal", ls, "GLORIFYING_TERM", 38, 44)
    return store


def test_matrix_and_label_bars_show_the_core_figures(qtbot, team_store):
    panel = AgreementPanel(team_store)
    qtbot.addWidget(panel)
    assert panel.matrix.rowCount() == 2
    assert panel.matrix.item(0, 1).text() == panel.matrix.item(1, 0).text() == "0.80"  # 2·2/5
    assert panel.matrix.item(0, 0).text() == "—"
    labels = [panel.labels.item(r, 0).text() for r in range(panel.labels.rowCount())]
    assert labels == ["GLORIFYING_TERM", "LOADED_TERM"]
    panel.metric_box.setCurrentIndex(2)  # κ
    assert panel.matrix.item(0, 1).text() != "0.80"


def test_drill_down_lists_documents_then_disagreeing_spans(qtbot, team_store):
    panel = AgreementPanel(team_store)
    qtbot.addWidget(panel)
    panel.show_pair(0, 1)
    assert panel.documents.count() == 1
    assert panel.documents.item(0).text().startswith("d2")
    panel.documents.setCurrentRow(0)
    assert [panel.spans.item(i).text() for i in range(panel.spans.count())] == [
        "only amal: GLORIFYING_TERM 38–44 «الثوار»"
    ]
    opened = []
    panel.open_document.connect(opened.append)
    panel.documents.itemDoubleClicked.emit(panel.documents.item(0))
    assert opened == [team_store.document_by_external_id("d2").id]


def test_panel_explains_when_there_is_nothing_to_compare(qtbot, store):
    panel = AgreementPanel(store)
    qtbot.addWidget(panel)
    assert "at least two annotators" in panel.summary.text()
