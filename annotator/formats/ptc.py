"""SemEval Propaganda Techniques Corpus style: TSV labels + ``article<ID>.txt`` texts.

Each label row is ``article_id<TAB>technique<TAB>start<TAB>end`` with character
offsets into ``article<ID>.txt``, counted from the first character of the file (the
title line included). A leading ``article`` on the id is tolerated. Offsets are read
as code points of the file as decoded (a BOM or the CR of CRLF counts as a character
there and is mapped away with the rest of the text's normalisation).

Reading a ``.tsv``/``.labels`` file yields the articles it mentions, read from the
same folder (or option ``articles_dir``). Reading a folder yields every
``article*.txt`` in it (articles without rows are documents without spans) with the
rows of every ``*.tsv``/``*.labels`` file in it. Bad rows are BadRecords naming file
and line; the article is still read with its good rows.

Writing: ``target`` is a folder; one ``article<ID>.txt`` per document (the text
exactly: UTF-8, no BOM, LF) and one labels file (``labels.tsv``, option
``labels_file``). The format has no annotator column, so the export pipeline gives
this writer one annotator's records (``annotator export --format ptc`` asks for
``--annotator`` when several labelled); should several records of one document arrive
anyway, their rows are merged (identical rows written once). Ids unsafe in file names
are written with ``_`` in place of the unsafe characters, in both places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.formats._jsonl import checked_spans, iter_lines, stored_text_and_map
from annotator.formats.base import (
    BadRecord,
    FormatError,
    FormatSpec,
    InRecord,
    InSpan,
    OutRecord,
    too_large,
)
from annotator.formats.plaintext import first_line_title
from annotator.text.units import utf16_length

LABEL_SUFFIXES = (".tsv", ".labels")
_UNSAFE = re.compile(r"[^\w.\-]")


@dataclass(slots=True)
class _Row:
    file: Path
    line: int
    technique: str
    start: int
    end: int


def article_id_of(value: str) -> str:
    value = value.strip()
    if value.startswith("article") and len(value) > len("article"):
        value = value[len("article"):]
    return value


def _sort_key(article_id: str) -> tuple[int, int, str]:
    return (0, int(article_id), "") if article_id.isdigit() else (1, 0, article_id)


def _is_header(cells: list[str]) -> bool:
    lowered = [c.strip().lower() for c in cells]
    return any(c in ("start", "begin", "begin_offset", "start_offset") for c in lowered)


def read_rows(file: Path, rows: dict[str, list[_Row]]) -> Iterator[BadRecord]:
    """Collect the rows of one labels file into ``rows``; yield its bad rows."""
    seen = False
    for number, raw in iter_lines(file):
        if isinstance(raw, int):
            seen = True
            yield BadRecord(str(file), number, too_large(raw))
            continue
        if not raw.strip():
            continue
        seen = True
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield BadRecord(str(file), number, f"invalid UTF-8 at byte {exc.start}")
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            yield BadRecord(str(file), number, f"expected 4 tab-separated columns (article_id, "
                            f"technique, start, end), found {len(cells)}")
            continue
        article, technique, start, end = (c.strip() for c in cells)
        try:
            start_i, end_i = int(start), int(end)
        except ValueError:
            if number == 1 and _is_header(cells):
                continue
            yield BadRecord(str(file), number, f"offsets are not integers: {start!r}, {end!r}")
            continue
        if not article or not technique:
            yield BadRecord(str(file), number, "empty article id or technique")
            continue
        rows.setdefault(article_id_of(article), []).append(
            _Row(file, number, technique, start_i, end_i))
    if not seen:
        yield BadRecord(str(file), 0, "file is empty")


def _bad_row(row: _Row, raw: str, article_id: str) -> BadRecord | None:
    """A row whose offsets cannot fit its article however they are counted, reported
    at its own line of the labels file (not at the article file)."""
    if row.start < 0 or row.end <= row.start:
        reason = "end ≤ start" if row.end <= row.start else "negative start"
    else:
        # UTF-16 units are never fewer than code points: past this, no counting fits.
        limit = utf16_length(raw)
        if row.end <= limit:
            return None
        reason = f"end {row.end} is past the end of article{article_id}.txt ({len(raw)} characters)"
    return BadRecord(str(row.file), row.line, f"{row.technique} {row.start}–{row.end}: {reason}",
                     article_id)


def read_articles(article_id: str, folder: Path,
                  rows: list[_Row]) -> Iterator[InRecord | BadRecord]:
    """The article's record with its good rows, after a BadRecord for each row that
    cannot be placed in it at all (named by its labels-file line)."""
    file = folder / f"article{article_id}.txt"
    if rows and file.is_file():
        try:
            raw = file.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raw = None  # reported by read_article
        if raw is not None:
            good = []
            for row in rows:
                bad = _bad_row(row, raw, article_id)
                if bad is None:
                    good.append(row)
                else:
                    yield bad
            rows = good
    yield read_article(article_id, folder, rows)


def read_article(article_id: str, folder: Path, rows: list[_Row]) -> InRecord | BadRecord:
    file = folder / f"article{article_id}.txt"
    if not file.is_file():
        where = rows[0] if rows else None
        return BadRecord(str(where.file) if where else str(folder), where.line if where else 0,
                         f"article file {file.name} not found in {folder}", article_id)
    data = file.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return BadRecord(str(file), line, f"invalid UTF-8 at byte {exc.start}", article_id)
    text, omap = stored_text_and_map(raw)
    if not text.strip():
        return BadRecord(str(file), 0, "file is empty", article_id)
    spans = [InSpan(omap.start(r.start), omap.end(r.end), r.technique) for r in rows]
    return InRecord(source_file=str(file), line=rows[0].line if rows else 1,
                    external_id=article_id, text=text, title=first_line_title(text),
                    source=file.name, spans=spans)


def is_ptc_folder(path: Path) -> bool:
    has_labels = any(p.suffix.lower() in LABEL_SUFFIXES for p in path.iterdir() if p.is_file())
    return has_labels and any(p.is_file() for p in path.glob("article*.txt"))


def _looks_like_label_rows(path: Path) -> bool:
    """A .tsv whose first row (after an optional header) is id, technique, start, end."""
    for number, raw in iter_lines(path):
        if isinstance(raw, int):
            return False
        if not raw.strip():
            continue
        cells = raw.decode("utf-8", errors="replace").split("\t")
        if len(cells) != 4:
            return False
        if number == 1 and _is_header(cells):
            continue
        return all(c.strip().lstrip("-").isdigit() for c in cells[2:])
    return False


def safe_id(external_id: str) -> str:
    safe = _UNSAFE.sub("_", external_id)
    return safe if safe.strip("._") else "_" + safe


class PtcFormat(FormatSpec):
    name = "ptc"
    description = "SemEval PTC: TSV article_id/technique/start/end + article<ID>.txt files"
    extensions = LABEL_SUFFIXES
    sniff_priority = 90  # before csv (.tsv) and txt (folders)
    writes_folder = True
    single_annotator = True
    default_labelset = "persuasion-techniques-23"

    def sniff_path(self, path: Path) -> bool:
        if path.is_dir():
            return is_ptc_folder(path)
        suffix = path.suffix.lower()
        return suffix == ".labels" or (suffix == ".tsv" and _looks_like_label_rows(path))

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        path = Path(path)
        articles_dir = Path(options["articles_dir"]) if options.get("articles_dir") else None
        if path.is_dir():
            label_files = sorted(p for p in path.iterdir()
                                 if p.is_file() and p.suffix.lower() in LABEL_SUFFIXES)
            folder = articles_dir or path
            ids = [p.stem[len("article"):] for p in folder.glob("article*.txt")
                   if p.is_file() and p.stem != "article"]
        else:
            label_files, folder, ids = [path], articles_dir or path.parent, []
        rows: dict[str, list[_Row]] = {}
        for file in label_files:
            yield from read_rows(file, rows)
        wanted = set(ids) | set(rows)
        for article_id in sorted(wanted, key=_sort_key):
            yield from read_articles(article_id, folder, rows.get(article_id, []))

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        target = Path(target)
        target.mkdir(parents=True, exist_ok=True)
        labels_name = options.get("labels_file") or "labels.tsv"
        written: dict[str, tuple[str, str]] = {}  # safe id -> (original id, text)
        rows_seen: set[tuple[str, str, int, int]] = set()
        count = 0
        with open(target / labels_name, "w", encoding="utf-8", newline="") as labels:
            for record in records:
                checked_spans(record)
                article = safe_id(record.external_id)
                previous = written.get(article)
                if previous is None:
                    (target / f"article{article}.txt").write_text(
                        record.text, encoding="utf-8", newline="")
                    written[article] = (record.external_id, record.text)
                elif previous[0] != record.external_id:
                    raise FormatError(f"ids {previous[0]!r} and {record.external_id!r} both "
                                      f"become article{article}.txt")
                elif previous[1] != record.text:
                    raise FormatError(f"document {record.external_id!r} appears twice with "
                                      "different texts")
                for span in record.spans:
                    if "\t" in span.label or "\n" in span.label:
                        raise FormatError(f"label {span.label!r} cannot be written to TSV")
                    key = (article, span.label, span.start, span.end)
                    if key in rows_seen:
                        continue
                    rows_seen.add(key)
                    labels.write(f"{article}\t{span.label}\t{span.start}\t{span.end}\n")
                    count += 1
        return count


FORMAT = PtcFormat()
