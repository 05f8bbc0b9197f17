"""Offsets of spans without their own text: read and written in the peer tool's unit."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.cli import main
from annotator.exporting import ExportOptions, export_to
from annotator.importing import ImportOptions, import_path
from annotator.store import Store

# The text the doccano UI was tried on: two emoji before the first span, a shadda, a ZWJ
# family and a flag later on.
TEXT = "عاجل 🔥🔥 قصفت الميليشيات الطائفية حيّ الشهداء 👨\u200d👩\u200d👧 في مدينة حلب 🇸🇾 اليوم"
LS = "persuasion-techniques-23"


def _doccano(path: Path, label: list) -> Path:
    path.write_text(
        json.dumps({"id": "d1", "text": TEXT, "label": label}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return path


def _texts(store: Store) -> list[str]:
    return [s.text for s in store.spans(store.document_by_external_id("d1").id)]


def test_doccano_offsets_are_read_as_utf16_by_default(store: Store, tmp_path: Path):
    # what doccano's web UI stored for «الميليشيات الطائفية» (code points: 13-32)
    src = _doccano(tmp_path / "d.jsonl", [[15, 34, "Loaded_Language"]])
    report = import_path(store, src, ImportOptions(labelset=LS, annotator="amal"))
    assert _texts(store) == ["الميليشيات الطائفية"]
    assert report.offsets == "utf16" and report.notices == []


def test_doccano_grapheme_offsets_on_request(store: Store, tmp_path: Path):
    # doccano's "count grapheme clusters as one character" stored [49, 58] for «مدينة حلب»
    src = _doccano(tmp_path / "d.jsonl", [[49, 58, "Loaded_Language"]])
    import_path(store, src, ImportOptions(labelset=LS, annotator="amal", offsets="graphemes"))
    assert _texts(store) == ["مدينة حلب"]


def test_spans_without_text_are_counted_unchecked_not_exact(store: Store, tmp_path: Path):
    src = _doccano(tmp_path / "d.jsonl", [[15, 34, "Loaded_Language"]])
    report = import_path(store, src, ImportOptions(labelset=LS, annotator="amal"))
    assert (report.spans_exact, report.spans_unchecked) == (0, 1)
    assert "0 exact, 1 unchecked" in report.summary()


def test_utf16_warning_needs_evidence_from_the_spans(store: Store, tmp_path: Path):
    # code-point offsets read as code points: whole words, no warning despite the emoji
    src = _doccano(tmp_path / "d.jsonl", [[13, 32, "Loaded_Language"]])
    report = import_path(
        store, src, ImportOptions(labelset=LS, annotator="amal", offsets="codepoints")
    )
    assert report.notices == []
    # UTF-16 offsets read as code points cut words there but not as UTF-16: warned
    src = _doccano(tmp_path / "e.jsonl", [[15, 34, "Loaded_Language"]])
    report = import_path(
        store,
        src,
        ImportOptions(labelset=LS, annotator="bilal", offsets="codepoints", corpus="other"),
    )
    assert any("--offsets utf16" in n.message for n in report.notices)


def test_export_offsets_option_on_both_commands(tmp_path: Path, capsys):
    db = str(tmp_path / "a.db")
    src = _doccano(tmp_path / "g.jsonl", [[13, 32, "Loaded_Language"], [49, 58, "Doubt"]])
    assert (
        main(
            [
                "import",
                str(src),
                "--db",
                db,
                "--labelset",
                LS,
                "--annotator",
                "amal",
                "--offsets",
                "graphemes",
            ]
        )
        == 0
    )
    out = {}
    for unit in ("codepoints", "utf16", "graphemes"):
        target = tmp_path / f"{unit}.jsonl"
        assert (
            main(
                ["export", "--db", db, "--format", "doccano", "-o", str(target), "--offsets", unit]
            )
            == 0
        )
        out[unit] = json.loads(target.read_text(encoding="utf-8"))["label"]
    assert f"offsets in {unit}" in capsys.readouterr().out
    assert out["graphemes"] == [[13, 32, "Loaded_Language"], [49, 58, "Doubt"]]
    assert out["codepoints"][0][:2] == [13, 32] and out["utf16"][0][:2] == [15, 34]
    cp_start = TEXT.index("مدينة حلب")
    assert out["codepoints"][1][:2] == [cp_start, cp_start + 9]


def test_doccano_export_defaults_to_utf16(store: Store, tmp_path: Path):
    src = _doccano(tmp_path / "d.jsonl", [[15, 34, "Loaded_Language"]])
    import_path(store, src, ImportOptions(labelset=LS, annotator="amal"))
    report = export_to(store, tmp_path / "out.jsonl", ExportOptions(format="doccano"))
    line = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert line["label"] == [[15, 34, "Loaded_Language"]] and report.offsets == "utf16"


def test_doccano_export_of_several_annotators_asks_for_one(store: Store, tmp_path: Path):
    import pytest

    from annotator.exporting import ExportError

    src = _doccano(tmp_path / "d.jsonl", [[15, 34, "Loaded_Language"]])
    import_path(store, src, ImportOptions(labelset=LS, annotator="amal"))
    import_path(store, src, ImportOptions(labelset=LS, annotator="bilal"))
    with pytest.raises(ExportError) as refused:
        export_to(store, tmp_path / "out.jsonl", ExportOptions(format="doccano"))
    assert "--annotator" in str(refused.value) and "amal" in str(refused.value)
    assert "file of its own" in str(refused.value)
    export_to(store, tmp_path / "amal.jsonl", ExportOptions(format="doccano", annotator="amal"))
    assert len((tmp_path / "amal.jsonl").read_text(encoding="utf-8").splitlines()) == 1
