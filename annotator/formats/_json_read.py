"""Bounded JSON reading: one value or one JSON line at a time, every failure a reason.

Imported files come from anywhere: a line may be hundreds of megabytes, nested
thousands of levels, hold a number of 10,000 digits or an unpaired surrogate escape
that can never be written back as UTF-8. These readers turn each of those into a
RecordError or BadRecord naming the line instead of a traceback, a hang or a value
that breaks an export later.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.formats._fields import RecordError, record_id_of
from annotator.formats.base import MAX_RECORD_BYTES, BadRecord, too_large
from annotator.textio import decode_utf8

_BOM_BYTES = codecs.BOM_UTF8
# json.loads turns "\ud83d" (without its pair) into a lone surrogate that cannot be
# encoded as UTF-8 later; only lines with such an escape need the deep check.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]|\\u[dD][c-fC-F]")


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
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
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
        raise RecordError(
            f"a JSON number has more than {sys.get_int_max_str_digits():,} digits ({str(exc)[:60]})"
        ) from None
    # Each level of nesting opens with its own "{" or "[": a text with no more of them
    # than the limit cannot nest deeper, so the walk over the value (as long as the
    # parse itself for a typical record) runs only for the rare text that could.
    if text.count("{") + text.count("[") > MAX_JSON_DEPTH:
        check_json_value(value)
    return value


def check_json_value(value: Any) -> None:
    """Refuse a parsed value nested beyond MAX_JSON_DEPTH (RecordError)."""
    if json_depth_exceeds(value):
        raise RecordError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")


_READ_BUFFER = 1 << 20


def iter_lines(path: Path) -> Iterator[tuple[int, bytes | int]]:
    """(1-based line number, raw bytes without the line end); BOM stripped at file start.

    A line longer than MAX_RECORD_BYTES is skipped without being held in memory and
    comes back as (number, its size in bytes) so the caller can refuse it by line.
    """
    # A 1 MB buffer: with the default 8 KB one, every line longer than the buffer (a
    # 5 KB Arabic article is ~10 KB of UTF-8) is pieced together from several refills,
    # which made reading them about five times slower (measured on 5,000 articles).
    with open(path, "rb", buffering=_READ_BUFFER) as handle:
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
                line = line[len(_BOM_BYTES) :]
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
        if SURROGATE_ESCAPE.search(line) and has_lone_surrogate(value):
            yield BadRecord(
                source,
                number,
                "unpaired UTF-16 surrogate escape (\\udXXX) in JSON",
                record_id_of(value),
            )
            continue
        yield number, value
    if not seen:
        yield BadRecord(source, 0, "file is empty")
