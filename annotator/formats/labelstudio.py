"""Label Studio JSON: one JSON array of tasks (Text object + Labels control).

Offsets and astral characters (emoji): Label Studio's own frontend tests ("NER - Emoji
- Text: should calculate offsets by code points in text") pin today's behaviour:
``value.start``/``value.end`` count Unicode code points, the same as Python str
indices and our stored offsets. Exports from 2021-era versions counted JavaScript
UTF-16 code units instead (label-studio issue #1347: every offset after an emoji was
one too high). So the writer writes code points, and the reader passes offsets through
as given together with ``value.text``: the import pipeline checks them against the
text and, for old exports, its realignment (or ``--offsets utf16``) repairs them.
CRLF counts as two characters in Label Studio, which our CRLF offset map handles.

Reading: every annotation (``annotations``, or ``completions`` in exports before
1.0) becomes one record for its annotator (``completed_by``: email, else id);
``predictions`` are model output, not annotations, and are ignored. ``labels``
results become spans (one per label in ``value.labels``), ``choices`` results become
document labels, a region's ``meta.text`` becomes its note. A task without
annotations is one unlabelled record. The JSON-MIN export (flat objects with the text
and region lists under the control's name) is read too. Option ``text_key`` names the
data field holding the text (default ``text``, else the only string field).

Writing streams ``[``, tasks joined by ``",\\n"``, ``]``; consecutive records of the
same document (one per annotator) become one task with several annotations, each with
``completed_by: {"email": <annotator>}``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.formats._jsonl import (
    RecordError,
    as_external_id,
    as_label,
    as_offset,
    canonical,
    checked_spans,
    dumps,
    first_json_value,
    get_or,
    iter_json_array,
    meta_without,
    opt_str,
    record_id_of,
    record_text,
)
from annotator.formats.base import BadRecord, FormatError, FormatSpec, InRecord, InSpan, OutRecord

FROM_NAME = "label"
TO_NAME = "text"
DOC_LABEL_FROM_NAME = "doc_label"
_MIN_RESERVED = ("id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time")


def _pick_text_key(data: dict[str, Any], text_key: str | None) -> str:
    if text_key:
        return text_key
    if "text" in data:
        return "text"
    strings = [k for k, v in data.items() if isinstance(v, str) and k not in ("id", "title")]
    if len(strings) == 1:
        return strings[0]
    raise RecordError("missing data.text (name the text field with the text_key option)")


def _annotator_of(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("email") or value.get("id")
    if value is None or isinstance(value, bool):
        return None
    return str(value)


def _region_spans(item: dict[str, Any], where: str, omap) -> list[InSpan]:
    value = item.get("value")
    if not isinstance(value, dict):
        raise RecordError(f"{where}.value is not an object")
    start = as_offset(value.get("start"), f"{where}.value.start")
    end = as_offset(value.get("end"), f"{where}.value.end")
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels:
        raise RecordError(f"{where}.value.labels is missing or empty")
    text = opt_str(value.get("text"), f"{where}.value.text")
    note = ""
    meta = item.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("text"), list):
        note = "\n".join(str(t) for t in meta["text"])
    return [InSpan(omap.start(start), omap.end(end), as_label(label, f"{where}.value.labels"),
                   omap.span_text(text, start), note=note) for label in labels]


def _parse_annotation(ann: Any, where: str, omap) -> tuple[list[InSpan], list[str]]:
    if not isinstance(ann, dict):
        raise RecordError(f"{where} is not an object")
    result = get_or(ann, "result", [])
    if not isinstance(result, list):
        raise RecordError(f"{where}.result is not a list")
    spans: list[InSpan] = []
    doc_labels: list[str] = []
    for j, item in enumerate(result):
        if not isinstance(item, dict):
            raise RecordError(f"{where}.result[{j}] is not an object")
        kind = item.get("type")
        if kind == "labels":
            spans.extend(_region_spans(item, f"{where}.result[{j}]", omap))
        elif kind == "choices":
            choices = (item.get("value") or {}).get("choices") or []
            doc_labels.extend(c for c in choices if isinstance(c, str))
    return spans, doc_labels


def _parse_task(obj: dict[str, Any], source: str, number: int,
                text_key: str | None) -> list[InRecord]:
    data = obj.get("data")
    if not isinstance(data, dict):
        return [_parse_min(obj, source, number, text_key)]
    key = _pick_text_key(data, text_key)
    text, omap = record_text(data.get(key), f"data.{key}")
    ext = as_external_id(data.get("id", obj.get("id")))
    title = data.get("title") if isinstance(data.get("title"), str) else ""
    src = data.get("source") if isinstance(data.get("source"), str) else ""
    meta = meta_without(data, key, "id", *(["title"] if title else []),
                        *(["source"] if src else []))
    annotations = get_or(obj, "annotations", get_or(obj, "completions", []))
    if not isinstance(annotations, list):
        raise RecordError("annotations is not a list")
    base = {"source_file": source, "line": number, "external_id": ext, "text": text,
            "title": title, "source": src, "offsets_have_text": True}
    if not annotations:
        return [InRecord(meta=meta, **base)]
    records = []
    for i, ann in enumerate(annotations):
        spans, doc_labels = _parse_annotation(ann, f"annotations[{i}]", omap)
        status = "skipped" if ann.get("was_cancelled") else None
        records.append(InRecord(meta=dict(meta), annotator=_annotator_of(ann.get("completed_by")),
                                status=status, spans=spans, doc_labels=doc_labels, **base))
    return records


def _parse_min(obj: dict[str, Any], source: str, number: int, text_key: str | None) -> InRecord:
    """JSON-MIN: data fields at top level, regions as lists under the control name."""
    key = text_key or "text"
    text, omap = record_text(obj.get(key), key)
    spans: list[InSpan] = []
    doc_labels: list[str] = []
    region_keys = []
    for name, value in obj.items():
        if isinstance(value, list) and value and all(
                isinstance(v, dict) and "start" in v and "end" in v for v in value):
            region_keys.append(name)
            for j, region in enumerate(value):
                spans.extend(_region_spans({"value": region}, f"{name}[{j}]", omap))
    title = obj.get("title") if isinstance(obj.get("title"), str) else ""
    src = obj.get("source") if isinstance(obj.get("source"), str) else ""
    meta = meta_without(obj, key, *_MIN_RESERVED, *region_keys,
                        *(["title"] if title else []), *(["source"] if src else []))
    return InRecord(source_file=source, line=number, external_id=as_external_id(obj.get("id")),
                    text=text, title=title, source=src, meta=meta,
                    annotator=_annotator_of(obj.get("annotator")), spans=spans,
                    doc_labels=doc_labels, offsets_have_text=True)


def _result_id(record: OutRecord, start: int, end: int, label: str) -> str:
    key = f"{record.external_id}\x1f{record.annotator}\x1f{start}\x1f{end}\x1f{label}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _annotation(record: OutRecord) -> dict[str, Any]:
    result: list[dict[str, Any]] = []
    for span in checked_spans(record):
        item: dict[str, Any] = {
            "id": _result_id(record, span.start, span.end, span.label),
            "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
            "value": {"start": span.start, "end": span.end, "text": span.text,
                      "labels": [span.label]}}
        if span.note:
            item["meta"] = {"text": [span.note]}
        result.append(item)
    if record.doc_labels:
        result.append({"id": _result_id(record, -1, -1, "\x1e".join(record.doc_labels)),
                       "from_name": DOC_LABEL_FROM_NAME, "to_name": TO_NAME, "type": "choices",
                       "value": {"choices": list(record.doc_labels)}})
    annotation: dict[str, Any] = {}
    if record.annotator is not None:
        # Label Studio's importer matches an object with "email" against its users (a
        # bare string is not a form it accepts); our reader takes the email back as name.
        annotation["completed_by"] = {"email": record.annotator}
    annotation["result"] = result
    if record.status == "skipped":
        annotation["was_cancelled"] = True
    return annotation


def _task(group: list[OutRecord]) -> dict[str, Any]:
    first = group[0]
    data: dict[str, Any] = {"text": first.text, "id": first.external_id}
    if first.title:
        data["title"] = first.title
    if first.source:
        data["source"] = first.source
    for key, value in canonical(first.meta or {}).items():
        data.setdefault(key, value)
    annotations = [_annotation(r) for r in group if r.annotator is not None or r.spans
                   or r.doc_labels]
    return {"data": data, "annotations": annotations}


def sniff_labelstudio(first: Any) -> bool:
    if isinstance(first, list):
        first = first[0] if first else None
    if not isinstance(first, dict):
        return False
    if isinstance(first.get("data"), dict):
        return True
    return any(k in first for k in ("annotations", "completions", "predictions"))


class LabelStudioFormat(FormatSpec):
    name = "labelstudio"
    description = "Label Studio JSON task list (Text + Labels; JSON-MIN read too)"
    extensions = (".json",)
    sniff_priority = 10
    spans_carry_text = True  # value.text; regions without it are checked like doccano's

    def sniff(self, first: Any) -> bool:
        return sniff_labelstudio(first)

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        path = Path(path)
        if path.is_dir():
            raise FormatError(f"{path}: is a folder, expected a Label Studio JSON file")
        source = str(path)
        text_key = options.get("text_key")
        for item in iter_json_array(path):
            if isinstance(item, BadRecord):
                yield item
                continue
            number, obj = item
            if not isinstance(obj, dict):
                yield BadRecord(source, number, f"task {number} is not a JSON object")
                continue
            try:
                records = _parse_task(obj, source, number, text_key)
            except RecordError as exc:
                yield BadRecord(source, number, f"task {number}: {exc}", record_id_of(
                    obj.get("data") if isinstance(obj.get("data"), dict) else obj))
                continue
            yield from records

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        spans = 0
        count = 0
        with open(Path(target), "w", encoding="utf-8", newline="\n") as handle:
            handle.write("[")
            group: list[OutRecord] = []

            def flush() -> None:
                nonlocal count
                if group:
                    handle.write(",\n" if count else "\n")
                    handle.write(dumps(_task(group)))
                    count += 1
                    group.clear()

            for record in records:
                if group and (record.external_id != group[0].external_id
                              or record.text != group[0].text):
                    flush()
                group.append(record)
                spans += len(record.spans)
            flush()
            handle.write("\n]\n")
        return spans


def looks_like_labelstudio(path: Path) -> bool:
    """Used by detection for ``.json`` files."""
    return sniff_labelstudio(first_json_value(path))


FORMAT = LabelStudioFormat()
