"""A CSV or TSV corpus: one document per row, with a header row naming the columns.

Options: ``text_column`` (default ``text``), ``id_column``, ``title_column``,
``source_column`` (the outlet, stored as the document's source),
``delimiter`` (default: detected from the header row — ``,``, or ``;`` / tab when the
header has no comma, as spreadsheets in Arabic and European locales write). Every other
column is kept in meta. Records are split as spreadsheet programs split them
(:mod:`annotator.formats._csvsplit`): a field that starts with a quote without being a
quoted field is read literally, and a record with the wrong number of fields is
reported by its line while reading goes on. The file is streamed: lines are decoded
one by one (strict UTF-8, so a bad byte is reported with its row). A record's ``line``
is the physical line its row starts on; the reader tells the pipeline how many lines
the file had (``on_rows``), so the summary can set records against rows. Import only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.formats._csvsplit import Line, Splitter, split_lines
from annotator.formats.base import (
    MAX_RECORD_BYTES,
    BadRecord,
    FormatError,
    FormatSpec,
    InRecord,
    too_large,
)
from annotator.textio import encoding_hint, to_stored_text


def iter_lines_keepends(path: Path) -> Iterator[tuple[int, bytes]]:
    """Byte lines with their ends (LF, CRLF or a lone CR), BOM stripped, numbered."""
    with open(path, "rb") as handle:
        for number, line in enumerate(split_lines(iter(handle)), 1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            yield number, line


def decoded_lines(path: Path) -> Iterator[Line]:
    for number, raw in iter_lines_keepends(path):
        if len(raw) > MAX_RECORD_BYTES:
            yield Line(number, "", too_large(len(raw)))
            continue
        try:
            yield Line(number, raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield Line(
                number,
                raw.decode("utf-8", errors="replace"),
                f"invalid UTF-8 at byte {exc.start} of line {number}",
            )


def sniff_delimiter(path: Path) -> str:
    """``,`` unless the first non-blank line (the header) has no comma but semicolons
    or tabs (outside quotes): then the more frequent of those two."""
    for _number, raw in iter_lines_keepends(path):
        line = raw.decode("utf-8", errors="replace")
        if not line.strip():
            continue
        unquoted = (
            line
            if '"' not in line
            else "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)
        )
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
    description = (
        "CSV/TSV corpus, one document per row (--text-column, --id-column, --title-column)"
    )
    extensions = (".csv", ".tsv")
    path_suffixes = (".csv", ".tsv")  # a .tsv of PTC label rows is claimed by ptc first
    sniff_priority = 100
    can_write = False
    has_spans = False

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
            raise FormatError(f"{path}: the CSV delimiter must be one character, not {delimiter!r}")
        source = str(path)
        splitter = Splitter(decoded_lines(path), delimiter)
        records = splitter.records()
        header: list[str] = []
        header_line: Line | None = None
        for first, fields, used in records:
            if any(cell.strip() for cell in fields):
                header, header_line = [h.strip() for h in fields], first
                bad = next((ln.bad_utf8 for ln in used if ln.bad_utf8), None)
                if bad is not None:
                    with open(path, "rb") as handle:
                        hint = encoding_hint(handle.read(1 << 16).rsplit(b"\n", 1)[0])
                    raise FormatError(f"{path}:{first.number}: header row: {bad}{hint}")
                break
        if header_line is None:
            yield BadRecord(source, 0, "file is empty")
            return
        chosen: list[str | None] = []
        for wanted, option in (
            (text_col, "text column"),
            (id_col, "id column"),
            (title_col, "title column"),
            (source_col, "source column"),
        ):
            found = _column(header, wanted)
            if wanted is not None and found is None:
                shown = {",": "comma", ";": "semicolon", "\t": "tab"}.get(
                    delimiter, repr(delimiter)
                )
                flag = "--" + option.replace(" ", "-")
                raise FormatError(
                    f"{path}:{header_line.number}: no {option} {wanted!r}; the "
                    f"header has columns {', '.join(repr(h) for h in header)} "
                    f"(split at each {shown}; choose the column with {flag}, "
                    "the separator with --delimiter)"
                )
            chosen.append(found)
        text_name, id_name, title_name, source_name = chosen
        columns = _Columns(header, text_name or "text", id_name, title_name, source_name)
        rows = 0
        for first, fields, used in records:
            if all(not cell.strip() for cell in fields):
                continue
            rows += 1
            yield columns.record(source, first, fields, used)
        on_rows = options.get("on_rows")
        if on_rows is not None:
            on_rows(splitter.lines_read - header_line.number)
        if rows == 0:
            yield BadRecord(source, 0, "file has a header but no rows")


def _column(header: list[str], wanted: str | None) -> str | None:
    """The header cell naming ``wanted``: exactly, else the one cell equal to it but for
    case (FIGNEWS 2024 names its columns "ID" and "Text"); None when absent or when
    several cells differ from it only in case."""
    if wanted is None or wanted in header:
        return wanted
    folded = [h for h in header if h.casefold() == wanted.casefold()]
    return folded[0] if len(folded) == 1 else None


@dataclass(frozen=True, slots=True)
class _Columns:
    header: list[str]
    text: str
    id: str | None
    title: str | None
    source: str | None

    def record(
        self, source: str, first: Line, row: list[str], used: list[Line]
    ) -> InRecord | BadRecord:
        header = self.header
        record_id = row[header.index(self.id)] if self.id and len(row) == len(header) else None
        bad = next((ln.bad_utf8 for ln in used if ln.bad_utf8), None)
        if bad is not None:
            return BadRecord(source, first.number, bad, record_id or None)
        if len(row) != len(header):
            return BadRecord(
                source,
                first.number,
                f"row has {len(row)} fields but the header "
                f"has {len(header)} (record skipped; reading goes on)",
            )
        values = dict(zip(header, row, strict=True))
        text = to_stored_text(values[self.text])
        if not text.strip():
            return BadRecord(
                source, first.number, f"empty text in column {self.text!r}", record_id or None
            )
        title = values[self.title].strip() if self.title else ""
        outlet = " ".join(values[self.source].split()) if self.source else ""
        meta = {
            k: v
            for k, v in values.items()
            if k not in (self.text, self.id, self.title, self.source)
        }
        return InRecord(
            source_file=source,
            line=first.number,
            external_id=record_id or None,
            text=text,
            title=title,
            source=outlet,
            meta=meta,
        )


FORMAT = CsvFormat()
