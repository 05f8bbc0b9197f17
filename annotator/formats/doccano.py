"""doccano sequence-labelling JSONL: ``{"text", "label": [[start, end, "LABEL"], ...]}``.

Read leniently because doccano's export shape changed across versions: spans under
``label`` or ``labels`` as triples, or under ``entities`` as objects with
``start_offset``/``end_offset`` (relation projects); older exports put the text under
``data``; a ``label`` list of plain strings is a text-classification export and becomes
document labels. A line with only ``text`` (and maybe ``id``) is a plain corpus line.
Extra keys go to meta, since doccano keeps them too. The writer emits ``id``, ``text``,
``label`` then title/source (when set) and the stored meta keys.
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
    meta_without,
    read_jsonl,
    record_text,
    write_lines,
)
from annotator.formats.base import BadRecord, InRecord, InSpan, OutRecord

_OWN_KEYS = ("id", "text", "label", "labels", "entities")
_OTHER_FORMAT_KEYS = ("spans", "annotations", "format")


def _is_triple(item: Any) -> bool:
    return isinstance(item, list) and len(item) >= 3


def _spans_from_triples(items: list[Any], key: str, omap) -> list[InSpan]:
    spans = []
    for i, item in enumerate(items):
        if not _is_triple(item):
            raise RecordError(f"{key}[{i}] is not a [start, end, label] triple: {item!r}")
        start = as_offset(item[0], f"{key}[{i}] start")
        end = as_offset(item[1], f"{key}[{i}] end")
        spans.append(InSpan(omap.start(start), omap.end(end), as_label(item[2], f"{key}[{i}] label")))
    return spans


def _spans_from_entities(items: list[Any], omap) -> list[InSpan]:
    spans = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise RecordError(f"entities[{i}] is not an object")
        start = as_offset(item.get("start_offset"), f"entities[{i}].start_offset")
        end = as_offset(item.get("end_offset"), f"entities[{i}].end_offset")
        spans.append(InSpan(omap.start(start), omap.end(end),
                            as_label(item.get("label"), f"entities[{i}].label")))
    return spans


def parse_record(obj: dict[str, Any], source: str, line: int) -> InRecord:
    raw_text = obj.get("text")
    text_key = "text"
    if raw_text is None and isinstance(obj.get("data"), str):
        raw_text, text_key = obj["data"], "data"
    text, omap = record_text(raw_text)
    spans: list[InSpan] = []
    doc_labels: list[str] = []
    for key in ("label", "labels"):
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise RecordError(f"{key} must be a list of [start, end, label] triples")
        if value and all(isinstance(v, str) for v in value):
            doc_labels.extend(value)
        else:
            spans.extend(_spans_from_triples(value, key, omap))
    entities = obj.get("entities")
    if entities is not None:
        if not isinstance(entities, list):
            raise RecordError("entities must be a list")
        spans.extend(_spans_from_entities(entities, omap))
    title = obj.get("title") if isinstance(obj.get("title"), str) else ""
    src = obj.get("source") if isinstance(obj.get("source"), str) else ""
    meta = meta_without(obj, *_OWN_KEYS, text_key, *(["title"] if title else []),
                        *(["source"] if src else []))
    return InRecord(source_file=source, line=line, external_id=as_external_id(obj.get("id")),
                    text=text, title=title, source=src, meta=meta, spans=spans,
                    doc_labels=doc_labels)


def build_line(record: OutRecord) -> dict[str, Any]:
    line: dict[str, Any] = {"id": record.external_id, "text": record.text,
                            "label": [[s.start, s.end, s.label] for s in record.spans]}
    if record.title:
        line["title"] = record.title
    if record.source:
        line["source"] = record.source
    for key, value in canonical(record.meta or {}).items():
        line.setdefault(key, value)
    return line


def sniff_doccano(first: Any) -> bool:
    """doccano triples, or a plain ``{"text": ...}`` line nobody else claims."""
    if not isinstance(first, dict):
        return False
    if not isinstance(first.get("text"), str) and not isinstance(first.get("data"), str):
        return False
    if any(key in first for key in _OTHER_FORMAT_KEYS):
        return False
    for key in ("label", "labels"):
        value = first.get(key)
        if value is not None and not (
                isinstance(value, list)
                and (all(_is_triple(v) for v in value) or all(isinstance(v, str) for v in value))):
            return False
    return True


class DoccanoFormat:
    name = "doccano"
    description = "doccano JSONL ([start, end, label] triples; plain {\"text\"} lines too)"
    extensions = (".jsonl",)
    sniff_priority = 90  # the catch-all for plain text lines: ask last
    can_write = True

    def sniff(self, first: Any) -> bool:
        return sniff_doccano(first)

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        return read_jsonl(Path(path), parse_record)

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        return write_lines(records, Path(target), build_line)


FORMAT = DoccanoFormat()
