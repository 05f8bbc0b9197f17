"""Per-annotator document status and document-level labels (their counts for ``annotator
stats`` are read in :mod:`annotator.storage.summary`)."""

from __future__ import annotations

import sqlite3

from sqlalchemy import Connection, delete, insert, select, update

from annotator.models import utcnow
from annotator.storage.base import Repository, dialect_insert, translated
from annotator.storage.documents import sqlite_stamp
from annotator.storage.limits import DOC_LABEL_VALUE, checked
from annotator.storage.tables import DOCLABEL, STATUS

_SQLITE_STATUS_UPSERT = (
    "INSERT INTO document_status (document_id, annotator_id, status, updated_at) "
    "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id) "
    "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at"
)


class StatusRepository(Repository):
    def get(self, document_id: int, annotator_id: int) -> str:
        with self.engine.connect() as conn:
            return self.read(conn, document_id, annotator_id)

    @staticmethod
    def read(conn: Connection, document_id: int, annotator_id: int) -> str:
        """The status in ``conn``'s transaction (a label key reads it in its write)."""
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
        if conn.dialect.name == "sqlite":
            self._upsert_sqlite(conn, statuses, sqlite_stamp(now))
            return
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

    @staticmethod
    def _upsert_sqlite(conn: Connection, statuses: dict[tuple[int, int], str], stamp: str) -> None:
        """The same upsert as one prepared statement on the sqlite3 cursor: SQLAlchemy's
        compile and per-row datetime processing cost more than SQLite's work for the
        20,000 statuses of a large import. The timestamp is written as SQLAlchemy
        writes it (naive UTC text)."""
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            cursor.executemany(
                _SQLITE_STATUS_UPSERT,
                [(d, a, st, stamp) for (d, a), st in statuses.items()],
            )
        except sqlite3.Error as exc:  # straight from the driver's cursor
            raise translated(exc) from exc
        finally:
            cursor.close()

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
