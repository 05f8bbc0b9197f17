"""The few database passes every insight view is computed from.

One large corpus (100,000 documents, 1,000,000 spans) decides the shape of this module:
joining every span to its document costs one random lookup per span, and grouping a
million rows by several text columns costs seconds. So the views share three reads:

* :func:`documents` — id → (source, words) for every document, read from the covering
  index on ``document(source, word_count)`` (never the texts);
* :func:`span_counts` — spans counted per (document, annotator, label), read from the
  span table's unique index alone (no span text, no JSON);
* :func:`term_facts` — spans counted per (label, surface text, outlet, target), the one
  pass that reads span texts, for the term and naming views.

Outlets are attached in Python through the ``documents`` map. Filters are resolved to ids
first so the span queries need no joins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, case, func, select

from annotator.insight.words import count_words
from annotator.store import ANNOTATOR, DOC, LABEL, LABELSET, SPAN, STATUS, Store


@dataclass(frozen=True, slots=True)
class Filters:
    """Which spans count. ``None`` means no restriction."""

    labelset: str | None = None
    annotator: str | None = None
    label: str | None = None
    target: str | None = None  # the span attribute ``target`` (who a naming names)
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    """Filters turned into ids: ``labels`` maps every label id that passes to its
    (label set, key); ``annotator_id`` is None for everyone, -1 for an unknown name."""

    labels: dict[int, tuple[str, str]]
    annotator_id: int | None
    annotators: dict[int, str]
    filters: Filters


def resolve(store: Store, filters: Filters) -> Resolved:
    query = select(LABEL.c.id, LABELSET.c.name, LABEL.c.key).join(
        LABELSET, LABEL.c.labelset_id == LABELSET.c.id
    )
    if filters.labelset is not None:
        query = query.where(LABELSET.c.name == filters.labelset)
    if filters.label is not None:
        query = query.where(LABEL.c.key == filters.label)
    with store.engine.connect() as conn:
        labels = {i: (ls, key) for i, ls, key in conn.execute(query)}
        annotators: dict[int, str] = {
            i: name for i, name in conn.execute(select(ANNOTATOR.c.id, ANNOTATOR.c.name))
        }
    annotator_id = None
    if filters.annotator is not None:
        found = [i for i, name in annotators.items() if name == filters.annotator]
        annotator_id = found[0] if found else -1
    return Resolved(labels, annotator_id, annotators, filters)


def all_labels(resolved: Resolved) -> bool:
    """No label or label-set filter: every span's label passes."""
    return resolved.filters.labelset is None and resolved.filters.label is None


def _where(query: Any, resolved: Resolved) -> Any:
    filters = resolved.filters
    if filters.labelset is not None or filters.label is not None:
        query = query.where(SPAN.c.label_id.in_(list(resolved.labels) or [-1]))
    if resolved.annotator_id is not None:
        query = query.where(SPAN.c.annotator_id == resolved.annotator_id)
    if filters.target is not None:
        query = query.where(SPAN.c.attributes["target"].as_string() == filters.target)
    if filters.source is not None:
        query = query.where(
            SPAN.c.document_id.in_(select(DOC.c.id).where(DOC.c.source == filters.source))
        )
    return query


def _rows(conn: Connection, query: Any) -> Iterator[tuple[Any, ...]]:
    """Stream a query's rows as plain tuples straight from the driver's cursor.

    For the hundreds of thousands of rows of the passes below, SQLAlchemy's result rows
    cost more than SQLite's own work; the statement is still built (and its values
    quoted) by SQLAlchemy for the connection's dialect.
    """
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


def documents(store: Store) -> dict[int, tuple[str, int]]:
    """id → (source, words) of every document; texts are read only for rows stored
    without a word count."""
    out: dict[int, tuple[str, int]] = {}
    missing = []
    with store.engine.connect() as conn:
        for doc_id, source, words in _rows(conn, select(DOC.c.id, DOC.c.source, DOC.c.word_count)):
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


def words_by_source(store: Store) -> dict[str, tuple[int, int]]:
    """source → (documents, words), grouped by the database on the (source, word_count)
    index; texts are counted only for rows stored without a word count."""
    missing = func.sum(case((DOC.c.word_count.is_(None), 1), else_=0))
    query = select(
        DOC.c.source, func.count(), func.coalesce(func.sum(DOC.c.word_count), 0), missing
    ).group_by(DOC.c.source)
    out: dict[str, tuple[int, int]] = {}
    with store.engine.connect() as conn:
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


def span_counts(store: Store, resolved: Resolved) -> list[tuple[int, int, int, int]]:
    """(document, annotator, label, spans) for the spans passing the filters: grouped in
    the order of the span table's unique index, so SQLite reads the index alone."""
    query = _where(
        select(SPAN.c.document_id, SPAN.c.annotator_id, SPAN.c.label_id, func.count()).group_by(
            SPAN.c.document_id, SPAN.c.annotator_id, SPAN.c.label_id
        ),
        resolved,
    )
    labels = resolved.labels
    with store.engine.connect() as conn:
        return [row for row in _rows(conn, query) if row[2] in labels]


def term_facts(
    store: Store, resolved: Resolved, sources: dict[int, tuple[str, int]]
) -> list[tuple[int, str, str, str | None, int]]:
    """(label, surface text, source, target, spans) for the spans passing the filters.

    Counted in Python while streaming: a GROUP BY on the span text makes the database
    sort a million rows by text, several times slower than one pass into a Counter
    whose keys are few (distinct surface forms × outlets)."""
    target = SPAN.c.attributes["target"].as_string()
    query = _where(select(SPAN.c.label_id, SPAN.c.text, SPAN.c.document_id, target), resolved)
    labels = resolved.labels
    # A list indexed by document id is read faster than the dict, per span.
    source_of = [""] * (max(sources, default=0) + 1)
    for doc_id, (source, _words) in sources.items():
        source_of[doc_id] = source
    counts: Counter[tuple[int, str, str, str | None]] = Counter()
    with store.engine.connect() as conn:
        rows = _rows(conn, query)
        if all_labels(resolved):
            counts.update((lb, text, source_of[d], tg) for lb, text, d, tg in rows)
        else:
            counts.update((lb, text, source_of[d], tg) for lb, text, d, tg in rows if lb in labels)
    return [(lb, text, source, tg, n) for (lb, text, source, tg), n in counts.items()]


def status_counts(store: Store, resolved: Resolved) -> dict[str, Counter[str]]:
    """annotator → status → documents (the annotators' own progress table)."""
    query = select(STATUS.c.annotator_id, STATUS.c.status, func.count()).group_by(
        STATUS.c.annotator_id, STATUS.c.status
    )
    if resolved.annotator_id is not None:
        query = query.where(STATUS.c.annotator_id == resolved.annotator_id)
    out: dict[str, Counter[str]] = {}
    with store.engine.connect() as conn:
        for who, status, n in conn.execute(query):
            out.setdefault(resolved.annotators.get(who, str(who)), Counter())[status] = n
    return out


def done_per_day(store: Store, resolved: Resolved) -> dict[str, list[tuple[str, int]]]:
    """annotator → (day, documents marked done that day), from the status table."""
    day = func.date(STATUS.c.updated_at)
    query = (
        select(STATUS.c.annotator_id, day, func.count())
        .where(STATUS.c.status == "done")
        .group_by(STATUS.c.annotator_id, day)
        .order_by(STATUS.c.annotator_id, day)
    )
    if resolved.annotator_id is not None:
        query = query.where(STATUS.c.annotator_id == resolved.annotator_id)
    out: dict[str, list[tuple[str, int]]] = {}
    with store.engine.connect() as conn:
        for who, when, n in conn.execute(query):
            name = resolved.annotators.get(who, str(who))
            out.setdefault(name, []).append((str(when)[:10], int(n)))
    return out


__all__ = [
    "Filters",
    "Resolved",
    "documents",
    "words_by_source",
    "done_per_day",
    "resolve",
    "span_counts",
    "status_counts",
    "term_facts",
]
