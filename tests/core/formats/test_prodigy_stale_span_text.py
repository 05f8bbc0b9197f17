"""Prodigy spans whose own text went stale: the tokens say where the span is.

Shape taken from a public Prodigy ``db-out`` file (Slovak NER): the span says
``"text": "Zulu"`` while its offsets and its token cover the word "Zuluovia".
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.formats import get_format
from annotator.formats.base import InRecord
from annotator.importing import ImportOptions, import_path
from annotator.store import Store

FMT = get_format("prodigy")
TEXT = "neskôr Zuluovia vytlačili Zulu kmene"
WORD = TEXT.index("Zuluovia")
TOKENS = [
    {"id": i, "text": w, "start": TEXT.index(w), "end": TEXT.index(w) + len(w)}
    for i, w in enumerate(["neskôr", "Zuluovia", "vytlačili"])
]


def _line(with_tokens: bool) -> dict:
    span = {"text": "Zulu", "start": WORD, "end": WORD + 8, "label": "LOADED_TERM"}
    line: dict = {
        "text": TEXT,
        "meta": {"id": "zulu-1"},
        "spans": [{**span, "token_start": 1, "token_end": 1}],
    }
    if with_tokens:
        line["tokens"] = TOKENS
    return line


def _write(tmp_path: Path, line: dict) -> Path:
    src = tmp_path / "annotations.jsonl"
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return src


def test_span_text_contradicted_by_offsets_and_tokens_keeps_the_offsets(tmp_path: Path):
    (rec,) = FMT.read(_write(tmp_path, _line(with_tokens=True)))
    assert isinstance(rec, InRecord)
    [span] = rec.spans
    assert (span.start, span.end, span.text) == (WORD, WORD + 8, "Zuluovia")
    assert len(rec.warnings) == 1 and "'Zulu'" in rec.warnings[0]


def test_span_text_without_token_evidence_is_still_realigned(store: Store, tmp_path: Path):
    src = _write(tmp_path, _line(with_tokens=False))
    report = import_path(store, src, ImportOptions(annotator="a"))
    [span] = store.spans(store.document_by_external_id("zulu-1").id)
    assert span.text == "Zulu" and report.realigned


def test_stale_span_text_imports_the_tokens_word_with_a_warning(store: Store, tmp_path: Path):
    src = _write(tmp_path, _line(with_tokens=True))
    report = import_path(store, src, ImportOptions(annotator="a"))
    [span] = store.spans(store.document_by_external_id("zulu-1").id)
    assert span.text == "Zuluovia" and not report.realigned
    assert any("kept the offsets" in w for w in report.warning_messages)
