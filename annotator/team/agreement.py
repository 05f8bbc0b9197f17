"""Inter-annotator agreement on spans and document labels, with pinned definitions.

For annotators A and B over the compared documents (see :mod:`annotator.team.dataset`):

- **exact F1**: spans are (document, start, end, label) sets; 2·|A∩B| / (|A|+|B|), micro
  over documents (and labels for the pair figure); ``None`` when both are empty.
- **partial F1**: a span's credit is the share of its code points covered by the *other*
  annotator's spans of the same label in the same document, each point counted once
  however many spans cover it; P = mean credit of A's spans, R = mean credit of B's;
  F1 = 2PR/(P+R); ``None`` when both are empty, 0 when one is. Never above 1.
- **κ per label**: Cohen's kappa over the non-whitespace code points of the compared
  documents, a point being 1 for an annotator when inside one of their spans of that label.
  The pair's κ is the mean over the labels either of them used (labels whose κ is
  undefined — no variation — are left out of the mean).
- **α per label**: Krippendorff's alpha (nominal) over the same points, all compared
  annotators at once; ``alpha.overall`` is the mean over the labels anyone used.
- **document labels**: each key is a nominal variable per document ("not set" is a value
  of its own); Cohen's κ per pair, α per key.

Counts come from interval arithmetic (:mod:`annotator.team.intervals`): only covered
stretches are cut and counted, the uncovered rest is the document's non-space total minus
them, so 10,000 articles never become per-character arrays.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotator.team.intervals import Interval, merge, merged_coverage_masks
from annotator.team.measures import (
    alpha_binary,
    alpha_nominal,
    exact_f1,
    kappa_binary,
    kappa_nominal,
    mean,
    partial_f1,
)

SpanKey = tuple[int, int, str]  # start, end, label
NOT_SET = "\x00not-set"  # the "no value" category of a document label


Layers = dict[str, list[list[Interval]]]  # label → per annotator (in order) → (start, end)s


@dataclass
class Comparison:
    """What agreement is computed on: the compared documents and everyone's spans.

    ``layers[document][label][i]`` holds annotator ``i``'s ranges: grouped the way the
    computation walks them, so 300,000 spans are grouped once, while being read.
    """

    annotators: list[str]
    texts: dict[int, str]  # document id → text, the compared documents only
    layers: dict[int, Layers]
    doc_labels: dict[str, dict[int, dict[str, str]]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)  # document id → "corpus/external id"

    @classmethod
    def from_spans(
        cls,
        annotators: Sequence[str],
        texts: dict[int, str],
        spans: dict[str, dict[int, set[SpanKey]]],
        doc_labels: dict[str, dict[int, dict[str, str]]] | None = None,
        names: dict[int, str] | None = None,
    ) -> Comparison:
        """Build from annotator → document → {(start, end, label)}."""
        comparison = cls(list(annotators), texts, {}, doc_labels or {}, names or {})
        for i, name in enumerate(annotators):
            for doc_id, doc_spans in spans.get(name, {}).items():
                if doc_id in texts:
                    for start, end, label in doc_spans:
                        comparison.add(doc_id, i, label, start, end)
        return comparison

    def add(self, doc_id: int, annotator_index: int, label: str, start: int, end: int) -> None:
        by_label = self.layers.get(doc_id)
        if by_label is None:
            by_label = self.layers[doc_id] = {}
        lists = by_label.get(label)
        if lists is None:
            lists = by_label[label] = [[] for _ in self.annotators]
        lists[annotator_index].append((start, end))

    def spans_of(self, annotator: str, doc_id: int) -> set[SpanKey]:
        """One annotator's spans in one document, as (start, end, label)."""
        i = self.annotators.index(annotator)
        return {
            (s, e, label)
            for label, lists in self.layers.get(doc_id, {}).items()
            for s, e in lists[i]
        }


def _union(spans: list[Interval]) -> list[Interval]:
    """:func:`~annotator.team.intervals.merge`, without its sort for the common lists of
    none or one span (a third of the benchmark's 90,000 lists)."""
    if len(spans) > 1:
        return merge(spans)
    return [span for span in spans if span[1] > span[0]]


def _credits(spans: set[Interval], other: set[Interval], union: list[Interval]) -> float:
    """Summed credit of ``spans`` against the other annotator's merged ``union``.

    This is :func:`~annotator.team.intervals.covered_length` inlined: it runs for every
    span of every pair, and the call overhead alone was a third of the benchmark. A union
    of a few intervals is scanned; a long one is entered by bisection.
    """
    total = 0.0
    n = len(union)
    starts = [us for us, _ in union] if n > 8 else None
    for span in spans:
        if span in other:  # exact match: fully covered, the common case
            total += 1.0
            continue
        s, e = span
        k = 0
        if starts is not None:
            k = max(bisect_right(starts, s) - 1, 0)
        covered = 0
        while k < n:
            us, ue = union[k]
            if us >= e:
                break
            if ue > s:
                covered += (ue if ue < e else e) - (us if us > s else s)
            k += 1
        total += covered / (e - s)
    return total


class _Accumulator:
    """Sums per label and pair over documents; one pass, one document at a time."""

    def __init__(self, annotators: Sequence[str], by_document: bool):
        self.m = len(annotators)
        self.pairs = list(combinations(range(self.m), 2))
        self.points = 0  # non-space code points of the compared documents
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0] * self.m)
        # per label and pair: [exact matches, credit of A's spans, credit of B's spans]
        self.pair: dict[str, dict[tuple[int, int], list[float]]] = defaultdict(
            lambda: {p: [0, 0.0, 0.0] for p in self.pairs}
        )
        self.masks: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.by_document = by_document
        self.documents: list[dict[str, Any]] = []

    def add_document(self, doc_id: int, text: str, by_label: Layers) -> None:
        self.points += sum(map(len, text.split()))
        m = self.m
        doc_pairs = {p: [0, 0, 0, 0.0, 0.0] for p in self.pairs} if self.by_document else None
        pairs = self.pairs
        for label, own in by_label.items():
            # sets: the same range twice (one key in two versions of a label set) counts once
            own_sets = [set(spans) for spans in own]
            unions = [_union(spans) for spans in own]
            counts = self.counts[label]
            for i in range(m):
                counts[i] += len(own_sets[i])
            masks = self.masks[label]
            for start, end, mask in merged_coverage_masks(unions):
                masks[mask] += sum(map(len, text[start:end].split()))
            totals = self.pair[label]
            for i, j in pairs:
                a, b = own_sets[i], own_sets[j]
                if not a or not b:  # nothing matches, nothing is covered: no credit
                    if doc_pairs is not None:
                        d = doc_pairs[(i, j)]
                        d[1] += len(a)
                        d[2] += len(b)
                    continue
                matches = len(a & b)
                if matches == len(a) == len(b):  # the same spans: every one fully covered
                    a_credit = b_credit = float(matches)
                else:
                    a_credit = _credits(a, b, unions[j])
                    b_credit = _credits(b, a, unions[i])
                t = totals[(i, j)]
                t[0] += matches
                t[1] += a_credit
                t[2] += b_credit
                if doc_pairs is not None:
                    d = doc_pairs[(i, j)]
                    d[0] += matches
                    d[1] += len(a)
                    d[2] += len(b)
                    d[3] += a_credit
                    d[4] += b_credit
        if doc_pairs is not None:
            self.documents.append({"document_id": doc_id, "pairs": doc_pairs})

    def kappa_table(self, label: str, i: int, j: int) -> tuple[int, int, int, int]:
        n11 = n10 = n01 = 0
        bi, bj = 1 << i, 1 << j
        for mask, count in self.masks[label].items():
            if mask & bi and mask & bj:
                n11 += count
            elif mask & bi:
                n10 += count
            elif mask & bj:
                n01 += count
        return n11, n10, n01, self.points - n11 - n10 - n01

    def alpha(self, label: str) -> float | None:
        coverers = [0] * (self.m + 1)
        for mask, count in self.masks[label].items():
            coverers[bin(mask).count("1")] += count
        coverers[0] = self.points - sum(coverers[1:])
        return alpha_binary(coverers, self.m)


def _doc_label_agreement(comparison: Comparison, doc_ids: Sequence[int]):
    """κ per pair and α per key for document-level labels."""
    names = comparison.annotators
    keys = sorted(
        {
            key
            for name in names
            for labels in comparison.doc_labels.get(name, {}).values()
            for key in labels
        }
    )

    def values(name: str, key: str) -> list[str]:
        per_doc = comparison.doc_labels.get(name, {})
        return [per_doc.get(d, {}).get(key, NOT_SET) for d in doc_ids]

    table = {key: {name: values(name, key) for name in names} for key in keys}
    alphas = {
        key: alpha_nominal(list(zip(*(table[key][n] for n in names), strict=True))) for key in keys
    }
    pair_kappas = {
        (a, b): {key: kappa_nominal(table[key][a], table[key][b]) for key in keys}
        for a, b in combinations(names, 2)
    }
    return alphas, pair_kappas


def compute_agreement(comparison: Comparison, *, by_document: bool = False) -> dict[str, Any]:
    """All figures of ``annotator agreement`` as the JSON structure the issue pins."""
    names = comparison.annotators
    acc = _Accumulator(names, by_document)
    doc_ids = sorted(comparison.texts)
    for doc_id in doc_ids:
        acc.add_document(doc_id, comparison.texts[doc_id], comparison.layers.get(doc_id, {}))
    labels = sorted(acc.counts)
    doc_alphas, doc_kappas = _doc_label_agreement(comparison, doc_ids)
    pairs = []
    for i, j in acc.pairs:
        per_label: dict[str, dict[str, Any]] = {}
        matches = a_total = b_total = 0
        a_credit = b_credit = 0.0
        for label in labels:
            a_n, b_n = acc.counts[label][i], acc.counts[label][j]
            if a_n == 0 and b_n == 0:
                continue
            t_matches, t_a_credit, t_b_credit = acc.pair[label][(i, j)]
            per_label[label] = {
                "exact_f1": exact_f1(int(t_matches), a_n, b_n),
                "partial_f1": partial_f1(t_a_credit, a_n, t_b_credit, b_n),
                "kappa": kappa_binary(*acc.kappa_table(label, i, j)),
                "a_spans": a_n,
                "b_spans": b_n,
            }
            matches += int(t_matches)
            a_total += a_n
            b_total += b_n
            a_credit += t_a_credit
            b_credit += t_b_credit
        pairs.append(
            {
                "a": names[i],
                "b": names[j],
                "documents": len(doc_ids),
                "exact_f1": exact_f1(matches, a_total, b_total),
                "partial_f1": partial_f1(a_credit, a_total, b_credit, b_total),
                "kappa": mean([v["kappa"] for v in per_label.values()]),
                "a_spans": a_total,
                "b_spans": b_total,
                "labels": per_label,
                "document_labels": {
                    key: {"kappa": k} for key, k in doc_kappas[(names[i], names[j])].items()
                },
            }
        )
    label_alphas = {label: acc.alpha(label) for label in labels}
    result: dict[str, Any] = {
        "documents": len(doc_ids),
        "annotators": list(names),
        "pairs": pairs,
        "alpha": {"overall": mean(list(label_alphas.values())), "labels": label_alphas},
        "document_labels": {"alpha": doc_alphas},
    }
    if by_document:
        result["by_document"] = [
            _document_entry(comparison, names, entry) for entry in acc.documents
        ]
    return result


def _document_entry(
    comparison: Comparison, names: Sequence[str], entry: dict[str, Any]
) -> dict[str, Any]:
    doc_id = entry["document_id"]
    pairs = []
    for (i, j), (matches, a_n, b_n, a_credit, b_credit) in entry["pairs"].items():
        pairs.append(
            {
                "a": names[i],
                "b": names[j],
                "a_spans": a_n,
                "b_spans": b_n,
                "exact_f1": exact_f1(matches, a_n, b_n),
                "partial_f1": partial_f1(a_credit, a_n, b_credit, b_n),
            }
        )
    return {
        "document_id": doc_id,
        "document": comparison.names.get(doc_id, str(doc_id)),
        "pairs": pairs,
    }


@dataclass(frozen=True)
class Disagreement:
    """Spans of one document that two annotators did not both mark exactly."""

    only_a: list[SpanKey]
    only_b: list[SpanKey]


def disagreement(a: set[SpanKey], b: set[SpanKey]) -> Disagreement:
    """Spans only A has and spans only B has (exact comparison), sorted by position."""
    return Disagreement(sorted(a - b), sorted(b - a))
