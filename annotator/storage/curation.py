"""Roles, the curators' progress and the rows adjudication reads and writes.

The rules (who may become a curator, how many votes accept a span, what a curation
item is) live in :mod:`annotator.team`; this repository only reads and stores rows.
Methods that take ``conn`` join the caller's transaction, so adjudication reads what it
votes on and writes the gold spans in one transaction (see :meth:`transaction`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select, update

from annotator.models import utcnow
from annotator.storage.base import Repository
from annotator.storage.tables import ANNOTATOR, CURATION, DOC, LABEL, LABELSET, SPAN, STATUS

CHUNK = 900  # ids per IN (...) list: below SQLite's host-parameter limit


@dataclass(frozen=True, slots=True)
class VoteRow:
    """One span as adjudication counts it."""

    document_id: int
    annotator_id: int
    label_id: int
    start: int
    end: int
    attributes: dict[str, Any]


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A span to copy into the curator's layer; its text is cut from the stored text."""

    document_id: int
    label_id: int
    start: int
    end: int
    attributes: dict[str, Any]


class CurationRepository(Repository):
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One committed write transaction for a multi-step team action."""
        with self.writing() as conn:
            yield conn

    # ------------------------------------------------------------------ roles
    def role(self, name: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(ANNOTATOR.c.role).where(ANNOTATOR.c.name == name)).scalar()

    def names_with_role(self, role: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(ANNOTATOR.c.name)
                    .where(ANNOTATOR.c.role == role)
                    .order_by(ANNOTATOR.c.name)
                ).scalars()
            )

    def role_and_span_count(self, annotator_id: int, conn: Connection) -> tuple[str | None, int]:
        """The person's role and how many spans they own."""
        current = conn.execute(
            select(ANNOTATOR.c.role).where(ANNOTATOR.c.id == annotator_id)
        ).scalar()
        spans = conn.execute(
            select(func.count()).select_from(SPAN).where(SPAN.c.annotator_id == annotator_id)
        ).scalar_one()
        return current, int(spans)

    def set_role(self, annotator_id: int, role: str, conn: Connection) -> None:
        conn.execute(update(ANNOTATOR).where(ANNOTATOR.c.id == annotator_id).values(role=role))

    # ------------------------------------------------------------------ curation status
    def status(self, document_id: int, curator_id: int) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(CURATION.c.status).where(
                    CURATION.c.document_id == document_id, CURATION.c.curator_id == curator_id
                )
            ).scalar()

    def set_status(self, document_id: int, curator_id: int, status: str, conn: Connection) -> None:
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

    def statuses(self, curator_id: int | None) -> dict[int, str]:
        """document → the curator's status, for documents that have one."""
        with self.engine.connect() as conn:
            return dict(
                conn.execute(
                    select(CURATION.c.document_id, CURATION.c.status).where(
                        CURATION.c.curator_id == (curator_id or -1)
                    )
                ).all()
            )

    def started(self, curator_id: int, conn: Connection) -> set[int]:
        """Documents whose curation the curator has started (status other than todo)."""
        return set(
            conn.execute(
                select(CURATION.c.document_id).where(
                    CURATION.c.curator_id == curator_id, CURATION.c.status != "todo"
                )
            ).scalars()
        )

    # ------------------------------------------------------------------ what is to curate
    def done_by_annotators(
        self, conn: Connection | None = None, *, besides: int | None = None
    ) -> dict[int, list[int]]:
        """document → annotators (role annotator, not ``besides``) who marked it done."""
        query = (
            select(STATUS.c.document_id, STATUS.c.annotator_id)
            .join(ANNOTATOR, ANNOTATOR.c.id == STATUS.c.annotator_id)
            .where(STATUS.c.status == "done", ANNOTATOR.c.role == "annotator")
        )
        if besides is not None:
            query = query.where(STATUS.c.annotator_id != besides)
        done: dict[int, list[int]] = defaultdict(list)
        with self._reading(conn) as c:
            for doc_id, aid in c.execute(query):
                done[doc_id].append(aid)
        return dict(done)

    def document_names(self, document_ids: list[int] | None = None) -> dict[int, str]:
        """document id → external id (all documents, or those listed, in id order)."""
        query = select(DOC.c.id, DOC.c.external_id).order_by(DOC.c.id)
        with self.engine.connect() as conn:
            if document_ids is None:
                return dict(conn.execute(query).all())
            names: dict[int, str] = {}
            for i in range(0, len(document_ids), CHUNK):
                chunk = document_ids[i : i + CHUNK]
                names.update(conn.execute(query.where(DOC.c.id.in_(chunk))).all())
            return names

    def document_annotators(self, document_id: int) -> list[str]:
        """Annotators (role annotator) with spans or a status beyond todo in the document."""
        with_spans = select(SPAN.c.annotator_id).where(SPAN.c.document_id == document_id)
        with_status = select(STATUS.c.annotator_id).where(
            STATUS.c.document_id == document_id, STATUS.c.status != "todo"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(ANNOTATOR.c.name)
                .where(
                    ANNOTATOR.c.role == "annotator",
                    or_(ANNOTATOR.c.id.in_(with_spans), ANNOTATOR.c.id.in_(with_status)),
                )
                .order_by(ANNOTATOR.c.name)
            )
            return list(rows.scalars())

    # ------------------------------------------------------------------ adjudication
    def votes(self, conn: Connection, labelset: str | None) -> Iterator[VoteRow]:
        """Every span (of one label set's name, if given) as adjudication counts it."""
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
        for doc_id, aid, label_id, start, end, attributes in conn.execute(query):
            yield VoteRow(doc_id, aid, label_id, start, end, attributes or {})

    def add_gold(self, conn: Connection, curator_id: int, spans: list[GoldSpan]) -> int:
        """Insert ``spans`` into the curator's layer, text cut from each stored document."""
        if not spans:
            return 0
        texts: dict[int, str] = {}
        now = utcnow()
        rows = []
        for span in spans:
            if span.document_id not in texts:
                texts[span.document_id] = conn.execute(
                    select(DOC.c.text).where(DOC.c.id == span.document_id)
                ).scalar_one()
            rows.append(
                {
                    "document_id": span.document_id,
                    "annotator_id": curator_id,
                    "label_id": span.label_id,
                    "start": span.start,
                    "end": span.end,
                    "text": texts[span.document_id][span.start : span.end],
                    "attributes": dict(span.attributes),
                    "note": "",
                    "created_at": now,
                    "updated_at": now,
                }
            )
        conn.execute(insert(SPAN), rows)
        return len(rows)

    @contextmanager
    def _reading(self, conn: Connection | None) -> Iterator[Connection]:
        if conn is not None:
            yield conn
        else:
            with self.engine.connect() as new:
                yield new
