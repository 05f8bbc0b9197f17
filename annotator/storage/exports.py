"""The SQL of an export: which documents it covers, and their rows read in batches.

Exports read 100,000s of span rows, so the hot queries are plain SQL run straight on the
driver's cursor (:func:`raw_rows`) and names come from small maps read once; the record
building and formatting stay in :mod:`annotator.exporting`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Text, and_, exists, or_, select, type_coerce

from annotator.storage.base import Repository
from annotator.storage.tables import ANNOTATOR, DOC, DOCLABEL, LABEL, LABELSET, SPAN, STATUS

BATCH_SIZE = 500

SPANS_IN_RANGE = (
    'SELECT document_id, annotator_id, label_id, start, "end", text, attributes, note '
    'FROM span WHERE document_id >= ? AND document_id <= ? ORDER BY document_id, start, "end"'
)

SPAN_GROUPS_IN_RANGE = (
    'SELECT s.document_id, s.annotator_id, l.labelset_id, s.start, s."end", s.label_id, '
    "s.text, nullif(s.attributes, '{}'), nullif(s.note, '') "
    "FROM span AS s JOIN label AS l ON l.id = s.label_id "
    "WHERE s.document_id >= ? AND s.document_id <= ?<who> "
    'ORDER BY s.document_id, s.annotator_id, l.labelset_id, s.start, s."end", l."key"'
)

STATUSES_IN_RANGE = (
    "SELECT document_id, annotator_id, status FROM document_status "
    "WHERE document_id >= ? AND document_id <= ?<who>"
)

DOCLABELS_IN_RANGE = (
    'SELECT document_id, annotator_id, labelset_id, "key", value '
    "FROM document_label WHERE document_id >= ? AND document_id <= ?<who>"
)


def document_condition(
    corpus: str | None, include_all: bool, annotator_id: int | None, status: str | None
) -> Any:
    """SQL condition on DOC for the documents an export covers."""
    conditions = []
    if corpus is not None:
        conditions.append(DOC.c.corpus == corpus)
    if include_all and status is None:
        return and_(*conditions) if conditions else None
    who = [SPAN.c.annotator_id == annotator_id] if annotator_id is not None else []
    has_span = exists().where(SPAN.c.document_id == DOC.c.id, *who)
    status_who = [STATUS.c.annotator_id == annotator_id] if annotator_id is not None else []
    if status == "todo" and annotator_id is None:
        # per (document, annotator): one annotator's "done" must not hide another's "todo";
        # the record builder keeps the pairs whose status is todo
        has_status = exists().where(STATUS.c.document_id == DOC.c.id)
        has_doclabel = exists().where(DOCLABEL.c.document_id == DOC.c.id)
        conditions.append(or_(has_span, has_status, has_doclabel))
    elif status is not None:
        if status == "todo":
            # 'todo' also covers documents the annotator never touched.
            has_other = exists().where(
                STATUS.c.document_id == DOC.c.id, *status_who, STATUS.c.status != "todo"
            )
            conditions.append(~has_other)
        else:
            conditions.append(
                exists().where(
                    STATUS.c.document_id == DOC.c.id, *status_who, STATUS.c.status == status
                )
            )
    else:
        has_status = exists().where(STATUS.c.document_id == DOC.c.id, *status_who)
        has_doclabel = exists().where(
            DOCLABEL.c.document_id == DOC.c.id,
            *([DOCLABEL.c.annotator_id == annotator_id] if annotator_id is not None else []),
        )
        conditions.append(or_(has_span, has_status, has_doclabel))
    return and_(*conditions)


def raw_rows(conn, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Rows as plain tuples straight from the driver's cursor: SQLAlchemy's Row objects
    cost as much as SQLite itself on the 100,000s of span rows of a large export."""
    if conn.dialect.paramstyle not in ("qmark",):
        sql = sql.replace("?", "%s")
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql, params)
        return cursor.fetchall()
    finally:
        cursor.close()


def name_maps(conn) -> tuple[dict[int, str], dict[int, tuple[str, str, str]]]:
    annotators = dict(conn.execute(select(ANNOTATOR.c.id, ANNOTATOR.c.name)).all())
    labels = {
        label_id: (ls_name, ls_version, key)
        for label_id, ls_name, ls_version, key in conn.execute(
            select(LABEL.c.id, LABELSET.c.name, LABELSET.c.version, LABEL.c.key).join(
                LABELSET, LABEL.c.labelset_id == LABELSET.c.id
            )
        ).all()
    }
    return annotators, labels


def extra_queries(ids: list[int], annotator_id: int | None, labelset_name: str | None):
    """The statuses and document labels of a batch of documents."""
    status_query = (
        select(STATUS.c.document_id, ANNOTATOR.c.name, STATUS.c.status)
        .join(ANNOTATOR, STATUS.c.annotator_id == ANNOTATOR.c.id)
        .where(STATUS.c.document_id.in_(ids))
    )
    doclabel_query = (
        select(
            DOCLABEL.c.document_id,
            ANNOTATOR.c.name,
            LABELSET.c.name,
            LABELSET.c.version,
            DOCLABEL.c.key,
            DOCLABEL.c.value,
        )
        .join(ANNOTATOR, DOCLABEL.c.annotator_id == ANNOTATOR.c.id)
        .join(LABELSET, DOCLABEL.c.labelset_id == LABELSET.c.id)
        .where(DOCLABEL.c.document_id.in_(ids))
    )
    if annotator_id is not None:
        status_query = status_query.where(STATUS.c.annotator_id == annotator_id)
        doclabel_query = doclabel_query.where(DOCLABEL.c.annotator_id == annotator_id)
    if labelset_name is not None:
        doclabel_query = doclabel_query.where(LABELSET.c.name == labelset_name)
    return status_query, doclabel_query


def extra_rows(
    conn: Connection, ids: list[int], annotator_id: int | None, labelset_name: str | None
) -> tuple[list[Any], list[Any]]:
    """(document, annotator, status) and (document, annotator, label set, version, key,
    value) rows of a batch of documents."""
    status_query, doclabel_query = extra_queries(ids, annotator_id, labelset_name)
    return list(conn.execute(status_query).all()), list(conn.execute(doclabel_query).all())


def id_maps(conn: Connection) -> tuple[dict[int, str], dict[int, tuple[str, str]], dict[int, str]]:
    """annotator id → name, label set id → (name, version), label id → key."""
    annotator_names = dict(conn.execute(select(ANNOTATOR.c.id, ANNOTATOR.c.name)).all())
    labelsets = {
        ls_id: (name, version)
        for ls_id, name, version in conn.execute(
            select(LABELSET.c.id, LABELSET.c.name, LABELSET.c.version)
        ).all()
    }
    label_keys = dict(conn.execute(select(LABEL.c.id, LABEL.c.key)).all())
    return annotator_names, labelsets, label_keys


class ExportRepository(Repository):
    def reading(self) -> Any:
        """One read connection for a whole export (a consistent snapshot on SQLite)."""
        return self.engine.connect()

    @staticmethod
    def document_batches(
        conn: Connection,
        condition: Any,
        *,
        meta_as_text: bool = False,
        batch_size: int = BATCH_SIZE,
    ) -> Iterator[list[Any]]:
        """The covered documents (id, external id, title, text, source, meta) in id order."""
        meta_column = type_coerce(DOC.c.meta, Text) if meta_as_text else DOC.c.meta
        last_id = 0
        while True:
            query = select(
                DOC.c.id, DOC.c.external_id, DOC.c.title, DOC.c.text, DOC.c.source, meta_column
            ).where(DOC.c.id > last_id)
            if condition is not None:
                query = query.where(condition)
            docs = list(conn.execute(query.order_by(DOC.c.id).limit(batch_size)).all())
            if not docs:
                return
            last_id = docs[-1][0]
            yield docs
