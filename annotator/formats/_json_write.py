"""The one JSON form every writer produces, and the span check every writer runs.

Exports must be stable bytes for the same data (so diffs of two exports show only
real changes) and must never write a span whose offsets do not give back its text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from annotator.formats.base import FormatError, OutRecord, OutSpan


def dumps(obj: Any) -> str:
    """The one JSON form every writer uses: UTF-8 characters as themselves (Arabic
    stays readable), ``", "`` and ``": "`` separators, no trailing spaces — stable
    bytes for the same input."""
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def canonical(value: Any) -> Any:
    """Nested mappings with sorted keys, so meta read back from a database in another
    key order still writes the same bytes."""
    if isinstance(value, Mapping):
        return {str(k): canonical(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    return value


def checked_spans(record: OutRecord) -> tuple[OutSpan, ...]:
    """The record's spans, refusing any whose offsets do not give back its text."""
    text = record.text
    for span in record.spans:
        if (
            not (0 <= span.start < span.end <= len(text))
            or text[span.start : span.end] != span.text
        ):
            raise FormatError(
                f"document {record.external_id!r}: span {span.start}-{span.end} "
                f"{span.label!r} text {span.text!r} does not match the document text "
                f"{text[max(span.start, 0) : max(span.end, 0)]!r}"
            )
    return record.spans


def write_lines(records: Any, target: Path, build: Callable[[OutRecord], dict[str, Any]]) -> int:
    """Write one JSON object per record; returns the number of spans written."""
    spans = 0
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            checked_spans(record)
            handle.write(dumps(build(record)))
            handle.write("\n")
            spans += len(record.spans)
    return spans


def meta_without(meta: Mapping[str, Any] | None, *keys: str) -> dict[str, Any]:
    return {k: v for k, v in (meta or {}).items() if k not in keys}
