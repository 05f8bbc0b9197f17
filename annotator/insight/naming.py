"""Naming divergence: which terms are distinctive of an outlet's way of naming something.

For one label (or the spans sharing a ``target`` attribute: every naming of the same
actor), each outlet's term counts are compared with those of all other outlets by the
weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
2008, "Fightin' Words", eqs. 16, 18 and 20). With y_w^i the count of term w in outlet i,
n^i its total, y_w^j / n^j the same for the rest, and the prior α_w = s · y_w (the pooled
count of w over all outlets, scaled by ``prior_scale`` = s; α_0 = Σ α_w):

    δ_w = log((y_w^i + α_w) / (n^i + α_0 − y_w^i − α_w))
          − log((y_w^j + α_w) / (n^j + α_0 − y_w^j − α_w))
    σ²(δ_w) ≈ 1 / (y_w^i + α_w) + 1 / (y_w^j + α_w)
    z_w = δ_w / σ(δ_w)

Why this and not raw proportions: an outlet with three spans would otherwise look
maximally distinctive; the prior shrinks rare counts toward the pooled usage, and z says
how sure the difference is (|z| > 1.96 ≈ 95 %). Positive z: the outlet favours the term.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from annotator.insight.counts import Facts, Filters
from annotator.insight.terms import term_key
from annotator.store import Store

DEFAULT_PRIOR_SCALE = 1.0


@dataclass(frozen=True, slots=True)
class TermScore:
    source: str
    term: str
    count: int  # y_w^i
    rest: int  # y_w^j
    log_odds: float  # δ_w
    z: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def fightin_words(
    counts: dict[str, Counter[str]], prior_scale: float = DEFAULT_PRIOR_SCALE
) -> list[TermScore]:
    """Scores of every (outlet, term) pair, each outlet against all the others pooled.

    Empty when fewer than two terms or two outlets: there is nothing to diverge from.
    Sorted by outlet, then z descending.
    """
    if prior_scale <= 0:
        raise ValueError("the prior scale must be positive")
    pooled: Counter[str] = Counter()
    for per_term in counts.values():
        pooled.update(per_term)
    terms = sorted(t for t, n in pooled.items() if n > 0)
    sources = sorted(s for s, c in counts.items() if sum(c.values()) > 0)
    if len(terms) < 2 or len(sources) < 2:
        return []
    total = sum(pooled[t] for t in terms)
    alpha = {t: prior_scale * pooled[t] for t in terms}
    alpha0 = prior_scale * total
    scores = []
    for source in sources:
        own = counts[source]
        n_i = sum(own[t] for t in terms)
        n_j = total - n_i
        for term in terms:
            y_i = own[term]
            y_j = pooled[term] - y_i
            a = alpha[term]
            delta = math.log((y_i + a) / (n_i + alpha0 - y_i - a)) - math.log(
                (y_j + a) / (n_j + alpha0 - y_j - a)
            )
            sigma = math.sqrt(1 / (y_i + a) + 1 / (y_j + a))
            scores.append(TermScore(source, term, y_i, y_j, delta, delta / sigma))
    scores.sort(key=lambda s: (s.source, -s.z, s.term))
    return scores


@dataclass(frozen=True, slots=True)
class Naming:
    """How each outlet names what a label (and target) covers."""

    label: str
    target: str | None
    counts: dict[str, Counter[str]]  # outlet → term → spans
    display: dict[str, str]  # term key → its most frequent surface form
    scores: list[TermScore]


def naming_from_facts(
    facts: Facts, label: str, *, target: str | None = None, prior_scale: float = DEFAULT_PRIOR_SCALE
) -> Naming:
    """The naming of ``label`` (and ``target``) from already-read facts: the report draws
    several of these from one pass over the spans."""
    counts: dict[str, Counter[str]] = {}
    forms: dict[str, Counter[str]] = {}
    for label_id, surface, source, span_target, n in facts.term_facts:
        if facts.key(label_id) != label or (target is not None and span_target != target):
            continue
        term = term_key(surface)
        if not term:
            continue
        counts.setdefault(source, Counter())[term] += n
        forms.setdefault(term, Counter())[" ".join(surface.split())] += n
    display = {t: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for t, c in forms.items()}
    return Naming(label, target, counts, display, fightin_words(counts, prior_scale))


def naming_divergence(
    store: Store,
    label: str,
    *,
    target: str | None = None,
    labelset: str | None = None,
    annotator: str | None = None,
    prior_scale: float = DEFAULT_PRIOR_SCALE,
) -> Naming:
    """Term counts per outlet for ``label`` (spans with ``target`` only, if given) and
    their Fightin' Words scores. Terms are grouped by the text layer (see terms.py)."""
    facts = Facts(
        store, Filters(labelset=labelset, annotator=annotator, label=label, target=target)
    )
    return naming_from_facts(facts, label, target=target, prior_scale=prior_scale)


def naming_rows(naming: Naming) -> list[dict[str, Any]]:
    """One row per (outlet, term) for the CLI: the score and the surface form shown."""
    return [
        {
            "source": s.source,
            "term": s.term,
            "form": naming.display.get(s.term, s.term),
            "count": s.count,
            "rest": s.rest,
            "log_odds": round(s.log_odds, 4),
            "z": round(s.z, 4),
        }
        for s in naming.scores
    ]


__all__ = [
    "DEFAULT_PRIOR_SCALE",
    "Naming",
    "TermScore",
    "fightin_words",
    "naming_divergence",
    "naming_from_facts",
    "naming_rows",
]
