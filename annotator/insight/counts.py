"""Counts behind ``annotator stats --by …``: per outlet, label, annotator and term.

Everything is aggregated in SQL (GROUP BY over the span table joined to its document and
label), so 1,000,000 spans cost one pass inside the database, not a million Python
objects. Words come from the stored ``document.word_count``; a row without one (written
by an older build) is counted from its text here. Only accepted spans count: suggestions
live in their own table and never enter these queries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, select

from annotator.insight.terms import term_key
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


def span_select(columns: list[Any], filters: Filters) -> Select:
    """``SELECT columns FROM span`` joined to document, label, label set and annotator,
    restricted by ``filters``; callers add GROUP BY."""
    query = (
        select(*columns)
        .select_from(SPAN)
        .join(DOC, SPAN.c.document_id == DOC.c.id)
        .join(LABEL, SPAN.c.label_id == LABEL.c.id)
        .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
        .join(ANNOTATOR, SPAN.c.annotator_id == ANNOTATOR.c.id)
    )
    if filters.labelset is not None:
        query = query.where(LABELSET.c.name == filters.labelset)
    if filters.annotator is not None:
        query = query.where(ANNOTATOR.c.name == filters.annotator)
    if filters.label is not None:
        query = query.where(LABEL.c.key == filters.label)
    if filters.target is not None:
        query = query.where(SPAN.c.attributes["target"].as_string() == filters.target)
    if filters.source is not None:
        query = query.where(DOC.c.source == filters.source)
    return query


def per_1000(spans: int, words: int) -> float:
    return round(spans * 1000 / words, 3) if words else 0.0


def words_by_source(store: Store) -> dict[str, tuple[int, int]]:
    """source → (documents, words), counting texts only for rows without a stored count."""
    missing = func.sum(case((DOC.c.word_count.is_(None), 1), else_=0))
    query = select(
        DOC.c.source, func.count(), func.coalesce(func.sum(DOC.c.word_count), 0), missing
    ).group_by(DOC.c.source)
    out: dict[str, tuple[int, int]] = {}
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        for source, docs, words, _missing in rows:
            out[source or ""] = (int(docs), int(words))
        if any(m for *_, m in rows):
            extra: Counter[str] = Counter()
            for source, text in conn.execute(
                select(DOC.c.source, DOC.c.text).where(DOC.c.word_count.is_(None))
            ):
                extra[source or ""] += count_words(text)
            for source, words in extra.items():
                docs, stored = out[source]
                out[source] = (docs, stored + words)
    return out


def by_source(store: Store, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Per outlet: documents, words, accepted spans, spans per label, spans per 1,000 words.

    Documents and words are every document of the outlet (the coverage the density is
    measured against); spans are those passing ``filters``. Most documents first.
    """
    words = words_by_source(store)
    labels: dict[str, Counter[str]] = {}
    query = span_select([DOC.c.source, LABEL.c.key, func.count()], filters).group_by(
        DOC.c.source, LABEL.c.key
    )
    with store.engine.connect() as conn:
        for source, key, n in conn.execute(query):
            labels.setdefault(source or "", Counter())[key] += n
    rows: list[dict[str, Any]] = []
    for source, (docs, nwords) in words.items():
        if filters.source is not None and source != filters.source:
            continue
        per_label = labels.get(source, Counter())
        spans = sum(per_label.values())
        rows.append(
            {
                "source": source,
                "documents": docs,
                "words": nwords,
                "spans": spans,
                "labels": dict(sorted(per_label.items())),
                "per_1000_words": per_1000(spans, nwords),
            }
        )
    rows.sort(key=lambda r: (-r["documents"], r["source"]))
    return rows


def by_label(store: Store, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Per label (with its label set): spans, documents and outlets it occurs in, and spans
    per 1,000 words of the whole corpus. Most spans first."""
    total_words = sum(w for _d, w in words_by_source(store).values())
    query = span_select(
        [
            LABELSET.c.name,
            LABEL.c.key,
            func.count(),
            func.count(func.distinct(SPAN.c.document_id)),
            func.count(func.distinct(DOC.c.source)),
        ],
        filters,
    ).group_by(LABELSET.c.name, LABEL.c.key)
    with store.engine.connect() as conn:
        rows = [
            {
                "labelset": ls,
                "label": key,
                "spans": n,
                "documents": d,
                "sources": s,
                "per_1000_words": per_1000(n, total_words),
            }
            for ls, key, n, d, s in conn.execute(query)
        ]
    rows.sort(key=lambda r: (-r["spans"], r["labelset"], r["label"]))
    return rows


def by_annotator(store: Store, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Per annotator: spans, spans per label, documents they labelled, the words of those
    documents and spans per 1,000 of them, and their status counts."""
    per_label = span_select([ANNOTATOR.c.name, LABEL.c.key, func.count()], filters).group_by(
        ANNOTATOR.c.name, LABEL.c.key
    )
    labelled = span_select([ANNOTATOR.c.name, SPAN.c.document_id], filters).distinct().subquery()
    docs_words = (
        select(labelled.c.name, func.count(), func.coalesce(func.sum(DOC.c.word_count), 0))
        .select_from(labelled)
        .join(DOC, DOC.c.id == labelled.c.document_id)
        .group_by(labelled.c.name)
    )
    statuses = (
        select(ANNOTATOR.c.name, STATUS.c.status, func.count())
        .select_from(STATUS)
        .join(ANNOTATOR, STATUS.c.annotator_id == ANNOTATOR.c.id)
        .group_by(ANNOTATOR.c.name, STATUS.c.status)
    )
    if filters.annotator is not None:
        statuses = statuses.where(ANNOTATOR.c.name == filters.annotator)
    rows: dict[str, dict[str, Any]] = {}

    def row(name: str) -> dict[str, Any]:
        return rows.setdefault(
            name,
            {
                "annotator": name,
                "documents": 0,
                "words": 0,
                "spans": 0,
                "labels": {},
                "per_1000_words": 0.0,
                "status": {},
            },
        )

    with store.engine.connect() as conn:
        for name, key, n in conn.execute(per_label):
            r = row(name)
            r["labels"][key] = n
            r["spans"] += n
        for name, docs, nwords in conn.execute(docs_words):
            r = row(name)
            r["documents"], r["words"] = int(docs), int(nwords)
        for name, status, n in conn.execute(statuses):
            row(name)["status"][status] = n
    for r in rows.values():
        r["labels"] = dict(sorted(r["labels"].items()))
        r["per_1000_words"] = per_1000(r["spans"], r["words"])
    return sorted(rows.values(), key=lambda r: (-r["spans"], r["annotator"]))


def by_term(store: Store, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Per label, the normalised terms labelled (see :func:`term_key`) with their count
    per outlet and the surface forms seen. Counted in SQL per distinct surface text, so
    normalisation runs once per distinct form, not once per span."""
    query = span_select([LABEL.c.key, SPAN.c.text, DOC.c.source, func.count()], filters).group_by(
        LABEL.c.key, SPAN.c.text, DOC.c.source
    )
    terms: dict[tuple[str, str], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for key, surface, source, n in conn.execute(query):
            term = term_key(surface)
            if not term:
                continue
            entry = terms.setdefault(
                (key, term),
                {"label": key, "term": term, "spans": 0, "sources": Counter(), "forms": Counter()},
            )
            entry["spans"] += n
            entry["sources"][source or ""] += n
            entry["forms"][" ".join(surface.split())] += n
    rows = []
    for entry in terms.values():
        entry["sources"] = dict(sorted(entry["sources"].items(), key=lambda kv: (-kv[1], kv[0])))
        entry["forms"] = dict(sorted(entry["forms"].items(), key=lambda kv: (-kv[1], kv[0])))
        rows.append(entry)
    rows.sort(key=lambda r: (r["label"], -r["spans"], r["term"]))
    return rows


BY = {"source": by_source, "label": by_label, "annotator": by_annotator, "term": by_term}

__all__ = [
    "BY",
    "Filters",
    "by_annotator",
    "by_label",
    "by_source",
    "by_term",
    "per_1000",
    "span_select",
    "words_by_source",
]
