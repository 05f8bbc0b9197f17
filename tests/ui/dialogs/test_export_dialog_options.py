"""The export dialog offers what ``annotator export`` offers, for the formats it applies
to: ``--offsets``, ``--ls-annotator-map``, and the one-annotator rule of doccano, PTC and
ArAIEval — driven as a user would, with the written file checked."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from ui.dialogs import export_dialog
from ui.dialogs.export_dialog import ExportDialog

TEXT = "قوات النظام تقصف حلب والميليشيات الطائفية تنسحب."


def seeded(store, tmp_path) -> int:
    """One article, labelled by amal and by omar."""
    from annotator.importing import ImportOptions, import_path

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    import_path(store, tmp_path / "a.txt", ImportOptions(format="txt"))
    doc_id = store.document_by_external_id("a").id
    labels = store.labelset()
    s = TEXT.index("الميليشيات")
    store.add_span(doc_id, "amal", labels, "LOADED_TERM", s, s + 19)
    store.add_span(doc_id, "omar", labels, "DELEGITIMISING_LABEL", 0, 11)
    return doc_id


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def shown(dlg, widget) -> bool:
    return widget.isVisibleTo(dlg)


def test_doccano_asks_for_one_annotator_when_several_labelled(qtbot, store, tmp_path):
    seeded(store, tmp_path)
    dlg = ExportDialog(None, store, annotator=None)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.target_edit.setText(str(tmp_path / "out.jsonl"))
    assert dlg.export_button.isEnabled()  # native JSONL holds every annotator
    choose(dlg.format_combo, "doccano")
    assert not dlg.export_button.isEnabled()
    assert shown(dlg, dlg.one_annotator_note)
    assert "doccano holds one annotator's labels" in dlg.one_annotator_note.text()
    assert shown(dlg, dlg.offsets_combo) and not shown(dlg, dlg.annotator_map_edit)
    choose(dlg.annotator_combo, "omar")
    assert dlg.export_button.isEnabled() and not shown(dlg, dlg.one_annotator_note)
    with qtbot.waitSignal(dlg.finishedExport, timeout=10000) as sig:
        qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["exported"], dlg.message
    [line] = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert line["label"] == [[0, 11, "DELEGITIMISING_LABEL"]]


def test_label_studio_export_names_mapped_users_and_no_offsets(qtbot, store, tmp_path):
    seeded(store, tmp_path)
    dlg = ExportDialog(None, store, annotator=None)
    qtbot.addWidget(dlg)
    dlg.show()
    choose(dlg.format_combo, "labelstudio")
    assert shown(dlg, dlg.annotator_map_edit) and not shown(dlg, dlg.offsets_combo)
    dlg.annotator_map_edit.edit.setFocus()
    qtbot.keyClicks(dlg.annotator_map_edit.edit, "amal=amal@example.org")
    target = tmp_path / "tasks.json"
    dlg.target_edit.setText(str(target))
    assert not shown(dlg, dlg.one_annotator_note)  # one task holds every annotator
    with qtbot.waitSignal(dlg.finishedExport, timeout=10000) as sig:
        qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["exported"], dlg.message
    [task] = json.loads(target.read_text("utf-8"))
    by_user = {a.get("completed_by", {}).get("email") for a in task["annotations"]}
    assert by_user == {"amal@example.org", None}  # omar is not mapped: left out


def test_a_bad_annotator_map_is_named_and_nothing_is_written(qtbot, store, tmp_path, monkeypatch):
    seeded(store, tmp_path)
    warnings: list[str] = []
    monkeypatch.setattr(export_dialog.QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    dlg = ExportDialog(None, store, annotator=None)
    qtbot.addWidget(dlg)
    choose(dlg.format_combo, "labelstudio")
    dlg.annotator_map_edit.edit.setText("amal")
    target = tmp_path / "tasks.json"
    dlg.target_edit.setText(str(target))
    dlg.start_export()
    assert warnings and "'amal' is not NAME=EMAIL" in warnings[0]
    assert not target.exists() and not dlg.is_running()


def test_ptc_offsets_choice_reaches_the_export(qtbot, store, tmp_path):
    seeded(store, tmp_path)
    dlg = ExportDialog(None, store, annotator="amal")
    qtbot.addWidget(dlg)
    dlg.show()
    choose(dlg.format_combo, "ptc")
    assert shown(dlg, dlg.offsets_combo) and not shown(dlg, dlg.one_annotator_note)
    choose(dlg.offsets_combo, "utf16")
    options = dlg.options()
    assert (options.format, options.offsets, options.annotator_map) == ("ptc", "utf16", {})
    dlg.target_edit.setText(str(tmp_path / "ptc"))
    with qtbot.waitSignal(dlg.finishedExport, timeout=10000) as sig:
        dlg.start_export()
    assert sig.args == ["exported"], dlg.message
    assert dlg.report.offsets == "utf16"
    s = TEXT.index("الميليشيات")
    assert (tmp_path / "ptc" / "labels.tsv").read_text(
        "utf-8"
    ) == f"a\tLOADED_TERM\t{s}\t{s + 19}\n"
