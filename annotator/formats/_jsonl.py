"""Shared plumbing for the format modules: streaming readers, offset mapping, checks.

Every reader must behave the same on the awkward parts (BOM, CRLF, invalid UTF-8,
unpaired surrogates, non-integer offsets), so those rules live here once instead of
being re-implemented, slightly differently, in each format module.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.formats.base import (
    MAX_RECORD_BYTES,
    BadRecord,
    FormatError,
    FormatSpec,
    InRecord,
    OutRecord,
    OutSpan,
    too_large,
)
from annotator.textio import BOM, decode_utf8, to_stored_text

_BOM_BYTES = codecs.BOM_UTF8
# json.loads turns "\ud83d" (without its pair) into a lone surrogate that cannot be
# encoded as UTF-8 later; only lines with such an escape need the deep check.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]|\\u[dD][c-fC-F]")


class RecordError(Exception):
    """One record cannot be read; the caller turns it into a BadRecord."""


# ------------------------------------------------------------------ offset mapping
@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets counted in the raw text onto the stored text.

    Stored text drops a leading BOM and the CR of every CRLF (a lone CR becomes LF
    and keeps its place), so a raw position ``p`` moves left by the number of dropped
    characters before it. An end that falls between CR and LF is moved past the LF,
    because the stored LF stands for the whole CRLF the span ended in.
    """

    removed: tuple[int, ...] = ()  # raw positions of dropped characters, ascending
    bom: bool = False

    @property
    def identity(self) -> bool:
        return not self.removed

    def start(self, pos: int) -> int:
        if not self.removed:
            return pos
        return pos - bisect_left(self.removed, pos)

    def end(self, pos: int) -> int:
        if not self.removed:
            return pos
        mapped = pos - bisect_left(self.removed, pos)
        before = pos - 1
        if before >= 0 and not (self.bom and before == 0):
            i = bisect_left(self.removed, before)
            if i < len(self.removed) and self.removed[i] == before:
                mapped += 1
        return mapped

    def span_text(self, text: str | None, raw_start: int) -> str | None:
        """The span's own copy of its text, in stored form."""
        if text is None:
            return None
        if self.bom and raw_start == 0 and text.startswith(BOM):
            text = text[1:]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text


def stored_text_and_map(raw: str) -> tuple[str, OffsetMap]:
    """Stored form of ``raw`` (see annotator.textio) plus the map for its offsets."""
    bom = raw.startswith(BOM)
    if not bom and "\r" not in raw:
        return raw, OffsetMap()
    removed: list[int] = [0] if bom else []
    pos = raw.find("\r\n")
    while pos != -1:
        removed.append(pos)
        pos = raw.find("\r\n", pos + 2)
    return to_stored_text(raw), OffsetMap(tuple(removed), bom)


# ------------------------------------------------------------------ value checks
def as_offset(value: Any, what: str) -> int:
    """An integer offset; integral floats (12.0) pass because some tools write them."""
    if isinstance(value, bool):
        raise RecordError(f"{what} is not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise RecordError(f"{what} is not an integer: {value!r}")


def as_label(value: Any, what: str = "span label") -> str:
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"{what} is missing or not a non-empty string: {value!r}")
    return value


def as_external_id(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise RecordError(f"id must be a string or an integer, not {value!r}")
    if isinstance(value, int | str):
        text = str(value)
        return text if text != "" else None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    raise RecordError(f"id must be a string or an integer, not {type(value).__name__}")


def get_or(obj: Mapping[str, Any], key: str, default: Any) -> Any:
    """``obj[key]`` unless missing or null; unlike ``or`` it keeps a wrong-typed falsy
    value ([] for an object, {} for a list) so the type check still catches it."""
    value = obj.get(key)
    return default if value is None else value


def text_field(obj: Mapping[str, Any], key: str) -> str:
    """``obj[key]`` when it is a string, else "" (a title or source of another type is
    not one: it stays in meta)."""
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def opt_str(value: Any, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise RecordError(f"{what} must be a string, not {type(value).__name__}")


def record_text(value: Any, what: str = "text") -> tuple[str, OffsetMap]:
    """The record's text in stored form, refusing what cannot be a document."""
    if value is None:
        raise RecordError(f"missing {what}")
    if not isinstance(value, str):
        raise RecordError(f"{what} is not a string ({type(value).__name__})")
    stored, omap = stored_text_and_map(value)
    if stored == "":
        raise RecordError(f"{what} is empty")
    return stored, omap


def record_id_of(obj: Any) -> str | None:
    """Best-effort id for naming a bad record in messages."""
    if isinstance(obj, dict):
        for key in ("id", "_id"):
            value = obj.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool):
                return str(value)
        meta = obj.get("meta")
        if isinstance(meta, dict) and isinstance(meta.get("id"), str | int):
            return str(meta["id"])
    return None


def has_lone_surrogate(obj: Any) -> bool:
    """Any string in ``obj`` that cannot be written as UTF-8. Iterative: a value nested
    hundreds of levels deep must not exhaust Python's recursion limit."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


# Deeper than any real record (a Label Studio task is ~8 levels): a value nested deeper
# is refused on import, so nothing stored can break an export's recursion later.
MAX_JSON_DEPTH = 100


def json_depth_exceeds(obj: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``obj`` nests lists/objects more than ``limit`` levels (iterative)."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, dict | list))
    return False


def parse_json(text: str) -> Any:
    """``json.loads`` whose every failure is a RecordError with a reason a person can act
    on: syntax errors, nesting beyond Python's recursion limit or MAX_JSON_DEPTH, and
    integers longer than Python converts (4,300 digits)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise RecordError(f"JSON nested too deeply (at most {MAX_JSON_DEPTH} levels)") from None
    except ValueError as exc:  # int_max_str_digits
        raise RecordError(f"a JSON number has more than {sys.get_int_max_str_digits():,} "
                          f"digits ({str(exc)[:60]})") from None
    check_json_value(value)
    return value


def check_json_value(value: Any) -> None:
    """Refuse a parsed value nested beyond MAX_JSON_DEPTH (RecordError)."""
    if json_depth_exceeds(value):
        raise RecordError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")


# ------------------------------------------------------------------ line readers
def iter_lines(path: Path) -> Iterator[tuple[int, bytes | int]]:
    """(1-based line number, raw bytes without the line end); BOM stripped at file start.

    A line longer than MAX_RECORD_BYTES is skipped without being held in memory and
    comes back as (number, its size in bytes) so the caller can refuse it by line.
    """
    with open(path, "rb") as handle:
        number = 0
        while True:
            line = handle.readline(MAX_RECORD_BYTES + 1)
            if not line:
                return
            number += 1
            if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                size = len(line)
                while True:  # skip the rest of the oversized line
                    rest = handle.readline(1 << 20)
                    size += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield number, size
                continue
            if number == 1 and line.startswith(_BOM_BYTES):
                line = line[len(_BOM_BYTES):]
            yield number, line.rstrip(b"\r\n")


def iter_json_lines(path: Path) -> Iterator[tuple[int, Any] | BadRecord]:
    """Parsed JSON values of a JSONL file, one per non-blank line, or BadRecords."""
    source = str(path)
    seen = False
    for number, raw in iter_lines(path):
        if isinstance(raw, int):
            seen = True
            yield BadRecord(source, number, too_large(raw))
            continue
        if not raw.strip():
            continue
        seen = True
        try:
            line = decode_utf8(raw, "line")  # the BadRecord already names file and line
        except ValueError as exc:
            yield BadRecord(source, number, str(exc))
            continue
        try:
            value = parse_json(line)
        except RecordError as exc:
            yield BadRecord(source, number, str(exc))
            continue
        if _SURROGATE_ESCAPE.search(line) and has_lone_surrogate(value):
            yield BadRecord(source, number, "unpaired UTF-16 surrogate escape (\\udXXX) in JSON",
                            record_id_of(value))
            continue
        yield number, value
    if not seen:
        yield BadRecord(source, 0, "file is empty")


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


def first_json_value(path: Path) -> Any:
    """The first record of a file, for sniffing: the first element of a JSON array,
    else the first JSON line (or first value of a pretty-printed document). Reads
    only as much of the file as that takes. Returns None when nothing parses."""
    item = first_json_item(path)
    return None if isinstance(item, BadRecord) else item


def first_json_item(path: Path) -> Any:
    """Like :func:`first_json_value`, but a file whose first record cannot be read gives
    that record's BadRecord (file, line, reason) so the refusal can say why."""
    with open(path, "rb") as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    first_bad: BadRecord | None = None
    if not head.startswith(b"["):
        for item in iter_json_lines(path):
            if isinstance(item, BadRecord):
                first_bad = item
                break
            return item[1]
    for item in iter_json_array(path):
        if isinstance(item, BadRecord):
            return first_bad or item
        return item[1]
    return first_bad


# ------------------------------------------------------------------ JSON array stream
def iter_json_array(path: Path, chunk_size: int = 1 << 16) -> Iterator[tuple[int, Any] | BadRecord]:
    """Stream the elements of a top-level JSON array (or of a sequence of top-level
    values: one object, JSON lines, or pretty-printed objects one after another).

    Yields (1-based element number, value); a BadRecord ends the stream, because after
    a syntax error there is no reliable place to resume. Memory holds one element at
    a time, so a 200 MB Label Studio export is never loaded whole.
    """
    source = str(path)
    decoder = json.JSONDecoder()
    utf8 = codecs.getincrementaldecoder("utf-8")("strict")
    with open(path, "rb") as handle:
        state = _ArrayState(handle, utf8, chunk_size)
        try:
            state.fill()
            if state.buf.startswith(BOM):
                state.pos = 1
            state.skip_ws()
            if state.at_end():
                yield BadRecord(source, 0, "file is empty")
                return
            single = state.buf[state.pos] != "["
            if not single:
                state.pos += 1
            number = 0
            while True:
                state.skip_ws()
                if state.at_end():
                    if single:
                        return
                    yield BadRecord(source, state.line(), "unexpected end of file: JSON array "
                                    "is not closed with ]")
                    return
                if not single and state.buf[state.pos] == "]":
                    state.pos += 1
                    state.skip_ws()
                    if not state.at_end():
                        yield BadRecord(source, state.line(), "extra data after the JSON array")
                    return
                number += 1
                line = state.line()
                value = state.decode(decoder)
                if isinstance(value, _DecodeFailure):
                    yield BadRecord(source, number, f"invalid JSON (element {number}, line "
                                    f"{line}): {value.message}")
                    return
                try:
                    check_json_value(value)
                    too_deep = None
                except RecordError as exc:
                    too_deep = f"element {number} (line {line}): {exc}"
                if too_deep is not None:
                    yield BadRecord(source, number, too_deep, record_id_of(value))
                elif _SURROGATE_ESCAPE.search(state.buf, 0, state.pos) and has_lone_surrogate(value):
                    yield BadRecord(source, number, "unpaired UTF-16 surrogate escape in JSON",
                                    record_id_of(value))
                else:
                    yield number, value
                state.compact()
                state.skip_ws()
                if single:
                    continue
                if state.at_end():
                    continue  # reported as an unclosed array above
                if state.buf[state.pos] == ",":
                    state.pos += 1
                elif state.buf[state.pos] != "]":
                    yield BadRecord(source, number, f"invalid JSON after element {number} (line "
                                    f"{state.line()}): expected ',' or ']'")
                    return
        except UnicodeDecodeError as exc:
            yield BadRecord(source, state.error_line(exc), f"invalid UTF-8 at byte "
                            f"{state.consumed_bytes + exc.start}")


@dataclass(slots=True)
class _DecodeFailure:
    message: str


@dataclass(slots=True)
class _ArrayState:
    """A growing text window over a byte stream, with line counting."""

    handle: Any
    utf8: Any
    chunk_size: int
    buf: str = ""
    pos: int = 0
    eof: bool = False
    lines_before: int = 0  # newlines in text already dropped from buf
    consumed_bytes: int = 0
    pending: list[bytes] = field(default_factory=list)

    def fill(self, size: int | None = None) -> bool:
        if self.eof:
            return False
        data = self.handle.read(size or self.chunk_size)
        if not data:
            self.eof = True
            self.buf += self.utf8.decode(b"", final=True)
            return False
        self.pending = [data]
        self.buf += self.utf8.decode(data, final=False)
        self.consumed_bytes += len(data)
        self.pending = []
        return True

    def error_line(self, exc: UnicodeDecodeError) -> int:
        data = self.pending[0] if self.pending else b""
        return self.lines_before + self.buf.count("\n") + data[: exc.start].count(b"\n") + 1

    def at_end(self) -> bool:
        while self.pos >= len(self.buf):
            if not self.fill():
                return True
        return False

    def skip_ws(self) -> None:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or not self.fill():
                return

    def line(self) -> int:
        return self.lines_before + self.buf.count("\n", 0, self.pos) + 1

    def compact(self) -> None:
        if self.pos > 0:
            self.lines_before += self.buf.count("\n", 0, self.pos)
            self.buf = self.buf[self.pos:]
            self.pos = 0

    def decode(self, decoder: json.JSONDecoder) -> Any:
        self.compact()
        while True:
            try:
                value, end = decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Grow geometrically so a huge element is re-parsed O(log n) times.
                if self.fill(max(self.chunk_size, len(self.buf))):
                    continue
                return _DecodeFailure(str(exc))
            except RecursionError:
                return _DecodeFailure(f"nested too deeply (at most {MAX_JSON_DEPTH} levels)")
            except ValueError:  # an integer over Python's digit limit
                return _DecodeFailure(f"a number has more than "
                                      f"{sys.get_int_max_str_digits():,} digits")
            if end >= len(self.buf) and not self.eof:
                # A number or literal may continue in the next chunk.
                if self.fill(max(self.chunk_size, len(self.buf))):
                    continue
            self.pos = end
            return value


# ------------------------------------------------------------------ writing
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
        if not (0 <= span.start < span.end <= len(text)) or text[span.start:span.end] != span.text:
            raise FormatError(
                f"document {record.external_id!r}: span {span.start}-{span.end} "
                f"{span.label!r} text {span.text!r} does not match the document text "
                f"{text[max(span.start, 0):max(span.end, 0)]!r}")
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


# ------------------------------------------------------------------ the JSONL format helper
class JsonlFormat(FormatSpec):
    """A JSON-lines format is one function reading an object and one building a line.

    Subclasses give ``parse(obj, source, line, options)`` and ``build(record, options)``
    (``options`` are the reader's or writer's keyword options) plus their policy
    attributes; streaming, bad-line reporting and the checked, stable write form are
    here once.
    """

    extensions = (".jsonl",)

    def parse(self, obj: dict[str, Any], source: str, line: int,
              options: dict[str, Any]) -> InRecord:
        raise NotImplementedError

    def build(self, record: OutRecord, options: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        return read_jsonl(Path(path), lambda obj, source, line: self.parse(obj, source, line,
                                                                             options))

    def write(self, records: Any, target: Path, **options: Any) -> int:
        return write_lines(records, Path(target), lambda record: self.build(record, options))
