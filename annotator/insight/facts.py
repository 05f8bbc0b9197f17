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
first so the span queries need no joins. The SQL of these passes is the Store's
(:mod:`annotator.storage.insight`); this module keeps the filters and the counting.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from annotator.storage.insight import SpanFilter
from annotator.store import Store


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
    labels = store.repos.insight.labels(filters.labelset, filters.label)
    annotators = store.repos.insight.annotator_names()
    annotator_id = None
    if filters.annotator is not None:
        found = [i for i, name in annotators.items() if name == filters.annotator]
        annotator_id = found[0] if found else -1
    return Resolved(labels, annotator_id, annotators, filters)


def all_labels(resolved: Resolved) -> bool:
    """No label or label-set filter: every span's label passes."""
    return resolved.filters.labelset is None and resolved.filters.label is None


def span_filter(resolved: Resolved) -> SpanFilter:
    """The filters as the storage layer's span filter (ids, no joins)."""
    filters = resolved.filters
    return SpanFilter(
        label_ids=None if all_labels(resolved) else list(resolved.labels),
        annotator_id=resolved.annotator_id,
        target=filters.target,
        source=filters.source,
    )


def documents(store: Store) -> dict[int, tuple[str, int]]:
    """id → (source, words) of every document (never the texts, unless a row was stored
    without a word count)."""
    return store.repos.insight.documents()


def words_by_source(store: Store) -> dict[str, tuple[int, int]]:
    """source → (documents, words), grouped by the database on the (source, word_count)
    index."""
    return store.repos.insight.words_by_source()


def span_counts(store: Store, resolved: Resolved) -> list[tuple[int, int, int, int]]:
    """(document, annotator, label, spans) for the spans passing the filters: grouped in
    the order of the span table's unique index, so SQLite reads the index alone."""
    labels = resolved.labels
    rows = store.repos.insight.span_counts(span_filter(resolved))
    return [row for row in rows if row[2] in labels]


def term_facts(
    store: Store, resolved: Resolved, sources: dict[int, tuple[str, int]]
) -> list[tuple[int, str, str, str | None, int]]:
    """(label, surface text, source, target, spans) for the spans passing the filters.

    Counted in Python while streaming: a GROUP BY on the span text makes the database
    sort a million rows by text, several times slower than one pass into a Counter
    whose keys are few (distinct surface forms × outlets)."""
    labels = resolved.labels
    # A list indexed by document id is read faster than the dict, per span.
    source_of = [""] * (max(sources, default=0) + 1)
    for doc_id, (source, _words) in sources.items():
        source_of[doc_id] = source
    counts: Counter[tuple[int, str, str, str | None]] = Counter()
    rows = store.repos.insight.span_terms(span_filter(resolved))
    if all_labels(resolved):
        counts.update((lb, text, source_of[d], tg) for lb, text, d, tg in rows)
    else:
        counts.update((lb, text, source_of[d], tg) for lb, text, d, tg in rows if lb in labels)
    return [(lb, text, source, tg, n) for (lb, text, source, tg), n in counts.items()]


def status_counts(store: Store, resolved: Resolved) -> dict[str, Counter[str]]:
    """annotator → status → documents (the annotators' own progress table)."""
    out: dict[str, Counter[str]] = {}
    for who, status, n in store.repos.insight.status_counts(resolved.annotator_id):
        out.setdefault(resolved.annotators.get(who, str(who)), Counter())[status] = n
    return out


def done_per_day(store: Store, resolved: Resolved) -> dict[str, list[tuple[str, int]]]:
    """annotator → (day, documents marked done that day), from the status table."""
    out: dict[str, list[tuple[str, int]]] = {}
    for who, day, n in store.repos.insight.done_per_day(resolved.annotator_id):
        out.setdefault(resolved.annotators.get(who, str(who)), []).append((day, n))
    return out


__all__ = [
    "Filters",
    "Resolved",
    "documents",
    "words_by_source",
    "done_per_day",
    "resolve",
    "span_counts",
    "span_filter",
    "status_counts",
    "term_facts",
]
