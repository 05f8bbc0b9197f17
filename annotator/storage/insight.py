"""The reads behind statistics, the report, the concordance and "documents behind a figure".

Read-only and shaped by one large corpus (100,000 documents, 1,000,000 spans): joining
every span to its document costs one random lookup per span, so the span passes read
the span table's own index and filter by ids resolved beforehand (:class:`SpanFilter`);
outlets are attached by the caller from :meth:`InsightRepository.documents`. The
hundreds of thousands of rows of those passes are streamed straight from the driver's
cursor (:func:`_stream`), where SQLAlchemy's result rows would cost more than SQLite's
own work. The computation (tallies, term keys, matching) stays in
:mod:`annotator.insight`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, case, func, select

from annotator.insight.words import count_words
from annotator.storage.base import Repository
from annotator.storage.tables import ANNOTATOR, DOC, LABEL, LABELSET, SPAN, STATUS, SUGGESTION


@dataclass(frozen=True, slots=True)
class SpanFilter:
    """Which spans a pass reads; ``None`` means no restriction. ``label_ids`` is the
    resolved label filter (an empty list matches nothing)."""

    label_ids: Sequence[int] | None = None
    annotator_id: int | None = None
    target: str | None = None  # the span attribute ``target``
    source: str | None = None


def _where(query: Any, spans: SpanFilter) -> Any:
    if spans.label_ids is not None:
        query = query.where(SPAN.c.label_id.in_(list(spans.label_ids) or [-1]))
    if spans.annotator_id is not None:
        query = query.where(SPAN.c.annotator_id == spans.annotator_id)
    if spans.target is not None:
        query = query.where(SPAN.c.attributes["target"].as_string() == spans.target)
    if spans.source is not None:
        query = query.where(
            SPAN.c.document_id.in_(select(DOC.c.id).where(DOC.c.source == spans.source))
        )
    return query


def _stream(conn: Connection, query: Any) -> Iterator[tuple[Any, ...]]:
    """A query's rows as plain tuples from the driver's cursor (the statement is still
    built, and its values quoted, by SQLAlchemy for the connection's dialect)."""
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while True:
            batch = cursor.fetchmany(10_000)
            if not batch:
                return
            yield from batch
    finally:
        cursor.close()


class InsightRepository(Repository):
    """Aggregates and streams for :mod:`annotator.insight`; never writes."""

    # ------------------------------------------------------------------ names
    def labels(
        self, labelset: str | None = None, label: str | None = None
    ) -> dict[int, tuple[str, str]]:
        """label id → (label set, key), restricted to a label set and/or key."""
        query = select(LABEL.c.id, LABELSET.c.name, LABEL.c.key).join(
            LABELSET, LABEL.c.labelset_id == LABELSET.c.id
        )
        if labelset is not None:
            query = query.where(LABELSET.c.name == labelset)
        if label is not None:
            query = query.where(LABEL.c.key == label)
        with self.engine.connect() as conn:
            return {i: (ls, key) for i, ls, key in conn.execute(query)}

    def annotator_names(self) -> dict[int, str]:
        with self.engine.connect() as conn:
            return {i: name for i, name in conn.execute(select(ANNOTATOR.c.id, ANNOTATOR.c.name))}

    # ------------------------------------------------------------------ documents
    def documents(self) -> dict[int, tuple[str, int]]:
        """id → (source, words) of every document, from the covering index on
        ``document(source, word_count)``; texts are read only for rows stored without
        a word count."""
        out: dict[int, tuple[str, int]] = {}
        missing = []
        with self.engine.connect() as conn:
            query = select(DOC.c.id, DOC.c.source, DOC.c.word_count)
            for doc_id, source, words in _stream(conn, query):
                if words is None:
                    missing.append(doc_id)
                out[doc_id] = (source or "", words or 0)
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                for doc_id, text in conn.execute(
                    select(DOC.c.id, DOC.c.text).where(DOC.c.id.in_(chunk))
                ):
                    out[doc_id] = (out[doc_id][0], count_words(text))
        return out

    def words_by_source(self) -> dict[str, tuple[int, int]]:
        """source → (documents, words), grouped by the database on the index."""
        missing = func.sum(case((DOC.c.word_count.is_(None), 1), else_=0))
        query = select(
            DOC.c.source, func.count(), func.coalesce(func.sum(DOC.c.word_count), 0), missing
        ).group_by(DOC.c.source)
        out: dict[str, tuple[int, int]] = {}
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            for source, docs, words, _missing in rows:
                out[source or ""] = (int(docs), int(words))
            if any(row[3] for row in rows):
                extra: Counter[str] = Counter()
                unknown = select(DOC.c.source, DOC.c.text).where(DOC.c.word_count.is_(None))
                for source, text in conn.execute(unknown):
                    extra[source or ""] += count_words(text)
                for source, words in extra.items():
                    docs, stored = out[source]
                    out[source] = (docs, stored + words)
        return out

    def document_batches(
        self, source: str | None = None, batch: int = 500
    ) -> Iterator[list[tuple[int, str, str, str]]]:
        """(id, external id, source, text) of every document (of one outlet), in import
        order, ``batch`` at a time; no connection is held between batches."""
        last = 0
        while True:
            query = (
                select(DOC.c.id, DOC.c.external_id, DOC.c.source, DOC.c.text)
                .where(DOC.c.id > last)
                .order_by(DOC.c.id)
                .limit(batch)
            )
            if source is not None:
                query = query.where(DOC.c.source == source)
            with self.engine.connect() as conn:
                rows = [(int(i), ext, src or "", text) for i, ext, src, text in conn.execute(query)]
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    # ------------------------------------------------------------------ spans
    def span_counts(self, spans: SpanFilter) -> list[tuple[int, int, int, int]]:
        """(document, annotator, label, spans), grouped in the order of the span table's
        unique index so SQLite reads the index alone."""
        query = _where(
            select(SPAN.c.document_id, SPAN.c.annotator_id, SPAN.c.label_id, func.count()).group_by(
                SPAN.c.document_id, SPAN.c.annotator_id, SPAN.c.label_id
            ),
            spans,
        )
        with self.engine.connect() as conn:
            return list(_stream(conn, query))

    def span_terms(self, spans: SpanFilter) -> Iterator[tuple[int, str, int, str | None]]:
        """(label, surface text, document, target) of every span, streamed: the caller
        counts them (a GROUP BY on the text would sort a million rows, several times
        slower). Consume the iterator fully: it holds a connection until then."""
        target = SPAN.c.attributes["target"].as_string()
        query = _where(select(SPAN.c.label_id, SPAN.c.text, SPAN.c.document_id, target), spans)
        with self.engine.connect() as conn:
            yield from _stream(conn, query)

    def labellings(self, document_ids: Sequence[int]) -> list[tuple[int, str, str, int, int]]:
        """(document, annotator, label key, start, end) of every span of the documents."""
        query = (
            select(SPAN.c.document_id, ANNOTATOR.c.name, LABEL.c.key, SPAN.c.start, SPAN.c.end)
            .join(ANNOTATOR, SPAN.c.annotator_id == ANNOTATOR.c.id)
            .join(LABEL, SPAN.c.label_id == LABEL.c.id)
            .where(SPAN.c.document_id.in_(list(document_ids)))
        )
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    # ------------------------------------------------------------------ documents behind a figure
    def documents_of_source(self, source: str, limit: int) -> list[tuple[int, str, str, str, int]]:
        """(id, external id, title, source, spans) of every document of one outlet,
        labelled or not, in import order."""
        spans = (
            select(SPAN.c.document_id, func.count().label("n"))
            .group_by(SPAN.c.document_id)
            .subquery()
        )
        query = (
            select(*_DOC_COLS, func.coalesce(spans.c.n, 0))
            .select_from(DOC.outerjoin(spans, spans.c.document_id == DOC.c.id))
            .where(DOC.c.source == source)
            .order_by(DOC.c.id)
            .limit(limit)
        )
        return self._doc_rows(query)

    def documents_with_spans(
        self, criteria: SpanCriteria, limit: int
    ) -> list[tuple[int, str, str, str, int]]:
        """(id, external id, title, source, matching spans) of the documents with spans
        matching every criterion, in import order."""
        query = (
            select(*_DOC_COLS, func.count())
            .select_from(_JOINED)
            .where(and_(True, *criteria.conditions()))
            .group_by(*_DOC_COLS)
            .order_by(DOC.c.id)
            .limit(limit)
        )
        return self._doc_rows(query)

    def span_texts(self, criteria: SpanCriteria) -> Iterator[tuple[int, str, str, str, str]]:
        """(id, external id, title, source, span text) of every matching span in document
        order, streamed: the caller compares term keys and stops when it has enough."""
        query = (
            select(*_DOC_COLS, SPAN.c.text)
            .select_from(_JOINED)
            .where(and_(True, *criteria.conditions()))
            .order_by(DOC.c.id)
        )
        with self.engine.connect() as conn:
            for i, ext, title, src, text in conn.execute(query):
                yield int(i), ext, title or "", src or "", text

    def _doc_rows(self, query: Any) -> list[tuple[int, str, str, str, int]]:
        with self.engine.connect() as conn:
            return [
                (int(i), ext, title or "", src or "", int(n))
                for i, ext, title, src, n in conn.execute(query)
            ]

    # ------------------------------------------------------------------ statuses
    def status_counts(self, annotator_id: int | None = None) -> list[tuple[int, str, int]]:
        """(annotator, status, documents)."""
        query = select(STATUS.c.annotator_id, STATUS.c.status, func.count()).group_by(
            STATUS.c.annotator_id, STATUS.c.status
        )
        if annotator_id is not None:
            query = query.where(STATUS.c.annotator_id == annotator_id)
        with self.engine.connect() as conn:
            return [(int(a), s, int(n)) for a, s, n in conn.execute(query)]

    def done_per_day(self, annotator_id: int | None = None) -> list[tuple[int, str, int]]:
        """(annotator, day YYYY-MM-DD, documents marked done that day), ordered."""
        day = func.date(STATUS.c.updated_at)
        query = (
            select(STATUS.c.annotator_id, day, func.count())
            .where(STATUS.c.status == "done")
            .group_by(STATUS.c.annotator_id, day)
            .order_by(STATUS.c.annotator_id, day)
        )
        if annotator_id is not None:
            query = query.where(STATUS.c.annotator_id == annotator_id)
        with self.engine.connect() as conn:
            return [(int(a), str(when)[:10], int(n)) for a, when, n in conn.execute(query)]

    def any_document_done_by_two(self) -> bool:
        """Whether some document was marked done by at least two annotators."""
        shared = (
            select(STATUS.c.document_id)
            .where(STATUS.c.status == "done")
            .group_by(STATUS.c.document_id)
            .having(func.count() >= 2)
            .limit(1)
        )
        with self.engine.connect() as conn:
            return conn.execute(shared).first() is not None

    # ------------------------------------------------------------------ other
    def suggestion_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(SUGGESTION)).scalar_one())

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read connection for the team's loaders, which still take one."""
        with self.engine.connect() as conn:
            yield conn


@dataclass(frozen=True, slots=True)
class SpanCriteria:
    """Spans named by what a user clicked: label key, label set, annotator, outlet."""

    label: str | None = None
    labelset: str | None = None
    annotator: str | None = None
    source: str | None = None

    def conditions(self) -> list[Any]:
        out = []
        if self.label is not None:
            out.append(LABEL.c.key == self.label)
        if self.labelset is not None:
            out.append(LABELSET.c.name == self.labelset)
        if self.annotator is not None:
            out.append(ANNOTATOR.c.name == self.annotator)
        if self.source is not None:
            out.append(DOC.c.source == self.source)
        return out


_DOC_COLS = (DOC.c.id, DOC.c.external_id, DOC.c.title, DOC.c.source)
_JOINED = (
    SPAN.join(DOC, SPAN.c.document_id == DOC.c.id)
    .join(LABEL, SPAN.c.label_id == LABEL.c.id)
    .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
    .join(ANNOTATOR, SPAN.c.annotator_id == ANNOTATOR.c.id)
)

__all__ = ["InsightRepository", "SpanCriteria", "SpanFilter"]
