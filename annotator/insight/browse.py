"""The documents behind a figure: what a click on a bar or a term in the Statistics
window opens. Plain records out, so the UI needs no SQL (the Store's insight repository
runs the queries)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotator.insight.terms import term_key
from annotator.storage.insight import SpanCriteria
from annotator.store import Store

DEFAULT_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class DocRef:
    id: int
    external_id: str
    title: str
    source: str
    spans: int  # spans behind the figure in this document


def documents_behind(
    store: Store,
    *,
    source: str | None = None,
    label: str | None = None,
    term: str | None = None,
    annotator: str | None = None,
    labelset: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[DocRef]:
    """Documents with spans matching every given criterion, in import order.

    With only ``source``: every document of the outlet (labelled or not, with its span
    count). ``term`` is compared as a term key (``والثوار`` finds spans on «الثوار»).
    """
    repo = store.repos.insight
    if term is not None:
        criteria = SpanCriteria(label, labelset, annotator, source)
        return _by_term(repo.span_texts(criteria), term_key(term), limit)
    if label is None and annotator is None and labelset is None and source is not None:
        rows = repo.documents_of_source(source, limit)
    else:
        rows = repo.documents_with_spans(SpanCriteria(label, labelset, annotator, source), limit)
    return [DocRef(*row) for row in rows]


def _by_term(rows: Iterator[tuple[int, str, str, str, str]], key: str, limit: int) -> list[DocRef]:
    """Documents whose span texts have the term key ``key``, with how many such spans."""
    found: dict[int, list[Any]] = {}
    try:
        for i, ext, title, src, text in rows:
            if term_key(text) != key:
                continue
            if i not in found:
                if len(found) >= limit:
                    break
                found[i] = [ext, title, src, 0]
            found[i][3] += 1
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()  # release the streaming connection when stopped early
    return [DocRef(i, *values) for i, values in found.items()]


__all__ = ["DEFAULT_LIMIT", "DocRef", "documents_behind"]
