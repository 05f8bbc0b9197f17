"""The import pipeline: read a file with a format module, validate, realign, store.

An import is one transaction: all-or-nothing by default (every bad line is reported,
up to a cap, and nothing is written), or with ``skip_invalid`` the good records and
spans are kept and the rest reported. Nothing already stored is changed by a failed
import. Records stream through in batches, so memory stays flat in file size.

Which annotator owns imported spans: the one named in the record (or span), else
``options.annotator``, else ``"imported"``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from annotator.errors import AnnotatorError
from annotator.formats import detect_format, get_format
from annotator.formats._jsonl import MAX_JSON_DEPTH, has_lone_surrogate, json_depth_exceeds
from annotator.formats.base import OFFSET_UNITS, BadRecord, InRecord, InSpan
from annotator.insight.words import count_words
from annotator.labelsets import DEFAULT_LABELSET, LabelSet
from annotator.models import utcnow
from annotator.outputs import OutputError, SafeOutput
from annotator.realign import Placement, boundary_warnings, place_spans, unit_evidence
from annotator.reports import ImportReport, Notice, Realignment, Refusal
from annotator.storage.limits import checked_document
from annotator.store import Store, StoreError, normalize_status
from annotator.text.units import span_to_codepoints, utf16_length
from annotator.textio import is_utf8_name, printable_path, sha256_text

BATCH_SIZE = 1000
DEFAULT_ANNOTATOR = "imported"


@dataclass(slots=True)
class ImportOptions:
    format: str | None = None  # None: detect from the file
    labelset: str | None = None
    annotator: str | None = None
    corpus: str = "default"
    skip_invalid: bool = False
    update: bool = False
    strict: bool = False  # refuse misaligned spans instead of realigning them
    # unit of the offsets of spans without their own text: codepoints, utf16 or graphemes;
    # None: what the format's real tool writes (FormatSpec.offset_unit)
    offsets: str | None = None
    text_column: str = "text"
    id_column: str | None = None
    title_column: str | None = None
    delimiter: str | None = None  # CSV: None detects , ; or tab from the header
    source_column: str | None = None  # CSV: column holding the outlet (document.source)
    source_from_folder: bool = False  # txt: the outlet is the name of the file's folder
    # JSON lines of any layout: which keys hold what (see annotator.formats.mapped)
    fields: dict[str, str] = field(default_factory=dict)
    # Label Studio: annotator name -> Label Studio user email (and user id, if known)
    annotator_map: dict[str, str] = field(default_factory=dict)
    max_listed_problems: int = 200


class ImportFailed(AnnotatorError):
    """The import was refused; nothing was written. ``report.problems`` lists why."""

    def __init__(self, report: ImportReport):
        self.report = report
        shown = "\n".join(report.problems)
        more = f"\n… and {report.unlisted_problems} more" if report.unlisted_problems else ""
        # refused before reading a record (no such file, unknown label set): the
        # all-zero counts would only bury the reason
        tail = report.summary() if report.records else "nothing was imported"
        super().__init__(f"{shown}{more}\n{tail}")


class ImportCancelled(Exception):
    """The user cancelled; everything was rolled back."""


class _Problems:
    """Collects problems with a cap on how many are listed (all are counted)."""

    def __init__(self, report: ImportReport, sink: Callable[[dict[str, Any]], None] | None,
                 cap: int):
        self.report, self.sink, self.cap = report, sink, cap

    def error(self, where: str, message: str, kind: str = "refused",
              **fields: Any) -> None:
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


@dataclass(slots=True)
class _ReadySpan:
    annotator: str
    labelset: LabelSet
    label: str
    start: int
    end: int
    attributes: dict[str, Any]
    note: str


def _attribute_problem(labelset: LabelSet, key: str, attributes: dict[str, Any]) -> str | None:
    """Why a span's attributes do not fit its label's definition (None when they do)."""
    label = labelset.label(key)
    specs = {spec.key: spec for spec in label.attributes} if label else {}
    for name, value in attributes.items():
        spec = specs.get(name)
        if spec is None:
            known = ", ".join(specs) or "none"
            return (f"attribute {name!r} is not defined for {key} in label set "
                    f"{labelset.name!r} (defined: {known})")
        if spec.type == "choice" and value not in spec.choices:
            return f"attribute {name}: {value!r} is not one of {', '.join(spec.choices)}"
        if spec.type == "bool" and not isinstance(value, bool):
            return f"attribute {name}: {value!r} is not true or false"
        if spec.type == "text" and not isinstance(value, str):
            return f"attribute {name}: {value!r} is not text"
    return None


def _blank(name: str | None) -> bool:
    """A name given but made of spaces only ("" counts as not given, as before)."""
    return name is not None and name != "" and not name.strip()


def _record_problem(record: InRecord) -> str | None:
    """Why a record that its format read cannot be stored, whatever the format: blank
    annotator names, text that is not valid Unicode (unpaired surrogates, e.g. from a
    file name that is not UTF-8), a meta nested beyond what exports can write."""
    if _blank(record.annotator):
        return "annotator name is blank"
    for span in record.spans:
        if _blank(span.annotator):
            return f"span {span.start}–{span.end}: annotator name is blank"
    fields = {"id": record.external_id, "text": record.text, "title": record.title,
              "source": record.source, "annotator": record.annotator,
              "label set": record.labelset, "status": record.status, "meta": record.meta}
    for what, value in fields.items():
        if value is not None and has_lone_surrogate(value):
            return f"{what} is not valid Unicode text (an unpaired surrogate)"
    if record.meta and json_depth_exceeds(record.meta):
        return f"meta is nested more than {MAX_JSON_DEPTH} levels deep"
    return None


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _reader_options(options: ImportOptions, report: ImportReport) -> dict[str, Any]:
    """Every reader gets the same options and takes the ones it knows."""
    def on_rows(rows: int) -> None:
        report.rows = rows

    return {"text_column": options.text_column, "id_column": options.id_column,
            "title_column": options.title_column, "delimiter": options.delimiter,
            "source_column": options.source_column,
            "source_from_folder": options.source_from_folder,
            "fields": dict(options.fields), "annotator_map": dict(options.annotator_map),
            "on_rows": on_rows}


class _Importer:
    def __init__(self, store: Store, path: Path, options: ImportOptions,
                 report_sink: Callable[[dict[str, Any]], None] | None):
        self.store = store
        self.path = path
        self.options = options
        self.report = ImportReport(source=str(path))
        self.problems = _Problems(self.report, report_sink, options.max_listed_problems)
        self.sink = report_sink
        self.failed = False
        self._guessed: str | None = None
        self._label_ids: dict[tuple[str, str, str], int] = {}
        self._resolved: dict[tuple[str, str, str], str | None] = {}
        self._status_rows: dict[tuple[int, int], str] = {}  # per batch, flushed in one statement
        # One timestamp for every document this import writes: a stored row carrying it
        # came from an earlier batch of this same file (a repeated id), not from the db.
        self.started = utcnow()

    # --------------------------------------------------------------- label sets
    def _guess_labelset(self, record: InRecord) -> str:
        """The label set for a file that names none: the first (format default, default
        set, every other known set) whose keys are exactly the record's labels, else
        the first that resolves them through aliases, else the format default. The
        choice is made once, on the first record with labels, and kept for the import
        (one file, one scheme), so PTC files with the 2020 names land in
        propaganda-semeval2020-14 and ArAIEval files in persuasion-techniques-23."""
        if self._guessed is not None:
            return self._guessed
        default = get_format(self.report.format).default_labelset or DEFAULT_LABELSET
        labels = {span.label for span in record.spans}
        if not labels:
            return default
        names = [default, DEFAULT_LABELSET] + [i.name for i in self.store.labelsets()]
        candidates = []
        for name in dict.fromkeys(names):
            try:
                candidates.append(self.store.labelset(name))
            except StoreError:
                continue
        exact = [ls for ls in candidates if labels <= set(ls.keys)]
        aliased = [ls for ls in candidates if all(ls.resolve(lb) for lb in labels)]
        chosen = (exact or aliased or [None])[0]
        self._guessed = chosen.name if chosen is not None else default
        if chosen is not None and chosen.name != default:
            self.problems.warning(Notice(
                self.path.name, 0, None, f"labels read as label set {chosen.name!r} (the one "
                "whose keys they are; --labelset to choose another)"))
        return self._guessed

    def labelset_for(self, record: InRecord) -> LabelSet:
        if self.options.labelset:
            name, version = self.options.labelset, None
        elif record.labelset:
            name, version = record.labelset, record.labelset_version
        else:
            name = self._guess_labelset(record)
            version = None
        try:
            return self.store.labelset(name, version)  # parsed once, cached by the store
        except StoreError:
            if version is None:
                raise
            # An older version named by the file: the current one still has the labels
            # if they kept their keys (aliases map renamed ones).
            return self.store.labelset(name)

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
        self.problems.error(self.where(record), reason, what="record",
                            file=record.source_file, line=record.line, id=rid, reason=reason)

    def refuse_doc_label(self, record: InRecord, reason: str) -> None:
        """Only the document label is refused: the record's text and spans stand."""
        self.report.refused_doc_labels += 1
        self.failed = self.failed or not self.options.skip_invalid
        if len(self.report.refusals) < self.options.max_listed_problems:
            self.report.refusals.append(Refusal(record.source_file, record.line,
                                                record.external_id, reason))
        self.problems.error(self.where(record), reason, what="document label",
                            file=record.source_file, line=record.line, id=record.external_id,
                            reason=reason)

    def refuse_span(self, record: InRecord, span: InSpan, reason: str) -> None:
        self.report.refused_spans += 1
        self.failed = self.failed or not self.options.skip_invalid
        file, line = span.place or (record.source_file, record.line)
        if len(self.report.refusals) < self.options.max_listed_problems:
            self.report.refusals.append(Refusal(file, line, record.external_id, reason,
                                                span.label, (span.start, span.end)))
        where = f"{file}:{line}" + (f" (id {record.external_id})" if record.external_id else "")
        self.problems.error(where, f"span {span.start}–{span.end} {span.label!r}: {reason}",
                            what="span", file=file, line=line,
                            id=record.external_id, label=span.label,
                            old=[span.start, span.end], reason=reason)

    def placements(self, record: InRecord) -> list[Placement | None] | None:
        """Realign all spans of a record together (a shift seen on one span disambiguates
        another); None when no span carries text that disagrees with its offsets."""
        text = record.text
        if not any(sp.text and text[max(sp.start, 0):max(sp.end, 0)] != sp.text
                   for sp in record.spans):
            return None
        if self.options.strict:
            return None
        return place_spans(text, [(sp.start, sp.end, sp.text or "") for sp in record.spans])

    def place(self, record: InRecord, span: InSpan,
              placement: Placement | None = None) -> tuple[int, int] | None:
        """Code-point range of ``span`` in the record's text, realigning when it carries text."""
        text = record.text
        start, end = span.start, span.end
        if span.text is not None and span.text != "":
            exact = 0 <= start < end <= len(text) and text[start:end] == span.text
            if exact:
                self.report.spans_exact += 1
                return start, end
            if self.options.strict:
                actual = text[max(start, 0):max(end, 0)]
                self.refuse_span(record, span, f"text[{start}:{end}] is {actual!r}, not the "
                                 f"span's text {span.text!r} (--strict: not realigned)")
                return None
            if placement is None:
                self.refuse_span(record, span, f"cannot place span text {span.text!r} in the document")
                return None
            if placement.rule == "exact":
                self.report.spans_exact += 1
                return placement.start, placement.end
            realignment = Realignment(record.source_file, record.line, record.external_id,
                                      span.label, (start, end), (placement.start, placement.end),
                                      placement.rule)
            self.report.realigned[placement.rule] = self.report.realigned.get(placement.rule, 0) + 1
            if len(self.report.realignments) < 10_000:
                self.report.realignments.append(realignment)
            if self.sink:
                self.sink(realignment.as_dict())
            return placement.start, placement.end
        unit = self.report.offsets
        if end <= start:
            self.refuse_span(record, span, "end ≤ start")
            return None
        if unit != "codepoints":
            try:
                start, end = span_to_codepoints(text, start, end, unit)
            except ValueError as exc:
                self.refuse_span(record, span, f"{unit} offsets: {exc}")
                return None
        if not (0 <= start < end <= len(text)):
            reason = ("end ≤ start" if end <= start else
                      f"out of range (text has {len(text)} characters)")
            if end > len(text) and unit == "codepoints" \
                    and end <= utf16_length(text):
                reason += ("; the text has emoji or other characters outside the BMP and the "
                           "offsets fit its UTF-16 length: written by a UTF-16 tool? try "
                           "--offsets utf16")
            self.refuse_span(record, span, reason)
            return None
        self.report.spans_unchecked += 1
        file, line = span.place or (record.source_file, record.line)
        for warning in boundary_warnings(text, start, end):
            self.problems.warning(Notice(file, line, record.external_id, warning, span.label,
                                         (start, end)))
        return start, end

    def check_units(self, record: InRecord) -> None:
        """Warn when the record's unchecked spans fit words and characters better read in
        another unit: evidence, not the mere presence of emoji."""
        given = [(sp.start, sp.end) for sp in record.spans if not sp.text]
        if not given:
            return
        message = unit_evidence(record.text, given, self.report.offsets)
        if message is not None:
            self.problems.warning(Notice(record.source_file, record.line, record.external_id,
                                         message))

    def _resolve(self, labelset: LabelSet, label: str) -> str | None:
        cache_key = (labelset.name, labelset.version, label)
        if cache_key not in self._resolved:
            self._resolved[cache_key] = labelset.resolve(label)
        return self._resolved[cache_key]

    def ready_spans(self, record: InRecord) -> list[_ReadySpan] | None:
        """Validated spans of a record; None when the whole record must be refused."""
        for message in record.warnings:
            self.problems.warning(Notice(record.source_file, record.line, record.external_id,
                                         message))
        if not record.spans:
            return []
        try:
            labelset = self.labelset_for(record)
        except StoreError as exc:
            self.refuse_record(record, str(exc))
            return None
        ready: list[_ReadySpan] = []
        for span in record.spans:
            if span.text and "\r" in span.text:
                # the document text had its line ends normalised; so must the span's copy
                span.text = span.text.replace("\r\n", "\n").replace("\r", "\n")
        placements = self.placements(record)
        self.check_units(record)
        for index, span in enumerate(record.spans):
            self.report.spans_read += 1
            key = self._resolve(labelset, span.label)
            if key is None:
                self.refuse_span(record, span, f"unknown label (not in label set {labelset.name!r}; "
                                 "choose another with --labelset)")
                continue
            problem = _attribute_problem(labelset, key, span.attributes) if span.attributes \
                else None
            if problem is not None:
                self.refuse_span(record, span, problem)
                continue
            placed = self.place(record, span, placements[index] if placements else None)
            if placed is None:
                continue
            annotator = span.annotator or record.annotator or self.options.annotator or DEFAULT_ANNOTATOR
            ready.append(_ReadySpan(annotator, labelset, key, placed[0], placed[1],
                                    dict(span.attributes or {}), span.note or ""))
        return ready

    # --------------------------------------------------------------- writing
    def run(self, records: Iterable[InRecord | BadRecord], conn: Connection,
            progress: Callable[[int, int | None], None] | None,
            cancel: Callable[[], bool] | None) -> None:
        done = 0
        for batch in _batched(records, BATCH_SIZE):
            if cancel is not None and cancel():
                raise ImportCancelled()
            self.import_batch(batch, conn)
            done += len(batch)
            if progress is not None:
                progress(done, None)

    def import_batch(self, batch: list[InRecord | BadRecord], conn: Connection) -> None:
        good: list[InRecord] = []
        for record in batch:
            self.report.records += 1
            if isinstance(record, BadRecord):
                self.refuse_record(record, record.reason)
            elif not record.text:
                self.refuse_record(record, "empty text")
            elif (problem := _record_problem(record)) is not None:
                self.refuse_record(record, problem)
            else:
                if record.external_id is None or str(record.external_id).strip() == "":
                    record.external_id = sha256_text(record.text)[:16]
                good.append(record)
        if not good:
            return
        doc_ids = self.store_documents(good, conn)
        span_rows: list[dict[str, Any]] = []
        for record in good:
            doc_id = doc_ids.get(id(record))
            spans = self.ready_spans(record)
            if doc_id is None or spans is None:
                continue
            for span in spans:
                span_rows.append({
                    "document_id": doc_id,
                    "annotator_id": self.store.annotator_id(span.annotator, conn=conn),
                    "label_id": self._label_id(span.labelset, span.label, conn),
                    "start": span.start, "end": span.end,
                    "text": record.text[span.start:span.end],
                    "attributes": span.attributes, "note": span.note,
                })
            self.store_status_and_doc_labels(record, doc_id, conn)
        if span_rows and not self.failed:
            self.store_spans(span_rows, conn)
        if self._status_rows and not self.failed:
            self.store_statuses(conn)
        self._status_rows.clear()

    def store_statuses(self, conn: Connection) -> None:
        self.store.repos.statuses.upsert(conn, self._status_rows)

    def _label_id(self, labelset: LabelSet, key: str, conn: Connection) -> int:
        cache_key = (labelset.name, labelset.version, key)
        label_id = self._label_ids.get(cache_key)
        if label_id is None:
            label_id = self._label_ids[cache_key] = self.store.label_id(labelset, key, conn=conn)
        return label_id

    def store_documents(self, records: list[InRecord], conn: Connection) -> dict[int, int]:
        """Insert new documents, check re-imported ones; returns id(record) → document id."""
        corpus = self.options.corpus
        ids = {r.external_id for r in records}
        documents = self.store.repos.documents
        existing = documents.known(conn, corpus, ids, self.started)
        result: dict[int, int] = {}
        new_rows: list[dict[str, Any]] = []
        new_records: list[InRecord] = []
        pending: dict[str, tuple[str, InRecord]] = {}
        refused: set[int] = set()  # id() of records refused here: none of their spans is stored
        now = self.started
        for record in records:
            try:  # what the database cannot hold, refused alike on SQLite and PostgreSQL
                checked_document(str(record.external_id), record.title or "",
                                 record.source or "", corpus, record.text)
            except StoreError as exc:
                refused.add(id(record))
                self.refuse_record(record, str(exc))
                continue
            sha = sha256_text(record.text)
            seen = pending.get(record.external_id)
            if seen is not None:
                # the same id earlier in this batch (new, unchanged or just updated): one
                # document per id and file, so the text must be the same
                first_sha, first = seen
                if first_sha != sha:
                    refused.add(id(record))
                    self.refuse_record(record, f"id {record.external_id!r} appears twice in this "
                                       f"file with different texts (first at line {first.line})")
                else:
                    self._alias_record(record, first, result)
                continue
            known = existing.get(record.external_id)
            if known is not None and known.this_import:
                # written by an earlier batch of this file: a repeat, never an --update
                if known.sha256 != sha:
                    refused.add(id(record))
                    self.refuse_record(record, f"id {record.external_id!r} appears twice in "
                                       "this file with different texts (first earlier in the "
                                       "file)")
                else:
                    self.report.documents_unchanged += 1
                    result[id(record)] = known.id
                    pending[record.external_id] = (sha, record)
                continue
            if known is None:
                pending[record.external_id] = (sha, record)
                new_records.append(record)
                new_rows.append({
                    "corpus": corpus, "external_id": record.external_id,
                    "title": record.title or "", "text": record.text, "sha256": sha,
                    "source": record.source or "", "meta": record.meta or {}, "imported_at": now,
                })
                continue
            if known.sha256 == sha:
                self.report.documents_unchanged += 1
                result[id(record)] = known.id
                pending[record.external_id] = (sha, record)
                continue
            if not self.options.update:
                refused.add(id(record))
                self.refuse_record(record, f"id {record.external_id!r} exists with a different "
                                   "text (use --update to replace it)")
                continue
            if documents.has_spans(conn, known.id):
                refused.add(id(record))
                self.refuse_record(record, f"id {record.external_id!r} has spans; its stored text "
                                   "is never rewritten (import it under another id)")
                continue
            # (its suggestions, offsets into the old text, and their rejections go too)
            documents.replace_text(conn, known.id, dict(
                text=record.text, sha256=sha, title=record.title or "", meta=record.meta or {},
                source=record.source or "", imported_at=now, word_count=count_words(record.text),
                external_id=record.external_id, corpus=corpus,
            ))
            self.report.documents_updated += 1
            result[id(record)] = known.id
            pending[record.external_id] = (sha, record)
        if new_rows and not self.failed:
            inserted = documents.insert_many(conn, new_rows)
            for record, doc_id in zip(new_records, inserted, strict=True):
                result[id(record)] = doc_id
            self.report.documents_added += len(inserted)
        elif new_rows:
            self.report.documents_added += len(new_rows)  # counted, rolled back at the end
        for record in records:  # repeats of an id share its first line's document
            if id(record) in refused:
                result.pop(id(record), None)  # refused: never stored against another text
                continue
            entry = pending.get(record.external_id or "")
            if entry is not None and entry[1] is not record and id(entry[1]) in result:
                result[id(record)] = result[id(entry[1])]
        return result

    def _alias_record(self, record: InRecord, first: InRecord, result: dict[int, int]) -> None:
        self.report.documents_unchanged += 1
        if (record.annotator, record.labelset) != (first.annotator, first.labelset):
            return  # our JSONL has one line per (document, annotator, label set): expected
        self.problems.warning(Notice(
            record.source_file, record.line, record.external_id, f"id {record.external_id!r} "
            f"repeats line {first.line} with the same text: one document, spans merged"))

    def store_spans(self, rows: list[dict[str, Any]], conn: Connection) -> None:
        added = self.store.repos.spans.insert_rows(conn, rows, duplicates="ignore")[0]
        self.report.spans_added += added
        self.report.spans_existing += len(rows) - added

    def store_status_and_doc_labels(self, record: InRecord, doc_id: int, conn: Connection) -> None:
        if self.failed:
            return
        annotator = record.annotator or self.options.annotator
        if record.status and annotator:
            try:
                status = normalize_status(record.status)
            except StoreError as exc:
                self.refuse_record(record, str(exc))
                return
            annotator_id = self.store.annotator_id(annotator, conn=conn)
            self._status_rows[(doc_id, annotator_id)] = status
        if record.doc_labels and annotator:
            try:
                labelset = self.labelset_for(record)
            except StoreError as exc:
                self.refuse_record(record, str(exc))
                return
            specs = {d.key: d for d in labelset.document_labels}
            annotator_id = self.store.annotator_id(annotator, conn=conn)
            labelset_id = self.store.register_labelset(labelset, conn=conn)
            for item in record.doc_labels:
                key, _, value = str(item).partition("=")
                spec = specs.get(key)
                if spec is None:
                    self.refuse_doc_label(record, f"document label {key!r} is not in label set "
                                       f"{labelset.name!r}")
                    continue
                if spec.type == "choice" and value not in spec.choices:
                    self.refuse_doc_label(record, f"document label {key}: {value!r} is not one of "
                                       f"{', '.join(spec.choices)}")
                    continue
                self.store.repos.statuses.set_document_label(
                    doc_id, annotator_id, labelset_id, key, value, conn=conn)


def import_path(store: Store, path: str | Path, options: ImportOptions | None = None, *,
                progress: Callable[[int, int | None], None] | None = None,
                cancel: Callable[[], bool] | None = None,
                report_sink: Callable[[dict[str, Any]], None] | None = None) -> ImportReport:
    """Import a file or folder into ``store`` in one transaction.

    Raises ImportFailed (nothing written) when any record or span is refused and
    ``skip_invalid`` is off; ImportCancelled when ``cancel()`` returns True.
    """
    options = options or ImportOptions()
    path = Path(path)
    if not is_utf8_name(str(path)):
        report = ImportReport(source=printable_path(path))
        report.problems.append(f"{printable_path(path)}: the name is not valid UTF-8; rename it")
        raise ImportFailed(report)
    if _blank(options.annotator):
        report = ImportReport(source=str(path))
        report.problems.append("the annotator name is blank")
        raise ImportFailed(report)
    if not path.exists():
        report = ImportReport(source=str(path))
        report.problems.append(f"{path}: no such file or folder")
        raise ImportFailed(report)
    fmt_name = options.format or detect_format(path)
    fmt = get_format(fmt_name)
    importer = _Importer(store, path, options, report_sink)
    importer.report.format = fmt_name
    unit = options.offsets or fmt.offset_unit
    if unit not in OFFSET_UNITS:
        importer.report.problems.append(f"unknown offset unit {unit!r} (choose from "
                                        f"{', '.join(OFFSET_UNITS)})")
        raise ImportFailed(importer.report)
    importer.report.offsets = unit
    if options.labelset:
        try:
            store.labelset(options.labelset)
        except StoreError as exc:
            importer.report.problems.append(str(exc))
            raise ImportFailed(importer.report) from exc
    records = fmt.read(path, **_reader_options(options, importer.report))
    try:
        with store.import_transaction() as conn:  # committed only if the block ends normally
            importer.run(records, conn, progress, cancel)
            if importer.failed:
                raise ImportFailed(importer.report)
    except StoreError as exc:  # refused by the store itself (a span's text, a column limit)
        importer.report.problems.append(str(exc))
        raise ImportFailed(importer.report) from exc
    importer.report.committed = True
    return importer.report


def write_report(path: str | Path, protected: Iterable[str | Path] = ()
                 ) -> tuple[Callable[[dict[str, Any]], None], Callable[[], None]]:
    """A JSONL sink for ``--report FILE``: returns (sink, close).

    ``protected`` lists what the import reads (database files, the input): the report
    may be none of them (:class:`annotator.outputs.OutputError`). The report is written
    under a temporary name and appears at ``path`` when ``close()`` is called.
    """
    output = SafeOutput(path, protected).open()
    try:
        # backslashreplace: a message quoting a name that is not UTF-8 still gets written
        handle = open(output.temp, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
    except OSError:
        output.discard()
        raise

    failures: list[OSError] = []

    def sink(entry: dict[str, Any]) -> None:
        # a full disk stops the report, never the import: close() says what happened
        if failures:
            return
        try:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        except OSError as exc:
            failures.append(exc)

    def close() -> None:
        try:
            handle.close()
        except OSError as exc:
            failures.append(exc)
        if failures:
            output.discard()
            reason = failures[0].strerror or failures[0]
            raise OutputError(f"{path}: cannot write the report: {reason}")
        output.commit()

    return sink, close
