"""The label-all preview reads right in the English interface: "#1" before an Arabic
title (it read "1#"), and each context starting with its "…" at the right."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_label_all_dialog import (  # noqa: F401 - pytest fixtures
    WORD,
    run_dialog,
    select_first,
    store,
    template,
    window,
)
from tests.ui.test_spanlist_bidi import drawn_xs


def test_document_number_and_context_read_in_their_own_direction(window, qtbot):  # noqa: F811
    select_first(window, WORD)

    def act(dialog, seen):
        seen["cells"] = [
            (dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
            for r in range(dialog.table.rowCount())
        ]
        dialog.reject()

    seen = run_dialog(window, qtbot, act)
    assert seen["cells"]
    ltr = Qt.LayoutDirection.LeftToRight
    for title, context in seen["cells"]:
        xs = drawn_xs(title, ltr)
        hash_sign = title.index("#")
        assert xs[hash_sign] < xs[hash_sign + 1], title  # "#1", not "1#"
        xs = drawn_xs(context, ltr)
        dots = context.index("…")
        assert xs[dots] > xs[dots + 1], context  # the context starts at the right
