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

from collections.abc import Iterable
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from annotator.formats._fields import (
    RecordError,
    as_external_id,
    as_label,
    as_offset,
    get_or,
    opt_str,
    record_text,
)
from annotator.formats._json_write import canonical, dumps, meta_without
from annotator.formats._jsonl import JsonlFormat
from annotator.formats.base import InRecord, InSpan, OutRecord

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
    raise RecordError('labelset must be an object {"name", "version"}, a string or null')


def _parse_span(item: Any, index: int, omap) -> InSpan:
    # Fast path for the well-formed span (nearly all of them, 100,000s per import);
    # anything unusual goes through the checks below, which name the bad field.
    if type(item) is dict and not omap.removed:
        start, end, label = item.get("start"), item.get("end"), item.get("label")
        text, attributes = item.get("text"), item.get("attributes")
        note, annotator = item.get("note"), item.get("annotator")
        if (
            type(start) is int
            and type(end) is int
            and type(label) is str
            and label.strip()
            and (text is None or type(text) is str)
            and (attributes is None or type(attributes) is dict)
            and (note is None or type(note) is str)
            and (annotator is None or type(annotator) is str)
            and not (text and "\r" in text)
        ):
            return InSpan(
                start,
                end,
                label,
                text,
                dict(attributes) if attributes else {},
                note or "",
                annotator,
            )
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
    return InSpan(
        omap.start(raw_start),
        omap.end(raw_end),
        label,
        omap.span_text(text, raw_start),
        dict(attributes),
        note,
        opt_str(item.get("annotator"), f"spans[{index}].annotator"),
    )


#: where other JSON line formats keep spans (doccano, ArAIEval/SemEval, doccano relations)
_FOREIGN_SPAN_KEYS = ("label", "labels", "entities")


def parse_record(obj: dict[str, Any], source: str, line: int) -> InRecord:
    tag = obj.get("format")
    if tag is not None and tag != FORMAT_TAG:
        raise RecordError(f"unsupported format {tag!r} (this version reads {FORMAT_TAG})")
    text, omap = record_text(obj.get("text"))
    for key in _FOREIGN_SPAN_KEYS:
        if "spans" not in obj and isinstance(obj.get(key), list) and obj[key]:
            # our lines never carry these; dropping them would lose another tool's labels
            raise RecordError(
                f"spans are under {key!r}, which this format does not read (another "
                "tool's layout: doccano, ArAIEval…); choose its format with --format"
            )
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
        source_file=source,
        line=line,
        external_id=as_external_id(obj.get("id")),
        text=text,
        title=title,
        source=src,
        meta=meta_without(meta, "title", "source"),
        annotator=opt_str(obj.get("annotator"), "annotator"),
        status=opt_str(obj.get("status"), "status"),
        labelset=labelset,
        labelset_version=version,
        spans=[_parse_span(item, i, omap) for i, item in enumerate(spans_in)],
        doc_labels=list(doc_labels),
        offsets_have_text=True,
    )


def build_line(record: OutRecord) -> dict[str, Any]:
    meta = {"title": record.title or "", "source": record.source or ""}
    meta.update(canonical(meta_without(record.meta, "title", "source")))
    spans = []
    for span in record.spans:
        item: dict[str, Any] = {
            "start": span.start,
            "end": span.end,
            "label": span.label,
            "text": span.text,
        }
        if span.attributes:
            item["attributes"] = canonical(span.attributes)
        if span.note:
            item["note"] = span.note
        spans.append(item)
    labelset = (
        {"name": record.labelset, "version": record.labelset_version} if record.labelset else None
    )
    return {
        "id": record.external_id,
        "text": record.text,
        "meta": meta,
        "annotator": record.annotator,
        "status": record.status,
        "labelset": labelset,
        "spans": spans,
        "doc_labels": list(record.doc_labels),
        "format": FORMAT_TAG,
    }


# ------------------------------------------------------------------ pre-encoded pieces
# The fast export path (annotator.exporting.native) assembles each line from these pieces
# instead of building a dict per record and span and running json.dumps over it.
# ``encode_basestring`` is the C string encoder json.dumps(ensure_ascii=False) itself
# uses, and the separators are the ones of ``dumps``, so the bytes are those of
# ``dumps(build_line(record))`` (tests/test_export_speedpath.py holds the two equal).
def json_value(value: Any) -> str:
    """One JSON value exactly as ``dumps`` writes it (strings take the quick path)."""
    return encode_basestring(value) if type(value) is str else dumps(value)


def meta_json(title: str | None, source: str | None, meta: dict[str, Any]) -> str:
    if not meta and type(title or "") is str and type(source or "") is str:
        return (
            f'{{"title": {encode_basestring(title or "")}, '
            f'"source": {encode_basestring(source or "")}}}'
        )
    out = {"title": title or "", "source": source or ""}
    out.update(canonical(meta_without(meta, "title", "source")))
    return dumps(out)


def labelset_json(name: str | None, version: str | None) -> str:
    return dumps({"name": name, "version": version}) if name else "null"


def label_fragment(key: str) -> str:
    """The ``"label": …, `` part of a span, cached per label by the caller."""
    return f'"label": {json_value(key)}, '


def span_json(
    start: int,
    end: int,
    label_fragment: str,
    text: str,
    attributes: dict[str, Any] | None,
    note: str | None,
) -> str:
    """One span; the caller may inline the common case (no attributes, no note)."""
    if not attributes and not note:
        return f'{{"start": {start!r}, "end": {end!r}, {label_fragment}"text": {encode_basestring(text)}}}'
    extra = ""
    if attributes:
        extra += f', "attributes": {dumps(canonical(attributes))}'
    if note:
        extra += f', "note": {json_value(note)}'
    return (
        f'{{"start": {start!r}, "end": {end!r}, {label_fragment}"text": '
        f"{encode_basestring(text)}{extra}}}"
    )


_LINE_END = f', "format": {json_value(FORMAT_TAG)}}}\n'


def line_json(
    id_text_meta: str,
    annotator: str | None,
    status: str | None,
    labelset: str,
    spans: list[str],
    doc_labels: list[str],
) -> str:
    """One whole line (with its LF). ``id_text_meta`` is the line's opening up to and
    including the meta object, shared by a document's records; ``labelset`` comes from
    labelset_json, ``spans`` from span_json."""
    return (
        f'{id_text_meta}, "annotator": {json_value(annotator)}, "status": '
        f'{json_value(status)}, "labelset": {labelset}, "spans": [{", ".join(spans)}], '
        f'"doc_labels": {dumps(doc_labels) if doc_labels else "[]"}{_LINE_END}'
    )


def line_opening(external_id: str, text: str, meta: str) -> str:
    return f'{{"id": {json_value(external_id)}, "text": {json_value(text)}, "meta": {meta}'


class NativeFormat(JsonlFormat):
    name = "jsonl"
    description = "annotator JSONL (annotator-jsonl/1): everything, round-trips exactly"
    sniff_priority = 0
    spans_carry_text = True

    def sniff(self, first: Any) -> bool:
        return isinstance(first, dict) and first.get("format") == FORMAT_TAG

    def parse(
        self, obj: dict[str, Any], source: str, line: int, options: dict[str, Any]
    ) -> InRecord:
        return parse_record(obj, source, line)

    def build(self, record: OutRecord, options: dict[str, Any]) -> dict[str, Any]:
        return build_line(record)

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        chunks = getattr(records, "native_chunks", None)
        if chunks is not None:
            # annotator.exporting.native's fast path: the same lines, already encoded
            return write_chunks(chunks(), Path(target))
        return super().write(records, target, **options)


def write_chunks(chunks: Iterable[tuple[str, int]], target: Path) -> int:
    """Write pre-encoded text (whole lines) given with its span counts; returns the spans."""
    spans = 0
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        for text, count in chunks:
            handle.write(text)
            spans += count
    return spans


FORMAT = NativeFormat()
