"""The header: "2 / 4" isolated from the title, only the title elided."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ui.controllers.article import HeaderBar


def test_counter_is_isolated_and_only_the_title_is_elided(qtbot):
    header = HeaderBar()
    qtbot.addWidget(header)
    header.resize(300, 30)
    header.show()
    qtbot.waitExposed(header)
    title = "تقرير " * 80
    header.set_header("2 / 4", title)
    QApplication.processEvents()
    # Left-to-right isolate: an Arabic title beside it can never make it read "4 / 2".
    assert header.counter.text() == "\u20662 / 4\u2069"
    assert header.title.text().endswith("…") and len(header.title.text()) < len(title)
    assert header.full_title() == title
    assert header.counter.width() >= header.counter.sizeHint().width()  # never clipped
    header.resize(6000, 30)
    QApplication.processEvents()
    assert header.title.text() == title  # room enough: the whole title again


def test_window_header_shows_position_and_title(window, seeded):
    doc = seeded.document(window.session.document_id)
    total = window.navigator.model.rowCount()
    assert window.header.counter.text() == f"\u20661 / {total}\u2069"
    assert window.header.full_title() == (doc.title or doc.external_id)
