"""ArAIEval 2024 Task 1 JSONL (Arabic persuasion-technique spans).

``{"id", "text", "labels": [{"start", "end", "technique", "text"}], "type"}``, one
line per paragraph or tweet. ``type`` travels in meta (written back from
``meta["type"]``, default ``"paragraph"``). On reading, technique names pass through
untouched (the import pipeline resolves them against the label set, aliases included),
except ``no_technique``: the shared task's marker for "this text has no technique" is the
absence of a span, never a span, so it is dropped. A ``labels`` list of plain strings (the
2023 multi-label layout) becomes document labels. ``write(..., predictions=True)`` writes
the shared task's prediction form, ``{"id", "labels"}``, which is what its scorer expects.

Writing refuses (FormatError naming the document) what the task's checker would reject:
a technique outside the 23, or a second line for an id already written (the labels of
several annotators or label sets of one document), so an export either passes
:mod:`annotator.araieval_checker` or says what to choose.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.araieval_checker import TECHNIQUES_23
from annotator.formats._fields import (
    RecordError,
    as_external_id,
    as_label,
    as_offset,
    opt_str,
    record_text,
)
from annotator.formats._json_write import meta_without
from annotator.formats._jsonl import JsonlFormat
from annotator.formats.base import FormatError, InRecord, InSpan, OutRecord

# The shared task's "no persuasion technique here": a record-level marker, not a span.
NO_TECHNIQUE = "no_technique"


def _is_no_technique(item: Any) -> bool:
    if isinstance(item, str):
        return item == NO_TECHNIQUE
    return isinstance(item, dict) and item.get("technique", item.get("label")) == NO_TECHNIQUE


def _parse_label(item: Any, index: int, omap) -> InSpan:
    if not isinstance(item, dict):
        raise RecordError(f"labels[{index}] is not an object")
    start = as_offset(item.get("start"), f"labels[{index}].start")
    end = as_offset(item.get("end"), f"labels[{index}].end")
    technique = item.get("technique", item.get("label"))
    label = as_label(technique, f"labels[{index}].technique")
    text = opt_str(item.get("text"), f"labels[{index}].text")
    return InSpan(omap.start(start), omap.end(end), label, omap.span_text(text, start))


def parse_record(obj: dict[str, Any], source: str, line: int) -> InRecord:
    text, omap = record_text(obj.get("text"))
    labels = obj.get("labels")
    if labels is None:
        labels = []
    if not isinstance(labels, list):
        raise RecordError("labels must be a list")
    spans: list[InSpan] = []
    doc_labels: list[str] = []
    for i, item in enumerate(labels):
        if _is_no_technique(item):
            continue  # whatever offsets it carries (often 0-0 or none), it marks no span
        if isinstance(item, str):
            doc_labels.append(item)
        else:
            spans.append(_parse_label(item, i, omap))
    return InRecord(
        source_file=source,
        line=line,
        external_id=as_external_id(obj.get("id")),
        text=text,
        meta=meta_without(obj, "id", "text", "labels"),
        spans=spans,
        doc_labels=doc_labels,
        offsets_have_text=True,
    )


def build_line(record: OutRecord) -> dict[str, Any]:
    labels = [
        {"start": s.start, "end": s.end, "technique": s.label, "text": s.text} for s in record.spans
    ]
    kind = (record.meta or {}).get("type", "paragraph")
    return {"id": record.external_id, "text": record.text, "labels": labels, "type": kind}


def build_prediction(record: OutRecord) -> dict[str, Any]:
    line = build_line(record)
    return {"id": line["id"], "labels": line["labels"]}


def sniff_araieval(first: Any) -> bool:
    if not isinstance(first, dict) or not isinstance(first.get("labels"), list):
        return False
    labels = first["labels"]
    if any(isinstance(item, dict) and "technique" in item for item in labels):
        return True
    # An unlabelled paragraph, or the 2023 multi-label (strings) layout.
    return "id" in first and "type" in first and all(isinstance(item, str) for item in labels)


class AraievalFormat(JsonlFormat):
    name = "araieval"
    description = "ArAIEval 2024 Task 1 JSONL (persuasion techniques, Arabic)"
    sniff_priority = 20
    default_labelset = "persuasion-techniques-23"
    exports_only_default_labelset = True
    single_annotator = True
    lists_every_document = True
    spans_carry_text = True

    def sniff(self, first: Any) -> bool:
        return sniff_araieval(first)

    def parse(
        self, obj: dict[str, Any], source: str, line: int, options: dict[str, Any]
    ) -> InRecord:
        return parse_record(obj, source, line)

    def build(self, record: OutRecord, options: dict[str, Any]) -> dict[str, Any]:
        return build_prediction(record) if options.get("predictions") else build_line(record)

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        return super().write(_checked_records(records), target, **options)


def _checked_records(records: Iterable[OutRecord]) -> Iterator[OutRecord]:
    """Pass records through, refusing what the shared task's checker would reject."""
    written: dict[str, str | None] = {}  # id -> annotator of the line already written
    for record in records:
        rid = str(record.external_id)
        if rid in written:
            first, this = written[rid], record.annotator
            who = (
                f"annotators {first!r} and {this!r}"
                if first != this
                else f"annotator {this!r} in several label sets"
            )
            raise FormatError(
                f"document {rid!r} would get a second line ({who}): the ArAIEval format holds "
                "one line per id; choose one annotator with --annotator and one label set with "
                "--labelset persuasion-techniques-23"
            )
        written[rid] = record.annotator
        for span in record.spans:
            if span.label not in TECHNIQUES_23:
                raise FormatError(
                    f"document {rid!r}: span {span.start}-{span.end} label {span.label!r} "
                    f"(label set {record.labelset!r}) is not one of the 23 ArAIEval techniques; "
                    "export only those spans with --labelset persuasion-techniques-23"
                )
        yield record


FORMAT = AraievalFormat()
