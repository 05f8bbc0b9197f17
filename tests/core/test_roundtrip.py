"""End to end through the database: every export format keeps text[start:end] == span text
on hard texts, and our JSONL round-trips byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.exporting import ExportOptions, export_to
from annotator.importing import ImportOptions, import_path
from annotator.store import Store

HARD_TEXTS = {
    "emoji": "😀 قصفت 👨‍👩‍👧 الميليشيات الطائفية 🇸🇾 المدينة 𝐀",
    "diacritics": "سقط شَهِيدًا في غَزوةٍ، وقال: إنّ الثُّوّار تقدّموا",
    "tatweel": "الشـــهداء والثـــوار",
    "zwj_marks": "نص\u200cمع\u200dوصلات \u200fو\u200eعلامات اتجاه",
    "lam_alef": "لا إله إلا الله ولأن ﻻ",
    "digits": "سقط 12 شهيداً و٣ نساء في 2016 و١٤٣٧",
    "latin": "قال Reuters إن «ISIS» انسحب",
}


def spans_for(text: str) -> list[tuple[int, int]]:
    """Spans at the very start, the very end, around every non-ASCII oddity, and a middle word."""
    n = len(text)
    result = {(0, 1), (0, min(4, n)), (n - 1, n), (max(0, n - 5), n), (n // 3, n // 2)}
    for i, ch in enumerate(text):
        if ord(ch) > 0xFFFF or ch in "\u200c\u200d\u200e\u200f\u0640\u064b\u0651":
            result.add((max(0, i - 1), min(n, i + 2)))
    return sorted(r for r in result if r[0] < r[1])


@pytest.fixture
def hard_store(tmp_path) -> Store:
    src = tmp_path / "hard.jsonl"
    with src.open("w", encoding="utf-8") as out:
        for key, text in HARD_TEXTS.items():
            labels = [[s, e, "Loaded_Language"] for s, e in spans_for(text)]
            out.write(
                json.dumps({"id": key, "text": text, "label": labels}, ensure_ascii=False) + "\n"
            )
    store = Store.open(str(tmp_path / "hard.db"))
    report = import_path(
        store,
        src,
        ImportOptions(
            format="doccano",
            annotator="amal",
            labelset="persuasion-techniques-23",
            offsets="codepoints",
        ),
    )
    assert report.refused_spans == 0
    yield store
    store.close()


def read_back(fmt: str, path: Path):
    """Records as read, spans without text converted from the format's unit to code points
    (what the import pipeline does)."""
    from annotator.formats import get_format
    from annotator.text.units import span_to_codepoints

    records = list(get_format(fmt).read(path))
    unit = get_format(fmt).offset_unit
    for record in records:
        for span in record.spans:
            if span.text is None:
                span.start, span.end = span_to_codepoints(record.text, span.start, span.end, unit)
    return records


@pytest.mark.parametrize("fmt", ["jsonl", "doccano", "prodigy", "labelstudio", "araieval", "ptc"])
def test_every_format_keeps_span_text(hard_store: Store, tmp_path, fmt):
    target = tmp_path / ("out" if fmt == "ptc" else f"out.{fmt}")
    report = export_to(hard_store, target, ExportOptions(format=fmt))
    expected = sum(len(spans_for(t)) for t in HARD_TEXTS.values())
    assert report.spans == expected
    records = read_back(fmt, target)
    seen = 0
    for record in records:
        assert record.text == HARD_TEXTS[record.external_id]
        for span in record.spans:
            assert (span.start, span.end) in spans_for(record.text)
            if span.text is not None:
                assert record.text[span.start : span.end] == span.text
            seen += 1
    assert seen == expected


@pytest.mark.parametrize("fmt", ["jsonl", "prodigy", "araieval"])
def test_code_point_formats_satisfy_invariant_in_raw_json(hard_store: Store, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    export_to(hard_store, target, ExportOptions(format=fmt))
    for line in target.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        spans = record.get("spans") or record.get("labels") or record.get("label") or []
        for span in spans:
            if isinstance(span, list):
                start, end = span[0], span[1]
                assert 0 <= start < end <= len(text)
            else:
                assert text[span["start"] : span["end"]] == span["text"]


def test_native_round_trip_is_byte_identical(tmp_path, store: Store):
    from annotator.seed import seed

    seed(store)
    doc = store.document(store.first_document_id())
    ls = store.labelset()
    term = "الميليشيات الطائفية"
    start = doc.text.index(term)
    store.add_span(
        doc.id,
        "amal",
        ls,
        "LOADED_TERM",
        start,
        start + len(term),
        attributes={"target": "قوات موالية"},
        note="ملاحظة",
    )
    store.add_span(doc.id, "amal", ls, "LOADED_TERM", 0, 5)
    store.add_span(doc.id, "bilal", ls, "LOADED_TERM", start, start + 10)
    store.set_status(doc.id, "amal", "done")
    spec = ls.document_labels[0]
    store.set_document_label(doc.id, "amal", ls, spec.key, spec.choices[0])
    first = tmp_path / "first.jsonl"
    export_to(store, first, ExportOptions(format="jsonl", all_docs=True))

    fresh = Store.open(str(tmp_path / "fresh.db"))
    import_path(fresh, first, ImportOptions())
    second = tmp_path / "second.jsonl"
    export_to(fresh, second, ExportOptions(format="jsonl", all_docs=True))
    fresh.close()
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2  # one per (document, annotator)
    amal = json.loads(lines[0])
    assert amal["status"] == "done" and amal["doc_labels"] == [f"{spec.key}={spec.choices[0]}"]
    assert amal["format"] == "annotator-jsonl/1"


def test_crlf_and_bom_input_offsets_survive(tmp_path, store: Store):
    raw = "\ufeffسطر أول\r\nالميليشيات الطائفية\r\nنهاية"
    stored = "سطر أول\nالميليشيات الطائفية\nنهاية"
    # offsets written against the raw text (with BOM and CRs), as another tool would
    start = raw.index("الميليشيات")
    end = start + len("الميليشيات الطائفية")
    src = tmp_path / "crlf.jsonl"
    src.write_text(
        json.dumps(
            {"id": "c", "text": raw, "label": [[start, end, "LOADED_TERM"]]}, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    import_path(store, src, ImportOptions(annotator="amal"))
    doc = store.document_by_external_id("c")
    assert doc.text == stored
    [span] = store.spans(doc.id)
    assert span.text == "الميليشيات الطائفية"
