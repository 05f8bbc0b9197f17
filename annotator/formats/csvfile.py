"""A CSV corpus: one document per row, with a header row naming the columns.

Options: ``text_column`` (default ``text``), ``id_column``, ``title_column``,
``source_column`` (the outlet, stored as the document's source),
``delimiter`` (default: detected from the header row — ``,``, or ``;`` / tab when the
header has no comma, as spreadsheets in Arabic and European locales write). Every other
column is kept in meta. Quoting is strict: a quoted field that is never closed is an
error naming the line it opens on, never a silent merge of the rest of the file. The file is
streamed: lines are decoded one by one (strict UTF-8, so a bad byte is reported with
its row instead of failing the whole file) and fed to the csv module, which joins
quoted fields that span lines. A record's ``line`` is the physical line its row
starts on. Import only.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.formats.base import MAX_RECORD_BYTES, BadRecord, FormatError, FormatSpec, InRecord
from annotator.textio import encoding_hint, to_stored_text


def _raise_field_limit() -> None:
    """Articles exceed csv's default 128 KiB field limit; allow up to one record's
    maximum size (process-wide), so a runaway field is refused by line, not loaded."""
    csv.field_size_limit(MAX_RECORD_BYTES)


class _Lines:
    """Decoded lines for csv.reader, remembering which ones held invalid UTF-8."""

    def __init__(self, path: Path) -> None:
        self._lines = iter_lines_keepends(path)
        self.bad: dict[int, str] = {}
        self.number = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        self.number, raw = next(self._lines)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.bad[self.number] = f"invalid UTF-8 at byte {exc.start} of line {self.number}"
            return raw.decode("utf-8", errors="replace")


def iter_lines_keepends(path: Path) -> Iterator[tuple[int, bytes]]:
    """Like iter_lines but keeping line ends, which csv needs inside quoted fields."""
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            yield number, line


def sniff_delimiter(path: Path) -> str:
    """``,`` unless the first non-blank line (the header) has no comma but semicolons
    or tabs (outside quotes): then the more frequent of those two."""
    for _number, raw in iter_lines_keepends(path):
        line = raw.decode("utf-8", errors="replace")
        if not line.strip():
            continue
        unquoted = "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)
        counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
        if counts[","] or not (counts[";"] or counts["\t"]):
            return ","
        return ";" if counts[";"] >= counts["\t"] else "\t"
    return ","


def _opt(options: dict[str, Any], key: str, default: str | None = None) -> str | None:
    value = options.get(key)
    return default if value in (None, "") else value


class CsvFormat(FormatSpec):
    name = "csv"
    description = "CSV/TSV corpus, one document per row (--text-column, --id-column, --title-column)"
    extensions = (".csv", ".tsv")
    path_suffixes = (".csv", ".tsv")  # a .tsv of PTC label rows is claimed by ptc first
    sniff_priority = 100
    can_write = False

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        path = Path(path)
        if path.is_dir():
            raise FormatError(f"{path}: is a folder, expected a CSV file")
        text_col = _opt(options, "text_column", "text")
        id_col = _opt(options, "id_column")
        title_col = _opt(options, "title_column")
        source_col = _opt(options, "source_column")
        delimiter = _opt(options, "delimiter") or sniff_delimiter(path)
        if delimiter in ("tab", "\\t"):
            delimiter = "\t"
        if len(delimiter) != 1:
            raise FormatError(f"{path}: the CSV delimiter must be one character, not "
                              f"{delimiter!r}")
        _raise_field_limit()
        source = str(path)
        lines = _Lines(path)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        header: list[str] = []
        while not any(cell.strip() for cell in header):
            try:
                header = next(reader)
            except StopIteration:
                yield BadRecord(source, 0, "file is empty")
                return
        header = [h.strip() for h in header]
        header_line = lines.number
        if lines.bad:
            with open(path, "rb") as handle:
                hint = encoding_hint(handle.read(1 << 16).rsplit(b"\n", 1)[0])
            raise FormatError(f"{path}: header row: {next(iter(lines.bad.values()))}{hint}")
        for wanted, option in ((text_col, "text column"), (id_col, "id column"),
                               (title_col, "title column"), (source_col, "source column")):
            if wanted is not None and wanted not in header:
                shown = {",": "comma", ";": "semicolon", "\t": "tab"}.get(delimiter,
                                                                         repr(delimiter))
                raise FormatError(f"{path}:{header_line}: no {option} {wanted!r}; the header has columns "
                                  f"{', '.join(repr(h) for h in header)} (split at each "
                                  f"{shown}; choose another with --delimiter)")
        yield from self._rows(reader, lines, header, source, text_col, id_col, title_col,
                              source_col)

    def _rows(self, reader: Any, lines: _Lines, header: list[str], source: str, text_col: str,
              id_col: str | None, title_col: str | None,
              source_col: str | None = None) -> Iterator[InRecord | BadRecord]:
        last_line = lines.number
        rows = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                reason = f"CSV error: {exc}"
                if "end of data" in str(exc):
                    reason += (" (a quoted field that starts on this line is never closed "
                               "with a \")")
                yield BadRecord(source, last_line + 1, reason)
                return
            start, last_line = last_line + 1, lines.number
            bad = [lines.bad[n] for n in range(start, last_line + 1) if n in lines.bad]
            if not row or all(not cell.strip() for cell in row):
                continue
            rows += 1
            record_id = row[header.index(id_col)] if id_col and len(row) == len(header) else None
            if bad:
                yield BadRecord(source, start, bad[0], record_id or None)
                continue
            if len(row) != len(header):
                yield BadRecord(source, start, f"row has {len(row)} fields but the header has "
                                f"{len(header)}")
                continue
            values = dict(zip(header, row, strict=True))
            text = to_stored_text(values[text_col])
            if not text.strip():
                yield BadRecord(source, start, f"empty text in column {text_col!r}",
                                record_id or None)
                continue
            title = values[title_col].strip() if title_col else ""
            outlet = " ".join(values[source_col].split()) if source_col else ""
            meta = {k: v for k, v in values.items()
                    if k not in (text_col, id_col, title_col, source_col)}
            yield InRecord(source_file=source, line=start, external_id=record_id or None,
                           text=text, title=title, source=outlet, meta=meta)
        if rows == 0:
            yield BadRecord(source, 0, "file has a header but no rows")


FORMAT = CsvFormat()
