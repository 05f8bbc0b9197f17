"""What the curator decided on an annotator's spans, for the annotator to see afterwards.

Each of the annotator's spans in a document is

- ``accepted`` (taken as is): the gold layer holds the same range and label;
- ``changed`` (taken edited): gold holds the same label over an overlapping range, or
  the same range under another label;
- ``rejected``: neither, and the curator marked the document's curation done;
- ``pending``: neither, and the curation is not done yet (the curator may still take it).

A rejection is never stored (rejecting is leaving a span out of gold), so "rejected" can
only be said once the curator says the document is finished. Before any curator has a
layer or a curation status on the document there is nothing to report (an empty dict),
nor to an annotator who has not marked the document done: curation starts from finished
work, and the PostgreSQL team server shows an annotator the gold layer of a document only
once they marked it done (blind annotation until then).
"""

from __future__ import annotations

from annotator.records import SpanData
from annotator.store import Store
from annotator.team.adjudication import curation_status
from annotator.team.roles import curators

DECISIONS = ("accepted", "changed", "rejected", "pending")


def _decide(span: SpanData, gold: list[SpanData], finished: bool) -> str:
    if any((g.label, g.start, g.end) == (span.label, span.start, span.end) for g in gold):
        return "accepted"
    if any(
        (g.label == span.label and g.start < span.end and span.start < g.end)
        or (g.start, g.end) == (span.start, span.end)
        for g in gold
    ):
        return "changed"
    return "rejected" if finished else "pending"


def document_curator(
    store: Store, document_id: int, spans: list[SpanData] | None = None
) -> str | None:
    """The curator who curates the document: the first (by name) with gold spans or a
    curation status there, None when no curator has touched it (``spans``: the
    document's spans, when the caller has them)."""
    spans = store.spans(document_id) if spans is None else spans
    with_gold = {s.annotator for s in spans}
    for name in curators(store):
        if name in with_gold or curation_status(store, document_id, name) != "todo":
            return name
    return None


def decisions(
    store: Store, document_id: int, annotator: str, curator: str | None = None
) -> dict[int, str]:
    """Span id → decision (see the module) for each of ``annotator``'s spans in the
    document; ``curator`` defaults to :func:`document_curator`."""
    if store.status(document_id, annotator) != "done":
        return {}
    spans = store.spans(document_id)
    curator = curator or document_curator(store, document_id, spans)
    if curator is None:
        return {}
    gold = [s for s in spans if s.annotator == curator]
    status = curation_status(store, document_id, curator)
    if not gold and status == "todo":
        return {}
    finished = status == "done"
    return {s.id: _decide(s, gold, finished) for s in spans if s.annotator == annotator}
