"""The agreement coefficients themselves, on counts (no data access, no intervals).

Kept apart so each formula can be checked against hand-computed cases and, for α,
against the ``krippendorff`` package.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence


def f1(p: float | None, r: float | None) -> float | None:
    """Harmonic mean; ``None`` passes through (undefined), 0 when both are 0."""
    if p is None or r is None:
        return None
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def exact_f1(matches: int, a_count: int, b_count: int) -> float | None:
    """2·|A∩B| / (|A|+|B|); ``None`` when both sides are empty (nothing to agree on)."""
    total = a_count + b_count
    return None if total == 0 else 2 * matches / total


def partial_f1(a_credit: float, a_count: int, b_credit: float, b_count: int) -> float | None:
    """P = mean credit of A's spans, R = mean credit of B's; ``None`` when both are empty,
    0 when one side is empty."""
    if a_count == 0 and b_count == 0:
        return None
    if a_count == 0 or b_count == 0:
        return 0.0
    return f1(a_credit / a_count, b_credit / b_count)


def kappa_binary(n11: int, n10: int, n01: int, n00: int) -> float | None:
    """Cohen's κ of two binary raters from the 2×2 table (n10: A says 1, B says 0).

    ``None`` when the expected agreement is 1 (neither rater varies, or no units): κ is
    0/0 there, and reporting 1 or 0 would invent a figure.
    """
    n = n11 + n10 + n01 + n00
    if n == 0:
        return None
    pa = (n11 + n10) / n
    pb = (n11 + n01) / n
    po = (n11 + n00) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe >= 1.0:
        return None
    return (po - pe) / (1 - pe)


def kappa_nominal(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's κ of two raters over the same units, any number of categories."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    po = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[c] * cb[c] for c in ca) / (n * n)
    if pe >= 1.0:
        return None
    return (po - pe) / (1 - pe)


def alpha_binary(coverers: Sequence[int], raters: int) -> float | None:
    """Krippendorff's α (nominal) for binary values, every rater rating every unit.

    ``coverers[k]`` is the number of units that exactly ``k`` of the ``raters`` marked 1.
    From the coincidence matrix: a unit with k ones adds k(m-k)/(m-1) to each off-diagonal
    cell, so α = 1 - (n-1)·o01 / (n0·n1) with n = units·m pairable values.
    ``None`` when undefined (fewer than two raters, or no variation at all).
    """
    m = raters
    if m < 2:
        return None
    units = sum(coverers)
    n = units * m
    n1 = sum(k * c for k, c in enumerate(coverers))
    n0 = n - n1
    if n0 == 0 or n1 == 0:
        return None
    o01 = sum(c * k * (m - k) for k, c in enumerate(coverers)) / (m - 1)
    return 1 - (n - 1) * o01 / (n0 * n1)


def alpha_nominal(units: Sequence[Sequence[Hashable]]) -> float | None:
    """Krippendorff's α (nominal) over units, each a list of the values the raters gave
    (missing values left out). Units with fewer than two values are not pairable."""
    coincidence: defaultdict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for values in units:
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nc - 1) if c == k else nc * nk
                if pairs:
                    coincidence[(c, k)] += pairs / (m - 1)
    marginals: dict[Hashable, float] = {}
    for (c, _k), value in coincidence.items():
        marginals[c] = marginals.get(c, 0.0) + value
    n = sum(marginals.values())
    if n <= 1:
        return None
    observed = sum(v for (c, k), v in coincidence.items() if c != k)
    expected = sum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k) / (
        n - 1
    )
    if expected == 0:
        return None
    return 1 - observed / expected


def mean(values: Sequence[float | None]) -> float | None:
    """Mean of the defined values; ``None`` when none is defined."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None
