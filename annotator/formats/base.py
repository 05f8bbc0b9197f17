"""What every importer yields and every exporter consumes.

A format module turns a file into :class:`InRecord` objects (or :class:`BadRecord`
for a line it could not read) and turns :class:`OutRecord` objects into a file.
It never touches the database; the import/export pipeline does that.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from annotator.errors import AnnotatorError


@dataclass(slots=True)
class InSpan:
    """A span as read from a file. ``text`` is the span's own copy when the format has one."""

    start: int
    end: int
    label: str
    text: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    annotator: str | None = None  # formats that name the annotator per span


@dataclass(slots=True)
class InRecord:
    """One document (optionally with one annotator's spans) as read from a file.

    ``text`` is already the stored form: BOM removed, CRLF/CR turned into LF.
    """

    source_file: str
    line: int  # 1-based line (or record number for whole-file JSON / CSV row)
    external_id: str | None
    text: str
    title: str = ""
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    annotator: str | None = None
    status: str | None = None
    labelset: str | None = None
    labelset_version: str | None = None
    spans: list[InSpan] = field(default_factory=list)
    doc_labels: list[str] = field(default_factory=list)
    offsets_have_text: bool = False  # the format carries span text (enables realignment)


@dataclass(slots=True)
class BadRecord:
    """A record that could not be read at all (invalid JSON, missing text, bad UTF-8…)."""

    source_file: str
    line: int
    reason: str
    record_id: str | None = None

    def __str__(self) -> str:
        rid = f" (id {self.record_id})" if self.record_id else ""
        return f"{self.source_file}:{self.line}{rid}: {self.reason}"


class OutSpan(NamedTuple):
    """A span to write. A NamedTuple rather than a frozen dataclass: exports build
    hundreds of thousands of them, and a tuple is several times cheaper to create."""

    start: int
    end: int
    label: str
    text: str
    attributes: dict[str, Any] = {}  # noqa: RUF012 - never mutated; writers copy it
    note: str = ""


@dataclass(frozen=True, slots=True)
class OutRecord:
    """One (document, annotator, label set) group to write. ``annotator`` is None for
    documents exported with ``--all-docs`` that nobody labelled."""

    external_id: str
    text: str
    title: str
    source: str
    meta: dict[str, Any]
    annotator: str | None
    status: str | None
    labelset: str | None
    labelset_version: str | None
    spans: tuple[OutSpan, ...]
    doc_labels: tuple[str, ...] = ()


# One record (a line of JSONL, a .txt file, a CSV row) may be at most this large. News
# articles are kilobytes; a record of hundreds of megabytes is a broken file (a JSON
# array saved on one line, a binary dump), refused with its line instead of exhausting
# memory.
MAX_RECORD_BYTES = 64 * 1024 * 1024


def too_large(size: int) -> str:
    return (f"record is {size / 1e6:.0f} MB or more; one record may be at most "
            f"{MAX_RECORD_BYTES // (1024 * 1024)} MB")


class FormatError(AnnotatorError):
    """The file as a whole cannot be read or written in this format."""


class Format(Protocol):
    """A module-level object describing one interchange format (see registry)."""

    name: str
    description: str
    extensions: tuple[str, ...]

    def sniff(self, first: Any) -> bool:
        """Given the first parsed JSON object (or None for non-JSON input), is it ours?"""

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        ...

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        """Write records; returns the number of spans written."""
