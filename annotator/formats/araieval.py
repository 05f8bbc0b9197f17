"""ArAIEval 2024 Task 1 JSONL (Arabic persuasion-technique spans).

``{"id", "text", "labels": [{"start", "end", "technique", "text"}], "type"}``, one
line per paragraph or tweet. ``type`` travels in meta (written back from
``meta["type"]``, default ``"paragraph"``). Technique names pass through untouched:
the shared task's checker and our import pipeline decide whether they are valid.
A ``labels`` list of plain strings (the 2023 multi-label layout) becomes document
labels. ``write(..., predictions=True)`` writes the shared task's prediction form,
``{"id", "labels"}``, which is what its scorer expects from a system.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.formats._jsonl import (
    RecordError,
    as_external_id,
    as_label,
    as_offset,
    meta_without,
    opt_str,
    read_jsonl,
    record_text,
    write_lines,
)
from annotator.formats.base import BadRecord, InRecord, InSpan, OutRecord


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
        if isinstance(item, str):
            doc_labels.append(item)
        else:
            spans.append(_parse_label(item, i, omap))
    return InRecord(source_file=source, line=line, external_id=as_external_id(obj.get("id")),
                    text=text, meta=meta_without(obj, "id", "text", "labels"), spans=spans,
                    doc_labels=doc_labels, offsets_have_text=True)


def build_line(record: OutRecord) -> dict[str, Any]:
    labels = [{"start": s.start, "end": s.end, "technique": s.label, "text": s.text}
              for s in record.spans]
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
    return ("id" in first and "type" in first
            and all(isinstance(item, str) for item in labels))


class AraievalFormat:
    name = "araieval"
    description = "ArAIEval 2024 Task 1 JSONL (persuasion techniques, Arabic)"
    extensions = (".jsonl",)
    sniff_priority = 20
    can_write = True

    def sniff(self, first: Any) -> bool:
        return sniff_araieval(first)

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        return read_jsonl(Path(path), parse_record)

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        build = build_prediction if options.get("predictions") else build_line
        return write_lines(records, Path(target), build)


FORMAT = AraievalFormat()
