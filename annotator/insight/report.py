"""Everything the HTML report shows, gathered from the database in a few passes of the Store.

Kept apart from the rendering (html.py) so the figures can be tested as numbers and the
app's Statistics window can show the same views. Costs stay bounded on large corpora:
counts are SQL aggregates, and the concordance scans documents only until every top term
has its lines (it reports how many documents it read).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.insight.concordance import Occurrence, iter_concordance
from annotator.insight.counts import (
    Facts,
    Filters,
    annotator_rows,
    label_rows,
    source_rows,
    term_rows,
)
from annotator.insight.facts import done_per_day
from annotator.insight.naming import Naming, naming_from_facts
from annotator.labelsets import LabelSet
from annotator.store import Store, StoreError

TOP_TERMS = 5  # terms in the concordance
CONCORDANCE_LINES = 12  # lines per term
CONCORDANCE_MAX_DOCS = 20_000  # stop scanning after this many documents
NAMING_LABELS = 6  # labels with a divergence chart
NAMING_TARGETS = 4  # most frequent target values with their own chart


@dataclass(frozen=True, slots=True)
class LabelInfo:
    key: str
    name_ar: str
    name_en: str
    color: str


@dataclass
class ConcordanceSection:
    term: str
    spans: int  # labelled spans of this term (from the counts)
    lines: list[Occurrence] = field(default_factory=list)
    seen: int = 0  # occurrences met while scanning
    unlabelled: int = 0


@dataclass
class ReportData:
    title: str
    generated: str
    overview: dict[str, int]
    sources: list[dict[str, Any]]
    labels: list[dict[str, Any]]
    label_info: dict[str, LabelInfo]
    annotators: list[dict[str, Any]]
    progress: dict[str, list[tuple[str, int]]]  # annotator → (day, documents marked done)
    terms: list[dict[str, Any]]
    namings: list[Naming]
    concordance: list[ConcordanceSection]
    concordance_documents: int  # documents the concordance scan read
    agreement: dict[str, Any] | None = None  # {"documents", "pairs": (header, rows), "labels": …}


def _label_info(store: Store, labels: list[dict[str, Any]]) -> dict[str, LabelInfo]:
    info: dict[str, LabelInfo] = {}
    sets: dict[str, LabelSet | None] = {}  # parsing a label set's YAML costs ~0.1 s
    for row in labels:
        if row["labelset"] not in sets:
            try:
                sets[row["labelset"]] = store.labelset(row["labelset"])
            except StoreError:
                sets[row["labelset"]] = None
        labelset = sets[row["labelset"]]
        label = labelset.label(row["label"]) if labelset is not None else None
        if label is None:
            info.setdefault(
                row["label"], LabelInfo(row["label"], row["label"], row["label"], "#888888")
            )
        else:
            info.setdefault(
                row["label"],
                LabelInfo(
                    row["label"], label.display_name("ar"), label.display_name("en"), label.color
                ),
            )
    return info


def _namings(facts: Facts, terms: list[dict[str, Any]]) -> list[Naming]:
    """Divergence charts for the most used labels, then for the most named targets."""
    spans_per_label: Counter[str] = Counter()
    for row in terms:
        spans_per_label[row["label"]] += row["spans"]
    targets: Counter[tuple[str, str]] = Counter()
    for label_id, _surface, _source, target, n in facts.term_facts:
        if target:
            targets[(facts.key(label_id), target)] += n
    wanted: list[tuple[str, str | None]] = [
        (label, None) for label, _n in spans_per_label.most_common(NAMING_LABELS)
    ]
    wanted += [pair for pair, _n in targets.most_common(NAMING_TARGETS)]
    namings = []
    for label, target in wanted:
        naming = naming_from_facts(facts, label, target=target)
        if naming.scores:
            namings.append(naming)
    return namings


def _concordance(store: Store, terms: list[dict[str, Any]]) -> tuple[list[ConcordanceSection], int]:
    totals: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for row in terms:
        totals[row["term"]] += row["spans"]
        shown.setdefault(row["term"], next(iter(row["forms"]), row["term"]))
    top = [term for term, _n in totals.most_common(TOP_TERMS)]
    sections = {shown[t]: ConcordanceSection(shown[t], totals[t]) for t in top}
    if not sections:
        return [], 0
    docs: set[int] = set()
    for occ in iter_concordance(store, list(sections)):
        docs.add(occ.document_id)
        section = sections[occ.term]
        section.seen += 1
        section.unlabelled += not occ.labelled
        if len(section.lines) < CONCORDANCE_LINES:
            section.lines.append(occ)
        full = all(len(s.lines) >= CONCORDANCE_LINES for s in sections.values())
        if full or len(docs) >= CONCORDANCE_MAX_DOCS:
            break
    for section in sections.values():  # missed occurrences first: they are the point
        section.lines.sort(key=lambda o: (o.labelled, o.source, o.document_id, o.start))
    return list(sections.values()), len(docs)


def _overview(
    store: Store,
    sources: list[dict[str, Any]],
    annotators: list[dict[str, Any]],
    labels: list[dict[str, Any]],
) -> dict[str, int]:
    suggestions = store.repos.insight.suggestion_count()
    return {
        "documents": sum(r["documents"] for r in sources),
        "words": sum(r["words"] for r in sources),
        "spans": sum(r["spans"] for r in labels),
        "sources": sum(1 for r in sources if r["source"]),
        "annotators": len(annotators),
        "labels": len(labels),
        "suggestions": int(suggestions),
    }


def _agreement(store: Store, filters: Filters) -> dict[str, Any] | None:
    """Agreement of the annotators on the documents several of them marked done, through
    the team's agreement module; None when no document was done by two annotators."""
    try:
        from annotator.team.agreement import compute_agreement
        from annotator.team.agreement_table import rows
        from annotator.team.dataset import AgreementInputError, load_comparison
    except ImportError:  # pragma: no cover - the team package is part of the project
        return None
    if not store.repos.insight.any_document_done_by_two():
        return None
    with store.repos.insight.reading() as conn:
        try:
            comparison, _labelset = load_comparison(conn, labelset=filters.labelset)
        except AgreementInputError:
            return None
    result = compute_agreement(comparison)
    if not result["documents"]:
        return None
    return {
        "documents": result["documents"],
        "pairs": rows(result, "pair"),
        "labels": rows(result, "label"),
        "alpha": result["alpha"]["overall"],
    }


def gather(store: Store, filters: Filters | None = None, *, title: str = "") -> ReportData:
    """All figures of the report for the spans passing ``filters``."""
    facts = Facts(store, filters)
    sources = source_rows(facts)
    labels = label_rows(facts)
    annotators = annotator_rows(facts)
    terms = term_rows(facts)
    sections, scanned = _concordance(store, terms)
    return ReportData(
        title=title,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        overview=_overview(store, sources, annotators, labels),
        sources=sources,
        labels=labels,
        label_info=_label_info(store, labels),
        annotators=annotators,
        progress=done_per_day(store, facts.resolved),
        terms=terms,
        namings=_namings(facts, terms),
        concordance=sections,
        concordance_documents=scanned,
        agreement=_agreement(store, facts.filters),
    )


__all__ = ["ConcordanceSection", "LabelInfo", "ReportData", "gather"]
