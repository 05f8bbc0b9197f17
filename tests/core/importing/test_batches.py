"""An import spanning many batches is still one transaction, its checks unchanged:
a refusal in a late batch keeps nothing of the early ones, every record's problem names
its file and line, and a document written by an earlier batch is not read back wrongly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import annotator.importing.importer as importer_module
from annotator.formats.base import InRecord, InSpan
from annotator.importing import ImportFailed, ImportOptions, import_path
from annotator.importing.importer import _Importer
from annotator.store import Store

TEXT = "قال ناشطون إن الميليشيات الطائفية قصفت المدينة"
TERM = "الميليشيات الطائفية"
S = TEXT.index(TERM)


def _native(i: int, text: str = TEXT, start: int = S, span_text: str = TERM) -> str:
    span = {"start": start, "end": start + len(span_text), "label": "LOADED_TERM"}
    span["text"] = span_text
    return json.dumps(
        {
            "id": f"n{i}",
            "text": text,
            "annotator": "amal",
            "status": "done",
            "spans": [span],
            "format": "annotator-jsonl/1",
        },
        ensure_ascii=False,
    )


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(importer_module, "BATCH_SIZE", 2)


def _counts(store: Store) -> tuple[int, int]:
    stats = store.stats()
    return stats["documents"], stats["spans"]


def test_a_refusal_in_the_last_batch_keeps_nothing_of_the_earlier_ones(
    store: Store, tmp_path: Path, small_batches
):
    lines = [_native(i) for i in range(5)] + ['{"id": "bad", "text": ']
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        import_path(store, src, ImportOptions())
    assert [(r.file, r.line) for r in failure.value.report.refusals] == [(str(src), 6)]
    assert _counts(store) == (0, 0)
    assert store.document_by_external_id("n0") is None


def test_batches_store_every_document_span_and_status(store: Store, tmp_path: Path, small_batches):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(_native(i) for i in range(5)) + "\n", encoding="utf-8")
    report = import_path(store, src, ImportOptions())
    assert (report.documents_added, report.spans_added, report.spans_exact) == (5, 5, 5)
    for i in range(5):
        doc = store.document_by_external_id(f"n{i}")
        [span] = store.spans(doc.id)
        assert (span.start, span.end, span.text, span.annotator) == (S, S + len(TERM), TERM, "amal")
        assert store.status(doc.id, "amal") == "done"


def test_spans_of_a_document_stored_by_an_earlier_batch_are_checked_against_its_text(
    store: Store, tmp_path: Path, small_batches
):
    # line 4 repeats n0 (stored by the first batch) with a span realigned onto its text
    lines = [_native(0), _native(1), _native(2), _native(0, start=S + 1)]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_path(store, src, ImportOptions())
    assert report.documents_added == 3 and report.documents_unchanged == 1
    doc = store.document_by_external_id("n0")
    assert [(s.start, s.text) for s in store.spans(doc.id)] == [(S, TERM)]


def _problems_of(store: Store, tmp_path: Path, record: InRecord) -> list[str]:
    importer = _Importer(store, tmp_path / "in.txt", ImportOptions(), None)
    importer.report.offsets = "codepoints"
    importer.report.format = "jsonl"
    with store.import_transaction() as conn:
        importer.import_batch([record], conn)
    return importer.report.problems


def _record(**fields) -> InRecord:
    values = {"source_file": "in.txt", "line": 3, "external_id": "a", "text": TEXT} | fields
    return InRecord(**values)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"text": "نص\udc80مكسور"}, "text"),
        ({"title": "عنوان\ud800"}, "title"),
        ({"external_id": "a\udc80", "text": "نص\udc80"}, "id"),  # the first field in order
        ({"meta": {"k": ["ok", {"deep": "x\udfff"}]}}, "meta"),
    ],
)
def test_unpaired_surrogates_are_refused_naming_file_line_and_field(
    store: Store, tmp_path: Path, fields: dict, named: str
):
    problems = _problems_of(store, tmp_path, _record(**fields))
    assert len(problems) == 1
    assert problems[0].startswith("in.txt:3")
    assert f"{named} is not valid Unicode text (an unpaired surrogate)" in problems[0]


def test_a_record_with_valid_unicode_everywhere_is_stored(store: Store, tmp_path: Path):
    record = _record(
        title="😀 عنوان",
        meta={"k": ["😀"]},
        spans=[InSpan(S, S + len(TERM), "LOADED_TERM", TERM)],
    )
    assert _problems_of(store, tmp_path, record) == []
    assert store.document_by_external_id("a") is not None
