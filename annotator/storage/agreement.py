"""The rows agreement compares, read over one connection.

Which annotators and documents are compared, and how spans become a comparison, is
decided in :mod:`annotator.team.dataset`; this reader only fetches. Agreement reads a
whole corpus (300,000 spans in the benchmark), so the span rows come through the
driver's own cursor in one fetch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Connection, select

from annotator.storage.tables import ANNOTATOR, DOC, DOCLABEL, LABEL, LABELSET, SPAN, STATUS

CHUNK = 900  # ids per IN (...) list: below SQLite's host-parameter limit


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


class AgreementReader:
    """Read-only queries over the caller's connection (one consistent snapshot)."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def annotators(self) -> list[tuple[str, int, str]]:
        """Every person as (name, id, role)."""
        rows = self.conn.execute(select(ANNOTATOR.c.name, ANNOTATOR.c.id, ANNOTATOR.c.role))
        return [(name, aid, role) for name, aid, role in rows]

    def done(self, annotator_id: int) -> set[int]:
        """Documents the annotator marked done."""
        query = select(STATUS.c.document_id).where(
            STATUS.c.annotator_id == annotator_id, STATUS.c.status == "done"
        )
        return {doc for (doc,) in self.conn.execute(query).fetchall()}

    def touched(self, annotator_id: int) -> set[int]:
        """Documents the annotator touched: a status beyond todo, a span or a document label."""
        conn = self.conn
        docs = set(
            conn.execute(
                select(STATUS.c.document_id).where(
                    STATUS.c.annotator_id == annotator_id, STATUS.c.status != "todo"
                )
            ).scalars()
        )
        docs.update(
            conn.execute(
                select(SPAN.c.document_id).where(SPAN.c.annotator_id == annotator_id).distinct()
            ).scalars()
        )
        docs.update(
            conn.execute(
                select(DOCLABEL.c.document_id)
                .where(DOCLABEL.c.annotator_id == annotator_id)
                .distinct()
            ).scalars()
        )
        return docs

    def documents(self, doc_ids: Sequence[int]) -> Iterator[tuple[int, str, str, str]]:
        """(id, corpus, external id, text) of the listed documents."""
        for chunk in _chunks(doc_ids):
            yield from self.conn.execute(
                select(DOC.c.id, DOC.c.corpus, DOC.c.external_id, DOC.c.text).where(
                    DOC.c.id.in_(chunk)
                )
            ).fetchall()

    def label_keys(self, labelset: str | None) -> dict[int, str]:
        """label id → key, of one label set's name (every set's when None)."""
        query = select(LABEL.c.id, LABEL.c.key).join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
        if labelset is not None:
            query = query.where(LABELSET.c.name == labelset)
        return {lid: key for lid, key in self.conn.execute(query).fetchall()}

    def span_rows(self) -> list[tuple[int, int, int, int, int]]:
        """Every span as (annotator, document, label, start, end), through the driver's
        own cursor: 300,000 rows in one C-level fetch, without per-row result processing.
        Plain SQL without parameters, valid on SQLite and PostgreSQL alike; filtering is
        the caller's."""
        cursor = self.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute('SELECT annotator_id, document_id, label_id, start, "end" FROM span')
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def document_labels(
        self, annotator_ids: Sequence[int], labelset: str | None
    ) -> Iterator[tuple[int, int, str, str]]:
        """(annotator, document, key, value) of the listed annotators' document labels."""
        query = select(
            DOCLABEL.c.annotator_id, DOCLABEL.c.document_id, DOCLABEL.c.key, DOCLABEL.c.value
        ).where(DOCLABEL.c.annotator_id.in_(list(annotator_ids)))
        if labelset is not None:
            query = query.join(LABELSET, DOCLABEL.c.labelset_id == LABELSET.c.id).where(
                LABELSET.c.name == labelset
            )
        for aid, doc_id, key, value in self.conn.execute(query):  # noqa: UP028 - plain tuples
            yield aid, doc_id, key, value

    def labelsets_used(self, annotator_ids: Sequence[int]) -> list[str]:
        """Names of the label sets the annotators' spans use, sorted."""
        return sorted(
            self.conn.execute(
                select(LABELSET.c.name)
                .distinct()
                .select_from(SPAN)
                .join(LABEL, SPAN.c.label_id == LABEL.c.id)
                .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
                .where(SPAN.c.annotator_id.in_(list(annotator_ids)))
            ).scalars()
        )

    def labelset_names(self) -> set[str]:
        """Names of every label set registered in the database."""
        return set(self.conn.execute(select(LABELSET.c.name).distinct()).scalars())
