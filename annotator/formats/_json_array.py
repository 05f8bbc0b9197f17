"""Streaming the elements of a JSON array file (Label Studio, mapped JSON exports).

Such files are one JSON document that can be hundreds of megabytes; elements are
decoded one at a time from a growing text window so memory holds one element, and
line numbers are still known for every refusal. Also the sniffing read of a file's
first record, which must look at no more of the file than it needs.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.formats._fields import RecordError, record_id_of
from annotator.formats._json_read import (
    MAX_JSON_DEPTH,
    SURROGATE_ESCAPE,
    check_json_value,
    has_lone_surrogate,
    iter_json_lines,
)
from annotator.formats.base import MAX_RECORD_BYTES, BadRecord, too_large
from annotator.textio import BOM


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


def leading_json_items(path: Path, limit: int) -> Iterator[Any]:
    """The first ``limit`` records of a JSON lines file or JSON array, for detection;
    stops quietly at the first record that cannot be read (reading reports it)."""
    with open(path, "rb") as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    items = iter_json_array(path) if head.startswith(b"[") else iter_json_lines(path)
    for count, item in enumerate(items):
        if count >= limit or isinstance(item, BadRecord):
            return
        yield item[1]


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
                    yield BadRecord(
                        source,
                        state.line(),
                        "unexpected end of file: JSON array is not closed with ]",
                    )
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
                    what = "element" if value.limit else "invalid JSON (element"
                    close = "" if value.limit else ")"
                    yield BadRecord(
                        source, number, f"{what} {number}, line {line}{close}: {value.message}"
                    )
                    return
                try:
                    check_json_value(value)
                    too_deep = None
                except RecordError as exc:
                    too_deep = f"element {number} (line {line}): {exc}"
                if too_deep is not None:
                    yield BadRecord(source, number, too_deep, record_id_of(value))
                elif SURROGATE_ESCAPE.search(state.buf, 0, state.pos) and has_lone_surrogate(value):
                    yield BadRecord(
                        source,
                        number,
                        "unpaired UTF-16 surrogate escape in JSON",
                        record_id_of(value),
                    )
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
                    yield BadRecord(
                        source,
                        number,
                        f"invalid JSON after element {number} (line "
                        f"{state.line()}): expected ',' or ']'",
                    )
                    return
        except UnicodeDecodeError as exc:
            yield BadRecord(
                source,
                state.error_line(exc),
                f"invalid UTF-8 at byte {state.consumed_bytes + exc.start}",
            )


@dataclass(slots=True)
class _DecodeFailure:
    message: str
    limit: bool = False  # not invalid JSON: an element over MAX_RECORD_BYTES


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
            self.buf = self.buf[self.pos :]
            self.pos = 0

    def decode(self, decoder: json.JSONDecoder) -> Any:
        self.compact()
        while True:
            try:
                value, end = decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.pos > MAX_RECORD_BYTES:
                    # characters never outnumber UTF-8 bytes: the element is too large
                    # (a runaway file), refused before it fills memory
                    return _DecodeFailure(too_large(MAX_RECORD_BYTES), limit=True)
                # Grow geometrically so a huge element is re-parsed O(log n) times.
                if self.fill(max(self.chunk_size, len(self.buf))):
                    continue
                return _DecodeFailure(str(exc))
            except RecursionError:
                return _DecodeFailure(f"nested too deeply (at most {MAX_JSON_DEPTH} levels)")
            except ValueError:  # an integer over Python's digit limit
                return _DecodeFailure(
                    f"a number has more than {sys.get_int_max_str_digits():,} digits"
                )
            if end >= len(self.buf) and not self.eof:
                # A number or literal may continue in the next chunk.
                if self.fill(max(self.chunk_size, len(self.buf))):
                    continue
            self.pos = end
            return value
