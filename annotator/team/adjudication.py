"""Adjudication: spans enough annotators agree on exactly become the curator's (gold).

For every document at least two annotators marked done, a span (range and label) marked
by enough of them — all, a majority (more than half) or at least N — is copied into the
curator's layer. The rest waits for the curator. Re-running adds nothing twice, and a
document whose curation the curator has started (curation status other than todo) is
left alone, so a span the curator removed never comes back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, select

from annotator.db import write_transaction
from annotator.models import CurationStatus, utcnow
from annotator.store import ANNOTATOR, DOC, LABEL, LABELSET, SPAN, STATUS, Store
from annotator.team.errors import TeamError
from annotator.team.roles import ensure_curator

CURATION = CurationStatus.__table__
CURATION_STATUSES = ("todo", "in_progress", "done")


@dataclass
class AdjudicationReport:
    documents: int = 0  # documents with at least two annotators done
    accepted: int = 0  # spans copied into the gold layer in this run
    already: int = 0  # agreed spans the curator had already
    waiting: int = 0  # distinct spans without enough agreement, left to the curator
    skipped: list[str] = field(default_factory=list)  # documents under curation, untouched
    mixed_attributes: int = 0  # accepted spans whose annotators' attributes differed

    def summary(self) -> str:
        text = (
            f"{self.documents} documents: {self.accepted} agreed spans added to the gold layer, "
            f"{self.already} already there, {self.waiting} waiting for the curator"
        )
        if self.mixed_attributes:
            text += f"; {self.mixed_attributes} added without attributes (annotators' differed)"
        if self.skipped:
            text += f"; {len(self.skipped)} documents under curation left as they are"
        return text


def required_votes(min_agree: str, annotators: int) -> int:
    """How many of a document's ``annotators`` must mark a span for it to be accepted."""
    if min_agree == "all":
        return annotators
    if min_agree == "majority":
        return annotators // 2 + 1
    try:
        n = int(min_agree)
    except ValueError:
        raise TeamError(
            f"--min-agree must be all, majority or a number, not {min_agree!r}"
        ) from None
    if n < 1:
        raise TeamError(f"--min-agree must be at least 1, not {n}")
    return n


def _done_annotators(conn: Connection, curator_id: int) -> dict[int, list[int]]:
    rows = conn.execute(
        select(STATUS.c.document_id, STATUS.c.annotator_id)
        .join(ANNOTATOR, ANNOTATOR.c.id == STATUS.c.annotator_id)
        .where(
            STATUS.c.status == "done",
            ANNOTATOR.c.role == "annotator",
            STATUS.c.annotator_id != curator_id,
        )
    )
    done: dict[int, list[int]] = defaultdict(list)
    for doc_id, aid in rows:
        done[doc_id].append(aid)
    return {d: a for d, a in done.items() if len(a) >= 2}


def adjudicate(
    store: Store, curator: str, *, labelset: str | None = None, min_agree: str = "all"
) -> AdjudicationReport:
    report = AdjudicationReport()
    with write_transaction(store.engine) as conn:
        curator_id = ensure_curator(store, curator, conn)
        done = _done_annotators(conn, curator_id)
        report.documents = len(done)
        curating = set(
            conn.execute(
                select(CURATION.c.document_id).where(
                    CURATION.c.curator_id == curator_id, CURATION.c.status != "todo"
                )
            ).scalars()
        )
        query = (
            select(
                SPAN.c.document_id,
                SPAN.c.annotator_id,
                SPAN.c.label_id,
                SPAN.c.start,
                SPAN.c.end,
                SPAN.c.attributes,
            )
            .join(LABEL, SPAN.c.label_id == LABEL.c.id)
            .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
        )
        if labelset is not None:
            query = query.where(LABELSET.c.name == labelset)
        votes: dict[tuple[int, int, int, int], list[dict[str, Any]]] = defaultdict(list)
        gold: set[tuple[int, int, int, int]] = set()
        for doc_id, aid, label_id, start, end, attributes in conn.execute(query):
            key = (doc_id, label_id, start, end)
            if aid == curator_id:
                gold.add(key)
            elif doc_id in done and aid in done[doc_id]:
                votes[key].append(attributes or {})
        names = dict(conn.execute(select(DOC.c.id, DOC.c.external_id)).all())
        report.skipped = sorted({names[d] for d in curating if d in done})
        texts: dict[int, str] = {}
        rows = []
        for key, attrs in sorted(votes.items()):
            doc_id, label_id, start, end = key
            if doc_id in curating:
                continue
            if len(attrs) < required_votes(min_agree, len(done[doc_id])):
                report.waiting += 1
                continue
            if key in gold:
                report.already += 1
                continue
            if doc_id not in texts:
                texts[doc_id] = conn.execute(
                    select(DOC.c.text).where(DOC.c.id == doc_id)
                ).scalar_one()
            same = all(a == attrs[0] for a in attrs)
            report.mixed_attributes += 0 if same else 1
            now = utcnow()
            rows.append(
                {
                    "document_id": doc_id,
                    "annotator_id": curator_id,
                    "label_id": label_id,
                    "start": start,
                    "end": end,
                    "text": texts[doc_id][start:end],
                    "attributes": dict(attrs[0]) if same else {},
                    "note": "",
                    "created_at": now,
                    "updated_at": now,
                }
            )
        if rows:
            conn.execute(insert(SPAN), rows)
        report.accepted = len(rows)
    return report


def set_curation_status(store: Store, document_id: int, curator: str, status: str) -> None:
    """The curator's progress on one document (separate from the annotators' done)."""
    if status not in CURATION_STATUSES:
        raise TeamError(
            f"curation status must be one of {', '.join(CURATION_STATUSES)}, not {status!r}"
        )
    with write_transaction(store.engine) as conn:
        curator_id = ensure_curator(store, curator, conn)
        updated = conn.execute(
            CURATION.update()
            .where(CURATION.c.document_id == document_id, CURATION.c.curator_id == curator_id)
            .values(status=status, updated_at=utcnow())
        ).rowcount
        if not updated:
            conn.execute(
                insert(CURATION).values(
                    document_id=document_id,
                    curator_id=curator_id,
                    status=status,
                    updated_at=utcnow(),
                )
            )


def curation_status(store: Store, document_id: int, curator: str) -> str:
    curator_id = store.annotator_id(curator, create=False)
    if curator_id is None:
        return "todo"
    with store.engine.connect() as conn:
        found = conn.execute(
            select(CURATION.c.status).where(
                CURATION.c.document_id == document_id, CURATION.c.curator_id == curator_id
            )
        ).scalar()
    return found or "todo"


def decisions(store: Store, document_id: int, annotator: str, curator: str) -> dict[int, str]:
    """What the curator decided on each of the annotator's spans in a document:
    ``accepted`` (the same range and label is gold), ``changed`` (gold has the label over an
    overlapping range) or ``rejected``; empty before the curator has a layer there."""
    gold = store.spans(document_id, curator)
    if not gold:
        return {}
    exact = {(s.label, s.start, s.end) for s in gold}
    result = {}
    for span in store.spans(document_id, annotator):
        if (span.label, span.start, span.end) in exact:
            result[span.id] = "accepted"
        elif any(g.label == span.label and g.start < span.end and span.start < g.end for g in gold):
            result[span.id] = "changed"
        else:
            result[span.id] = "rejected"
    return result
