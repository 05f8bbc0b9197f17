"""ArMPro and SemEval-2021 task 6 layouts, and the general JSON field mapping."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.cli import main
from annotator.formats import detect_format, get_format
from annotator.importing import ImportOptions, import_path
from annotator.store import Store

TEXT = "قصفت الميليشيات الطائفية حي الشهداء في حلب"
S = TEXT.index("الميليشيات الطائفية")


def _armpro() -> dict:
    return {
        "paragraph_id": "p-1",
        "paragraph": TEXT,
        "page_id": 77,
        "labels": [
            {
                "technique": "Loaded_Language",
                "text": "الميليشيات الطائفية",
                "start": S,
                "end": S + 19,
            }
        ],
        "page_domain": "example-news.com",
        "page_url": "https://example-news.com/a",
        "page_title": "قصف  حلب",
        "page_date": "2021-03-01",
    }


def test_armpro_is_detected_and_keeps_the_outlet_as_source(store: Store, tmp_path: Path):
    src = tmp_path / "armpro.jsonl"
    src.write_text(json.dumps(_armpro(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert detect_format(src) == "armpro"
    report = import_path(store, src, ImportOptions(annotator="gold"))
    assert report.spans_exact == 1 and report.refused_spans == 0
    doc = store.document_by_external_id("p-1")
    assert (doc.source, doc.title) == ("example-news.com", "قصف حلب")
    assert doc.meta == {
        "page_id": 77,
        "page_url": "https://example-news.com/a",
        "page_date": "2021-03-01",
    }
    [span] = store.spans(doc.id)
    assert (span.text, span.label) == ("الميليشيات الطائفية", "Loaded_Language")


def test_semeval2021_array_named_txt_is_detected_and_text_fragment_checked(
    store: Store, tmp_path: Path
):
    shifted = [
        {
            "id": "125",
            "text": "😀 " + TEXT,
            "labels": [
                {
                    "start": S + 2 + 1,
                    "end": S + 2 + 20,
                    "technique": "Loaded Language",
                    "text_fragment": "الميليشيات الطائفية",
                }
            ],
        }
    ]  # UTF-16 offsets after the emoji
    src = tmp_path / "dev_set_task2.txt"
    src.write_text(json.dumps(shifted, ensure_ascii=False, indent=1), encoding="utf-8")
    assert detect_format(src) == "semeval2021"
    report = import_path(store, src, ImportOptions(annotator="gold"))
    assert report.realigned == {"utf16": 1} and report.refused_spans == 0
    [span] = store.spans(store.document_by_external_id("125").id)
    # the 2021 spelling resolves through the label set's aliases
    assert (span.text, span.label) == ("الميليشيات الطائفية", "Loaded_Language")


def test_any_layout_through_field_options(tmp_path: Path, capsys):
    line = {
        "doc": {"uid": "x9", "body": TEXT},
        "outlet": "sana.sy",
        "marks": [
            {"tag": "Loaded_Language", "from": S, "to": S + 19, "surface": "الميليشيات الطائفية"}
        ],
    }
    src = tmp_path / "custom.jsonl"
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "f.db")
    assert (
        main(
            [
                "import",
                str(src),
                "--db",
                db,
                "--annotator",
                "gold",
                "--labelset",
                "persuasion-techniques-23",
                "--text-field",
                "doc.body",
                "--id-field",
                "doc.uid",
                "--spans-field",
                "marks",
                "--label-field",
                "tag",
                "--start-field",
                "from",
                "--end-field",
                "to",
                "--span-text-field",
                "surface",
                "--source-field",
                "outlet",
            ]
        )
        == 0
    )
    assert "1 exact" in capsys.readouterr().out
    store = Store.open(db)
    doc = store.document_by_external_id("x9")
    assert doc.source == "sana.sy"
    assert [s.text for s in store.spans(doc.id)] == ["الميليشيات الطائفية"]
    store.close()


def test_field_map_refuses_an_unknown_field_name():
    import pytest

    from annotator.formats.base import FormatError
    from annotator.formats.mapped import FieldMap

    with pytest.raises(FormatError):
        FieldMap.from_options({"txet": "body"})
    assert get_format("fields").can_write is False
