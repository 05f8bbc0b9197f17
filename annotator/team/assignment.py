"""Who labels which document: balanced assignment with an overlap sample, and queues.

``assign`` gives each selected document to K annotators, always to the least-loaded
ones (existing assignments count), ties broken by a seeded shuffle so a run can be
repeated exactly. With ``overlap`` that fraction of the newly assigned documents goes to
every annotator: the sample agreement is measured on. Re-running only adds: a document
keeps every assignment it has, a document someone has already started is given to them
first, and a document that already has its K annotators is left alone.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, case, func, insert, select

from annotator.db import write_transaction
from annotator.models import Assignment, utcnow
from annotator.store import ANNOTATOR, DOC, SPAN, STATUS, Store, normalize_status
from annotator.team.errors import TeamError

ASSIGNMENT = Assignment.__table__


@dataclass
class AssignReport:
    """What one ``assign`` run did."""

    selected: int = 0  # documents the run considered
    overlap: int = 0  # documents given to every annotator in this run
    added: dict[str, int] = field(default_factory=dict)  # annotator → new assignments
    kept: int = 0  # documents already fully assigned, left alone
    started: int = 0  # assignments recorded because the annotator had started the document

    def summary(self) -> str:
        per = ", ".join(f"{name} +{n}" for name, n in self.added.items())
        return (
            f"{self.selected} documents considered: {sum(self.added.values())} assignments "
            f"added ({per}); {self.overlap} documents to every annotator; {self.kept} already "
            f"assigned, left as they were; {self.started} kept with who had started them"
        )


def _id(store: Store, name: str) -> int:
    """The annotator's id, created on first use (``annotator_id`` creates, so never None)."""
    found = store.annotator_id(name)
    assert found is not None
    return found


def _selected_documents(
    conn: Connection, annotator_ids: Sequence[int], status: str | None
) -> list[int]:
    """All documents, or those whose status is ``status`` for every listed annotator."""
    doc_ids = list(conn.execute(select(DOC.c.id).order_by(DOC.c.id)).scalars())
    if status is None:
        return doc_ids
    status = normalize_status(status)
    rows = conn.execute(
        select(STATUS.c.document_id, STATUS.c.status).where(
            STATUS.c.annotator_id.in_(list(annotator_ids))
        )
    ).all()
    other: set[int] = set()
    matching: dict[int, int] = {}
    for doc_id, st in rows:
        if st == status:
            matching[doc_id] = matching.get(doc_id, 0) + 1
        else:
            other.add(doc_id)
    if status == "todo":  # no row means todo
        return [d for d in doc_ids if d not in other]
    return [d for d in doc_ids if matching.get(d, 0) == len(annotator_ids)]


def _started(conn: Connection, annotator_ids: Sequence[int]) -> dict[int, set[int]]:
    """document → listed annotators who already worked on it (status beyond todo, or spans)."""
    started: dict[int, set[int]] = {}
    ids = list(annotator_ids)
    for doc_id, aid in conn.execute(
        select(STATUS.c.document_id, STATUS.c.annotator_id).where(
            STATUS.c.annotator_id.in_(ids), STATUS.c.status != "todo"
        )
    ):
        started.setdefault(doc_id, set()).add(aid)
    for doc_id, aid in conn.execute(
        select(SPAN.c.document_id, SPAN.c.annotator_id)
        .where(SPAN.c.annotator_id.in_(ids))
        .distinct()
    ):
        started.setdefault(doc_id, set()).add(aid)
    return started


def assign(
    store: Store,
    annotators: Sequence[str],
    per_document: int,
    *,
    overlap: float = 0.0,
    seed: int | None = None,
    status: str | None = None,
) -> AssignReport:
    """Assign documents (see the module docstring); one transaction, all or nothing."""
    names = list(dict.fromkeys(n.strip() for n in annotators if n.strip()))
    if not names:
        raise TeamError("name at least one annotator (--annotators a,b,c)")
    if not 1 <= per_document <= len(names):
        raise TeamError(
            f"--per-document must be between 1 and the number of annotators "
            f"({len(names)}), not {per_document}"
        )
    if not 0.0 <= overlap <= 1.0:
        raise TeamError(f"--overlap is a fraction between 0 and 1, not {overlap}")
    ids: dict[str, int] = {name: _id(store, name) for name in names}
    rng = random.Random(seed)
    report = AssignReport(added={name: 0 for name in names})
    with write_transaction(store.engine) as conn:
        selected = _selected_documents(conn, list(ids.values()), status)
        report.selected = len(selected)
        existing: dict[int, set[int]] = {}
        for doc_id, aid in conn.execute(
            select(ASSIGNMENT.c.document_id, ASSIGNMENT.c.annotator_id)
        ):
            existing.setdefault(doc_id, set()).add(aid)
        load = {aid: 0 for aid in ids.values()}
        for assigned in existing.values():
            for aid in assigned:
                if aid in load:
                    load[aid] += 1
        started = _started(conn, list(ids.values()))
        order = list(selected)
        rng.shuffle(order)
        fresh = [
            d for d in order if not (existing.get(d, set()) | started.get(d, set())) & set(load)
        ]
        sample = set(fresh[: math.floor(overlap * len(fresh) + 0.5)]) if overlap else set()
        report.overlap = len(sample)
        rows = []
        name_of = {aid: name for name, aid in ids.items()}
        for doc_id in order:
            have = existing.get(doc_id, set()) & set(load)
            target = len(load) if doc_id in sample else per_document
            chosen = set()
            for aid in sorted(started.get(doc_id, set()) - have):
                chosen.add(aid)
                report.started += 1
            if not chosen and len(have) >= target:
                report.kept += 1
                continue
            candidates = [aid for aid in load if aid not in have and aid not in chosen]
            rng.shuffle(candidates)
            candidates.sort(key=lambda aid: load[aid])  # stable: ties stay shuffled
            need = max(target - len(have) - len(chosen), 0)
            chosen.update(candidates[:need])
            for aid in chosen:
                load[aid] += 1
                report.added[name_of[aid]] += 1
                rows.append({"document_id": doc_id, "annotator_id": aid, "created_at": utcnow()})
        if rows:
            conn.execute(insert(ASSIGNMENT), rows)
    return report


def queue(store: Store, annotator: str) -> list[int]:
    """The annotator's queue: documents assigned to them and not done (nor skipped), in
    document order. The app's "my queue" walks this list."""
    annotator_id = store.annotator_id(annotator, create=False)
    if annotator_id is None:
        return []
    query = (
        select(ASSIGNMENT.c.document_id)
        .outerjoin(
            STATUS,
            and_(
                STATUS.c.document_id == ASSIGNMENT.c.document_id,
                STATUS.c.annotator_id == annotator_id,
            ),
        )
        .where(
            ASSIGNMENT.c.annotator_id == annotator_id,
            func.coalesce(STATUS.c.status, "todo").not_in(("done", "skipped")),
        )
        .order_by(ASSIGNMENT.c.document_id)
    )
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def assignment_stats(store: Store) -> dict[str, dict[str, int]]:
    """Per annotator: documents assigned, of them done, and still open (for ``stats``)."""
    query = (
        select(
            ANNOTATOR.c.name,
            func.count(),
            func.sum(case((STATUS.c.status.in_(("done", "skipped")), 1), else_=0)),
        )
        .select_from(ASSIGNMENT)
        .join(ANNOTATOR, ANNOTATOR.c.id == ASSIGNMENT.c.annotator_id)
        .outerjoin(
            STATUS,
            and_(
                STATUS.c.document_id == ASSIGNMENT.c.document_id,
                STATUS.c.annotator_id == ASSIGNMENT.c.annotator_id,
            ),
        )
        .group_by(ANNOTATOR.c.name)
        .order_by(ANNOTATOR.c.name)
    )
    with store.engine.connect() as conn:
        return {
            name: {
                "assigned": total,
                "finished": int(finished or 0),
                "open": total - int(finished or 0),
            }
            for name, total, finished in conn.execute(query)
        }
