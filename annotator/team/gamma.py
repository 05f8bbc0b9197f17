"""γ (Mathet et al. 2015) per document, through the optional ``pygamma-agreement``.

γ aligns the annotators' units (here: spans, with their label and code-point range) and
compares the disorder of the best alignment with the disorder expected by chance, so it
judges unitizing and labelling at once, overlaps and nesting included. Its cost grows
quickly with the number of units, which is why it is computed per document, and only
when asked (``annotator agreement --gamma``).

The library is an extra (``pip install 'annotator[gamma]'``): it brings numba, cvxpy and
scipy, whose import alone takes seconds, so it is imported here, lazily, never at start-up.
Its chance disorder is estimated from random samples, so a figure can move in the third
decimal from one run to the next; the defaults of the reference implementation are used
(combined categorical dissimilarity, 30 samples).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from annotator.team.agreement import Comparison
from annotator.team.errors import TeamError
from annotator.team.measures import mean

MISSING = (
    "γ needs the optional package pygamma-agreement, which is not installed: "
    "pip install 'annotator[gamma]' (or pip install pygamma-agreement)"
)


class GammaUnavailable(TeamError):
    """pygamma-agreement is not installed."""


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence the library's logging while it runs: on every alignment it logs a solver
    warning ("CBC solver not installed. Using GLPK.") through the root logger, which
    would also install a handler there for the rest of the run."""
    root = logging.getLogger()
    handlers = list(root.handlers)
    level = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(level)
        root.handlers[:] = handlers


def _library() -> tuple[Any, Any]:
    """``(Continuum, Segment)``, imported on first use."""
    try:
        with _quiet():
            from pyannote.core import Segment
            from pygamma_agreement import Continuum
    except ImportError as exc:
        raise GammaUnavailable(MISSING) from exc
    return Continuum, Segment


def available() -> bool:
    """Whether γ can be computed here (imports the library: slow, call only when needed)."""
    try:
        _library()
    except GammaUnavailable:
        return False
    return True


def document_gamma(comparison: Comparison, doc_id: int) -> float | None:
    """γ of one compared document over all compared annotators; ``None`` when nobody
    marked anything (γ is undefined without units, like F1 with two empty sets)."""
    Continuum, Segment = _library()
    continuum = Continuum()
    units = 0
    for name in comparison.annotators:
        continuum.add_annotator(name)
    for label, lists in sorted(comparison.layers.get(doc_id, {}).items()):
        for name, spans in zip(comparison.annotators, lists, strict=True):
            for start, end in sorted(set(spans)):
                continuum.add(name, Segment(start, end), label)
                units += 1
    if units == 0:
        return None
    with _quiet():
        return float(continuum.compute_gamma().gamma)


def gamma_by_document(comparison: Comparison, doc_ids: Iterable[int]) -> dict[int, float | None]:
    """γ per document (see :func:`document_gamma`); the library is checked first, so a
    missing package is reported before any work."""
    _library()
    return {doc_id: document_gamma(comparison, doc_id) for doc_id in doc_ids}


def add_gamma(result: dict[str, Any], comparison: Comparison) -> None:
    """Put γ into an agreement result computed with ``by_document=True``: a ``"gamma"``
    on each per-document entry and ``result["gamma"]`` = {"mean", "documents"} (the mean
    over the documents where γ is defined, and how many those are)."""
    entries = result["by_document"]
    gammas = gamma_by_document(comparison, [entry["document_id"] for entry in entries])
    for entry in entries:
        entry["gamma"] = gammas[entry["document_id"]]
    defined = [g for g in gammas.values() if g is not None]
    result["gamma"] = {"mean": mean(defined), "documents": len(defined)}


__all__ = [
    "MISSING",
    "GammaUnavailable",
    "add_gamma",
    "available",
    "document_gamma",
    "gamma_by_document",
]
