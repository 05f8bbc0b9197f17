"""Split CSV/TSV text into records the way spreadsheet programs do, never stopping.

Python's ``csv`` module (strict or not) mishandles what news and tweet exports are full
of: a field that *starts* with a quote without being a quoted field
(``"ده مش معتقل".. جدل``). Strict mode stops the file there; lenient mode swallows the
following lines into one field. Spreadsheet programs read such a field literally, and
so does this splitter:

* a field that starts with ``"`` and whose closing ``"`` is followed by the delimiter or
  the line end is a quoted field (``""`` inside is one quote; it may span lines);
* a field that starts with ``"`` but whose quote closes before other text, or never
  closes, is read literally, quotes included, up to the next delimiter on its line;
* any other field is read literally up to the next delimiter.

Lines end at LF, CRLF or a lone CR (old Mac exports; Python's csv refuses those). Each
record comes with the physical line it starts on; a quoted field may run at most
``MAX_FIELD_LINES`` lines, so an unbalanced quote costs a bounded look-ahead instead of
the rest of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_FIELD_LINES = 5000
_LONE_CR = re.compile(rb"\r(?!\n)")
_EOL = ("\r\n", "\n", "\r")


@dataclass(slots=True)
class Line:
    number: int
    text: str  # with its line end
    bad_utf8: str | None = None  # why the line was not valid UTF-8 (decoded with U+FFFD)


def split_lines(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Byte lines (with their ends) from LF-split input, splitting lone CRs too."""
    for raw in chunks:
        if b"\r" in raw and _LONE_CR.search(raw):
            parts = _LONE_CR.split(raw)
            for part in parts[:-1]:
                yield part + b"\r"
            if parts[-1]:
                yield parts[-1]
        else:
            yield raw


def _strip_eol(text: str) -> str:
    for end in _EOL:
        if text.endswith(end):
            return text[: -len(end)]
    return text


class Splitter:
    """Records of a stream of :class:`Line` objects."""

    def __init__(self, lines: Iterator[Line], delimiter: str) -> None:
        self._lines = lines
        self._back: list[Line] = []
        self.delimiter = delimiter
        self.lines_read = 0

    def _next(self) -> Line | None:
        if self._back:
            return self._back.pop()
        line = next(self._lines, None)
        if line is not None:
            self.lines_read = max(self.lines_read, line.number)
        return line

    def records(self) -> Iterator[tuple[Line, list[str], list[Line]]]:
        """(first line, fields, every line the record took)."""
        while (first := self._next()) is not None:
            fields, used = self._record(first)
            yield first, fields, used

    def _record(self, first: Line) -> tuple[list[str], list[Line]]:
        d = self.delimiter
        fields: list[str] = []
        line = _strip_eol(first.text)
        used = [first]
        i = 0
        while True:
            if line.startswith('"', i):
                quoted = self._quoted(line, i, used)
                if quoted is not None:
                    value, line, i = quoted
                    fields.append(value)
                    if i >= len(line):
                        return fields, used
                    i += 1  # the delimiter
                    continue
            end = line.find(d, i)
            if end < 0:
                fields.append(line[i:])
                return fields, used
            fields.append(line[i:end])
            i = end + 1

    def _quoted(self, line: str, i: int, used: list[Line]) -> tuple[str, str, int] | None:
        """A properly quoted field at ``line[i]``: (value, the line it ends on, index after
        its closing quote), or None to read the field literally. Lines taken for a field
        that turns out not to close properly are given back."""
        d = self.delimiter
        parts: list[str] = []
        j = i + 1
        taken: list[Line] = []
        current = line
        while True:
            k = current.find('"', j)
            if k < 0:
                if len(taken) >= MAX_FIELD_LINES:
                    break
                nxt = self._next()
                if nxt is None:
                    break
                taken.append(nxt)
                parts.append(current[j:] + "\n")
                current, j = _strip_eol(nxt.text), 0
                continue
            if current.startswith('"', k + 1):
                parts.append(current[j : k + 1])
                j = k + 2
                continue
            if k + 1 == len(current) or current.startswith(d, k + 1):
                parts.append(current[j:k])
                used.extend(taken)
                return "".join(parts), current, k + 1
            break  # text right after the closing quote: not a quoted field
        self._back.extend(reversed(taken))
        return None
