"""My queue lists assigned documents not done and opens them."""

from __future__ import annotations

from annotator.store import Store
from annotator.team.assignment import assign
from tests.core.team.conftest import add_doc
from ui.team.queue_panel import QueuePanel


def test_queue_lists_assigned_not_done_and_opens_on_activation(qtbot, store: Store):
    docs = [add_doc(store, f"d{i}", "نص") for i in range(3)]
    assign(store, ["amal"], 1)
    store.set_status(docs[1], "amal", "done")
    panel = QueuePanel(store, "amal")
    qtbot.addWidget(panel)
    assert [panel.list.item(i).text().split()[0] for i in range(panel.list.count())] == ["d0", "d2"]
    opened = []
    panel.open_document.connect(opened.append)
    panel.list.itemActivated.emit(panel.list.item(1))
    assert opened == [docs[2]]
    assert panel.next_document(docs[0]) == docs[2]
