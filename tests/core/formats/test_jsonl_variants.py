"""doccano, Prodigy and ArAIEval JSONL: read, write, read back, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.formats import get_format
from annotator.formats.base import BadRecord, FormatError, InRecord, OutRecord, OutSpan

HARD = "😀 بِسْمِ اللّـــه\u200dي\u200cن \u200fمرحبا\u200e ﻻ لا 123 ١٢٣ 𝕏 الميليشيات الطائفية نهاية"


def hard_spans() -> tuple[OutSpan, ...]:
    out = [OutSpan(0, 1, "Loaded_Language", "😀")]
    for piece in ("بِسْمِ", "اللّـــه\u200dي", "\u200fمرحبا\u200e", "ﻻ", "١٢٣", "𝕏"):
        start = HARD.index(piece)
        out.append(OutSpan(start, start + len(piece), "Doubt", piece))
    out.append(OutSpan(len(HARD) - 5, len(HARD), "Repetition", "نهاية"))
    return tuple(out)


def record(**changes) -> OutRecord:
    base = dict(
        external_id="p-1",
        text=HARD,
        title="عنوان",
        source="src",
        meta={"type": "tweet", "extra": [1, 2]},
        annotator="amal",
        status="done",
        labelset="araieval-2024",
        labelset_version="1",
        spans=hard_spans(),
        doc_labels=(),
    )
    base.update(changes)
    return OutRecord(**base)


def write_read(name: str, tmp_path: Path, recs=None, **options) -> tuple[list, Path]:
    target = tmp_path / f"out.{name}.jsonl"
    fmt = get_format(name)
    written = fmt.write(recs or [record()], target, **options)
    assert written == sum(len(r.spans) for r in (recs or [record()]))
    return list(fmt.read(target)), target


def assert_same_spans(rec: InRecord, expected: tuple[OutSpan, ...]) -> None:
    assert [(s.start, s.end, s.label) for s in rec.spans] == [
        (s.start, s.end, s.label) for s in expected
    ]
    for span in rec.spans:
        if span.text is not None:
            assert rec.text[span.start : span.end] == span.text


# ---------------------------------------------------------------- doccano
def test_doccano_offsets_are_utf16_by_default(tmp_path: Path):
    from annotator.text.units import codepoint_to_utf16, span_to_codepoints

    got, target = write_read("doccano", tmp_path)
    obj = json.loads(target.read_text(encoding="utf-8"))
    expected = [
        [codepoint_to_utf16(HARD, s.start), codepoint_to_utf16(HARD, s.end), s.label]
        for s in hard_spans()
    ]
    assert obj["label"] == expected and obj["label"][0] == [0, 2, "Loaded_Language"]
    assert get_format("doccano").offset_unit == "utf16"
    (rec,) = got  # the reader gives the offsets as written; the importer converts them
    assert [span_to_codepoints(rec.text, s.start, s.end, "utf16") for s in rec.spans] == [
        (s.start, s.end) for s in hard_spans()
    ]


def test_doccano_offsets_in_graphemes_on_request(tmp_path: Path):
    text = "حيّ 👨‍👩‍👧 في مدينة حلب"
    start = text.index("مدينة حلب")
    rec = record(text=text, spans=(OutSpan(start, start + 9, "Doubt", "مدينة حلب"),))
    _got, target = write_read("doccano", tmp_path, [rec], offsets="graphemes")
    # clusters before the span: ح, يّ (shadda joins its letter), space, the ZWJ family (one),
    # space, ف, ي, space — 8, against 13 code points
    assert start == 13
    assert json.loads(target.read_text(encoding="utf-8"))["label"] == [[8, 17, "Doubt"]]


def test_doccano_relations_are_written_in_doccanos_relation_layout(tmp_path: Path):
    src = tmp_path / "rel.jsonl"
    src.write_text(
        json.dumps(
            {
                "id": 5,
                "text": "نظام الأسد قصف حلب",
                "entities": [
                    {"id": 7, "label": "A", "start_offset": 0, "end_offset": 10},
                    {"id": 8, "label": "B", "start_offset": 15, "end_offset": 18},
                ],
                "relations": [{"id": 1, "from_id": 7, "to_id": 8, "type": "attacks"}],
            }
        ),
        encoding="utf-8",
    )
    (rec,) = get_format("doccano").read(src)
    assert rec.meta == {
        "relations": [{"from": [0, 10, "A"], "to": [15, 18, "B"], "type": "attacks"}]
    }
    spans = tuple(OutSpan(s.start, s.end, s.label, rec.text[s.start : s.end]) for s in rec.spans)
    out = record(external_id="5", text=rec.text, meta=rec.meta, spans=spans, title="", source="")
    warnings: list[tuple] = []
    target = tmp_path / "out.jsonl"
    get_format("doccano").write([out], target, warn=lambda *a: warnings.append(a))
    line = json.loads(target.read_text(encoding="utf-8"))
    assert "label" not in line and "meta" not in line and warnings == []
    ids = {e["id"]: (e["start_offset"], e["end_offset"], e["label"]) for e in line["entities"]}
    [rel] = line["relations"]
    assert (ids[rel["from_id"]], ids[rel["to_id"]], rel["type"]) == (
        (0, 10, "A"),
        (15, 18, "B"),
        "attacks",
    )
    # a relation whose span is not exported is left out, with a warning
    get_format("doccano").write(
        [record(external_id="5", text=rec.text, meta=rec.meta, spans=spans[:1])],
        target,
        warn=lambda *a: warnings.append(a),
    )
    line = json.loads(target.read_text(encoding="utf-8"))
    assert "relations" not in line and line["label"] == [[0, 10, "A"]]
    assert warnings and "relation(s) left out" in warnings[0][1]


def test_doccano_document_labels_go_to_cats(tmp_path: Path):
    _got, target = write_read("doccano", tmp_path, [record(doc_labels=("stance=against",))])
    line = json.loads(target.read_text(encoding="utf-8"))
    assert line["cats"] == ["stance=against"]
    (back,) = get_format("doccano").read(target)
    assert back.doc_labels == ["stance=against"]


def test_doccano_write_and_read_back(tmp_path: Path):
    got, target = write_read("doccano", tmp_path, offsets="codepoints")
    obj = json.loads(target.read_text(encoding="utf-8"))
    assert list(obj)[:3] == ["id", "text", "label"]
    assert obj["label"][0] == [0, 1, "Loaded_Language"] and obj["title"] == "عنوان"
    (rec,) = got
    assert rec.external_id == "p-1" and rec.text == HARD and rec.title == "عنوان"
    assert rec.source == "src" and rec.meta == {"extra": [1, 2], "type": "tweet"}
    assert_same_spans(rec, hard_spans())
    assert rec.spans[-1].end == len(HARD)


def test_doccano_variants(tmp_path: Path):
    lines = [
        {"id": 1, "text": "abc", "labels": [[0, 1, "A"]], "Comments": []},
        {"text": "abc"},
        {"id": 3, "data": "old export", "label": [[0, 3, "A"]]},
        {"id": 4, "text": "classify me", "label": ["positive", "sarcastic"]},
        {
            "id": 5,
            "text": "rel",
            "entities": [{"id": 9, "label": "B", "start_offset": 0, "end_offset": 2}],
            "relations": [],
        },
    ]
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    a, b, c, d, e = get_format("doccano").read(p)
    assert a.external_id == "1" and a.meta == {"Comments": []}
    assert [(s.start, s.end, s.label) for s in a.spans] == [(0, 1, "A")]
    assert b.external_id is None and b.spans == [] and b.text == "abc"
    assert c.text == "old export" and c.spans[0].end == 3 and "data" not in c.meta
    assert d.doc_labels == ["positive", "sarcastic"] and d.spans == []
    assert [(s.start, s.end, s.label) for s in e.spans] == [(0, 2, "B")]
    assert e.meta == {}  # relations are kept as references to spans, and there are none


def test_doccano_crlf_offsets(tmp_path: Path):
    raw = "أول\r\nثاني\r\nثالث"
    p = tmp_path / "c.jsonl"
    p.write_text(
        json.dumps({"text": raw, "label": [[raw.index("ثالث"), len(raw), "A"]]}), encoding="utf-8"
    )
    (rec,) = get_format("doccano").read(p)
    s = rec.spans[0]
    assert rec.text[s.start : s.end] == "ثالث"


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"text": "ab", "label": [[0, 1]]}', "triple"),
        ('{"text": "ab", "label": [["0", 1, "A"]]}', "not an integer"),
        ('{"text": "ab", "label": [[0, 1, ""]]}', "label"),
        ('{"text": "ab", "label": "A"}', "must be a list"),
        ('{"label": [[0, 1, "A"]]}', "missing text"),
    ],
)
def test_doccano_bad(tmp_path: Path, line: str, reason: str):
    p = tmp_path / "bad.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    (bad,) = get_format("doccano").read(p)
    assert isinstance(bad, BadRecord) and bad.line == 1 and reason in bad.reason


# ---------------------------------------------------------------- prodigy
def test_prodigy_write_and_read_back(tmp_path: Path):
    got, target = write_read("prodigy", tmp_path)
    obj = json.loads(target.read_text(encoding="utf-8"))
    assert obj["meta"]["id"] == "p-1" and obj["_annotator_id"] == "amal"
    assert obj["spans"][0] == {"start": 0, "end": 1, "label": "Loaded_Language", "text": "😀"}
    (rec,) = got
    assert (rec.external_id, rec.title, rec.source, rec.annotator) == (
        "p-1",
        "عنوان",
        "src",
        "amal",
    )
    assert rec.meta == {"extra": [1, 2], "type": "tweet"} and rec.offsets_have_text
    assert_same_spans(rec, hard_spans())


def test_prodigy_real_shape(tmp_path: Path):
    line = {
        "text": "Apple بيع",
        "_input_hash": 1,
        "_task_hash": 2,
        "tokens": [{"text": "Apple", "start": 0, "end": 5, "id": 0}],
        "spans": [{"start": 0, "end": 5, "token_start": 0, "token_end": 0, "label": "ORG"}],
        "meta": {"source": "feed"},
        "answer": "accept",
        "id": "top",
    }
    p = tmp_path / "p.jsonl"
    p.write_text(json.dumps(line, ensure_ascii=False), encoding="utf-8")
    (rec,) = get_format("prodigy").read(p)
    assert rec.external_id == "top" and rec.source == "feed"
    # "accept" is what importing the spans means; the writer puts it back at the top level
    assert rec.meta == {"_input_hash": 1, "_task_hash": 2}
    assert [(s.start, s.end, s.label, s.text) for s in rec.spans] == [(0, 5, "ORG", None)]
    assert not rec.offsets_have_text


def test_prodigy_bad(tmp_path: Path):
    p = tmp_path / "bad.jsonl"
    p.write_text(
        '{"text": "ab", "spans": [{"start": 0, "end": null, "label": "A"}]}\n'
        '{"text": "ab", "meta": "x"}\n',
        encoding="utf-8",
    )
    a, b = get_format("prodigy").read(p)
    assert isinstance(a, BadRecord) and "end" in a.reason
    assert isinstance(b, BadRecord) and b.line == 2 and "meta" in b.reason


# ---------------------------------------------------------------- araieval
def test_araieval_write_and_read_back(tmp_path: Path):
    got, target = write_read("araieval", tmp_path)
    obj = json.loads(target.read_text(encoding="utf-8"))
    assert list(obj) == ["id", "text", "labels", "type"] and obj["type"] == "tweet"
    assert obj["labels"][-1] == {
        "start": len(HARD) - 5,
        "end": len(HARD),
        "technique": "Repetition",
        "text": "نهاية",
    }
    (rec,) = got
    assert rec.external_id == "p-1" and rec.meta == {"type": "tweet"} and rec.offsets_have_text
    assert_same_spans(rec, hard_spans())


def test_araieval_default_type_and_predictions(tmp_path: Path):
    rec = record(meta={}, spans=hard_spans()[:1])
    target = tmp_path / "a.jsonl"
    get_format("araieval").write([rec], target)
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "paragraph"
    get_format("araieval").write([rec], target, predictions=True)
    assert json.loads(target.read_text(encoding="utf-8")) == {
        "id": "p-1",
        "labels": [{"start": 0, "end": 1, "technique": "Loaded_Language", "text": "😀"}],
    }


def test_araieval_reads_unknown_techniques_and_2023_layout(tmp_path: Path):
    p = tmp_path / "a.jsonl"
    p.write_text(
        json.dumps(
            {
                "id": "x",
                "text": "نص",
                "labels": [{"start": 0, "end": 2, "technique": "Not_A_Technique", "text": "نص"}],
                "type": "tweet",
            }
        )
        + "\n"
        + json.dumps({"id": "y", "text": "نص", "labels": ["Doubt"], "type": "tweet"}),
        encoding="utf-8",
    )
    a, b = get_format("araieval").read(p)
    assert a.spans[0].label == "Not_A_Technique"
    assert b.doc_labels == ["Doubt"] and b.spans == []


def test_araieval_prediction_file_without_text_is_bad(tmp_path: Path):
    p = tmp_path / "pred.jsonl"
    p.write_text('{"id": "x", "labels": []}\n', encoding="utf-8")
    (bad,) = get_format("araieval").read(p)
    assert isinstance(bad, BadRecord) and bad.reason == "missing text" and bad.record_id == "x"


@pytest.mark.parametrize("name", ["doccano", "prodigy", "araieval"])
def test_writers_refuse_mismatched_span(tmp_path: Path, name: str):
    bad = record(spans=(OutSpan(0, 3, "Doubt", "😀 x"),))
    with pytest.raises(FormatError, match="p-1"):
        get_format(name).write([bad], tmp_path / "x.jsonl")


@pytest.mark.parametrize("name", ["doccano", "prodigy", "araieval"])
def test_bom_file_and_empty_file(tmp_path: Path, name: str):
    p = tmp_path / "b.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "1", "text": "\ufeffنص"}).encode())
    (rec,) = get_format(name).read(p)
    assert rec.text == "نص"
    p.write_bytes(b"")
    (bad,) = get_format(name).read(p)
    assert isinstance(bad, BadRecord) and bad.reason == "file is empty"


@pytest.mark.parametrize(
    "name, build",
    [
        ("doccano", lambda raw, s, e, t: {"text": raw, "label": [[s, e, "Doubt"]]}),
        (
            "prodigy",
            lambda raw, s, e, t: {
                "text": raw,
                "spans": [{"start": s, "end": e, "label": "Doubt", "text": t}],
            },
        ),
        (
            "araieval",
            lambda raw, s, e, t: {
                "id": "1",
                "text": raw,
                "labels": [{"start": s, "end": e, "technique": "Doubt", "text": t}],
                "type": "tweet",
            },
        ),
    ],
)
def test_crlf_text_offsets_stay_on_the_same_characters(tmp_path: Path, name: str, build):
    raw = "\ufeffسطر 😀\r\nالميليشيات\r\n١٢٣ نهاية"
    pieces = ["\ufeffسطر", "الميليشيات\r\n١", "نهاية"]
    p = tmp_path / "crlf.jsonl"
    lines = []
    for piece in pieces:
        s = raw.index(piece)
        lines.append(json.dumps(build(raw, s, s + len(piece), piece), ensure_ascii=False))
    p.write_text("\r\n".join(lines), encoding="utf-8")
    recs = list(get_format(name).read(p))
    assert [r.text[r.spans[0].start : r.spans[0].end] for r in recs] == [
        "سطر",
        "الميليشيات\n١",
        "نهاية",
    ]
    for rec in recs:
        if rec.spans[0].text is not None:
            assert rec.text[rec.spans[0].start : rec.spans[0].end] == rec.spans[0].text


def test_prodigy_skip_is_exported_as_top_level_answer(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            json.dumps(x, ensure_ascii=False)
            for x in [
                {"text": "نص أول", "spans": [], "answer": "reject", "meta": {"id": "a"}},
                {"text": "نص ثان", "spans": [], "answer": "ignore", "meta": {"id": "b"}},
            ]
        ),
        encoding="utf-8",
    )
    first, second = get_format("prodigy").read(src)
    assert (first.status, second.status) == ("skipped", "skipped")
    out = [
        record(external_id=r.external_id, text=r.text, meta=r.meta, status=r.status, spans=())
        for r in (first, second)
    ]
    out.append(record(external_id="c", status="skipped", meta={}, spans=()))
    out.append(
        record(external_id="d", status="done", meta={}, spans=(), doc_labels=("stance=against",))
    )
    target = tmp_path / "out.jsonl"
    get_format("prodigy").write(out, target)
    lines = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert [x["answer"] for x in lines] == ["reject", "ignore", "ignore", "accept"]
    assert all("answer" not in x["meta"] for x in lines)
    assert lines[3]["accept"] == ["stance=against"]
    back = list(get_format("prodigy").read(target))
    # an accepted task is finished work: the done status comes back
    assert [r.status for r in back] == ["skipped", "skipped", "skipped", "done"]
    assert back[3].doc_labels == ["stance=against"]
