"""JSON records of any layout, read through a field map: the next layout needs no code.

A :class:`FieldMap` says which key holds the text, the id, the list of spans, and in each
span its label, start, end and (optionally) its own text; the outlet (stored as the
document's ``source``, which statistics group by) and the title may be named too.
Every other key of a record is kept in meta. Keys may be dotted paths into nested
objects (``data.text``). Files may be JSON lines or one JSON array (SemEval-2021 ships
arrays, often named ``.txt``).

The shared-task layouts next to ArAIEval are field maps (``armpro.py``,
``semeval2021.py``); ``annotator import --text-field … --spans-field …`` builds one for
a layout nobody declared (format ``fields``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from annotator.formats._fields import (
    RecordError,
    as_external_id,
    as_label,
    as_offset,
    opt_str,
    record_id_of,
    record_text,
)
from annotator.formats._json_array import iter_json_array
from annotator.formats._json_read import iter_json_lines
from annotator.formats.base import BadRecord, FormatError, FormatSpec, InRecord, InSpan

# Shared-task markers for "this text has no technique": a record-level note, never a span.
NO_SPAN_LABELS = frozenset({"no_technique"})


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Where a layout keeps each part of a record (dotted paths allowed)."""

    text: str = "text"
    id: str = "id"
    spans: str = "labels"
    label: str = "label"
    start: str = "start"
    end: str = "end"
    span_text: str | None = "text"  # None: spans carry no text of their own
    source: str | None = None  # the outlet
    title: str | None = None

    @classmethod
    def from_options(cls, given: dict[str, str]) -> FieldMap:
        """A map from ``--text-field`` … options (``{"text": "body", …}``); unknown names
        are refused so a typo does not silently read the default key."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(given) - known)
        if unknown:
            raise FormatError(
                f"unknown field option(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        return replace(cls(), **{k: v for k, v in given.items() if v})


def _get(obj: dict[str, Any], path: str) -> Any:
    value: Any = obj
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _without(obj: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """``obj`` without the top-level keys the map consumed (a dotted path consumes its
    first segment only when that is all the object held)."""
    used = {p for p in paths if "." not in p}
    return {k: v for k, v in obj.items() if k not in used}


def parse_mapped(obj: dict[str, Any], source: str, line: int, fmap: FieldMap) -> InRecord:
    text, omap = record_text(_get(obj, fmap.text), fmap.text)
    items = _get(obj, fmap.spans)
    if items is None:
        items = []
    if not isinstance(items, list):
        raise RecordError(f"{fmap.spans} must be a list of spans")
    spans: list[InSpan] = []
    doc_labels: list[str] = []
    for i, item in enumerate(items):
        where = f"{fmap.spans}[{i}]"
        if isinstance(item, str):
            if item not in NO_SPAN_LABELS:
                doc_labels.append(item)
            continue
        if not isinstance(item, dict):
            raise RecordError(f"{where} is not an object")
        label = as_label(_get(item, fmap.label), f"{where}.{fmap.label}")
        if label in NO_SPAN_LABELS:
            continue
        start = as_offset(_get(item, fmap.start), f"{where}.{fmap.start}")
        end = as_offset(_get(item, fmap.end), f"{where}.{fmap.end}")
        own = (
            opt_str(_get(item, fmap.span_text), f"{where}.{fmap.span_text}")
            if fmap.span_text
            else None
        )
        spans.append(InSpan(omap.start(start), omap.end(end), label, omap.span_text(own, start)))
    outlet = _get(obj, fmap.source) if fmap.source else None
    title = _get(obj, fmap.title) if fmap.title else None
    consumed = [fmap.text, fmap.id, fmap.spans, *(p for p in (fmap.source, fmap.title) if p)]
    return InRecord(
        source_file=source,
        line=line,
        external_id=as_external_id(_get(obj, fmap.id)),
        text=text,
        title=" ".join(title.split()) if isinstance(title, str) else "",
        source=" ".join(outlet.split()) if isinstance(outlet, str) else "",
        meta=_without(obj, consumed),
        spans=spans,
        doc_labels=doc_labels,
        offsets_have_text=any(s.text is not None for s in spans),
    )


def read_mapped(path: Path, fmap: FieldMap) -> Iterator[InRecord | BadRecord]:
    path = Path(path)
    if path.is_dir():
        raise FormatError(f"{path}: is a folder, expected a JSON or JSON-lines file")
    with open(path, "rb") as handle:
        array = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")
    source = str(path)
    for item in iter_json_array(path) if array else iter_json_lines(path):
        if isinstance(item, BadRecord):
            yield item
            continue
        number, obj = item
        if not isinstance(obj, dict):
            yield BadRecord(source, number, f"record is not a JSON object ({type(obj).__name__})")
            continue
        try:
            yield parse_mapped(obj, source, number, fmap)
        except RecordError as exc:
            yield BadRecord(source, number, str(exc), record_id_of(obj))


class MappedFormat(FormatSpec):
    """A layout declared by its field map (import only)."""

    can_write = False
    extensions = (".jsonl", ".json", ".txt")

    def __init__(self, fmap: FieldMap) -> None:
        self.fields = fmap

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        return read_mapped(path, self.fields)


class FieldsFormat(MappedFormat):
    """The user's own map, from ``--text-field``, ``--spans-field`` … (format ``fields``)."""

    name = "fields"
    description = "JSON lines or array of any layout, read through --text-field, --id-field, …"
    sniff_priority = 200  # never detected: chosen by giving field options
    takes_field_map = True

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        return read_mapped(path, FieldMap.from_options(options.get("fields") or {}))


FORMAT = FieldsFormat(FieldMap())
