"""Shared format plumbing: CRLF/BOM offset mapping, streaming JSON, registry, detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.formats import detect_format, export_formats, get_format, import_formats
from annotator.formats._json_array import iter_json_array
from annotator.formats._json_read import iter_json_lines
from annotator.formats._newlines import stored_text_and_map
from annotator.formats.base import BadRecord, FormatError
from annotator.textio import to_stored_text


# ---------------------------------------------------------------- offset map
def test_offset_map_identity_without_cr_or_bom():
    text, omap = stored_text_and_map("نص عادي")
    assert text == "نص عادي" and omap.identity
    assert omap.start(3) == 3 and omap.end(5) == 5


def test_offset_map_crlf_keeps_spans_on_same_characters():
    raw = "سطر\r\nحلب\r\nنهاية"
    text, omap = stored_text_and_map(raw)
    assert text == "سطر\nحلب\nنهاية"
    s, e = raw.index("حلب"), raw.index("حلب") + 3
    assert text[omap.start(s) : omap.end(e)] == "حلب"
    s = raw.index("نهاية")
    assert text[omap.start(s) : omap.end(len(raw))] == "نهاية"


def test_offset_map_end_between_cr_and_lf_covers_the_newline():
    raw = "a\r\nb"
    text, omap = stored_text_and_map(raw)
    assert text[omap.start(0) : omap.end(2)] == "a\n"  # raw "a\r" -> stored "a\n"
    assert omap.span_text("a\r", 0) == "a\n"
    assert text[omap.start(1) : omap.end(3)] == "\n"


def test_offset_map_leading_bom_and_lone_cr():
    raw = "\ufeffأ\rب\r\nج"
    text, omap = stored_text_and_map(raw)
    assert text == "أ\nب\nج" == to_stored_text(raw)
    assert text[omap.start(1) : omap.end(2)] == "أ"
    assert text[omap.start(3) : omap.end(4)] == "ب"  # lone CR kept its place as LF
    assert text[omap.start(6) : omap.end(7)] == "ج"
    assert omap.span_text("\ufeffأ", 0) == "أ"


chars = st.sampled_from(list("ab\r\nبـ😀\u200d") + ["\ufeff"])


@given(st.text(alphabet=chars, max_size=30), st.data())
def test_offset_map_property(raw, data):
    """Any span not splitting a CRLF maps onto the same characters, normalised."""
    text, omap = stored_text_and_map(raw)
    assert text == to_stored_text(raw)
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    if raw.startswith("\ufeff") and start == 0:
        start = 1 if end >= 1 else 0
    if 0 < start < len(raw) and raw[start - 1] == "\r" and raw[start] == "\n":
        start -= 1  # starting on the LF of a CRLF: count the CR with it
    piece = raw[start:end]
    expected = piece.replace("\r\n", "\n").replace("\r", "\n")
    assert text[omap.start(start) : omap.end(end)] == expected


# ---------------------------------------------------------------- line/array readers
def test_json_lines_bom_blank_lines_and_errors(tmp_path: Path):
    p = tmp_path / "x.jsonl"
    p.write_bytes(
        b"\xef\xbb\xbf" + b'{"a": 1}\n\n   \n{bad\n' + b'{"t": "\xff"}\n' + b'"\\ud83d"\n'
    )
    items = list(iter_json_lines(p))
    assert items[0] == (1, {"a": 1})
    assert isinstance(items[1], BadRecord) and items[1].line == 4
    assert "invalid JSON" in items[1].reason
    assert isinstance(items[2], BadRecord) and items[2].line == 5
    assert "invalid UTF-8" in items[2].reason and str(p) in str(items[2])
    assert isinstance(items[3], BadRecord) and "surrogate" in items[3].reason


def test_json_lines_keeps_valid_surrogate_pair_escapes(tmp_path: Path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"text": "\\ud83d\\ude00 ok"}\n', encoding="utf-8")
    assert list(iter_json_lines(p)) == [(1, {"text": "😀 ok"})]


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_json_lines_empty_file(tmp_path: Path, content: bytes):
    p = tmp_path / "e.jsonl"
    p.write_bytes(content)
    (bad,) = list(iter_json_lines(p))
    assert isinstance(bad, BadRecord) and bad.reason == "file is empty" and bad.line == 0


def test_json_array_streams_with_tiny_chunks(tmp_path: Path):
    items = [{"i": i, "text": "نص 😀 " * (i * 50)} for i in range(20)]
    p = tmp_path / "a.json"
    p.write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
    got = list(iter_json_array(p, chunk_size=7))
    assert [v for _, v in got] == items
    assert [n for n, _ in got] == list(range(1, 21))


def test_json_array_sequence_of_values_and_errors(tmp_path: Path):
    p = tmp_path / "s.json"
    p.write_text('{"a": 1}\n{"a": 2}\n', encoding="utf-8")
    assert [v for _, v in iter_json_array(p)] == [{"a": 1}, {"a": 2}]
    p.write_text('[{"a": 1},\n {"a": }]', encoding="utf-8")
    got = list(iter_json_array(p))
    assert got[0] == (1, {"a": 1})
    assert isinstance(got[1], BadRecord) and "line 2" in got[1].reason
    p.write_text('[{"a": 1}', encoding="utf-8")
    assert isinstance(list(iter_json_array(p))[-1], BadRecord)
    p.write_bytes(b'[{"a": 1},\n{"b": "\xc3"}]')
    last = list(iter_json_array(p))[-1]
    assert isinstance(last, BadRecord) and "UTF-8" in last.reason and last.line == 2
    p.write_text('[{"a": "\\ud83d\\ude00"}, {"a": "\\ud83d"}]', encoding="utf-8")
    good, bad = list(iter_json_array(p))
    assert good == (1, {"a": "😀"}) and isinstance(bad, BadRecord) and "surrogate" in bad.reason
    p.write_bytes(b"")
    (bad,) = list(iter_json_array(p))
    assert bad.reason == "file is empty"


# ---------------------------------------------------------------- registry
def test_registry_names_and_directions():
    assert import_formats() == sorted(
        [
            "jsonl",
            "doccano",
            "prodigy",
            "labelstudio",
            "araieval",
            "ptc",
            "txt",
            "csv",
            "armpro",
            "semeval2021",
            "fields",
        ]
    )
    assert export_formats() == sorted(
        ["jsonl", "doccano", "prodigy", "labelstudio", "araieval", "ptc"]
    )
    for name in import_formats():
        fmt = get_format(name)
        assert fmt.name == name and fmt.description and fmt.extensions
    with pytest.raises(FormatError) as exc:
        get_format("conll")
    assert "conll" in str(exc.value) and "doccano" in str(exc.value)


@pytest.mark.parametrize("name", ["txt", "csv"])
def test_import_only_formats_refuse_to_write(tmp_path: Path, name: str):
    with pytest.raises(FormatError, match="import-only"):
        get_format(name).write([], tmp_path / "x")


# ---------------------------------------------------------------- detection
def _line(tmp_path: Path, name: str, obj) -> Path:
    p = tmp_path / name
    p.write_text("\n" + json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "obj, expected",
    [
        ({"id": "1", "text": "x", "format": "annotator-jsonl/1"}, "jsonl"),
        (
            {
                "id": "1",
                "text": "x",
                "labels": [{"start": 0, "end": 1, "technique": "Doubt"}],
                "type": "tweet",
            },
            "araieval",
        ),
        ({"id": "1", "text": "x", "labels": [], "type": "paragraph"}, "araieval"),
        ({"text": "x", "label": [[0, 1, "A"]]}, "doccano"),
        ({"id": 3, "text": "x", "labels": [[0, 1, "A"]]}, "doccano"),
        ({"id": 3, "text": "x", "labels": []}, "doccano"),
        ({"text": "x"}, "doccano"),
        ({"text": "x", "spans": [{"start": 0, "end": 1, "label": "A"}], "meta": {}}, "prodigy"),
        ({"data": {"text": "x"}, "annotations": []}, "labelstudio"),
    ],
)
def test_detect_json_lines(tmp_path: Path, obj, expected):
    assert detect_format(_line(tmp_path, "f.jsonl", obj)) == expected


def test_detect_by_path(tmp_path: Path):
    for name, fmt in (("a.txt", "txt"), ("a.csv", "csv"), ("b.labels", "ptc")):
        (tmp_path / name).write_text("x", encoding="utf-8")
        assert detect_format(tmp_path / name) == fmt
    # a .tsv is PTC label rows (id, technique, start, end) or else a tab-separated corpus
    (tmp_path / "rows.tsv").write_text("111\tDoubt\t3\t9\n", encoding="utf-8")
    assert detect_format(tmp_path / "rows.tsv") == "ptc"
    (tmp_path / "corpus.tsv").write_text("id\ttext\n1\tنص\n", encoding="utf-8")
    assert detect_format(tmp_path / "corpus.tsv") == "csv"
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("نص", encoding="utf-8")
    assert detect_format(folder) == "txt"
    (folder / "labels.tsv").write_text("", encoding="utf-8")
    assert detect_format(folder) == "txt"  # .tsv alone is not PTC without article files
    (folder / "article1.txt").write_text("نص", encoding="utf-8")
    assert detect_format(folder) == "ptc"


def test_detect_label_studio_json(tmp_path: Path):
    p = tmp_path / "ls.json"
    tasks = [{"data": {"text": "نص"}, "annotations": []}]
    p.write_text(json.dumps(tasks, indent=2, ensure_ascii=False), encoding="utf-8")
    assert detect_format(p) == "labelstudio"
    p.write_text(json.dumps(tasks), encoding="utf-8")  # one-line array
    assert detect_format(p) == "labelstudio"
    p.write_text(json.dumps([{"text": "a"}, {"text": "b"}]), encoding="utf-8")
    assert detect_format(p) == "labelstudio"
    p.write_text(json.dumps(tasks[0], indent=2), encoding="utf-8")  # one pretty task
    assert detect_format(p) == "labelstudio"


def test_detect_failures_name_the_file(tmp_path: Path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    with pytest.raises(FormatError, match="empty.jsonl"):
        detect_format(empty)
    junk = tmp_path / "junk.jsonl"
    junk.write_text("not json at all\n", encoding="utf-8")
    with pytest.raises(FormatError, match="junk.jsonl"):
        detect_format(junk)
    other = _line(tmp_path, "other.jsonl", {"foo": 1})
    with pytest.raises(FormatError, match="other.jsonl.*foo"):
        detect_format(other)
    with pytest.raises(FormatError, match="missing.jsonl"):
        detect_format(tmp_path / "missing.jsonl")


def test_json_array_element_over_the_record_limit_is_refused_by_element(
    tmp_path: Path, monkeypatch
):
    # a 70 MB Label Studio task was read whole, though a 70 MB JSON line is refused
    import annotator.formats._json_array as json_array

    monkeypatch.setattr(json_array, "MAX_RECORD_BYTES", 10_000)
    path = tmp_path / "tasks.json"
    small = {"data": {"text": "نص"}}
    huge = {"data": {"text": "ن" * 20_000}}
    path.write_text(json.dumps([small, huge, small], ensure_ascii=False), encoding="utf-8")
    got = list(json_array.iter_json_array(path, chunk_size=1024))
    assert got[0] == (1, small)
    assert isinstance(got[1], BadRecord) and got[1].line == 2
    assert "element 2" in got[1].reason and "at most" in got[1].reason


def test_jsonl_lines_longer_than_the_read_buffer_come_back_whole_and_numbered(
    tmp_path: Path, monkeypatch
):
    import annotator.formats._json_read as json_read

    monkeypatch.setattr(json_read, "MAX_RECORD_BYTES", 3 * json_read._READ_BUFFER)
    long_text = "ن" * json_read._READ_BUFFER  # 2 MB of UTF-8: twice the buffer
    too_long = "ب" * (2 * json_read._READ_BUFFER)  # 4 MB: over the record limit
    lines = [{"text": "أول"}, {"text": long_text}, {"text": too_long}, {"text": "آخر"}]
    path = tmp_path / "long.jsonl"
    path.write_bytes(b"".join(json.dumps(x, ensure_ascii=False).encode() + b"\r\n" for x in lines))
    got = list(iter_json_lines(path))
    assert got[0] == (1, lines[0]) and got[1] == (2, lines[1]) and got[3] == (4, lines[3])
    assert isinstance(got[2], BadRecord) and got[2].line == 3 and "at most" in got[2].reason
