"""doccano JSONL: ``{"text", "label": [[start, end, "LABEL"], ...]}``.

Offsets are UTF-16 code units by default, because that is what doccano writes: its
web UI stores JavaScript string indices, so every emoji before a span shifts it by one
against code points (with the project option "count grapheme clusters as one
character" they are grapheme-cluster indices: ``--offsets graphemes``). The spans carry
no text of their own, so the import pipeline converts them with the unit chosen
(``offset_unit``, or ``--offsets``) and the writer converts code points back to it.

Read leniently because doccano's export shape changed across versions: spans under
``label`` or ``labels`` as triples, or under ``entities`` as objects with
``start_offset``/``end_offset`` (relation projects; their ``relations`` are kept in
meta as references to the spans they join); older exports put the text under
``data``; a ``label`` list of plain strings (text classification) or ``cats`` (intent
detection) becomes document labels. A line with only ``text`` (and maybe ``id``) is a
plain corpus line. Extra keys go to meta, since doccano keeps them too.

Writing: ``id``, ``text``, ``label`` then ``cats`` (document labels: doccano's
intent-detection layout; text-classification projects read ``label`` instead),
title/source (when set) and the stored meta keys. One line is one example to doccano,
so an export holds one annotator (``single_annotator``). Relations are written in
doccano's relation layout (``entities`` with ids and ``relations`` with
``from_id``/``to_id``) when every span they join is exported, else left out with a
warning.
"""

from __future__ import annotations

from typing import Any

from annotator.formats._fields import (
    RecordError,
    as_external_id,
    as_label,
    as_offset,
    record_text,
    text_field,
)
from annotator.formats._json_write import canonical, meta_without
from annotator.formats._jsonl import JsonlFormat
from annotator.formats.base import FormatError, InRecord, InSpan, OutRecord
from annotator.text.units import span_from_codepoints

_OWN_KEYS = ("id", "text", "label", "labels", "entities", "relations", "cats")
_OTHER_FORMAT_KEYS = ("spans", "annotations", "format")
RELATIONS_KEY = "relations"  # meta key: [{"from": [s, e, label], "to": [...], "type"}]


def _is_triple(item: Any) -> bool:
    return isinstance(item, list) and len(item) >= 3


def _spans_from_triples(items: list[Any], key: str, omap) -> list[InSpan]:
    spans = []
    for i, item in enumerate(items):
        if not _is_triple(item):
            raise RecordError(f"{key}[{i}] is not a [start, end, label] triple: {item!r}")
        start = as_offset(item[0], f"{key}[{i}] start")
        end = as_offset(item[1], f"{key}[{i}] end")
        spans.append(
            InSpan(omap.start(start), omap.end(end), as_label(item[2], f"{key}[{i}] label"))
        )
    return spans


def _spans_from_entities(items: list[Any], omap) -> tuple[list[InSpan], dict[Any, list[Any]]]:
    """Spans, and entity id -> [start, end, label] as given (for relations)."""
    spans = []
    by_id: dict[Any, list[Any]] = {}
    for i, item in enumerate(items):
        if _is_triple(item):  # intent detection writes entities as triples
            spans.extend(_spans_from_triples([item], "entities", omap))
            continue
        if not isinstance(item, dict):
            raise RecordError(f"entities[{i}] is not an object")
        start = as_offset(item.get("start_offset"), f"entities[{i}].start_offset")
        end = as_offset(item.get("end_offset"), f"entities[{i}].end_offset")
        label = as_label(item.get("label"), f"entities[{i}].label")
        spans.append(InSpan(omap.start(start), omap.end(end), label))
        if "id" in item:
            by_id[item["id"]] = [start, end, label]
    return spans, by_id


def _relations(items: Any, by_id: dict[Any, list[Any]]) -> list[dict[str, Any]]:
    if not isinstance(items, list):
        raise RecordError("relations must be a list")
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise RecordError(f"relations[{i}] is not an object")
        ends = [by_id.get(item.get(key)) for key in ("from_id", "to_id")]
        if None in ends:
            raise RecordError(f"relations[{i}] joins an entity id that is not in entities")
        out.append({"from": ends[0], "to": ends[1], "type": str(item.get("type", ""))})
    return out


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
    cats = obj.get("cats")
    if cats is not None:
        if not isinstance(cats, list) or not all(isinstance(c, str) for c in cats):
            raise RecordError("cats must be a list of strings")
        doc_labels.extend(cats)
    relations: list[dict[str, Any]] = []
    entities = obj.get("entities")
    if entities is not None:
        if not isinstance(entities, list):
            raise RecordError("entities must be a list")
        found, by_id = _spans_from_entities(entities, omap)
        spans.extend(found)
        if obj.get("relations"):
            relations = _relations(obj["relations"], by_id)
    title = text_field(obj, "title")
    src = text_field(obj, "source")
    meta = meta_without(
        obj, *_OWN_KEYS, text_key, *(["title"] if title else []), *(["source"] if src else [])
    )
    if relations:
        meta[RELATIONS_KEY] = relations
    return InRecord(
        source_file=source,
        line=line,
        external_id=as_external_id(obj.get("id")),
        text=text,
        title=title,
        source=src,
        meta=meta,
        spans=spans,
        doc_labels=doc_labels,
    )


def _converted(record: OutRecord, start: int, end: int, unit: str) -> tuple[int, int]:
    try:
        return span_from_codepoints(record.text, start, end, unit)
    except ValueError as exc:
        raise FormatError(
            f"document {record.external_id!r}: span {start}-{end} cannot be "
            f"written in {unit}: {exc}"
        ) from None


def build_line(record: OutRecord, options: dict[str, Any]) -> dict[str, Any]:
    unit = options.get("offsets") or DoccanoFormat.offset_unit
    warn = options.get("warn")
    line: dict[str, Any] = {"id": record.external_id, "text": record.text}
    meta = dict(canonical(record.meta or {}))
    relations = meta.pop(RELATIONS_KEY, None)
    triples = [[*_converted(record, s.start, s.end, unit), s.label] for s in record.spans]
    if relations:
        # relations were read as offsets in the file's unit; they name spans of this record
        wanted = [
            (tuple(r["from"]), tuple(r["to"]), r.get("type", ""))
            for r in relations
            if isinstance(r, dict) and "from" in r and "to" in r
        ]
        given = {tuple(t): i for i, t in enumerate(triples, 1)}
        joined = [(given.get(a), given.get(b), kind) for a, b, kind in wanted]
        if wanted and all(a and b for a, b, _ in joined):
            line["entities"] = [
                {"id": i, "label": t[2], "start_offset": t[0], "end_offset": t[1]}
                for i, t in enumerate(triples, 1)
            ]
            line["relations"] = [
                {"id": n, "from_id": a, "to_id": b, "type": kind}
                for n, (a, b, kind) in enumerate(joined, 1)
            ]
        elif warn is not None:
            warn(
                record.external_id,
                f"{len(relations)} relation(s) left out: a span they join is not in this export",
            )
    if "entities" not in line:
        line["label"] = triples
    if record.doc_labels:
        line["cats"] = list(record.doc_labels)
    if record.title:
        line["title"] = record.title
    if record.source:
        line["source"] = record.source
    for key, value in meta.items():
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
            and (all(_is_triple(v) for v in value) or all(isinstance(v, str) for v in value))
        ):
            return False
    return True


class DoccanoFormat(JsonlFormat):
    name = "doccano"
    description = 'doccano JSONL ([start, end, label] triples; plain {"text"} lines too)'
    sniff_priority = 90  # the catch-all for plain text lines: ask last
    sniff_is_fallback = True
    offset_unit = "utf16"
    single_annotator = True

    def sniff(self, first: Any) -> bool:
        return sniff_doccano(first)

    def parse(
        self, obj: dict[str, Any], source: str, line: int, options: dict[str, Any]
    ) -> InRecord:
        return parse_record(obj, source, line)

    def build(self, record: OutRecord, options: dict[str, Any]) -> dict[str, Any]:
        return build_line(record, options)


FORMAT = DoccanoFormat()
