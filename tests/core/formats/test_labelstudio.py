"""Label Studio JSON: task list read (full and JSON-MIN), streamed write, astral offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats import get_format
from annotator.formats.base import BadRecord, FormatError, InRecord, OutRecord, OutSpan

FMT = get_format("labelstudio")
HARD = "😀 بِسْمِ اللّـــه\u200dي \u200fمرحبا\u200e ﻻ ١٢٣ 123 𝕏 الميليشيات نهاية"


def span(piece: str, label: str, note: str = "") -> OutSpan:
    start = HARD.index(piece)
    return OutSpan(start, start + len(piece), label, piece, note=note)


def record(**changes) -> OutRecord:
    base = dict(
        external_id="42",
        text=HARD,
        title="عنوان",
        source="",
        meta={"lang": "ar"},
        annotator="amal@example.org",
        status="done",
        labelset="media-bias-ar",
        labelset_version="1",
        spans=(
            OutSpan(0, 1, "EMOJI", "😀"),
            span("𝕏", "ASTRAL"),
            span("الميليشيات", "LOADED_TERM", note="ملاحظة"),
            OutSpan(len(HARD) - 5, len(HARD), "END", "نهاية"),
        ),
        doc_labels=("pro-government",),
    )
    base.update(changes)
    return OutRecord(**base)


def test_write_shape_and_code_point_offsets(tmp_path: Path):
    target = tmp_path / "ls.json"
    assert FMT.write([record()], target) == 4
    raw = target.read_text(encoding="utf-8")
    assert raw.startswith("[\n") and raw.endswith("\n]\n")
    (task,) = json.loads(raw)
    # who annotated (and the status) travel in data, which Label Studio keeps as given
    assert task["data"] == {
        "text": HARD,
        "id": "42",
        "title": "عنوان",
        "lang": "ar",
        "document_id": "42",
        "annotators": [{"name": "amal@example.org", "status": "done"}],
    }
    (ann,) = task["annotations"]
    assert "completed_by" not in ann  # unknown to Label Studio: it would refuse the file
    labels = [r for r in ann["result"] if r["type"] == "labels"]
    astral = labels[1]
    assert astral["from_name"] == "label" and astral["to_name"] == "text"
    # code points, as Label Studio counts them today: same numbers as Python indices
    assert astral["value"]["start"] == HARD.index("𝕏")
    assert astral["value"]["text"] == "𝕏" and astral["value"]["labels"] == ["ASTRAL"]
    assert labels[2]["meta"] == {"text": ["ملاحظة"]}
    choices = [r for r in ann["result"] if r["type"] == "choices"]
    assert choices[0]["value"]["choices"] == ["pro-government"]
    ids = [r["id"] for r in ann["result"]]
    assert len(set(ids)) == len(ids)


def test_result_ids_are_stable(tmp_path: Path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    FMT.write([record()], a)
    FMT.write([record()], b)
    assert a.read_bytes() == b.read_bytes()


def test_read_back_what_was_written(tmp_path: Path):
    target = tmp_path / "ls.json"
    FMT.write(
        [
            record(),
            record(annotator="badr", spans=(span("ﻻ", "LIG"),), doc_labels=(), status="skipped"),
            record(external_id="43", annotator=None, spans=(), doc_labels=()),
        ],
        target,
    )
    got = list(FMT.read(target))
    assert [type(r) for r in got] == [InRecord] * 3
    first, second, third = got
    assert (first.external_id, first.title, first.meta, first.annotator) == (
        "42",
        "عنوان",
        {"lang": "ar"},
        "amal@example.org",
    )
    assert first.offsets_have_text and first.doc_labels == ["pro-government"]
    assert [(s.start, s.end, s.label) for s in first.spans] == [
        (s.start, s.end, s.label) for s in record().spans
    ]
    assert all(HARD[s.start : s.end] == s.text for s in first.spans)
    assert first.spans[2].note == "ملاحظة"
    assert second.external_id == "42" and second.annotator == "badr"
    assert second.status == "skipped" and second.line == first.line == 1
    assert third.external_id == "43" and third.spans == [] and third.annotator is None
    assert third.line == 2


def test_real_export_shape_multi_label_predictions_and_completed_by(tmp_path: Path):
    text = "ab 😀 cd\r\nef"
    tasks = [
        {
            "id": 7,
            "data": {"text": text, "source_url": "u"},
            "meta": {},
            "annotations": [
                {
                    "id": 1,
                    "completed_by": {"id": 3, "email": "x@y.z"},
                    "result": [
                        {
                            "id": "r1",
                            "from_name": "label",
                            "to_name": "text",
                            "type": "labels",
                            "value": {"start": 5, "end": 7, "text": "cd", "labels": ["A", "B"]},
                        },
                        {
                            "id": "r2",
                            "from_name": "rel",
                            "type": "relation",
                            "from_id": "r1",
                            "to_id": "r1",
                        },
                        {
                            "id": "r3",
                            "from_name": "label",
                            "to_name": "text",
                            "type": "labels",
                            "value": {"start": 9, "end": 11, "text": "ef", "labels": ["A"]},
                        },
                    ],
                },
                {"completed_by": 5, "result": []},
            ],
            "predictions": [
                {"result": [{"type": "labels", "value": {"start": 0, "end": 2, "labels": ["P"]}}]}
            ],
        }
    ]
    p = tmp_path / "export.json"
    p.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    a, b = FMT.read(p)
    assert a.external_id == "7" and a.meta == {"source_url": "u"} and a.annotator == "x@y.z"
    assert a.text == "ab 😀 cd\nef"
    assert [(s.start, s.end, s.label) for s in a.spans] == [(5, 7, "A"), (5, 7, "B"), (8, 10, "A")]
    assert [a.text[s.start : s.end] for s in a.spans] == ["cd", "cd", "ef"]
    assert b.annotator == "5" and b.spans == []
    assert "P" not in {s.label for s in a.spans + b.spans}


def test_old_utf16_offsets_are_passed_through_with_text(tmp_path: Path):
    """2021-era exports counted UTF-16 units; the reader keeps numbers and text so the
    import pipeline can realign (it knows how to read UTF-16 offsets)."""
    text = "😀 الميليشيات"
    tasks = [
        {
            "data": {"text": text},
            "annotations": [
                {
                    "result": [
                        {
                            "type": "labels",
                            "value": {"start": 3, "end": 13, "text": "الميليشيات", "labels": ["L"]},
                        }
                    ]
                }
            ],
        }
    ]
    p = tmp_path / "old.json"
    p.write_text(json.dumps(tasks), encoding="utf-8")
    (rec,) = FMT.read(p)
    assert (rec.spans[0].start, rec.spans[0].end, rec.spans[0].text) == (3, 13, "الميليشيات")
    assert rec.offsets_have_text


def test_json_min_export(tmp_path: Path):
    rows = [
        {
            "id": 1,
            "text": "نص 😀 هنا",
            "label": [{"start": 5, "end": 8, "text": "هنا", "labels": ["X"]}],
            "annotator": "a@b.c",
            "annotation_id": 4,
            "created_at": "t",
            "updated_at": "t",
            "lead_time": 1.5,
            "topic": "syria",
        }
    ]
    p = tmp_path / "min.json"
    p.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    (rec,) = FMT.read(p)
    assert rec.external_id == "1" and rec.annotator == "a@b.c" and rec.meta == {"topic": "syria"}
    assert [(s.start, s.end, s.label, s.text) for s in rec.spans] == [(5, 8, "X", "هنا")]


def test_text_key_option_and_single_string_field(tmp_path: Path):
    p = tmp_path / "k.json"
    p.write_text(json.dumps([{"data": {"article": "نص"}, "annotations": []}]), encoding="utf-8")
    (rec,) = FMT.read(p)
    assert rec.text == "نص"
    p.write_text(json.dumps([{"data": {"a": "x", "b": "y"}}]), encoding="utf-8")
    (bad,) = FMT.read(p)
    assert isinstance(bad, BadRecord) and "text_key" in bad.reason
    (rec,) = FMT.read(p, text_key="b")
    assert rec.text == "y" and rec.meta == {"a": "x"}


@pytest.mark.parametrize(
    "content, reason",
    [
        (
            '[{"data": {"text": "ab"}, "annotations": [{"result": [{"type": "labels", '
            '"value": {"start": "0", "end": 1, "labels": ["A"]}}]}]}]',
            "not an integer",
        ),
        (
            '[{"data": {"text": "ab"}, "annotations": [{"result": [{"type": "labels", '
            '"value": {"start": 0, "end": 1, "labels": []}}]}]}]',
            "labels",
        ),
        ('[{"data": {"text": 3}}]', "not a string"),
        ('[{"data": {"title": "no text"}}]', "missing"),
        ("[5]", "not a JSON object"),
    ],
)
def test_bad_tasks(tmp_path: Path, content: str, reason: str):
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    (bad,) = FMT.read(p)
    assert isinstance(bad, BadRecord) and reason in bad.reason and bad.line == 1


def test_invalid_json_and_empty_file(tmp_path: Path):
    p = tmp_path / "bad.json"
    p.write_text('[{"data": {"text": "a"}},\n{"data": {"text": }}]', encoding="utf-8")
    good, bad = FMT.read(p)
    assert good.text == "a" and isinstance(bad, BadRecord) and "invalid JSON" in bad.reason
    assert "line 2" in bad.reason and str(p) in str(bad)
    p.write_text("  \n", encoding="utf-8")
    (bad,) = FMT.read(p)
    assert bad.reason == "file is empty"


def test_writer_refuses_mismatch(tmp_path: Path):
    with pytest.raises(FormatError, match="42"):
        FMT.write([record(spans=(OutSpan(0, 2, "X", "😀"),))], tmp_path / "x.json")


def test_empty_export_is_valid_json(tmp_path: Path):
    target = tmp_path / "e.json"
    assert FMT.write([], target) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == []


# ---------------------------------------------------------------- users and round trips
def test_completed_by_only_for_annotators_mapped_to_label_studio_users(tmp_path: Path):
    target = tmp_path / "ls.json"
    FMT.write(
        [record(annotator="amal"), record(annotator="bilal")],
        target,
        annotator_map={"amal": "amal@lab.example=3"},
    )
    (task,) = json.loads(target.read_text(encoding="utf-8"))
    first, second = task["annotations"]
    assert first["completed_by"] == {"email": "amal@lab.example"}
    assert "completed_by" not in second


def test_label_studio_json_export_reads_back_to_our_annotator_and_document(tmp_path: Path):
    # Label Studio's JSON export: integer user ids, its own task id and meta at top level
    src = tmp_path / "export.json"
    src.write_text(
        json.dumps(
            [
                {
                    "id": 917,
                    "meta": {"batch": 2},
                    "data": {
                        "text": "قصف حلب",
                        "id": "doc-7",
                        "document_id": "doc-7",
                        "annotators": [
                            {"name": "amal", "status": "done"},
                            {"name": "bilal", "status": "in_progress"},
                        ],
                    },
                    "annotations": [
                        {
                            "completed_by": 3,
                            "was_cancelled": False,
                            "result": [
                                {
                                    "type": "labels",
                                    "value": {"start": 0, "end": 3, "text": "قصف", "labels": ["L"]},
                                }
                            ],
                        },
                        {"completed_by": 4, "result": []},
                        {"completed_by": 9, "result": []},
                    ],
                }
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    got = list(FMT.read(src, annotator_map={"amal": "amal@lab.example=3"}))
    assert [(r.external_id, r.annotator, r.status) for r in got] == [
        ("doc-7", "amal", "done"),
        ("doc-7", "bilal", "in_progress"),
        ("doc-7", "9", "done"),
    ]
    assert got[0].meta == {"batch": 2}
    assert got[0].warnings == [] and got[1].warnings == []
    assert "'9' is not in --ls-annotator-map" in got[2].warnings[0]


def test_json_min_task_id_does_not_replace_our_document_id(tmp_path: Path):
    src = tmp_path / "min.json"
    src.write_text(
        json.dumps(
            [
                {
                    "id": 917,
                    "text": "قصف حلب",
                    "document_id": "doc-7",
                    "annotator": "amal@lab.example",
                    "annotation_id": 5,
                    "label": [{"start": 0, "end": 3, "text": "قصف", "labels": ["L"]}],
                }
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (rec,) = FMT.read(src, annotator_map={"amal": "amal@lab.example"})
    assert (rec.external_id, rec.annotator, len(rec.spans)) == ("doc-7", "amal", 1)


@pytest.mark.parametrize("choices", ["Biased", 3, ["Biased", 2]])
def test_choices_given_as_a_string_or_number_do_not_crash(tmp_path: Path, choices):
    src = tmp_path / "c.json"
    src.write_text(
        json.dumps(
            [
                {
                    "data": {"text": "نص"},
                    "annotations": [
                        {"result": [{"type": "choices", "value": {"choices": choices}}]}
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    (rec,) = FMT.read(src)
    assert rec.doc_labels == [str(c) for c in (choices if isinstance(choices, list) else [choices])]
