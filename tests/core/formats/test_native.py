"""Native annotator-jsonl/1: exact write form, full read, byte-identical round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats import get_format
from annotator.formats.base import BadRecord, FormatError, InRecord, OutRecord, OutSpan

# Emoji and other astral characters, combining diacritics, tatweel, ZWJ/ZWNJ, RLM/LRM,
# the lam-alef ligature and the letters, Latin and Arabic-Indic digits.
HARD = "😀 بِسْمِ اللّـــه\u200dي\u200cن \u200fمرحبا\u200e ﻻ لا 123 ١٢٣ 𝕏 الميليشيات الطائفية نهاية"
FMT = get_format("jsonl")


def spans_for(text: str, *pieces: tuple[str, str]) -> tuple[OutSpan, ...]:
    out = []
    for piece, label in pieces:
        start = text.index(piece)
        out.append(OutSpan(start, start + len(piece), label, piece))
    return tuple(out)


def hard_record(**changes) -> OutRecord:
    spans = (
        (OutSpan(0, 1, "EMOJI", "😀"),)
        + spans_for(
            HARD,
            ("بِسْمِ", "DIAC"),
            ("اللّـــه\u200dي", "TATWEEL"),
            ("ﻻ", "LIG"),
            ("١٢٣", "DIG"),
            ("𝕏", "ASTRAL"),
        )
        + (OutSpan(len(HARD) - 5, len(HARD), "END", "نهاية"),)
    )
    base = dict(
        external_id="doc-1",
        text=HARD,
        title="عنوان",
        source="https://example.org/a",
        meta={"z": 1, "a": {"y": 2, "b": [3]}},
        annotator="amal",
        status="done",
        labelset="media-bias-ar",
        labelset_version="1",
        spans=spans
        + (
            OutSpan(
                HARD.index("الميليشيات"),
                HARD.index("الميليشيات") + 19,
                "LOADED_TERM",
                "الميليشيات الطائفية",
                {"target": "قوات", "b": True},
                "ملاحظة",
            ),
        ),
        doc_labels=("pro-government",),
    )
    base.update(changes)
    return OutRecord(**base)


def to_out(rec: InRecord) -> OutRecord:
    """What the pipeline would hand back after storing an imported record."""
    return OutRecord(
        rec.external_id or "",
        rec.text,
        rec.title,
        rec.source,
        rec.meta,
        rec.annotator,
        rec.status,
        rec.labelset,
        rec.labelset_version,
        tuple(
            OutSpan(s.start, s.end, s.label, s.text or "", s.attributes, s.note) for s in rec.spans
        ),
        tuple(rec.doc_labels),
    )


def test_write_exact_form(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    rec = hard_record(spans=spans_for(HARD, ("بِسْمِ", "DIAC")), meta={"b": 1, "a": 2}, doc_labels=())
    assert FMT.write([rec], target) == 1
    line = target.read_text(encoding="utf-8")
    assert line.endswith("}\n") and line.count("\n") == 1
    obj = json.loads(line)
    assert list(obj) == [
        "id",
        "text",
        "meta",
        "annotator",
        "status",
        "labelset",
        "spans",
        "doc_labels",
        "format",
    ]
    assert list(obj["meta"]) == ["title", "source", "a", "b"]
    assert obj["labelset"] == {"name": "media-bias-ar", "version": "1"}
    assert obj["spans"] == [{"start": 2, "end": 8, "label": "DIAC", "text": "بِسْمِ"}]
    assert obj["format"] == "annotator-jsonl/1"
    assert "😀" in line and "\\u" not in line  # characters as themselves
    assert not target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_unlabelled_record_has_null_labelset(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    FMT.write(
        [
            hard_record(
                annotator=None,
                status=None,
                labelset=None,
                labelset_version=None,
                spans=(),
                doc_labels=(),
            )
        ],
        target,
    )
    obj = json.loads(target.read_text(encoding="utf-8"))
    assert obj["labelset"] is None and obj["spans"] == [] and obj["annotator"] is None


def test_read_everything_back(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    rec = hard_record()
    FMT.write([rec, hard_record(external_id="doc-2", annotator="badr")], target)
    got = list(FMT.read(target))
    assert [type(r) for r in got] == [InRecord, InRecord]
    first = got[0]
    assert first.line == 1 and got[1].line == 2 and first.source_file == str(target)
    assert (first.external_id, first.text, first.title, first.source) == (
        "doc-1",
        HARD,
        "عنوان",
        "https://example.org/a",
    )
    assert first.meta == {"a": {"b": [3], "y": 2}, "z": 1}
    assert (first.annotator, first.status, first.labelset, first.labelset_version) == (
        "amal",
        "done",
        "media-bias-ar",
        "1",
    )
    assert first.offsets_have_text and first.doc_labels == ["pro-government"]
    for span in first.spans:
        assert HARD[span.start : span.end] == span.text
    assert first.spans[0].start == 0 and first.spans[6].end == len(HARD)
    last = first.spans[-1]
    assert last.attributes == {"b": True, "target": "قوات"} and last.note == "ملاحظة"


def test_round_trip_is_byte_identical(tmp_path: Path, seed_text: str):
    seed_span = OutSpan(0, 5, "X", seed_text[:5])
    records = [
        hard_record(),
        hard_record(
            external_id="seed", text=seed_text, spans=(seed_span,), meta={}, title="", source=""
        ),
    ]
    first, second, third = (tmp_path / n for n in ("1.jsonl", "2.jsonl", "3.jsonl"))
    FMT.write(records, first)
    FMT.write([to_out(r) for r in FMT.read(first)], second)
    assert first.read_bytes() == second.read_bytes()
    FMT.write([to_out(r) for r in FMT.read(second)], third)
    assert second.read_bytes() == third.read_bytes()


def test_meta_key_order_does_not_change_bytes(tmp_path: Path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    FMT.write([hard_record(meta={"x": 1, "y": {"q": 1, "p": 2}})], a)
    FMT.write([hard_record(meta={"y": {"p": 2, "q": 1}, "x": 1})], b)
    assert a.read_bytes() == b.read_bytes()


def test_writer_refuses_span_text_mismatch(tmp_path: Path):
    bad = hard_record(spans=(OutSpan(0, 2, "X", "😀"),))
    with pytest.raises(FormatError, match="doc-1"):
        FMT.write([bad], tmp_path / "x.jsonl")
    with pytest.raises(FormatError):
        FMT.write([hard_record(spans=(OutSpan(5, 5, "X", ""),))], tmp_path / "x.jsonl")


def test_crlf_and_bom_text_maps_offsets(tmp_path: Path):
    raw = "\ufeffسطر أول\r\nالميليشيات\r\nنهاية"
    s = raw.index("الميليشيات")
    line = {
        "id": "c",
        "text": raw,
        "format": "annotator-jsonl/1",
        "spans": [
            {"start": s, "end": s + 10, "label": "L", "text": "الميليشيات"},
            {"start": len(raw) - 5, "end": len(raw), "label": "E", "text": "نهاية"},
        ],
    }
    p = tmp_path / "crlf.jsonl"
    p.write_text(json.dumps(line, ensure_ascii=False) + "\r\n", encoding="utf-8")
    (rec,) = FMT.read(p)
    assert rec.text == "سطر أول\nالميليشيات\nنهاية"
    assert [rec.text[sp.start : sp.end] for sp in rec.spans] == ["الميليشيات", "نهاية"]
    assert [sp.text for sp in rec.spans] == ["الميليشيات", "نهاية"]


def test_offsets_passed_through_unvalidated(tmp_path: Path):
    p = tmp_path / "r.jsonl"
    p.write_text(
        json.dumps(
            {
                "text": "abc",
                "spans": [
                    {"start": 2, "end": 1, "label": "UNKNOWN"},
                    {"start": 0, "end": 99, "label": "A"},
                ],
            }
        ),
        encoding="utf-8",
    )
    (rec,) = FMT.read(p)
    assert [(s.start, s.end, s.label) for s in rec.spans] == [(2, 1, "UNKNOWN"), (0, 99, "A")]
    assert rec.external_id is None


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"text": ', "invalid JSON"),
        ('["text"]', "not a JSON object"),
        ('{"id": "a"}', "missing text"),
        ('{"text": 5}', "text is not a string"),
        ('{"text": ""}', "text is empty"),
        ('{"text": "ab", "spans": [{"start": "0", "end": 1, "label": "A"}]}', "not an integer"),
        ('{"text": "ab", "spans": [{"start": 0.5, "end": 1, "label": "A"}]}', "not an integer"),
        ('{"text": "ab", "spans": [{"start": true, "end": 1, "label": "A"}]}', "not an integer"),
        ('{"text": "ab", "spans": [{"start": 0, "end": 1}]}', "label"),
        ('{"text": "ab", "spans": {"start": 0}}', "spans must be a list"),
        ('{"text": "ab", "meta": []}', "meta must be an object"),
        ('{"text": "ab", "doc_labels": [1]}', "doc_labels"),
        ('{"text": "ab", "format": "annotator-jsonl/2"}', "unsupported format"),
        ('{"text": "\\udc00ab"}', "surrogate"),
    ],
)
def test_bad_records(tmp_path: Path, line: str, reason: str):
    p = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "ok", "text": "نص"})
    p.write_text(good + "\n\n" + line + "\n", encoding="utf-8")
    got = list(FMT.read(p))
    assert isinstance(got[0], InRecord)
    bad = got[1]
    assert isinstance(bad, BadRecord) and bad.line == 3 and reason in bad.reason
    assert str(bad).startswith(f"{p}:3")


def test_invalid_utf8_on_line_n_and_empty_file(tmp_path: Path):
    p = tmp_path / "u.jsonl"
    p.write_bytes(b'{"text": "a"}\n{"text": "b"}\n{"text": "\xd8"}\n{"text": "c"}\n')
    got = list(FMT.read(p))
    assert [type(r).__name__ for r in got] == ["InRecord", "InRecord", "BadRecord", "InRecord"]
    assert got[2].line == 3 and "UTF-8" in got[2].reason
    p.write_bytes(b"\n")
    (bad,) = FMT.read(p)
    assert isinstance(bad, BadRecord) and bad.reason == "file is empty"


def test_integer_id_and_float_offsets(tmp_path: Path):
    p = tmp_path / "i.jsonl"
    p.write_text(
        json.dumps({"id": 7, "text": "abc", "spans": [{"start": 1.0, "end": 2.0, "label": "A"}]}),
        encoding="utf-8",
    )
    (rec,) = FMT.read(p)
    assert rec.external_id == "7" and (rec.spans[0].start, rec.spans[0].end) == (1, 2)


@pytest.mark.parametrize("key", ["label", "labels", "entities"])
def test_spans_under_another_formats_key_are_refused_not_dropped(tmp_path: Path, key: str):
    # a doccano line read as our JSONL (``--format jsonl``, or ``annotator merge``) used
    # to import the text and drop its labels without a word
    src = tmp_path / "d.jsonl"
    src.write_text(json.dumps({"text": "abc", key: [[0, 1, "X"]]}) + "\n", encoding="utf-8")
    (bad,) = FMT.read(src)
    assert isinstance(bad, BadRecord) and bad.line == 1
    assert repr(key) in bad.reason and "--format" in bad.reason


def test_empty_foreign_span_list_is_no_reason_to_refuse(tmp_path: Path):
    src = tmp_path / "d.jsonl"
    src.write_text(json.dumps({"text": "abc", "label": []}) + "\n", encoding="utf-8")
    (rec,) = FMT.read(src)
    assert isinstance(rec, InRecord) and rec.text == "abc"
