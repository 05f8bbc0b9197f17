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
from annotator.text.units import OFFSET_UNITS as OFFSET_UNITS


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
    # (file, line) of the span's own row when it is not the record's (PTC label rows)
    place: tuple[str, int] | None = None


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
    # what the reader took but could not fully understand (an unmapped user id…): the
    # import reports each as a warning at this record's place
    warnings: list[str] = field(default_factory=list)


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
    return (
        f"record is {size / 1e6:.0f} MB or more; one record may be at most "
        f"{MAX_RECORD_BYTES // (1024 * 1024)} MB"
    )


class FormatError(AnnotatorError):
    """The file as a whole cannot be read or written in this format."""


class Format(Protocol):
    """A module-level object describing one interchange format (see registry)."""

    name: str
    description: str
    extensions: tuple[str, ...]

    def sniff(self, first: Any) -> bool:
        """Given the first parsed JSON object (or None for non-JSON input), is it ours?"""

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]: ...

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        """Write records; returns the number of spans written."""


class FormatSpec:
    """What a format is, declared once on its object: the one place for format policy.

    The import and export pipelines, the registry's detection and the dialogs ask these
    attributes instead of keeping their own lists of format names, so a format's rules
    cannot disagree between importing and exporting. Subclasses set the class
    attributes they differ in and implement ``read`` (and ``write`` unless import-only).
    """

    name: str = ""
    description: str = ""
    extensions: tuple[str, ...] = ()
    #: lower is asked first when detecting JSON content
    sniff_priority: int = 50
    #: False for import-only formats (plain text, CSV)
    can_write: bool = True
    #: the export target is a folder (PTC: article files + a labels file)
    writes_folder: bool = False
    #: the label set a file's labels belong to when neither the file nor the user says
    default_labelset: str | None = None
    #: exports hold only spans of ``default_labelset`` (the shared task's checker refuses
    #: any other label), instead of every label set in the database
    exports_only_default_labelset: bool = False
    #: one file holds one annotator's labels (no annotator field): an export with several
    #: annotators must choose one
    single_annotator: bool = False
    #: exports list every document once, labelled or not (shared-task checkers want
    #: one line per input id)
    lists_every_document: bool = False
    #: how the real tool counts span offsets (one of OFFSET_UNITS); used for spans
    #: without their own text, on import and on export, unless --offsets says otherwise
    offset_unit: str = "codepoints"
    #: every span carries its own text, so offsets are checked and realigned, and
    #: --offsets does not apply
    spans_carry_text: bool = False
    #: file suffixes that alone identify the format (detection by path)
    path_suffixes: tuple[str, ...] = ()
    #: the format also claims records that say nothing about their format (a plain
    #: ``{"text"}`` line, an unlabelled record): detection reads on and prefers the first
    #: later record another format claims (real files often open with such a record)
    sniff_is_fallback: bool = False
    #: the files hold spans (plain text and CSV hold documents only)
    has_spans: bool = True
    #: records are read through a field map the user gives (--text-field, --id-field, …)
    takes_field_map: bool = False
    #: annotator names map to the tool's user accounts (--ls-annotator-map)
    maps_annotators: bool = False

    @property
    def takes_offsets(self) -> bool:
        """Whether --offsets applies: the files hold spans without their own text, whose
        offsets are counted in ``offset_unit`` unless the user says otherwise."""
        return self.has_spans and not self.spans_carry_text

    def sniff(self, first: Any) -> bool:
        """Given the first parsed JSON value of a file, is the file in this format?"""
        return False

    def sniff_path(self, path: Path) -> bool:
        """Is this file or folder in this format, judged by its name and layout alone?"""
        return path.is_file() and path.suffix.lower() in self.path_suffixes

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        raise NotImplementedError

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        """Write records; returns the number of spans written."""
        raise FormatError(f"{self.name} is an import-only format; export as jsonl instead")

    def __repr__(self) -> str:
        return f"<format {self.name}>"
