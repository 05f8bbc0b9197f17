"""Files written by the real doccano 1.8.4 and Label Studio 1.23.2 land on the words selected.

The fixtures and how each was made: tests/fixtures/peers/README.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.importing import ImportOptions, import_path
from annotator.store import Store

PEERS = Path(__file__).resolve().parents[2] / "fixtures" / "peers"
SELECTED = sorted([("الميليشيات الطائفية", "Loaded_Language"), ("مدينة حلب", "Doubt")])
LS = "persuasion-techniques-23"


def _spans(store: Store) -> list[tuple[str, str]]:
    doc = store.document_by_external_id("d1")
    assert doc is not None, "the document id was not kept"
    return sorted((s.text, s.label) for s in store.spans(doc.id))


@pytest.mark.parametrize(
    "name", ["doccano-1.8.4-utf16.jsonl", "doccano-1.8.4-utf16-reimported.jsonl"]
)
def test_doccano_files_land_on_the_selected_words_by_default(store: Store, name: str):
    report = import_path(store, PEERS / name, ImportOptions(labelset=LS, annotator="amal"))
    assert _spans(store) == SELECTED
    assert (report.spans_unchecked, report.spans_exact, report.notices) == (2, 0, [])


@pytest.mark.parametrize(
    "name", ["doccano-1.8.4-graphemes.jsonl", "doccano-1.8.4-graphemes-reimported.jsonl"]
)
def test_doccano_grapheme_mode_files_land_with_offsets_graphemes(store: Store, name: str):
    import_path(
        store, PEERS / name, ImportOptions(labelset=LS, annotator="amal", offsets="graphemes")
    )
    assert _spans(store) == SELECTED


def test_doccano_grapheme_file_read_as_utf16_is_flagged_not_silently_shifted(store: Store):
    report = import_path(
        store, PEERS / "doccano-1.8.4-graphemes.jsonl", ImportOptions(labelset=LS, annotator="amal")
    )
    hints = [n.message for n in report.notices if "--offsets graphemes" in n.message]
    assert hints and hints[0].startswith("2 of 2 span(s) cut a word")


@pytest.mark.parametrize(
    "name",
    [
        "labelstudio-1.23.2-json.json",
        "labelstudio-1.23.2-json-min.json",
        "labelstudio-1.23.2-json-reimported.json",
    ],
)
def test_label_studio_exports_come_back_to_our_annotator_and_document(store: Store, name: str):
    report = import_path(
        store,
        PEERS / name,
        ImportOptions(labelset=LS, annotator_map={"amal": "admin@example.com=1"}),
    )
    assert _spans(store) == SELECTED and report.spans_exact == 2
    doc = store.document_by_external_id("d1")
    assert {s.annotator for s in store.spans(doc.id)} == {"amal"}
    assert report.notices == []


def test_label_studio_user_id_without_a_map_is_named_in_a_warning(store: Store):
    report = import_path(store, PEERS / "labelstudio-1.23.2-json.json", ImportOptions(labelset=LS))
    assert any("Label Studio user '1'" in n.message for n in report.notices)


def test_annotator_map_from_a_file_on_the_command_line(tmp_path: Path, capsys):
    from annotator.cli import main

    users = tmp_path / "users.txt"
    users.write_text(
        "# our name = Label Studio email = user id\namal=admin@example.com=1\n", encoding="utf-8"
    )
    db = str(tmp_path / "m.db")
    assert (
        main(
            [
                "import",
                str(PEERS / "labelstudio-1.23.2-json.json"),
                "--db",
                db,
                "--labelset",
                LS,
                "--ls-annotator-map",
                str(users),
            ]
        )
        == 0
    )
    assert "not in --ls-annotator-map" not in capsys.readouterr().err
    out = tmp_path / "ls.json"
    assert (
        main(
            [
                "export",
                "--db",
                db,
                "--format",
                "labelstudio",
                "-o",
                str(out),
                "--ls-annotator-map",
                "amal=admin@example.com",
            ]
        )
        == 0
    )
    import json

    [task] = json.loads(out.read_text(encoding="utf-8"))
    assert task["annotations"][0]["completed_by"] == {"email": "admin@example.com"}
    assert task["data"]["annotators"][0]["name"] == "amal"
    assert (
        main(
            [
                "export",
                "--db",
                db,
                "--format",
                "labelstudio",
                "-o",
                str(out),
                "--ls-annotator-map",
                "amal",
            ]
        )
        == 2
    )
    assert "is not NAME=EMAIL" in capsys.readouterr().err
