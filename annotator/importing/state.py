"""An import's running state, and how records, spans and document labels are refused.

Every refusal is counted, listed up to a cap, and sent to the ``--report`` sink; with
``skip_invalid`` off, one refusal makes the whole import fail (nothing is written).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.formats.base import BadRecord, InRecord, InSpan
from annotator.importing.options import ImportOptions
from annotator.models import utcnow
from annotator.reports import ImportReport, Notice, Refusal
from annotator.store import Store


class _Problems:
    """Collects problems with a cap on how many are listed (all are counted)."""

    def __init__(
        self, report: ImportReport, sink: Callable[[dict[str, Any]], None] | None, cap: int
    ):
        self.report, self.sink, self.cap = report, sink, cap

    def error(self, where: str, message: str, kind: str = "refused", **fields: Any) -> None:
        text = f"{where}: {message}"
        if len(self.report.problems) < self.cap:
            self.report.problems.append(text)
        else:
            self.report.unlisted_problems += 1
        if self.sink:
            self.sink({"kind": kind, "where": where, "message": message, **fields})

    def warning(self, notice: Notice) -> None:
        self.report.warnings += 1
        if len(self.report.notices) < self.cap:
            self.report.notices.append(notice)
        if self.sink:
            self.sink(notice.as_dict())


class _ImportState:
    """What every part of the importer shares: the store, options, report and caches."""

    def __init__(
        self,
        store: Store,
        path: Path,
        options: ImportOptions,
        report_sink: Callable[[dict[str, Any]], None] | None,
    ):
        self.store = store
        self.path = path
        self.options = options
        self.report = ImportReport(source=str(path))
        self.problems = _Problems(self.report, report_sink, options.max_listed_problems)
        self.sink = report_sink
        self.failed = False
        self._guessed: str | None = None
        self._label_ids: dict[tuple[str, str], dict[str, int]] = {}
        self._annotator_ids: dict[str, int] = {}  # name as given → id, for every span
        self._sha256: dict[int, str] = {}  # id(record) → hash of its text, per batch
        self._resolved: dict[tuple[str, str], dict[str, str | None]] = {}
        self._status_rows: dict[tuple[int, int], str] = {}  # per batch, flushed in one statement
        # One timestamp for every document this import writes: a stored row carrying it
        # came from an earlier batch of this same file (a repeated id), not from the db.
        self.started = utcnow()

    # --------------------------------------------------------------- validation
    def where(self, record: InRecord | BadRecord) -> str:
        rid = record.external_id if isinstance(record, InRecord) else record.record_id
        # line 0 means "the file as a whole" (empty file, no rows): no ":0" in the message
        place = f"{record.source_file}:{record.line}" if record.line > 0 else record.source_file
        return place + (f" (id {rid})" if rid else "")

    def refuse_record(self, record: InRecord | BadRecord, reason: str) -> None:
        self.report.bad_records += 1
        self.failed = self.failed or not self.options.skip_invalid
        rid = record.external_id if isinstance(record, InRecord) else record.record_id
        if len(self.report.refusals) < self.options.max_listed_problems:
            self.report.refusals.append(Refusal(record.source_file, record.line, rid, reason))
        self.problems.error(
            self.where(record),
            reason,
            what="record",
            file=record.source_file,
            line=record.line,
            id=rid,
            reason=reason,
        )

    def refuse_doc_label(self, record: InRecord, reason: str) -> None:
        """Only the document label is refused: the record's text and spans stand."""
        self.report.refused_doc_labels += 1
        self.failed = self.failed or not self.options.skip_invalid
        if len(self.report.refusals) < self.options.max_listed_problems:
            self.report.refusals.append(
                Refusal(record.source_file, record.line, record.external_id, reason)
            )
        self.problems.error(
            self.where(record),
            reason,
            what="document label",
            file=record.source_file,
            line=record.line,
            id=record.external_id,
            reason=reason,
        )

    def refuse_span(self, record: InRecord, span: InSpan, reason: str) -> None:
        self.report.refused_spans += 1
        self.failed = self.failed or not self.options.skip_invalid
        file, line = span.place or (record.source_file, record.line)
        if len(self.report.refusals) < self.options.max_listed_problems:
            self.report.refusals.append(
                Refusal(file, line, record.external_id, reason, span.label, (span.start, span.end))
            )
        where = f"{file}:{line}" + (f" (id {record.external_id})" if record.external_id else "")
        self.problems.error(
            where,
            f"span {span.start}–{span.end} {span.label!r}: {reason}",
            what="span",
            file=file,
            line=line,
            id=record.external_id,
            label=span.label,
            old=[span.start, span.end],
            reason=reason,
        )
