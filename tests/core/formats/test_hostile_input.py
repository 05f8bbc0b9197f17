"""Hostile input, by class: every reader ends in records or refusals naming file and line.

Generated with Hypothesis: any JSON value in any field of every JSON layout, offsets of
every kind (huge, negative, float, bool, reversed), any bytes in a file (truncated JSON,
invalid UTF-8, UTF-16, BOMs mid-file, NULs, lone surrogates), and any text as a YAML label
set. A reader may only yield ``InRecord``/``BadRecord`` or raise ``FormatError``; the
label-set loader may only return a LabelSet or raise ``LabelSetError``; an import that
commits stores only spans with ``text[start:end] == span text``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import AnnotatorError
from annotator.formats import detect_format, get_format, import_formats
from annotator.formats.base import BadRecord, FormatError, InRecord
from annotator.importing import ImportOptions, import_path
from annotator.labelsets import LabelSet, LabelSetError, parse_labelset
from annotator.store import Store

TEXT = "قصفت الميليشيات الطائفية حي الشهداء 😀 في حلب"

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
offsets = (
    st.integers(min_value=-5, max_value=len(TEXT) + 5)
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.text(max_size=4)
    | st.none()
)

# one valid record per JSON layout; ``spans`` names where its spans live
GOOD: dict[str, tuple[dict[str, Any], str]] = {
    "jsonl": (
        {
            "format": "annotator-jsonl/1",
            "id": "d1",
            "text": TEXT,
            "annotator": "amal",
            "spans": [{"start": 5, "end": 15, "label": "LOADED_TERM", "text": TEXT[5:15]}],
        },
        "spans",
    ),
    "doccano": ({"id": 1, "text": TEXT, "label": [[5, 15, "LOADED_TERM"]]}, "label"),
    "prodigy": (
        {"text": TEXT, "spans": [{"start": 5, "end": 15, "label": "LOADED_TERM"}]},
        "spans",
    ),
    "araieval": (
        {
            "id": "t1",
            "text": TEXT,
            "type": "tweet",
            "labels": [{"start": 5, "end": 15, "technique": "Doubt", "text": TEXT[5:15]}],
        },
        "labels",
    ),
    "armpro": (
        {
            "paragraph_id": "p1",
            "paragraph": TEXT,
            "page_domain": "example.com",
            "labels": [{"start": 5, "end": 15, "technique": "Doubt", "text": TEXT[5:15]}],
        },
        "labels",
    ),
    "semeval2021": (
        {
            "id": "m1",
            "text": TEXT,
            "labels": [{"start": 5, "end": 15, "technique": "Doubt", "text_fragment": TEXT[5:15]}],
        },
        "labels",
    ),
}

HOSTILE = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# an import opens a database per example: fewer examples (scripts/fuzz.py runs thousands)
HOSTILE_IMPORT = settings(HOSTILE, max_examples=8)


def _read_all(fmt: str, path: Path) -> list[InRecord | BadRecord]:
    """Read a file; only records, refusals or a FormatError are allowed out."""
    try:
        got = list(get_format(fmt).read(path))
    except FormatError as exc:
        assert str(path) in str(exc) or path.name in str(exc)
        return []
    for item in got:
        assert isinstance(item, InRecord | BadRecord), item
        if isinstance(item, BadRecord):
            assert item.source_file and item.reason
        else:
            for span in item.spans:
                assert isinstance(span.start, int) and isinstance(span.end, int)
                assert not isinstance(span.start, bool)
    return got


def _write(tmp: Path, name: str, obj: Any, array: bool = False) -> Path:
    path = tmp / name
    body = json.dumps([obj] if array else obj, ensure_ascii=False)
    path.write_text(body + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", sorted(GOOD))
@HOSTILE
@given(data=st.data())
def test_any_value_in_any_field_is_read_or_refused_by_line(fmt: str, data):
    record, where = GOOD[fmt]
    record = json.loads(json.dumps(record))
    field = data.draw(st.sampled_from([*record, f"{where}.0", f"{where}.0.0"]), "field")
    value = data.draw(json_values, "value")
    if field.startswith(f"{where}."):
        spans = record[where]
        target = spans[0]
        if field.endswith(".0.0"):
            key = data.draw(st.sampled_from(list(target) if isinstance(target, dict) else [0]))
            target[key] = value
        else:
            spans[0] = value
    else:
        record[field] = value
    with tempfile.TemporaryDirectory() as tmp:
        array = fmt == "semeval2021"
        got = _read_all(fmt, _write(Path(tmp), "in.json" if array else "in.jsonl", record, array))
    bad = [g for g in got if isinstance(g, BadRecord)]
    assert all(b.line == 1 for b in bad)


@pytest.mark.parametrize("fmt", sorted(GOOD))
@HOSTILE_IMPORT
@given(start=offsets, end=offsets)
def test_offsets_of_every_kind_import_exactly_or_are_refused(fmt: str, start, end):
    record, where = GOOD[fmt]
    record = json.loads(json.dumps(record))
    span = record[where][0]
    if isinstance(span, list):
        span[0], span[1] = start, end
    else:
        span["start"], span["end"] = start, end
    with tempfile.TemporaryDirectory() as tmp:
        array = fmt == "semeval2021"
        src = _write(Path(tmp), "in.json" if array else "in.jsonl", record, array)
        store = Store.open(str(Path(tmp) / "t.db"))
        try:
            try:
                import_path(store, src, ImportOptions(format=fmt, skip_invalid=True))
            except AnnotatorError as exc:
                assert str(src) in str(exc) or "nothing was imported" in str(exc)
            for row in store.document_rows(0, 10):
                doc = store.document(row.id)
                for stored in store.spans(doc.id):
                    assert doc.text[stored.start : stored.end] == stored.text
                    assert 0 <= stored.start < stored.end <= len(doc.text)
        finally:
            store.close()


@pytest.mark.parametrize("fmt", [f for f in import_formats() if f != "fields"])
@HOSTILE
@given(raw=st.binary(max_size=300), mangle=st.sampled_from(["raw", "utf16", "bommid", "cut"]))
def test_any_bytes_are_read_or_refused_never_a_traceback(fmt: str, raw: bytes, mangle: str):
    good = json.dumps(GOOD.get(fmt, GOOD["doccano"])[0], ensure_ascii=False).encode()
    content = {
        "raw": raw,
        "utf16": good.decode().encode("utf-16"),
        "bommid": good + b"\n\xef\xbb\xbf" + good + b"\n" + raw,
        "cut": good[: len(raw) % max(len(good), 1)],
    }[mangle]
    with tempfile.TemporaryDirectory() as tmp:
        suffix = {"csv": ".csv", "txt": ".txt", "ptc": ".labels", "labelstudio": ".json"}
        path = Path(tmp) / f"input{suffix.get(fmt, '.jsonl')}"
        path.write_bytes(content)
        try:
            detect_format(path)
        except FormatError as exc:
            assert path.name in str(exc)
        _read_all(fmt, path)


LABELSET = """name: hostile
version: 1
language: ar
labels:
  - key: A
    name: {en: A}
    color: "#000000"
"""

yaml_pieces = st.sampled_from(
    [
        "&a [x, x, x]\n",
        "*a\n",
        "!!python/object/apply:os.system ['true']\n",
        "!!python/name:os.system\n",
        "<<: *a\n",
        "[" * 60 + "]" * 60 + "\n",
        "{a: {b: {c: {d: 1}}}}\n",
        "\t- bad indent\n",
        "key: \x00\n",
        "'unterminated\n",
        "- a\n- b\n",
        "? complex key\n: value\n",
        "%YAML 1.1\n---\n",
        "...\n",
    ]
)


@HOSTILE
@given(
    cut=st.integers(min_value=0, max_value=len(LABELSET)),
    piece=yaml_pieces,
    junk=st.text(max_size=40),
)
def test_any_text_as_a_label_set_is_loaded_or_refused_with_a_line(cut: int, piece, junk):
    source = LABELSET[:cut] + piece + junk + LABELSET[cut:]
    try:
        got = parse_labelset(source, "hostile.yaml")
    except LabelSetError as exc:
        assert "hostile.yaml" in str(exc)
    else:
        assert isinstance(got, LabelSet)
