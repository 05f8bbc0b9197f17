"""Who is assigned which document, and the statuses and spans assignment weighs.

The balancing (least-loaded first, the overlap sample, seeded ties) is in
:mod:`annotator.team.assignment`; this repository reads and stores the rows. Methods
that take ``conn`` join the caller's transaction (:meth:`transaction`), so one run reads
the current assignments and adds its own atomically.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, and_, case, func, insert, select

from annotator.models import utcnow
from annotator.storage.base import Repository
from annotator.storage.tables import ANNOTATOR, ASSIGNMENT, DOC, SPAN, STATUS

FINISHED = ("done", "skipped")  # statuses that take a document out of a queue


class AssignmentRepository(Repository):
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One committed write transaction for an assignment run."""
        with self.writing() as conn:
            yield conn

    def document_ids(self, conn: Connection) -> list[int]:
        return list(conn.execute(select(DOC.c.id).order_by(DOC.c.id)).scalars())

    def statuses(self, conn: Connection, annotator_ids: Sequence[int]) -> list[tuple[int, str]]:
        """(document, status) rows of the listed annotators (a missing row means todo)."""
        rows = conn.execute(
            select(STATUS.c.document_id, STATUS.c.status).where(
                STATUS.c.annotator_id.in_(list(annotator_ids))
            )
        )
        return [(doc_id, status) for doc_id, status in rows]

    def started(self, conn: Connection, annotator_ids: Sequence[int]) -> dict[int, set[int]]:
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

    def existing(self, conn: Connection) -> dict[int, set[int]]:
        """document → annotators it is assigned to."""
        assigned: dict[int, set[int]] = {}
        for doc_id, aid in conn.execute(
            select(ASSIGNMENT.c.document_id, ASSIGNMENT.c.annotator_id)
        ):
            assigned.setdefault(doc_id, set()).add(aid)
        return assigned

    def add(self, conn: Connection, pairs: Sequence[tuple[int, int]]) -> None:
        """Store (document, annotator) assignments."""
        if pairs:
            now = utcnow()
            conn.execute(
                insert(ASSIGNMENT),
                [{"document_id": d, "annotator_id": a, "created_at": now} for d, a in pairs],
            )

    def queue(self, annotator_id: int) -> list[int]:
        """Documents assigned to the annotator and not finished by them, in document order."""
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
                func.coalesce(STATUS.c.status, "todo").not_in(FINISHED),
            )
            .order_by(ASSIGNMENT.c.document_id)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def counts(self) -> list[tuple[str, int, int]]:
        """Per annotator name: documents assigned and, of them, finished."""
        query = (
            select(
                ANNOTATOR.c.name,
                func.count(),
                func.sum(case((STATUS.c.status.in_(FINISHED), 1), else_=0)),
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
        with self.engine.connect() as conn:
            return [
                (name, int(total), int(finished or 0))
                for name, total, finished in conn.execute(query)
            ]
