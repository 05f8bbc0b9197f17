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

Writing: ``target`` is a folder; one ``article<ID>.txt`` per document and one labels
file (``labels.tsv``, option ``labels_file``). An imported article is written back as
its file was (BOM, CRLF line ends) and its rows as the gold had them — offsets counted
in that file, duplicates kept, in the gold's order across articles — so the official
scorer accepts the export against the original gold (annotator.formats._ptc_export);
other articles are UTF-8 without BOM, LF. The format has no annotator column, so the
export pipeline gives this writer one annotator's records (``annotator export --format
ptc`` asks for ``--annotator`` when several labelled); should several records of one
document arrive anyway, their rows are merged (identical rows written once). Ids unsafe
in file names are written with ``_`` in place of the unsafe characters, in both places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.formats._json_read import iter_lines
from annotator.formats._json_write import checked_spans
from annotator.formats._newlines import RawLayout, stored_text_and_map
from annotator.formats._ptc_export import (
    BOM_KEY,
    LINE_ENDS_KEY,
    ROWS_KEY,
    ArticleRows,
    article_sort_key,
    ordered_rows,
)
from annotator.formats._ptc_layout import (
    LABEL_SUFFIXES,
    ArticleIndex,
    article_folders,
    is_header,
    label_files,
    looks_like_label_rows,
    span_only,
    span_only_warning,
)
from annotator.formats.base import (
    MAX_RECORD_BYTES,
    BadRecord,
    FormatError,
    FormatSpec,
    InRecord,
    InSpan,
    OutRecord,
    too_large,
)
from annotator.formats.plaintext import first_line_title

_UNSAFE = re.compile(r"[^\w.\-]")
_NAMED_LABELS = re.compile(r"article([\w\-]+)\..*labels$", re.IGNORECASE)
_SAFE_ID = re.compile(r"(?!\.\.?$)[\w.\-]+")  # no separator, never "." or ".."


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
        value = value[len("article") :]
    return value


def read_rows(file: Path, rows: dict[str, list[_Row]]) -> Iterator[BadRecord]:
    """Collect the rows of one labels file into ``rows``; yield its bad rows. An empty
    labels file is an article without techniques (14 of SemEval-2020's train set)."""
    for number, raw in iter_lines(file):
        if isinstance(raw, int):
            yield BadRecord(str(file), number, too_large(raw))
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield BadRecord(str(file), number, f"invalid UTF-8 at byte {exc.start}")
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            yield BadRecord(
                str(file),
                number,
                f"expected 4 tab-separated columns (article_id, "
                f"technique, start, end), found {len(cells)}",
            )
            continue
        article, technique, start, end = (c.strip() for c in cells)
        try:
            start_i, end_i = int(start), int(end)
        except ValueError:
            if number == 1 and is_header(cells):
                continue
            yield BadRecord(str(file), number, f"offsets are not integers: {start!r}, {end!r}")
            continue
        if not article or not technique:
            yield BadRecord(str(file), number, "empty article id or technique")
            continue
        article_id = article_id_of(article)
        if not _SAFE_ID.fullmatch(article_id):
            yield BadRecord(
                str(file),
                number,
                f"article id {article!r} is not a plain name: "
                "it would read a file outside the labels' folder",
                article,
            )
            continue
        rows.setdefault(article_id, []).append(_Row(file, number, technique, start_i, end_i))


def _bad_row(row: _Row, length: int, utf16_length: int, article_id: str) -> BadRecord | None:
    """A row whose offsets cannot fit its article however they are counted, reported
    at its own line of the labels file (not at the article file)."""
    if row.start < 0 or row.end <= row.start:
        reason = "end ≤ start" if row.end <= row.start else "negative start"
    elif row.end <= utf16_length:  # UTF-16 units are never fewer than code points
        return None
    else:
        reason = f"end {row.end} is past the end of article{article_id}.txt ({length} characters)"
    return BadRecord(
        str(row.file), row.line, f"{row.technique} {row.start}–{row.end}: {reason}", article_id
    )


def read_articles(
    article_id: str, folder: Path, rows: list[_Row]
) -> Iterator[InRecord | BadRecord]:
    """The article's record with its good rows, after a BadRecord for each row that
    cannot be placed in it at all (named by its labels-file line). Linear in the
    article's size plus its rows."""
    record = read_article(article_id, folder, rows)
    if isinstance(record, BadRecord) or not rows:
        yield record
        return
    raw_length = record.meta.pop(_RAW_LENGTH)
    u16_length = record.meta.pop(_RAW_UTF16_LENGTH)
    good = []
    for row, span in zip(rows, record.spans, strict=True):
        bad = _bad_row(row, raw_length, u16_length, article_id)
        if bad is None:
            good.append(span)
        else:
            yield bad
    record.spans = good
    yield record


_RAW_LENGTH = "\x00raw_length"  # passed from read_article to read_articles only
_RAW_UTF16_LENGTH = "\x00raw_utf16_length"


def read_article(article_id: str, folder: Path, rows: list[_Row]) -> InRecord | BadRecord:
    file = folder / f"article{article_id}.txt"
    try:
        found = file.is_file()
    except OSError as exc:  # e.g. a 5,000-digit id: the file name is too long to exist
        found, reason = False, f" ({exc.strerror})"
    else:
        reason = ""
    if not found:
        where = rows[0] if rows else None
        shown = file.name if len(file.name) <= 80 else f"{file.name[:60]}…"
        return BadRecord(
            str(where.file) if where else str(folder),
            where.line if where else 0,
            f"article file {shown} not found in {folder}{reason}",
            article_id,
        )
    size = file.stat().st_size
    if size > MAX_RECORD_BYTES:
        where = rows[0] if rows else None
        return BadRecord(
            str(where.file) if where else str(file),
            where.line if where else 1,
            f"{file.name}: {too_large(size)}",
            article_id,
        )
    data = file.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return BadRecord(str(file), line, f"invalid UTF-8 at byte {exc.start}", article_id)
    text, omap = stored_text_and_map(raw)
    if not text.strip():
        return BadRecord(str(file), 0, "file is empty", article_id)
    spans = [
        InSpan(omap.start(r.start), omap.end(r.end), r.technique, place=(str(r.file), r.line))
        for r in rows
    ]
    meta: dict[str, Any] = {}
    layout = RawLayout.of_raw(raw)
    if layout.bom:
        meta[BOM_KEY] = True
    line_ends = layout.line_ends_meta(text)
    if line_ends is not None:
        meta[LINE_ENDS_KEY] = line_ends
    if rows:
        # every row as read, with its place, so an export gives back the gold row for
        # row and in order (annotator.formats._ptc_export)
        meta[ROWS_KEY] = [[r.technique, r.start, r.end, r.file.name, r.line] for r in rows]
        meta[_RAW_LENGTH] = len(raw)
        meta[_RAW_UTF16_LENGTH] = len(raw.encode("utf-16-le", "surrogatepass")) // 2
    first = rows[0] if rows else None
    return InRecord(
        source_file=str(first.file) if first else str(file),
        line=first.line if first else 0,
        external_id=article_id,
        text=text,
        title=first_line_title(text),
        source=file.name,
        meta=meta,
        spans=spans,
    )


def is_ptc_folder(path: Path) -> bool:
    """Labels files and articles, beside each other or in subfolders (the data set as
    downloaded), or a labels-only folder whose articles are in a sibling folder."""
    if not label_files(path):
        return False
    return bool(article_folders(path) or article_folders(path.parent))


def _article_index(base: Path, articles_dir: Path | None) -> ArticleIndex:
    """Article folders at ``base`` (itself or its subfolders), else beside it."""
    if articles_dir is not None:
        return ArticleIndex.of([articles_dir])
    return ArticleIndex.of(article_folders(base) or article_folders(base.parent))


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
        return suffix == ".labels" or (suffix == ".tsv" and looks_like_label_rows(path))

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        path = Path(path)
        articles_dir = Path(options["articles_dir"]) if options.get("articles_dir") else None
        skipped: list[Path] = []
        if path.is_dir():
            files, skipped = span_only(label_files(path))
            index = _article_index(path, articles_dir)
            ids = list(index.where)
            default = path
        else:
            files, default = [path], path.parent
            index = _article_index(path.parent, articles_dir)
            # SemEval names a labels file after its article: an empty one is that article
            # without techniques
            named = _NAMED_LABELS.match(path.name)
            ids = [named.group(1)] if named else []
        rows: dict[str, list[_Row]] = {}
        for file in files:
            yield from read_rows(file, rows)
        wanted = set(ids) | set(rows)
        for article_id in sorted(wanted, key=article_sort_key):
            got = rows.get(article_id, [])
            place = (str(got[0].file), got[0].line) if got else (str(path), 0)
            twice = index.duplicate(article_id, *place)
            if twice is not None:
                yield twice
                continue
            for item in read_articles(article_id, index.folder_of(article_id, default), got):
                if skipped and isinstance(item, InRecord):
                    item.warnings.append(span_only_warning(skipped))
                    skipped = []
                yield item

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        """Article files as they were read (BOM, line ends) and one labels file whose
        rows are in the gold's order (see annotator.formats._ptc_export). Rows are
        gathered before writing — they are small; each article's text is let go as
        soon as its records are done."""
        target = Path(target)
        target.mkdir(parents=True, exist_ok=True)
        labels_name = options.get("labels_file") or "labels.tsv"
        unit = options.get("offsets") or self.offset_unit
        written: dict[str, tuple[str, str]] = {}  # safe id -> (original id, text)
        done: list[tuple[str, list[Any]]] = []
        current: ArticleRows | None = None
        for record in records:
            checked_spans(record)
            for span in record.spans:
                if "\t" in span.label or "\n" in span.label:
                    raise FormatError(f"label {span.label!r} cannot be written to TSV")
            article = safe_id(record.external_id)
            previous = written.get(article)
            if previous is None:
                if current is not None:
                    done.append((current.article, current.rows(unit)))
                current = ArticleRows(article, record)
                raw = current.layout().raw_text(record.text)
                (target / f"article{article}.txt").write_text(raw, encoding="utf-8", newline="")
                written[article] = (record.external_id, record.text)
            elif previous[0] != record.external_id:
                raise FormatError(
                    f"ids {previous[0]!r} and {record.external_id!r} both "
                    f"become article{article}.txt"
                )
            elif previous[1] != record.text:
                raise FormatError(
                    f"document {record.external_id!r} appears twice with different texts"
                )
            elif current is None or current.article != article:
                raise FormatError(
                    f"document {record.external_id!r} arrives twice, apart "
                    "(an export gives each document's records together)"
                )
            current.add(record)  # several annotators' records of a document merge
        if current is not None:
            done.append((current.article, current.rows(unit)))
        rows = ordered_rows(done)
        with open(target / labels_name, "w", encoding="utf-8", newline="") as labels:
            labels.writelines(f"{a}\t{label}\t{s}\t{e}\n" for a, label, s, e in rows)
        return len(rows)


FORMAT = PtcFormat()
