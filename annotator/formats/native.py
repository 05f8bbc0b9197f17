"""The project's own JSONL (``annotator-jsonl/1``): lossless, versioned, round-trips.

One line per (document, annotator, label set). The writer's byte form is fixed so
export -> import -> export is the identity:

* keys in the order id, text, meta, annotator, status, labelset, spans, doc_labels,
  format; ``meta`` is ``title``, ``source`` then the stored meta with keys sorted;
* span keys start, end, label, text, then ``attributes`` (keys sorted) and ``note``
  only when non-empty (the reader defaults them, so omitting them loses nothing);
* ``json.dumps(ensure_ascii=False, separators=(", ", ": "))``, one LF per line, no BOM.
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
    canonical,
    get_or,
    meta_without,
    opt_str,
    read_jsonl,
    record_text,
    write_lines,
)
from annotator.formats.base import BadRecord, InRecord, InSpan, OutRecord

FORMAT_TAG = "annotator-jsonl/1"


def _parse_labelset(value: Any) -> tuple[str | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, str):
        return value, None
    if isinstance(value, dict):
        name = opt_str(value.get("name"), "labelset.name")
        version = value.get("version")
        if version is not None and not isinstance(version, str):
            version = str(version)
        return name, version
    raise RecordError("labelset must be an object {\"name\", \"version\"}, a string or null")


def _parse_span(item: Any, index: int, omap) -> InSpan:
    if not isinstance(item, dict):
        raise RecordError(f"spans[{index}] is not an object")
    raw_start = as_offset(item.get("start"), f"spans[{index}].start")
    raw_end = as_offset(item.get("end"), f"spans[{index}].end")
    label = as_label(item.get("label"), f"spans[{index}].label")
    text = opt_str(item.get("text"), f"spans[{index}].text")
    attributes = get_or(item, "attributes", {})
    if not isinstance(attributes, dict):
        raise RecordError(f"spans[{index}].attributes must be an object")
    note = item.get("note") or ""
    if not isinstance(note, str):
        raise RecordError(f"spans[{index}].note must be a string")
    return InSpan(omap.start(raw_start), omap.end(raw_end), label, omap.span_text(text, raw_start),
                  dict(attributes), note, opt_str(item.get("annotator"), f"spans[{index}].annotator"))


def parse_record(obj: dict[str, Any], source: str, line: int) -> InRecord:
    tag = obj.get("format")
    if tag is not None and tag != FORMAT_TAG:
        raise RecordError(f"unsupported format {tag!r} (this version reads {FORMAT_TAG})")
    text, omap = record_text(obj.get("text"))
    meta = get_or(obj, "meta", {})
    if not isinstance(meta, dict):
        raise RecordError("meta must be an object")
    title = opt_str(meta.get("title"), "meta.title") or ""
    src = opt_str(meta.get("source"), "meta.source") or ""
    spans_in = get_or(obj, "spans", [])
    if not isinstance(spans_in, list):
        raise RecordError("spans must be a list")
    doc_labels = get_or(obj, "doc_labels", [])
    if not isinstance(doc_labels, list) or not all(isinstance(x, str) for x in doc_labels):
        raise RecordError("doc_labels must be a list of strings")
    labelset, version = _parse_labelset(obj.get("labelset"))
    return InRecord(
        source_file=source, line=line, external_id=as_external_id(obj.get("id")), text=text,
        title=title, source=src, meta=meta_without(meta, "title", "source"),
        annotator=opt_str(obj.get("annotator"), "annotator"),
        status=opt_str(obj.get("status"), "status"),
        labelset=labelset, labelset_version=version,
        spans=[_parse_span(item, i, omap) for i, item in enumerate(spans_in)],
        doc_labels=list(doc_labels), offsets_have_text=True)


def build_line(record: OutRecord) -> dict[str, Any]:
    meta = {"title": record.title or "", "source": record.source or ""}
    meta.update(canonical(meta_without(record.meta, "title", "source")))
    spans = []
    for span in record.spans:
        item: dict[str, Any] = {"start": span.start, "end": span.end, "label": span.label,
                                "text": span.text}
        if span.attributes:
            item["attributes"] = canonical(span.attributes)
        if span.note:
            item["note"] = span.note
        spans.append(item)
    labelset = ({"name": record.labelset, "version": record.labelset_version}
                if record.labelset else None)
    return {"id": record.external_id, "text": record.text, "meta": meta,
            "annotator": record.annotator, "status": record.status, "labelset": labelset,
            "spans": spans, "doc_labels": list(record.doc_labels), "format": FORMAT_TAG}


class NativeFormat:
    name = "jsonl"
    description = "annotator JSONL (annotator-jsonl/1): everything, round-trips exactly"
    extensions = (".jsonl",)
    sniff_priority = 0
    can_write = True

    def sniff(self, first: Any) -> bool:
        return isinstance(first, dict) and first.get("format") == FORMAT_TAG

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        return read_jsonl(Path(path), parse_record)

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        return write_lines(records, Path(target), build_line)


FORMAT = NativeFormat()
