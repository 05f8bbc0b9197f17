"""Per-annotator document status and document-level labels, and the corpus statistics."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from annotator.errors import StoreError
from annotator.models import STATUSES, utcnow
from annotator.storage.base import Repository, dialect_insert
from annotator.storage.limits import DOC_LABEL_VALUE, checked
from annotator.storage.tables import ANNOTATOR, DOC, DOCLABEL, LABEL, LABELSET, SPAN, STATUS


def normalize_status(value: str) -> str:
    """Accept 'in progress', 'in-progress', 'IN_PROGRESS'… and return the stored form."""
    status = re.sub(r"[\s-]+", "_", value.strip().lower())
    if status not in STATUSES:
        raise StoreError(f"unknown status {value!r}; expected one of {', '.join(STATUSES)}")
    return status


class StatusRepository(Repository):
    def get(self, document_id: int, annotator_id: int) -> str:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(STATUS.c.status).where(
                    STATUS.c.document_id == document_id, STATUS.c.annotator_id == annotator_id
                )
            ).scalar()
        return found or "todo"

    def set(self, document_id: int, annotator_id: int, status: str) -> None:
        with self.writing() as conn:
            self.upsert(conn, {(document_id, annotator_id): status})

    def upsert(self, conn: Connection, statuses: dict[tuple[int, int], str]) -> None:
        """Set many (document, annotator) → status at once (the import's batches)."""
        if not statuses:
            return
        now = utcnow()
        rows = [
            {"document_id": d, "annotator_id": a, "status": st, "updated_at": now}
            for (d, a), st in statuses.items()
        ]
        statement = dialect_insert(conn, STATUS)
        statement = statement.on_conflict_do_update(
            index_elements=[STATUS.c.document_id, STATUS.c.annotator_id],
            set_={"status": statement.excluded.status, "updated_at": statement.excluded.updated_at},
        )
        conn.execute(statement, rows)

    # ------------------------------------------------------------------ document labels
    def document_labels(self, document_id: int, annotator_id: int) -> dict[str, str]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(DOCLABEL.c.key, DOCLABEL.c.value)
                .where(
                    DOCLABEL.c.document_id == document_id, DOCLABEL.c.annotator_id == annotator_id
                )
                .order_by(DOCLABEL.c.key)
            )
            return {key: value for key, value in rows}

    def set_document_label(
        self,
        document_id: int,
        annotator_id: int,
        labelset_id: int,
        key: str,
        value: str | None,
        conn: Connection | None = None,
    ) -> None:
        """Set (or with ``value=None`` remove) one document-level label."""
        if value is not None:
            checked(f"document label {key}", value, DOC_LABEL_VALUE)
        where = (
            DOCLABEL.c.document_id == document_id,
            DOCLABEL.c.annotator_id == annotator_id,
            DOCLABEL.c.labelset_id == labelset_id,
            DOCLABEL.c.key == key,
        )
        with self.writing(conn) as c:
            if value is None:
                c.execute(delete(DOCLABEL).where(*where))
                return
            existing = c.execute(select(DOCLABEL.c.id).where(*where)).scalar()
            if existing is None:
                c.execute(
                    insert(DOCLABEL).values(
                        document_id=document_id,
                        annotator_id=annotator_id,
                        labelset_id=labelset_id,
                        key=key,
                        value=value,
                        updated_at=utcnow(),
                    )
                )
            else:
                c.execute(
                    update(DOCLABEL)
                    .where(DOCLABEL.c.id == existing)
                    .values(value=value, updated_at=utcnow())
                )

    # ------------------------------------------------------------------ stats
    def stats(self) -> dict[str, Any]:
        """Counts for ``annotator stats``: documents, spans per label / annotator, statuses."""
        with self.engine.connect() as conn:
            documents = conn.execute(select(func.count()).select_from(DOC)).scalar_one()
            spans = conn.execute(select(func.count()).select_from(SPAN)).scalar_one()
            per_label = conn.execute(
                select(LABELSET.c.name, LABEL.c.key, func.count())
                .select_from(SPAN)
                .join(LABEL, SPAN.c.label_id == LABEL.c.id)
                .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
                .group_by(LABELSET.c.name, LABEL.c.key)
                .order_by(LABELSET.c.name, LABEL.c.key)
            ).all()
            per_annotator = conn.execute(
                select(
                    ANNOTATOR.c.name,
                    func.count(SPAN.c.id),
                    func.count(func.distinct(SPAN.c.document_id)),
                )
                .select_from(ANNOTATOR)
                .outerjoin(SPAN, SPAN.c.annotator_id == ANNOTATOR.c.id)
                .group_by(ANNOTATOR.c.name)
                .order_by(ANNOTATOR.c.name)
            ).all()
            statuses = conn.execute(
                select(ANNOTATOR.c.name, STATUS.c.status, func.count())
                .select_from(STATUS)
                .join(ANNOTATOR, STATUS.c.annotator_id == ANNOTATOR.c.id)
                .group_by(ANNOTATOR.c.name, STATUS.c.status)
                .order_by(ANNOTATOR.c.name, STATUS.c.status)
            ).all()
        status_counts: dict[str, dict[str, int]] = {}
        for name, status, count in statuses:
            status_counts.setdefault(name, {})[status] = count

        def per_status(name: str) -> dict[str, int]:
            counted = status_counts.get(name, {})
            done = sum(c for s, c in counted.items() if s != "todo")
            return {**{s: 0 for s in STATUSES}, **counted, "todo": documents - done}

        return {
            "documents": documents,
            "spans": spans,
            "spans_per_label": [
                {"labelset": ls, "label": key, "spans": n} for ls, key, n in per_label
            ],
            "annotators": [
                {"annotator": name, "spans": n, "documents": d, "status": per_status(name)}
                for name, n, d in per_annotator
            ],
        }
