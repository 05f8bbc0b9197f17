"""Plain ``.txt`` files: one file is one document; a folder is every ``*.txt`` in it.

The id is the file's path relative to the folder without ``.txt`` (just the stem for
a single file), so nested folders cannot collide. The title is the first non-blank
line, as news articles are usually saved; the text stays the whole file. Hidden
files and folders (``.name``) are skipped. With ``source_from_folder`` a document's
source (outlet) is the name of the folder holding its file (``corpus/aljazeera/1.txt``
→ ``aljazeera``). Import only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.formats.base import (
    MAX_RECORD_BYTES,
    BadRecord,
    FormatError,
    FormatSpec,
    InRecord,
    too_large,
)
from annotator.textio import encoding_hint, is_utf8_name, printable_path, to_stored_text

TITLE_MAX = 300  # a first "line" can be a whole paragraph; keep titles short


def first_line_title(text: str) -> str:
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line[:TITLE_MAX]
    return ""


def read_text_file(path: Path) -> tuple[str, None] | tuple[None, BadRecord]:
    """Whole-file text in stored form, or a BadRecord naming the line of bad UTF-8."""
    size = path.stat().st_size
    if size > MAX_RECORD_BYTES:
        return None, BadRecord(str(path), 1, too_large(size))
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, BadRecord(
            str(path), line, f"invalid UTF-8 at byte {exc.start} (line {line}){encoding_hint(data)}"
        )
    text = to_stored_text(raw)
    if not text.strip():
        return None, BadRecord(str(path), 0, "file is empty")
    return text, None


def txt_files(folder: Path) -> list[Path]:
    found = []
    for path in folder.rglob("*.txt"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


class PlainTextFormat(FormatSpec):
    name = "txt"
    description = "plain text: a .txt file or a folder of .txt files (one document each)"
    extensions = (".txt",)
    path_suffixes = (".txt",)
    sniff_priority = 100  # a folder that no other format claims
    can_write = False
    has_spans = False

    def sniff_path(self, path: Path) -> bool:
        return path.is_dir() or super().sniff_path(path)

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        path = Path(path)
        if path.is_dir():
            files = txt_files(path)
            if not files:
                raise FormatError(f"{path}: folder holds no .txt files")
            pairs = [(f, f.relative_to(path).with_suffix("").as_posix()) for f in files]
        else:
            pairs = [(path, path.stem)]
        for file, ext_id in pairs:
            if not is_utf8_name(str(file)):
                yield BadRecord(
                    printable_path(file), 0, "file name is not valid UTF-8; rename the file"
                )
                continue
            text, bad = read_text_file(file)
            if bad is not None:
                yield bad
                continue
            assert text is not None
            # The source is the outlet (statistics group by it): a folder per outlet with
            # ``source_from_folder``, else unknown — a file name is not an outlet.
            outlet = file.resolve().parent.name if options.get("source_from_folder") else ""
            yield InRecord(
                source_file=str(file),
                line=1,
                external_id=ext_id,
                text=text,
                title=first_line_title(text),
                source=outlet,
            )


FORMAT = PlainTextFormat()
