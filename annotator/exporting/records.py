"""The export's record stream: what an export covers, read from the database in batches.

Documents are read in id order, in batches, with their spans, statuses and document
labels fetched per batch, so memory stays flat however large the corpus. One output
record is one (document, annotator, label set) group. Every format's writer consumes
this stream; the native JSONL export has a faster equivalent in annotator.exporting.native.
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from annotator.errors import AnnotatorError
from annotator.formats import get_format
from annotator.formats.base import OutRecord, OutSpan
from annotator.storage.connection import Reader
from annotator.storage.exports import (
    SPANS_IN_RANGE,
    DocumentFilter,
    DocumentRow,
    ExportRepository,
    IdMaps,
    doclabels_sql,
    document_filter,
    id_maps,
    json_object,
    range_params,
    statuses_sql,
)
from annotator.storage.limits import normalize_status
from annotator.store import Store

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


class ExportError(AnnotatorError):
    """The export was refused (bad filter, a format that cannot hold the data…)."""


def _doc_filter(
    options: ExportOptions, annotator_id: int | None, status: str | None
) -> DocumentFilter:
    """SQL condition on documents for the documents an export covers."""
    include_all = options.all_docs or get_format(options.format).lists_every_document
    return document_filter(options.corpus, include_all, annotator_id, status)


@dataclass(slots=True)
class ExportPlan:
    """What an export covers, resolved once from its options."""

    annotator_id: int | None
    status: str | None
    labelset_name: str | None
    condition: DocumentFilter
    include_unlabelled: bool


def plan_export(store: Store, options: ExportOptions) -> ExportPlan:
    """Resolve names in the options (annotator, label set, status) once, refusing
    unknown ones with an ExportError before anything is written."""
    annotator_id: int | None = None
    if options.annotator:
        annotator_id = store.annotator_id(options.annotator, create=False)
        if annotator_id is None:
            raise ExportError(
                f"no annotator named {options.annotator!r} in this database "
                f"(known: {', '.join(store.annotators()) or 'none'})"
            )
    status = normalize_status(options.status) if options.status else None
    fmt = get_format(options.format)
    labelset_name = None
    if options.labelset:
        labelset_name = store.labelset(options.labelset).name
    elif fmt.exports_only_default_labelset:
        # ArAIEval files hold persuasion techniques only: spans of other label sets in the
        # same database (e.g. media-bias-ar) are left out rather than refused.
        labelset_name = fmt.default_labelset
    return ExportPlan(
        annotator_id,
        status,
        labelset_name,
        _doc_filter(options, annotator_id, status),
        options.all_docs or fmt.lists_every_document,
    )


def doc_batches(reader: Reader, plan: ExportPlan) -> Iterator[list[DocumentRow]]:
    """The covered documents in id order, BATCH_SIZE at a time."""
    return ExportRepository.document_batches(reader, plan.condition, batch_size=BATCH_SIZE)


def iter_out_records(
    store: Store, options: ExportOptions, on_document: Callable[[], None] | None = None
) -> Iterator[OutRecord]:
    """Yield the export's records in document order (spans sorted by start, end, label)."""
    plan = plan_export(store, options)
    with store.repos.exports.reading() as reader:
        names = id_maps(reader)
        for docs in doc_batches(reader, plan):
            yield from _records_for_batch(
                reader,
                docs,
                plan.annotator_id,
                plan.status,
                plan.labelset_name,
                plan.include_unlabelled,
                on_document,
                names,
            )


# Plain SQL (no joins, no per-row type processing): spans are the bulk of an export and
# the annotator/label names come from tiny tables read once per export.


def _records_for_batch(
    reader: Reader,
    docs: list[DocumentRow],
    annotator_id: int | None,
    status: str | None,
    labelset_name: str | None,
    include_unlabelled: bool,
    on_document: Callable[[], None] | None,
    names: IdMaps,
) -> Iterator[OutRecord]:
    ids = [d.id for d in docs]
    wanted = set(ids)
    annotator_names = names.annotators
    params = range_params(ids[0], ids[-1], annotator_id)

    # (doc, annotator) -> (labelset, version) -> spans / doc labels
    groups: dict[tuple[int, str], dict[LabelsetKey, dict[str, list[Any]]]] = defaultdict(dict)
    set_name: str | None
    set_version: str | None
    rows = reader.rows(SPANS_IN_RANGE, {"first": ids[0], "last": ids[-1]})
    for doc_id, who_id, label_id, start, end, span_text, attributes, note in rows:
        if doc_id not in wanted or (annotator_id is not None and who_id != annotator_id):
            continue
        ls_id, key = names.labels[label_id]
        set_name, set_version = names.labelsets[ls_id]
        if labelset_name is not None and set_name != labelset_name:
            continue
        per_doc = groups[(doc_id, annotator_names[who_id])]
        group = per_doc.get((set_name, set_version))
        if group is None:
            group = per_doc[(set_name, set_version)] = {"spans": [], "labels": []}
        group["spans"].append(
            OutSpan(
                start,
                end,
                key,
                span_text,
                json_object(attributes),
                note or "",
            )
        )
    for doc_id, who_id, ls_id, key, value in reader.rows(doclabels_sql(annotator_id), params):
        set_name, set_version = names.labelsets[ls_id]
        if doc_id not in wanted or (labelset_name is not None and set_name != labelset_name):
            continue
        group = groups[(doc_id, annotator_names[who_id])].setdefault(
            (set_name, set_version), {"spans": [], "labels": []}
        )
        group["labels"].append(f"{key}={value}" if value else key)
    statuses: dict[tuple[int, str], str] = {
        (doc_id, annotator_names[who_id]): st
        for doc_id, who_id, st in reader.rows(statuses_sql(annotator_id), params)
        if doc_id in wanted
    }
    for doc_id, who in statuses:
        groups.setdefault((doc_id, who), {})

    by_doc: dict[int, list[str]] = defaultdict(list)
    for doc_id, who in groups:
        by_doc[doc_id].append(who)
    for doc in docs:
        meta = json_object(doc.meta)
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
            for (ls_name, ls_version), group in sorted(
                sets.items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or "")
            ):
                # (the writers check text[start:end] == span text for every span)
                spans = tuple(sorted(group["spans"], key=_span_order))
                yield OutRecord(
                    external_id=doc.external_id,
                    text=doc.text,
                    title=doc.title,
                    source=doc.source,
                    meta=meta,
                    annotator=who,
                    status=statuses.get((doc.id, who), "todo"),
                    labelset=ls_name,
                    labelset_version=ls_version,
                    spans=spans,
                    doc_labels=tuple(sorted(group["labels"])),
                )
                emitted = True
        if not emitted and include_unlabelled:
            yield OutRecord(
                external_id=doc.external_id,
                text=doc.text,
                title=doc.title,
                source=doc.source,
                meta=meta,
                annotator=None,
                status=None,
                labelset=None,
                labelset_version=None,
                spans=(),
                doc_labels=(),
            )


_span_order = operator.attrgetter("start", "end", "label")
