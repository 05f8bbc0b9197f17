"""Counts behind ``annotator stats --by …``: per outlet, label, annotator and term.

All views are computed from the shared reads of :mod:`annotator.insight.facts` (one
index-only count of spans per document/annotator/label, one grouped pass over span texts
for terms), so a report that shows every view reads the span table twice, not once per
view. Only accepted spans count: suggestions live in their own table and never enter.
"""

from __future__ import annotations

from collections import Counter
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
    def term_facts(self) -> list[tuple[int, str, str, str | None, int]]:
        return _facts.term_facts(self.store, self.resolved, self.documents)

    def key(self, label_id: int) -> str:
        return self.resolved.labels[label_id][1]

    def annotator(self, annotator_id: int) -> str:
        return self.resolved.annotators.get(annotator_id, str(annotator_id))


def per_1000(spans: int, words: int) -> float:
    return round(spans * 1000 / words, 3) if words else 0.0


def words_by_source(facts: Facts) -> dict[str, tuple[int, int]]:
    """source → (documents, words)."""
    out: dict[str, list[int]] = {}
    for source, words in facts.documents.values():
        entry = out.setdefault(source, [0, 0])
        entry[0] += 1
        entry[1] += words
    return {s: (d, w) for s, (d, w) in out.items()}


def source_rows(facts: Facts) -> list[dict[str, Any]]:
    words = words_by_source(facts)
    docs = facts.documents
    labels: dict[str, Counter[str]] = {}
    for doc_id, _who, label_id, n in facts.span_counts:
        labels.setdefault(docs[doc_id][0], Counter())[facts.key(label_id)] += n
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
    total_words = sum(w for _s, w in facts.documents.values())
    docs = facts.documents
    spans: Counter[tuple[str, str]] = Counter()
    in_docs: dict[tuple[str, str], set[int]] = {}
    in_sources: dict[tuple[str, str], set[str]] = {}
    for doc_id, _who, label_id, n in facts.span_counts:
        key = facts.resolved.labels[label_id]
        spans[key] += n
        in_docs.setdefault(key, set()).add(doc_id)
        in_sources.setdefault(key, set()).add(docs[doc_id][0])
    rows: list[dict[str, Any]] = [
        {
            "labelset": ls,
            "label": key,
            "spans": n,
            "documents": len(in_docs[(ls, key)]),
            "sources": len(in_sources[(ls, key)]),
            "per_1000_words": per_1000(n, total_words),
        }
        for (ls, key), n in spans.items()
    ]
    rows.sort(key=lambda r: (-r["spans"], r["labelset"], r["label"]))
    return rows


def by_label(store: Store, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Per label (with its label set): spans, documents and outlets it occurs in, and spans
    per 1,000 words of the whole corpus. Most spans first."""
    return label_rows(Facts(store, filters))


def annotator_rows(facts: Facts) -> list[dict[str, Any]]:
    docs = facts.documents
    rows: dict[str, dict[str, Any]] = {}
    labelled: dict[str, set[int]] = {}

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

    for doc_id, who, label_id, n in facts.span_counts:
        name = facts.annotator(who)
        r = row(name)
        key = facts.key(label_id)
        r["labels"][key] = r["labels"].get(key, 0) + n
        r["spans"] += n
        labelled.setdefault(name, set()).add(doc_id)
    for name, statuses in _facts.status_counts(facts.store, facts.resolved).items():
        row(name)["status"] = dict(sorted(statuses.items()))
    for name, r in rows.items():
        ids = labelled.get(name, set())
        r["documents"] = len(ids)
        r["words"] = sum(docs[i][1] for i in ids)
        r["labels"] = dict(sorted(r["labels"].items()))
        r["per_1000_words"] = per_1000(r["spans"], r["words"])
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
