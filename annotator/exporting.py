"""The export pipeline: stream stored documents and spans into a format writer.

Documents are read in id order, in batches, with their spans, statuses and document
labels fetched per batch, so memory stays flat however large the corpus. One output
record is one (document, annotator, label set) group. The target appears only when
the export is complete: writers write to a temporary file (or folder) that is renamed
at the end, so a cancelled or failed export never leaves half a file behind.
"""

from __future__ import annotations

import json
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.errors import AnnotatorError
from annotator.formats import get_format
from annotator.formats.base import OFFSET_UNITS, OutRecord, OutSpan
from annotator.outputs import OutputError, SafeOutput, database_files
from annotator.reports import ExportReport
from annotator.storage.exports import (
    DOCLABELS_IN_RANGE,
    SPAN_GROUPS_IN_RANGE,
    SPANS_IN_RANGE,
    STATUSES_IN_RANGE,
    ExportRepository,
    document_condition,
    extra_rows,
    id_maps,
    name_maps,
    raw_rows,
)
from annotator.store import Store, StoreError, normalize_status

BATCH_SIZE = 500

# (label set name, version) of a record; (None, None) for an annotator's record that has
# a status but no labels in any label set
LabelsetKey = tuple[str | None, str | None]


@dataclass(slots=True)
class ExportOptions:
    format: str = "jsonl"
    annotator: str | None = None
    status: str | None = None
    labelset: str | None = None
    all_docs: bool = False
    corpus: str | None = None
    # unit of written offsets for formats whose spans carry no text; None: the format's own
    offsets: str | None = None
    # Label Studio: annotator name -> Label Studio user email (completed_by)
    annotator_map: dict[str, str] = field(default_factory=dict)


class ExportCancelled(Exception):
    """The user cancelled; no output was left behind."""


class ExportError(AnnotatorError):
    """The export was refused (bad filter, a format that cannot hold the data…)."""


class _Cancelled(Exception):
    pass


def _doc_filter(options: ExportOptions, annotator_id: int | None, status: str | None):
    """SQL condition on documents for the documents an export covers."""
    include_all = options.all_docs or get_format(options.format).lists_every_document
    return document_condition(options.corpus, include_all, annotator_id, status)


@dataclass(slots=True)
class _Plan:
    """What an export covers, resolved once from its options."""

    annotator_id: int | None
    status: str | None
    labelset_name: str | None
    condition: Any
    include_unlabelled: bool


def _plan(store: Store, options: ExportOptions) -> _Plan:
    annotator_id: int | None = None
    if options.annotator:
        annotator_id = store.annotator_id(options.annotator, create=False)
        if annotator_id is None:
            raise ExportError(f"no annotator named {options.annotator!r} in this database "
                              f"(known: {', '.join(store.annotators()) or 'none'})")
    status = normalize_status(options.status) if options.status else None
    fmt = get_format(options.format)
    labelset_name = None
    if options.labelset:
        labelset_name = store.labelset(options.labelset).name
    elif fmt.exports_only_default_labelset:
        # ArAIEval files hold persuasion techniques only: spans of other label sets in the
        # same database (e.g. media-bias-ar) are left out rather than refused.
        labelset_name = fmt.default_labelset
    return _Plan(annotator_id, status, labelset_name, _doc_filter(options, annotator_id, status),
                 options.all_docs or fmt.lists_every_document)


def _doc_batches(conn, plan: _Plan, meta_as_text: bool = False) -> Iterator[list[Any]]:
    """The covered documents in id order, BATCH_SIZE at a time."""
    return ExportRepository.document_batches(conn, plan.condition, meta_as_text=meta_as_text,
                                             batch_size=BATCH_SIZE)


def iter_out_records(store: Store, options: ExportOptions,
                     on_document: Callable[[], None] | None = None) -> Iterator[OutRecord]:
    """Yield the export's records in document order (spans sorted by start, end, label)."""
    plan = _plan(store, options)
    with store.repos.exports.reading() as conn:
        names = name_maps(conn)
        for docs in _doc_batches(conn, plan):
            yield from _records_for_batch(conn, docs, plan.annotator_id, plan.status,
                                          plan.labelset_name, plan.include_unlabelled,
                                          on_document, names)


# Plain SQL (no joins, no per-row type processing): spans are the bulk of an export and
# the annotator/label names come from two tiny tables read once per export.


def _records_for_batch(conn, docs, annotator_id, status, labelset_name, include_unlabelled,
                       on_document, names) -> Iterator[OutRecord]:
    ids = [d.id for d in docs]
    wanted = set(ids)
    annotator_names, label_names = names
    status_rows, doclabel_rows = extra_rows(conn, ids, annotator_id, labelset_name)

    # (doc, annotator) -> (labelset, version) -> spans / doc labels
    groups: dict[tuple[int, str], dict[LabelsetKey, dict[str, list[Any]]]] = defaultdict(dict)
    rows = raw_rows(conn, SPANS_IN_RANGE, (ids[0], ids[-1]))
    for doc_id, who_id, label_id, start, end, span_text, attributes, note in rows:
        if doc_id not in wanted or (annotator_id is not None and who_id != annotator_id):
            continue
        ls_name, ls_version, key = label_names[label_id]
        if labelset_name is not None and ls_name != labelset_name:
            continue
        per_doc = groups[(doc_id, annotator_names[who_id])]
        group = per_doc.get((ls_name, ls_version))
        if group is None:
            group = per_doc[(ls_name, ls_version)] = {"spans": [], "labels": []}
        group["spans"].append(OutSpan(
            start, end, key, span_text,
            {} if not attributes or attributes == "{}" else _attributes(attributes), note or ""))
    for doc_id, who, ls_name, ls_version, key, value in doclabel_rows:
        group = groups[(doc_id, who)].setdefault((ls_name, ls_version), {"spans": [], "labels": []})
        group["labels"].append(f"{key}={value}" if value else key)
    statuses: dict[tuple[int, str], str] = {
        (doc_id, who): st for doc_id, who, st in status_rows
    }
    for doc_id, who in statuses:
        groups.setdefault((doc_id, who), {})

    by_doc: dict[int, list[str]] = defaultdict(list)
    for doc_id, who in groups:
        by_doc[doc_id].append(who)
    for doc in docs:
        meta: dict[str, Any] = dict(doc.meta or {})
        annotators = sorted(by_doc.get(doc.id, ()))
        if status is not None:
            if status == "todo":
                annotators = [a for a in annotators if statuses.get((doc.id, a), "todo") == "todo"]
            else:
                annotators = [a for a in annotators if statuses.get((doc.id, a)) == status]
        if on_document is not None:
            on_document()
        emitted = False
        for who in annotators:
            sets = groups[(doc.id, who)]
            if not sets:
                sets = {(None, None): {"spans": [], "labels": []}}
            for (ls_name, ls_version), group in sorted(sets.items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or "")):
                # (the writers check text[start:end] == span text for every span)
                spans = tuple(sorted(group["spans"], key=_span_order))
                yield OutRecord(
                    external_id=doc.external_id, text=doc.text, title=doc.title,
                    source=doc.source, meta=meta, annotator=who,
                    status=statuses.get((doc.id, who), "todo"),
                    labelset=ls_name, labelset_version=ls_version, spans=spans,
                    doc_labels=tuple(sorted(group["labels"])),
                )
                emitted = True
        if not emitted and include_unlabelled:
            yield OutRecord(
                external_id=doc.external_id, text=doc.text, title=doc.title, source=doc.source,
                meta=meta, annotator=None, status=None, labelset=None, labelset_version=None,
                spans=(), doc_labels=(),
            )


# ------------------------------------------------------------------ native fast path
# The native JSONL export is the one researchers run on whole corpora, so it has its own
# path: span rows come from SQLite already grouped and ordered (document, annotator,
# label set, start, end, label key), each span becomes its JSON text straight from the
# row, and a line is assembled from pre-encoded pieces (annotator.formats.native). The
# bytes are those of the generic path (iter_out_records + NativeFormat.write), which
# tests/test_export_speedpath.py checks on a database with every kind of content.
FAST_NATIVE_EXPORT = True




def _fast_native_ok(store: Store, options: ExportOptions) -> bool:
    # ORDER BY label key must sort as Python sorts str: SQLite's BINARY collation on
    # UTF-8 does (code point order); another database's collation might not.
    return (FAST_NATIVE_EXPORT and options.format == "jsonl"
            and store.engine.dialect.name == "sqlite")  # (dialect: no SQL here)


def _iter_native_chunks(store: Store, options: ExportOptions, on_document: Callable[[], None],
                        totals: list[int]) -> Iterator[str]:
    """The native JSONL text of the export, one batch of documents per chunk.
    ``totals`` receives [records, spans] as they are produced."""
    from annotator.formats import native

    plan = _plan(store, options)
    who = "" if plan.annotator_id is None else " AND annotator_id = ?"
    sql = SPAN_GROUPS_IN_RANGE.replace("<who>", who.replace(" annotator", " s.annotator"))
    status_sql = STATUSES_IN_RANGE.replace("<who>", who)
    doclabel_sql = DOCLABELS_IN_RANGE.replace("<who>", who)
    with store.repos.exports.reading() as conn:
        annotator_names, labelsets, label_keys = id_maps(conn)
        label_fragments = {label_id: native.label_fragment(key)
                           for label_id, key in label_keys.items()}
        wanted_sets = {ls_id for ls_id, (name, _v) in labelsets.items()
                       if plan.labelset_name is None or name == plan.labelset_name}
        labelset_json: dict[LabelsetKey, str] = {
            key: native.labelset_json(*key) for key in labelsets.values()}
        labelset_json[(None, None)] = "null"
        span_json = native.span_json
        encode_str = native.encode_basestring
        for docs in _doc_batches(conn, plan, meta_as_text=True):
            ids = [d[0] for d in docs]
            texts = {d[0]: d[3] for d in docs}
            params: tuple[Any, ...] = (ids[0], ids[-1])
            if plan.annotator_id is not None:
                params += (plan.annotator_id,)
            # doc id -> annotator id -> label set id -> span JSON texts, in output order
            span_groups: dict[int, dict[int, dict[int, list[str]]]] = {}
            frags: list[str] | None = None
            cur_doc = cur_who = cur_set = None
            doc_text = ""
            doc_len = 0
            # frags.append, bound once per group: called once per span; set whenever
            # frags is not None (rows are skipped while it is None)
            add: Callable[[str], None]
            broken: dict[int, tuple[int, int, int, str, str]] = {}
            for (doc_id, who_id, ls_id, start, end, label_id, text, attributes,
                 note) in raw_rows(conn, sql, params):
                if ls_id != cur_set or who_id != cur_who or doc_id != cur_doc:
                    cur_doc, cur_who, cur_set = doc_id, who_id, ls_id
                    if doc_id in texts and ls_id in wanted_sets:
                        doc_text = texts[doc_id]
                        doc_len = len(doc_text)
                        frags = []
                        add = frags.append
                        span_groups.setdefault(doc_id, {}).setdefault(who_id, {})[ls_id] = frags
                    else:
                        frags = None
                if frags is None:
                    continue
                if not (0 <= start < end <= doc_len) or doc_text[start:end] != text:
                    # refused when (and only if) its record is written, as checked_spans does
                    broken.setdefault(id(frags), (doc_id, start, end, label_keys[label_id], text))
                if attributes is None and note is None:
                    # native.span_json's common case, inlined: it runs once per span
                    add(f'{{"start": {start}, "end": {end}, {label_fragments[label_id]}"text": '
                        f'{encode_str(text)}}}')
                else:
                    add(span_json(start, end, label_fragments[label_id], text,
                                  _attributes(attributes), note or ""))
            # (rows of documents in the id range but outside the batch are never looked up)
            doc_labels: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
            for doc_id, who_id, ls_id, key, value in raw_rows(conn, doclabel_sql, params):
                if ls_id in wanted_sets:
                    doc_labels[doc_id].append((annotator_names[who_id], *labelsets[ls_id],
                                               f"{key}={value}" if value else key))
            statuses: dict[int, dict[str, str]] = defaultdict(dict)
            for doc_id, who_id, st in raw_rows(conn, status_sql, params):
                statuses[doc_id][annotator_names[who_id]] = st

            lines: list[str] = []
            for doc_id, external_id, title, text, source, meta in docs:
                # (annotator name) -> (label set name, version) -> [span JSON, doc labels]
                entries: dict[str, dict[LabelsetKey, tuple[list[str], list[str]]]] = {}
                for who_id, by_set in span_groups.get(doc_id, {}).items():
                    entries[annotator_names[who_id]] = {
                        labelsets[ls_id]: (set_frags, []) for ls_id, set_frags in by_set.items()}
                for who, ls_name, ls_version, label in doc_labels.get(doc_id, ()):
                    entries.setdefault(who, {}).setdefault(
                        (ls_name, ls_version), ([], []))[1].append(label)
                doc_statuses = statuses.get(doc_id, {})
                for who in doc_statuses:
                    entries.setdefault(who, {})
                annotators = sorted(entries)
                if plan.status is not None:
                    if plan.status == "todo":
                        annotators = [a for a in annotators
                                      if doc_statuses.get(a, "todo") == "todo"]
                    else:
                        annotators = [a for a in annotators if doc_statuses.get(a) == plan.status]
                on_document()
                if not annotators and not plan.include_unlabelled:
                    continue
                opening = native.line_opening(external_id, text, native.meta_json(
                    title, source, _meta_dict(meta)))
                if not annotators:
                    lines.append(native.line_json(opening, None, None, "null", [], []))
                    continue
                for who in annotators:
                    sets: dict[LabelsetKey, tuple[list[str], list[str]]] = (
                        entries[who] or {(None, None): ([], [])})
                    for key in sorted(sets, key=_set_order):
                        frags_, labels = sets[key]
                        if broken and id(frags_) in broken:
                            _mismatch(docs, *broken[id(frags_)])
                        labels.sort()
                        lines.append(native.line_json(opening, who, doc_statuses.get(who, "todo"),
                                                      labelset_json.get(key) or
                                                      native.labelset_json(*key), frags_, labels))
                        totals[1] += len(frags_)
            totals[0] += len(lines)
            if lines:
                yield "".join(lines)


class _NativeRecords:
    """The records of a native JSONL export. Iterating gives OutRecords as for any
    format; the native writer asks for ``native_chunks()`` instead: (text, spans) pairs
    of whole lines, the same bytes, several times faster."""

    def __init__(self, records: Iterator[OutRecord], store: Store, options: ExportOptions,
                 on_document: Callable[[], None], report: ExportReport) -> None:
        self._records = records
        self._args = store, options, on_document
        self._report = report

    def __iter__(self) -> Iterator[OutRecord]:
        return iter(self._records)

    def native_chunks(self) -> Iterator[tuple[str, int]]:
        totals = [0, 0]
        spans = 0
        for chunk in _iter_native_chunks(*self._args, totals):
            self._report.records = totals[0]
            yield chunk, totals[1] - spans
            spans = totals[1]
        self._report.records = totals[0]


def _set_order(key: LabelsetKey) -> tuple[str, str]:
    return key[0] or "", key[1] or ""


def _meta_dict(raw: Any) -> dict[str, Any]:
    """The stored meta as the generic path sees it (``dict(doc.meta or {})``)."""
    if raw is None or raw in ("{}", "null"):
        return {}
    value = json.loads(raw) if isinstance(raw, str | bytes) else raw
    return dict(value or {})


def _mismatch(docs, doc_id: int, start: int, end: int, label: str, text: str) -> None:
    """Refuse a span whose stored text does not match its document, with the generic
    path's message (annotator.formats._jsonl.checked_spans)."""
    from annotator.formats._jsonl import checked_spans

    doc = next(d for d in docs if d[0] == doc_id)
    checked_spans(OutRecord(external_id=doc[1], text=doc[3], title=doc[2], source=doc[4],
                            meta={}, annotator=None, status=None, labelset=None,
                            labelset_version=None, spans=(OutSpan(start, end, label, text),)))
    raise AssertionError("unreachable: checked_spans accepted a mismatching span")


_span_order = operator.attrgetter("start", "end", "label")


def _attributes(raw: Any) -> dict[str, Any]:
    if not raw or raw == "{}":
        return {}
    if isinstance(raw, str):
        return json.loads(raw)
    return dict(raw)  # drivers that decode JSON themselves (psycopg)


def export_to(store: Store, target: str | Path, options: ExportOptions | None = None, *,
              progress: Callable[[int, int | None], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> ExportReport:
    """Write the export to ``target`` (a file, or a folder for folder formats)."""
    options = options or ExportOptions()
    fmt = get_format(options.format)
    target = Path(target)
    report = ExportReport(target=str(target), format=options.format)
    if not fmt.spans_carry_text:
        report.offsets = options.offsets or fmt.offset_unit
        if report.offsets not in OFFSET_UNITS:
            raise ExportError(f"unknown offset unit {report.offsets!r} (choose from "
                              f"{', '.join(OFFSET_UNITS)})")
    writer_options: dict[str, Any] = {"warn": report.warn,
                                      "annotator_map": dict(options.annotator_map)}
    if report.offsets:
        writer_options["offsets"] = report.offsets
    total = store.document_count()
    counted = [0]

    def on_document() -> None:
        counted[0] += 1
        report.documents = counted[0]
        if cancel is not None and cancel():
            raise _Cancelled()
        if progress is not None and counted[0] % 100 == 0:
            progress(counted[0], total)

    def counting(records: Iterator[OutRecord]) -> Iterator[OutRecord]:
        one_annotator = fmt.single_annotator and not options.annotator
        doc, first = None, None
        for record in records:
            if one_annotator and record.annotator is not None:
                if record.external_id != doc:
                    doc, first = record.external_id, record.annotator
                elif record.annotator != first:
                    raise ExportError(
                        f"the {options.format} format holds one annotator's labels, and "
                        f"document {doc!r} has labels of {first!r} and {record.annotator!r} "
                        "(it would be written once per annotator and read back as several "
                        "documents or merged under one name); choose one with --annotator "
                        f"({', '.join(store.annotators())}) and export each annotator to a "
                        "file of its own")
            report.records += 1
            yield record

    records: Iterable[OutRecord]
    try:
        records = counting(iter_out_records(store, options, on_document))
    except StoreError as exc:
        raise ExportError(str(exc)) from exc
    folder_format = fmt.writes_folder
    # never over the database; written under a temporary name, renamed when complete
    output = SafeOutput(target, database_files(store), folder=folder_format)
    try:
        output.open()
    except OutputError as exc:
        raise ExportError(str(exc)) from exc
    temp = output.temp
    try:
        if _fast_native_ok(store, options):
            records = _NativeRecords(records, store, options, on_document, report)
        report.spans = fmt.write(records, temp, **writer_options)
    except _Cancelled:
        output.discard()
        raise ExportCancelled() from None
    except StoreError as exc:
        output.discard()
        raise ExportError(str(exc)) from exc
    except OSError as exc:  # disk full, permissions: a message, never a traceback
        output.discard()
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        output.discard()
        raise
    try:
        output.commit()
    except OutputError as exc:
        raise ExportError(str(exc)) from exc
    if progress is not None:
        progress(counted[0], total)
    return report
