"""The import dialog offers what ``annotator import`` offers, for the formats it applies to:
the JSONL field map, ``--offsets`` and ``--ls-annotator-map`` — filled in as a user would,
imported, and checked in the database."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from ui.dialogs import import_dialog
from ui.dialogs.import_dialog import ImportDialog

PEERS = Path(__file__).resolve().parents[2] / "fixtures" / "peers"
TEXT = "عاجل 🔥🔥 قصفت الميليشيات الطائفية حيّ الشهداء"
WORDS = "الميليشيات الطائفية"


def wait_summary(qtbot, dlg) -> None:
    qtbot.waitUntil(lambda: dlg.on_summary_page() and not dlg.is_running(), timeout=10000)


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def type_into(qtbot, edit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClicks(edit, text)


def shown(dlg, widget) -> bool:
    return widget.isVisibleTo(dlg)


def own_layout(tmp_path: Path) -> Path:
    """JSON lines nobody declared: the text under body, spans under marks with UTF-16
    offsets (two emoji before the words shift them by two)."""
    start_cp = TEXT.index(WORDS)
    start_u16 = start_cp + 2
    line = {
        "doc": "n1",
        "body": TEXT,
        "outlet": "example.org",
        "marks": [{"tag": "LOADED_TERM", "from": start_u16, "to": start_u16 + len(WORDS)}],
    }
    path = tmp_path / "own.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_field_map_and_offsets_are_filled_in_and_the_import_lands_on_the_words(
    qtbot, store, tmp_path
):
    dlg = ImportDialog(None, store, annotator="amal")
    qtbot.addWidget(dlg)
    dlg.show()
    type_into(qtbot, dlg.path_edit, str(own_layout(tmp_path)))
    assert not shown(dlg, dlg.field_group)  # detected as another format: no field map
    choose(dlg.format_combo, "fields")
    assert shown(dlg, dlg.field_group) and shown(dlg, dlg.offsets_combo)
    assert not shown(dlg, dlg.annotator_map_edit)
    edits = dlg.field_group.edits
    for name, key in (
        ("text", "body"),
        ("id", "doc"),
        ("spans", "marks"),
        ("label", "tag"),
        ("start", "from"),
        ("end", "to"),
        ("source", "outlet"),
    ):
        type_into(qtbot, edits[name], key)
    choose(dlg.offsets_combo, "utf16")
    choose(dlg.labelset_combo, "media-bias-ar")
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    wait_summary(qtbot, dlg)
    assert dlg.outcome == "imported", dlg.summary_label.text()
    doc = store.document_by_external_id("n1")
    assert doc.text == TEXT and doc.source == "example.org"
    assert [(s.text, s.label, s.annotator) for s in store.spans(doc.id)] == [
        (WORDS, "LOADED_TERM", "amal")
    ]


def test_the_dialog_builds_the_options_the_command_line_builds(qtbot, store, tmp_path):
    from annotator.commands._common import annotator_map

    dlg = ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(own_layout(tmp_path)))
    choose(dlg.format_combo, "fields")
    dlg.field_group.edits["text"].setText("body")
    dlg.field_group.edits["span_text"].setText("quote")
    options = dlg.options()
    assert options.format == "fields"
    assert options.fields == {"text": "body", "span_text": "quote"}
    assert options.annotator_map == {}  # not a Label Studio import
    choose(dlg.format_combo, "labelstudio")
    dlg.annotator_map_edit.edit.setText("amal=admin@example.com=1")
    options = dlg.options()
    assert options.annotator_map == annotator_map("amal=admin@example.com=1")
    assert options.fields == {} and options.offsets is None


def test_label_studio_users_map_back_to_our_annotator(qtbot, store, tmp_path):
    dlg = ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.show()
    # detected from the file: the Label Studio user map shows, offsets do not apply
    type_into(qtbot, dlg.path_edit, str(PEERS / "labelstudio-1.23.2-json.json"))
    assert shown(dlg, dlg.annotator_map_edit) and not shown(dlg, dlg.offsets_combo)
    users = tmp_path / "users.txt"
    users.write_text("# our name = Label Studio email = user id\namal=admin@example.com=1\n")
    type_into(qtbot, dlg.annotator_map_edit.edit, str(users))
    choose(dlg.labelset_combo, "persuasion-techniques-23")
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    wait_summary(qtbot, dlg)
    assert dlg.outcome == "imported", dlg.summary_label.text()
    doc = store.document_by_external_id("d1")
    assert {(s.text, s.annotator) for s in store.spans(doc.id)} == {
        ("الميليشيات الطائفية", "amal"),
        ("مدينة حلب", "amal"),
    }


def test_a_bad_annotator_map_is_named_and_the_dialog_stays_on_its_options(
    qtbot, store, monkeypatch
):
    warnings: list[str] = []
    monkeypatch.setattr(import_dialog.QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    dlg = ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(PEERS / "labelstudio-1.23.2-json.json"))
    dlg.annotator_map_edit.edit.setText("amal=admin@example.com,omar")
    dlg.start_import()
    assert warnings and "item 2: 'omar' is not NAME=EMAIL" in warnings[0]
    assert not dlg.on_summary_page() and store.document_count() == 0


def test_doccano_file_offers_offsets_and_no_user_map(qtbot, store):
    dlg = ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.path_edit.setText(str(PEERS / "doccano-1.8.4-graphemes.jsonl"))
    assert shown(dlg, dlg.offsets_combo) and not shown(dlg, dlg.annotator_map_edit)
    assert not shown(dlg, dlg.field_group)
    choose(dlg.offsets_combo, "graphemes")
    choose(dlg.labelset_combo, "persuasion-techniques-23")
    dlg.annotator_edit.setText("amal")
    dlg.start_import()
    wait_summary(qtbot, dlg)
    assert dlg.outcome == "imported", dlg.summary_label.text()
    doc = store.document_by_external_id("d1")
    assert sorted(s.text for s in store.spans(doc.id)) == sorted(
        ["الميليشيات الطائفية", "مدينة حلب"]
    )
