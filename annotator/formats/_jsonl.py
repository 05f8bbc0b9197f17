"""The JSON-lines format helper: a format is one parse function and one build function.

Streaming, bad-line reporting and the checked, stable write form are shared by every
JSON-lines format (native, doccano, Prodigy, ArAIEval); the pieces they build on live
in their own modules: _fields (record field checks), _newlines (BOM/CRLF offset map),
_json_read / _json_array (bounded JSON reading), _json_write (stable JSON output).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from annotator.formats._fields import RecordError, record_id_of
from annotator.formats._json_read import iter_json_lines
from annotator.formats._json_write import write_lines
from annotator.formats.base import BadRecord, FormatError, FormatSpec, InRecord, OutRecord

Parser = Callable[[Any, str, int], InRecord]


def read_jsonl(path: Path, parse: Parser) -> Iterator[InRecord | BadRecord]:
    """Stream a JSONL file through ``parse``; RecordError becomes a BadRecord."""
    path = Path(path)
    if path.is_dir():
        raise FormatError(f"{path}: is a folder, expected a JSONL file")
    source = str(path)
    for item in iter_json_lines(path):
        if isinstance(item, BadRecord):
            yield item
            continue
        number, obj = item
        if not isinstance(obj, dict):
            yield BadRecord(source, number, f"record is not a JSON object ({type(obj).__name__})")
            continue
        try:
            yield parse(obj, source, number)
        except RecordError as exc:
            yield BadRecord(source, number, str(exc), record_id_of(obj))


# ------------------------------------------------------------------ the JSONL format helper
class JsonlFormat(FormatSpec):
    """A JSON-lines format is one function reading an object and one building a line.

    Subclasses give ``parse(obj, source, line, options)`` and ``build(record, options)``
    (``options`` are the reader's or writer's keyword options) plus their policy
    attributes; streaming, bad-line reporting and the checked, stable write form are
    here once.
    """

    extensions = (".jsonl",)

    def parse(
        self, obj: dict[str, Any], source: str, line: int, options: dict[str, Any]
    ) -> InRecord:
        raise NotImplementedError

    def build(self, record: OutRecord, options: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        return read_jsonl(
            Path(path), lambda obj, source, line: self.parse(obj, source, line, options)
        )

    def write(self, records: Any, target: Path, **options: Any) -> int:
        return write_lines(records, Path(target), lambda record: self.build(record, options))
