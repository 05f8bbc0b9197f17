"""The documents behind a figure: what a click on a bar or a term in the Statistics
window opens. Plain records out, so the UI needs no SQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select

from annotator.insight.terms import term_key
from annotator.store import ANNOTATOR, DOC, LABEL, LABELSET, SPAN, Store

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
    conditions = []
    if label is not None:
        conditions.append(LABEL.c.key == label)
    if labelset is not None:
        conditions.append(LABELSET.c.name == labelset)
    if annotator is not None:
        conditions.append(ANNOTATOR.c.name == annotator)
    if source is not None:
        conditions.append(DOC.c.source == source)
    joined = (
        SPAN.join(DOC, SPAN.c.document_id == DOC.c.id)
        .join(LABEL, SPAN.c.label_id == LABEL.c.id)
        .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
        .join(ANNOTATOR, SPAN.c.annotator_id == ANNOTATOR.c.id)
    )
    cols = (DOC.c.id, DOC.c.external_id, DOC.c.title, DOC.c.source)
    with store.engine.connect() as conn:
        if term is not None:
            return _by_term(conn, joined, cols, conditions, term_key(term), limit)
        if label is None and annotator is None and labelset is None and source is not None:
            spans = (
                select(SPAN.c.document_id, func.count().label("n"))
                .group_by(SPAN.c.document_id)
                .subquery()
            )
            query = (
                select(*cols, func.coalesce(spans.c.n, 0))
                .select_from(DOC.outerjoin(spans, spans.c.document_id == DOC.c.id))
                .where(DOC.c.source == source)
                .order_by(DOC.c.id)
                .limit(limit)
            )
        else:
            query = (
                select(*cols, func.count())
                .select_from(joined)
                .where(and_(True, *conditions))
                .group_by(*cols)
                .order_by(DOC.c.id)
                .limit(limit)
            )
        return [
            DocRef(i, ext, title or "", src or "", int(n))
            for i, ext, title, src, n in conn.execute(query)
        ]


def _by_term(conn, joined, cols, conditions, key: str, limit: int) -> list[DocRef]:
    query = (
        select(*cols, SPAN.c.text)
        .select_from(joined)
        .where(and_(True, *conditions))
        .order_by(DOC.c.id)
    )
    found: dict[int, list] = {}
    for i, ext, title, src, text in conn.execute(query):
        if term_key(text) != key:
            continue
        if i not in found:
            if len(found) >= limit:
                break
            found[i] = [ext, title or "", src or "", 0]
        found[i][3] += 1
    return [DocRef(i, *values) for i, values in found.items()]


__all__ = ["DEFAULT_LIMIT", "DocRef", "documents_behind"]
