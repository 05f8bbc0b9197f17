"""What an import or an export did, as data: counts plus one record per event.

The terminal, the ``--report`` JSONL file and the dialogs all read these objects; none
of them parses a message back into its parts. Every event keeps its place (file, line,
record id) as fields, and ``str()`` gives the one-line form the terminal prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def place(file: str, line: int, record_id: str | None) -> str:
    """``file:line (id X)``; line 0 means the file as a whole (no ``:0``)."""
    where = f"{file}:{line}" if line > 0 else file
    return where + (f" (id {record_id})" if record_id else "")


@dataclass(frozen=True, slots=True)
class Realignment:
    file: str
    line: int
    record_id: str | None
    label: str
    old: tuple[int, int]
    new: tuple[int, int]
    rule: str

    def __str__(self) -> str:
        return (
            f"{place(self.file, self.line, self.record_id)}: {self.label} "
            f"{self.old[0]}–{self.old[1]} → {self.new[0]}–{self.new[1]} ({self.rule})"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "realigned",
            "file": self.file,
            "line": self.line,
            "id": self.record_id,
            "label": self.label,
            "old": list(self.old),
            "new": list(self.new),
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Refusal:
    """A refused record or span, with its place, for tables and reports."""

    file: str
    line: int
    record_id: str | None
    reason: str
    label: str | None = None  # None: the whole record was refused
    old: tuple[int, int] | None = None

    def __str__(self) -> str:
        return f"{place(self.file, self.line, self.record_id)}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning: the data was taken, but something about it deserves a look."""

    file: str
    line: int
    record_id: str | None
    message: str
    label: str | None = None
    offsets: tuple[int, int] | None = None

    def __str__(self) -> str:
        span = (
            f"span {self.offsets[0]}–{self.offsets[1]} {self.label!r}: "
            if self.offsets is not None
            else ""
        )
        return f"{place(self.file, self.line, self.record_id)}: {span}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "warning",
            "where": place(self.file, self.line, self.record_id),
            "file": self.file,
            "line": self.line,
            "id": self.record_id,
            "label": self.label,
            "offsets": list(self.offsets) if self.offsets else None,
            "message": self.message,
        }


@dataclass(slots=True)
class ImportReport:
    source: str
    format: str = ""
    offsets: str = ""  # the unit spans without their own text were read in
    records: int = 0
    rows: int = 0  # CSV/TSV: physical lines read (a record may span several)
    documents_added: int = 0
    documents_unchanged: int = 0
    documents_updated: int = 0
    spans_read: int = 0
    spans_added: int = 0
    spans_existing: int = 0
    spans_exact: int = 0
    spans_unchecked: int = 0  # no text of their own: placed by offsets alone
    realigned: dict[str, int] = field(default_factory=dict)
    refused_spans: int = 0
    refused_doc_labels: int = 0
    bad_records: int = 0
    warnings: int = 0
    problems: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    realignments: list[Realignment] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    unlisted_problems: int = 0
    committed: bool = False

    @property
    def errors(self) -> int:
        return self.bad_records + self.refused_spans + self.refused_doc_labels

    @property
    def warning_messages(self) -> list[str]:
        """The warnings as the terminal prints them."""
        return [str(notice) for notice in self.notices]

    def as_dict(self) -> dict[str, Any]:
        """The summary line of a ``--report`` file."""
        return {
            "kind": "summary",
            "source": self.source,
            "format": self.format,
            "offsets": self.offsets,
            "records": self.records,
            "rows": self.rows,
            "documents_added": self.documents_added,
            "documents_unchanged": self.documents_unchanged,
            "documents_updated": self.documents_updated,
            "spans_read": self.spans_read,
            "spans_added": self.spans_added,
            "spans_existing": self.spans_existing,
            "spans_exact": self.spans_exact,
            "spans_unchecked": self.spans_unchecked,
            "realigned": dict(self.realigned),
            "refused_spans": self.refused_spans,
            "bad_records": self.bad_records,
            "refused_doc_labels": self.refused_doc_labels,
            "warnings": self.warnings,
            "committed": self.committed,
        }

    def summary(self) -> str:
        realigned = sum(self.realigned.values())
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(self.realigned.items()))
        if self.committed:
            documents = (
                f"{self.documents_added} documents added, {self.documents_unchanged} "
                f"unchanged, {self.documents_updated} updated"
            )
            stored = f"{self.spans_added} added, {self.spans_existing} already present, "
        else:
            # A refused import wrote nothing: never claim documents or spans were "added".
            documents = (
                f"{self.documents_added} new documents, {self.documents_unchanged} "
                f"unchanged, {self.documents_updated} to update (none written)"
            )
            stored = ""
        rows = f" in {self.rows} rows" if self.rows else ""
        unchecked = (
            f"{self.spans_unchecked} unchecked (no text of their own; offsets read "
            f"as {self.offsets or 'code points'}), "
            if self.spans_unchecked
            else ""
        )
        lines = [
            f"{self.source} ({self.format or 'format not known'}): {self.records} records"
            f"{rows}, {documents}",
            f"spans: {self.spans_read} read, {stored}{self.spans_exact} exact, {unchecked}"
            f"{realigned} realigned{f' ({rules})' if rules else ''}, {self.refused_spans} refused",
        ]
        if self.bad_records:
            lines.append(f"bad records: {self.bad_records}")
        if self.refused_doc_labels:
            lines.append(f"refused document labels: {self.refused_doc_labels}")
        if self.warnings:
            lines.append(f"warnings: {self.warnings}")
        lines.append("saved" if self.committed else "nothing was imported")
        return "\n".join(lines)


@dataclass(slots=True)
class ExportReport:
    target: str
    format: str
    offsets: str = ""  # the unit span offsets were written in (formats without span text)
    records: int = 0
    documents: int = 0
    spans: int = 0
    files: list[str] = field(default_factory=list)  # when the export wrote several files
    notices: list[Notice] = field(default_factory=list)

    def warn(self, record_id: str | None, message: str) -> None:
        self.notices.append(Notice(self.target, 0, record_id, message))

    def summary(self) -> str:
        unit = f", offsets in {self.offsets}" if self.offsets else ""
        return f"{self.target}: {self.records} records, {self.spans} spans ({self.format}{unit})"
