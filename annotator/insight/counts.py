"""Counts behind ``annotator stats --by …``: per outlet, label, annotator and term.

All views are computed from the shared reads of :mod:`annotator.insight.facts` (one
index-only count of spans per document/annotator/label, one grouped pass over span texts
for terms), so a report that shows every view reads the span table twice, not once per
view. Only accepted spans count: suggestions live in their own table and never enter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from annotator.insight import facts as _facts
from annotator.insight.facts import Filters
from annotator.insight.terms import term_key
from annotator.store import Store


class Facts:
    """The reads for one set of filters, each done once, on first use."""

    def __init__(self, store: Store, filters: Filters | None = None):
        self.store = store
        self.filters = filters or Filters()
        self.resolved = _facts.resolve(store, self.filters)

    @cached_property
    def documents(self) -> dict[int, tuple[str, int]]:
        return _facts.documents(self.store)

    @cached_property
    def span_counts(self) -> list[tuple[int, int, int, int]]:
        return _facts.span_counts(self.store, self.resolved)

    @cached_property
    def words_by_source(self) -> dict[str, tuple[int, int]]:
        return _facts.words_by_source(self.store)

    @cached_property
    def tallies(self) -> Tallies:
        return tally(self)

    @cached_property
    def term_facts(self) -> list[tuple[int, str, str, str | None, int]]:
        return _facts.term_facts(self.store, self.resolved, self.documents)

    def key(self, label_id: int) -> str:
        return self.resolved.labels[label_id][1]

    def annotator(self, annotator_id: int) -> str:
        return self.resolved.annotators.get(annotator_id, str(annotator_id))


def per_1000(spans: int, words: int) -> float:
    return round(spans * 1000 / words, 3) if words else 0.0


@dataclass
class Tallies:
    """The span counts folded once by outlet, label and annotator (ids, not names)."""

    by_source: dict[tuple[str, int], int] = field(default_factory=dict)  # (source, label)
    label_spans: dict[int, int] = field(default_factory=dict)
    label_docs: dict[int, set[int]] = field(default_factory=dict)
    label_sources: dict[int, set[str]] = field(default_factory=dict)
    annotator_labels: dict[int, dict[int, int]] = field(default_factory=dict)
    annotator_docs: dict[int, set[int]] = field(default_factory=dict)


def tally(facts: Facts) -> Tallies:
    """One pass over the (document, annotator, label, n) counts for every view."""
    out = Tallies()
    docs = facts.documents
    by_source, spans = out.by_source, out.label_spans
    label_docs, label_sources = out.label_docs, out.label_sources
    ann_labels, ann_docs = out.annotator_labels, out.annotator_docs
    for doc_id, who, label_id, n in facts.span_counts:
        source = docs[doc_id][0]
        key = (source, label_id)
        by_source[key] = by_source.get(key, 0) + n
        spans[label_id] = spans.get(label_id, 0) + n
        label_docs.setdefault(label_id, set()).add(doc_id)
        label_sources.setdefault(label_id, set()).add(source)
        per = ann_labels.setdefault(who, {})
        per[label_id] = per.get(label_id, 0) + n
        ann_docs.setdefault(who, set()).add(doc_id)
    return out


def words_by_source(facts: Facts) -> dict[str, tuple[int, int]]:
    """source → (documents, words)."""
    return facts.words_by_source


def source_rows(facts: Facts) -> list[dict[str, Any]]:
    words = words_by_source(facts)
    labels: dict[str, Counter[str]] = {}
    for (source, label_id), n in facts.tallies.by_source.items():
        labels.setdefault(source, Counter())[facts.key(label_id)] += n
    wanted = facts.filters.source
    rows: list[dict[str, Any]] = []
    for source, (ndocs, nwords) in words.items():
        if wanted is not None and source != wanted:
            continue
        per_label = labels.get(source, Counter())
        spans = sum(per_label.values())
        rows.append(
            {
                "source": source,
                "documents": ndocs,
                "words": nwords,
                "spans": spans,
                "labels": dict(sorted(per_label.items())),
                "per_1000_words": per_1000(spans, nwords),
            }
        )
    rows.sort(key=lambda r: (-r["documents"], r["source"]))
    return rows


def by_source(store: Store, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Per outlet: documents, words, accepted spans, spans per label, spans per 1,000 words.

    Documents and words are every document of the outlet (the coverage the density is
    measured against); spans are those passing ``filters``. Most documents first.
    """
    return source_rows(Facts(store, filters))


def label_rows(facts: Facts) -> list[dict[str, Any]]:
    total_words = sum(w for _d, w in facts.words_by_source.values())
    t = facts.tallies
    merged: dict[tuple[str, str], list[Any]] = {}  # label ids of one key in several versions
    for label_id, n in t.label_spans.items():
        entry = merged.setdefault(facts.resolved.labels[label_id], [0, set(), set()])
        entry[0] += n
        entry[1] |= t.label_docs[label_id]
        entry[2] |= t.label_sources[label_id]
    rows: list[dict[str, Any]] = [
        {
            "labelset": ls,
            "label": key,
            "spans": n,
            "documents": len(in_docs),
            "sources": len(in_sources),
            "per_1000_words": per_1000(n, total_words),
        }
        for (ls, key), (n, in_docs, in_sources) in merged.items()
    ]
    rows.sort(key=lambda r: (-r["spans"], r["labelset"], r["label"]))
    return rows


def by_label(store: Store, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Per label (with its label set): spans, documents and outlets it occurs in, and spans
    per 1,000 words of the whole corpus. Most spans first."""
    return label_rows(Facts(store, filters))


def annotator_rows(facts: Facts) -> list[dict[str, Any]]:
    docs = facts.documents
    t = facts.tallies
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

    for who, per_label in t.annotator_labels.items():
        r = row(facts.annotator(who))
        labels: Counter[str] = Counter()
        for label_id, n in per_label.items():
            labels[facts.key(label_id)] += n
        ids = t.annotator_docs[who]
        r["labels"] = dict(sorted(labels.items()))
        r["spans"] = sum(labels.values())
        r["documents"] = len(ids)
        r["words"] = sum(docs[i][1] for i in ids)
        r["per_1000_words"] = per_1000(r["spans"], r["words"])
    for name, statuses in _facts.status_counts(facts.store, facts.resolved).items():
        row(name)["status"] = dict(sorted(statuses.items()))
    return sorted(rows.values(), key=lambda r: (-r["spans"], r["annotator"]))


def by_annotator(store: Store, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Per annotator: spans, spans per label, documents they labelled, the words of those
    documents and spans per 1,000 of them, and their status counts."""
    return annotator_rows(Facts(store, filters))


def term_rows(facts: Facts) -> list[dict[str, Any]]:
    wanted = facts.filters.source
    terms: dict[tuple[str, str], dict[str, Any]] = {}
    for label_id, surface, source, _target, n in facts.term_facts:
        term = term_key(surface)
        if not term or (wanted is not None and source != wanted):
            continue
        key = facts.key(label_id)
        entry = terms.setdefault(
            (key, term),
            {"label": key, "term": term, "spans": 0, "sources": Counter(), "forms": Counter()},
        )
        entry["spans"] += n
        entry["sources"][source] += n
        entry["forms"][" ".join(surface.split())] += n
    rows = []
    for entry in terms.values():
        entry["sources"] = dict(sorted(entry["sources"].items(), key=lambda kv: (-kv[1], kv[0])))
        entry["forms"] = dict(sorted(entry["forms"].items(), key=lambda kv: (-kv[1], kv[0])))
        rows.append(entry)
    rows.sort(key=lambda r: (r["label"], -r["spans"], r["term"]))
    return rows


def by_term(store: Store, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Per label, the normalised terms labelled (see :func:`term_key`) with their count
    per outlet and the surface forms seen. Normalisation runs once per distinct form."""
    return term_rows(Facts(store, filters))


BY = {"source": by_source, "label": by_label, "annotator": by_annotator, "term": by_term}

__all__ = [
    "BY",
    "Facts",
    "Filters",
    "annotator_rows",
    "by_annotator",
    "by_label",
    "by_source",
    "by_term",
    "label_rows",
    "per_1000",
    "source_rows",
    "term_rows",
    "words_by_source",
]
