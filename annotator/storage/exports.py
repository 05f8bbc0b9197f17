"""The SQL of an export: which documents it covers, and their rows read in batches.

Exports read 100,000s of span rows, so every query here is plain SQL text run through
the read seam (:mod:`annotator.storage.connection`): straight on a stdlib ``sqlite3``
cursor for an SQLite file, through SQLAlchemy's ``text()`` on PostgreSQL; names come
from small maps read once. Record building and formatting stay in
:mod:`annotator.exporting`. Values come back as the driver gives them: JSON columns are
text on SQLite and already decoded on PostgreSQL (:func:`json_object` reads both).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple

from annotator.storage.annotators import names_by_id
from annotator.storage.base import Repository
from annotator.storage.connection import Reader

BATCH_SIZE = 500

# ":annotator_id" narrows a range query to one annotator where {who} is filled in
_WHO = " AND {alias}annotator_id = :annotator_id"

DOCUMENTS = (
    "SELECT d.id, d.external_id, d.title, d.text, d.source, d.meta FROM document AS d "
    "WHERE d.id > :after{where} ORDER BY d.id LIMIT :limit"
)

SPANS_IN_RANGE = (
    'SELECT document_id, annotator_id, label_id, start, "end", text, attributes, note '
    "FROM span WHERE document_id >= :first AND document_id <= :last "
    'ORDER BY document_id, start, "end"'
)

SPAN_GROUPS_IN_RANGE = (
    'SELECT s.document_id, s.annotator_id, l.labelset_id, s.start, s."end", s.label_id, '
    "s.text, nullif(s.attributes, '{{}}'), nullif(s.note, '') "
    "FROM span AS s JOIN label AS l ON l.id = s.label_id "
    "WHERE s.document_id >= :first AND s.document_id <= :last{who} "
    'ORDER BY s.document_id, s.annotator_id, l.labelset_id, s.start, s."end", l."key"'
)

STATUSES_IN_RANGE = (
    "SELECT document_id, annotator_id, status FROM document_status "
    "WHERE document_id >= :first AND document_id <= :last{who}"
)

DOCLABELS_IN_RANGE = (
    'SELECT document_id, annotator_id, labelset_id, "key", value '
    "FROM document_label WHERE document_id >= :first AND document_id <= :last{who}"
)

LABELSETS = "SELECT id, name, version FROM labelset"
LABELS = 'SELECT id, labelset_id, "key" FROM label'

# Conditions on the document ``d``: someone labelled it (a span, a status, a document label).
_HAS_SPAN = "EXISTS (SELECT 1 FROM span AS s WHERE s.document_id = d.id{who})"
_HAS_STATUS = "EXISTS (SELECT 1 FROM document_status AS st WHERE st.document_id = d.id{who})"
_HAS_DOCLABEL = "EXISTS (SELECT 1 FROM document_label AS dl WHERE dl.document_id = d.id{who})"
_HAS_STATUS_OTHER_THAN_TODO = (
    "EXISTS (SELECT 1 FROM document_status AS st WHERE st.document_id = d.id{who} "
    "AND st.status <> 'todo')"
)
_HAS_THIS_STATUS = (
    "EXISTS (SELECT 1 FROM document_status AS st WHERE st.document_id = d.id{who} "
    "AND st.status = :status)"
)


class DocumentFilter(NamedTuple):
    """The SQL condition on ``document AS d`` of the documents an export covers."""

    sql: str  # "" or " AND …"
    params: dict[str, Any]


class DocumentRow(NamedTuple):
    id: int
    external_id: str
    title: str
    text: str
    source: str
    meta: Any  # JSON text (SQLite) or the decoded value (PostgreSQL): see json_object


def _who(alias: str, annotator_id: int | None) -> str:
    return "" if annotator_id is None else _WHO.format(alias=alias)


def document_filter(
    corpus: str | None, include_all: bool, annotator_id: int | None, status: str | None
) -> DocumentFilter:
    """The documents an export covers: of ``corpus``; everything (``include_all``) or
    those somebody (the annotator, if given) labelled; with ``status`` if given."""
    conditions: list[str] = []
    params: dict[str, Any] = {}
    if corpus is not None:
        conditions.append("d.corpus = :corpus")
        params["corpus"] = corpus
    if not (include_all and status is None):
        if annotator_id is not None:
            params["annotator_id"] = annotator_id
        span_who = _who("s.", annotator_id)
        status_who = _who("st.", annotator_id)
        if status == "todo" and annotator_id is None:
            # per (document, annotator): one annotator's "done" must not hide another's
            # "todo"; the record builder keeps the pairs whose status is todo
            conditions.append(
                f"({_HAS_SPAN.format(who='')} OR {_HAS_STATUS.format(who='')} "
                f"OR {_HAS_DOCLABEL.format(who='')})"
            )
        elif status == "todo":
            # 'todo' also covers documents the annotator never touched.
            conditions.append(f"NOT {_HAS_STATUS_OTHER_THAN_TODO.format(who=status_who)}")
        elif status is not None:
            conditions.append(_HAS_THIS_STATUS.format(who=status_who))
            params["status"] = status
        else:
            conditions.append(
                f"({_HAS_SPAN.format(who=span_who)} OR {_HAS_STATUS.format(who=status_who)} "
                f"OR {_HAS_DOCLABEL.format(who=_who('dl.', annotator_id))})"
            )
    return DocumentFilter("".join(f" AND {c}" for c in conditions), params)


def json_object(raw: Any) -> dict[str, Any]:
    """A JSON object column (document meta, span attributes) as a dict, however the
    driver returned it; an empty dict for NULL, ``{}`` or ``null``."""
    if raw is None or raw in ("{}", "null", ""):
        return {}
    value = json.loads(raw) if isinstance(raw, str | bytes) else raw
    return dict(value or {})


class IdMaps(NamedTuple):
    """The small tables an export reads once: ids → names."""

    annotators: dict[int, str]  # annotator id → name
    labelsets: dict[int, tuple[str, str]]  # label set id → (name, version)
    labels: dict[int, tuple[int, str]]  # label id → (label set id, key)


def id_maps(reader: Reader) -> IdMaps:
    return IdMaps(
        names_by_id(reader),
        {ls_id: (name, version) for ls_id, name, version in reader.rows(LABELSETS)},
        {label_id: (ls_id, key) for label_id, ls_id, key in reader.rows(LABELS)},
    )


def range_params(first: int, last: int, annotator_id: int | None) -> dict[str, Any]:
    params: dict[str, Any] = {"first": first, "last": last}
    if annotator_id is not None:
        params["annotator_id"] = annotator_id
    return params


def span_groups_sql(annotator_id: int | None) -> str:
    """Spans of a document id range ordered as the native JSONL lines want them."""
    return SPAN_GROUPS_IN_RANGE.format(who=_who("s.", annotator_id))


def statuses_sql(annotator_id: int | None) -> str:
    return STATUSES_IN_RANGE.format(who=_who("", annotator_id))


def doclabels_sql(annotator_id: int | None) -> str:
    return DOCLABELS_IN_RANGE.format(who=_who("", annotator_id))


class ExportRepository(Repository):
    def reading(self) -> Any:
        """One reader for a whole export (a consistent snapshot on SQLite)."""
        return self.database.reading()

    @staticmethod
    def document_batches(
        reader: Reader, condition: DocumentFilter, *, batch_size: int = BATCH_SIZE
    ) -> Iterator[list[DocumentRow]]:
        """The covered documents (id, external id, title, text, source, meta) in id order."""
        sql = DOCUMENTS.format(where=condition.sql)
        last_id = 0
        while True:
            params = {**condition.params, "after": last_id, "limit": batch_size}
            docs = [DocumentRow(*row) for row in reader.rows(sql, params)]
            if not docs:
                return
            last_id = docs[-1].id
            yield docs
