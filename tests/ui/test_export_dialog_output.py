"""The export dialog never offers to replace the open database (or a link to it)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QMessageBox

from ui.dialogs.export_dialog import ExportDialog


@pytest.mark.parametrize("how", ["same path", "symlink", "hard link", "wal sibling"])
def test_export_dialog_refuses_the_open_database_without_asking_to_replace(
    qtbot, store, db_path, tmp_path, monkeypatch, how
):
    store.document_count()
    if how == "same path":
        target = db_path
    elif how == "symlink":
        target = tmp_path / "link.jsonl"
        target.symlink_to(db_path)
    elif how == "hard link":
        target = tmp_path / "hard.jsonl"
        os.link(db_path, target)
    else:
        target = db_path.with_name(db_path.name + "-wal")
    before = db_path.read_bytes()
    asked: list[str] = []
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: warned.append(args[2]))
    dialog = ExportDialog(None, store, annotator=None)
    qtbot.addWidget(dialog)
    dialog.target_edit.setText(str(target))
    dialog.start_export()
    assert asked == [] and warned and "refusing to write over" in warned[0]
    assert not dialog.is_running()
    assert db_path.read_bytes() == before


def test_export_dialog_refusal_quoting_a_name_with_markup_shows_it_literally(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtCore import Qt

    from annotator.store import Store

    db = tmp_path / "<img src=x>study.db"
    store = Store.open(str(db))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: warned.append(args[2]))
    dialog = ExportDialog(None, store, annotator=None)
    qtbot.addWidget(dialog)
    dialog.target_edit.setText(str(db))
    dialog.start_export()
    store.close()
    assert warned and "refusing to write over" in warned[0]
    assert "<img" not in warned[0] or not Qt.mightBeRichText(warned[0])
