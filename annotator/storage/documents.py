"""Documents: reading them (one, a navigator page, text batches) and the import's writes.

Stored text is never rewritten once a document has spans (:meth:`replace_text` refuses
to be asked: the importer checks :meth:`has_spans` first, and migration 0003's trigger
refuses any span whose text is not ``text[start:end]``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Select, and_, delete, func, insert, select, update

from annotator.errors import StoreError
from annotator.insight.words import count_words
from annotator.records import DocumentData, DocumentRow
from annotator.storage.base import Repository, translated
from annotator.storage.limits import checked_document
from annotator.storage.tables import DOC, REJECTION, SPAN, STATUS, SUGGESTION

_SQLITE_DOCUMENT_INSERT = (
    "INSERT INTO document (corpus, external_id, title, text, sha256, source, meta, "
    "imported_at, word_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def sqlite_stamp(value: dt.datetime) -> str:
    """A timestamp as SQLAlchemy's SQLite ``DateTime`` writes it (UTC, no zone), for the
    bulk paths that bypass its per-row processing."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


class WrittenTexts(dict[int, str]):
    """id → text of the documents :meth:`DocumentRepository.insert_many` has just
    inserted, in order. The span insert path checks a batch's spans against it instead
    of reading back texts written a moment ago in the same transaction: the pairing of
    id and text is still the store's own, never the caller's."""


class DocumentRepository(Repository):
    # ------------------------------------------------------------------ one document
    def get(self, document_id: int) -> DocumentData:
        with self.engine.connect() as conn:
            row = conn.execute(select(DOC).where(DOC.c.id == document_id)).first()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        return DocumentData(
            id=row.id,
            corpus=row.corpus,
            external_id=row.external_id,
            title=row.title,
            text=row.text,
            source=row.source,
            meta=dict(row.meta or {}),
        )

    def by_external_id(self, external_id: str, corpus: str = "default") -> DocumentData | None:
        with self.engine.connect() as conn:
            doc_id = conn.execute(
                select(DOC.c.id).where(DOC.c.corpus == corpus, DOC.c.external_id == external_id)
            ).scalar()
        return None if doc_id is None else self.get(doc_id)

    def text(self, conn: Connection, document_id: int) -> str:
        found = conn.execute(select(DOC.c.text).where(DOC.c.id == document_id)).scalar()
        if found is None:
            raise StoreError(f"no document with id {document_id}")
        return found

    def texts_of(self, conn: Connection, document_ids: set[int]) -> dict[int, str]:
        """id → stored text of those documents (in the caller's transaction)."""
        ids = sorted(document_ids)
        found: dict[int, str] = {}
        for i in range(0, len(ids), 500):
            query = select(DOC.c.id, DOC.c.text).where(DOC.c.id.in_(ids[i : i + 500]))
            found.update((doc_id, text) for doc_id, text in conn.execute(query))
        return found

    def first_id(self) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(func.min(DOC.c.id))).scalar()

    # ------------------------------------------------------------------ batches
    def texts(
        self, document_ids: Sequence[int] | None = None, batch_size: int = 200
    ) -> Iterator[list[tuple[int, str]]]:
        """(id, text) batches in id order; keyset paging keeps memory flat on any corpus."""
        if document_ids is not None:
            ids = sorted(set(document_ids))
            for i in range(0, len(ids), batch_size):
                chunk = ids[i : i + batch_size]
                with self.engine.connect() as conn:
                    rows = conn.execute(
                        select(DOC.c.id, DOC.c.text).where(DOC.c.id.in_(chunk)).order_by(DOC.c.id)
                    ).all()
                yield list(rows)
            return
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(DOC.c.id, DOC.c.text)
                    .where(DOC.c.id > last)
                    .order_by(DOC.c.id)
                    .limit(batch_size)
                ).all()
            if not rows:
                return
            yield list(rows)
            last = rows[-1][0]

    def page(
        self, after_id: int, limit: int, corpus: str | None = None
    ) -> list[tuple[int, str, str, str]]:
        """(id, external id, title, text) of up to ``limit`` documents after ``after_id``."""
        query = (
            select(DOC.c.id, DOC.c.external_id, DOC.c.title, DOC.c.text)
            .where(DOC.c.id > after_id)
            .order_by(DOC.c.id)
            .limit(limit)
        )
        if corpus is not None:
            query = query.where(DOC.c.corpus == corpus)
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    # ------------------------------------------------------------------ navigator
    def rows_query(
        self,
        annotator_id: int | None,
        filtered: bool,
        status: str | None,
        source: str | None = None,
    ) -> Select:
        """Navigator rows; ``filtered`` means "one annotator's view" (``annotator_id``
        None then: that annotator has no row yet, so every count is 0). ``source``
        keeps one outlet's documents (``""``: those imported without one)."""
        aid = annotator_id if annotator_id is not None else -1
        counted = select(func.count()).where(SPAN.c.document_id == DOC.c.id)
        if filtered:
            counted = counted.where(SPAN.c.annotator_id == aid)
        span_count = counted.scalar_subquery()
        query = (
            select(
                DOC.c.id,
                DOC.c.external_id,
                DOC.c.title,
                func.coalesce(STATUS.c.status, "todo").label("status"),
                span_count.label("span_count"),
            )
            .select_from(DOC)
            .outerjoin(STATUS, and_(STATUS.c.document_id == DOC.c.id, STATUS.c.annotator_id == aid))
        )
        if status is not None:
            query = query.where(func.coalesce(STATUS.c.status, "todo") == status)
        if source is not None:
            query = query.where(func.coalesce(DOC.c.source, "") == source)
        return query

    def rows(
        self, query: Select, offset: int, limit: int, after_id: int | None
    ) -> list[DocumentRow]:
        query = query.order_by(DOC.c.id)
        if after_id is not None:
            query = query.where(DOC.c.id > after_id).limit(limit)
        else:
            query = query.offset(offset).limit(limit)
        with self.engine.connect() as conn:
            return [DocumentRow(*row) for row in conn.execute(query)]

    def row_count(self, query: Select) -> int:
        inner = query.subquery()
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(inner)).scalar_one()

    def index(self, query: Select, document_id: int) -> int | None:
        inner = query.subquery()
        with self.engine.connect() as conn:
            present = conn.execute(select(inner.c.id).where(inner.c.id == document_id)).scalar()
            if present is None:
                return None
            return conn.execute(
                select(func.count()).select_from(inner).where(inner.c.id < document_id)
            ).scalar_one()

    def neighbour(self, query: Select, document_id: int, step: int) -> int | None:
        inner = query.subquery()
        if step > 0:
            q = select(inner.c.id).where(inner.c.id > document_id).order_by(inner.c.id)
        else:
            q = select(inner.c.id).where(inner.c.id < document_id).order_by(inner.c.id.desc())
        with self.engine.connect() as conn:
            return conn.execute(q.limit(1)).scalar()

    # ------------------------------------------------------------------ import writes
    def known(
        self, conn: Connection, corpus: str, external_ids: set[str], started: dt.datetime
    ) -> dict[str, Any]:
        """external id → row (id, external_id, sha256, this_import) of stored documents;
        ``this_import`` is true for rows written by the running import (its timestamp)."""
        return {
            row.external_id: row
            for row in conn.execute(
                select(
                    DOC.c.id,
                    DOC.c.external_id,
                    DOC.c.sha256,
                    (DOC.c.imported_at == started).label("this_import"),
                ).where(DOC.c.corpus == corpus, DOC.c.external_id.in_(external_ids))
            )
        }

    def insert_many(self, conn: Connection, rows: list[dict[str, Any]]) -> WrittenTexts:
        """Insert documents (dicts of the columns corpus, external_id, title, text, sha256,
        source, meta, imported_at and, if the caller counted it, word_count); their new
        ids with their texts, in order."""
        for r in rows:
            checked_document(r["external_id"], r["title"], r["source"], r["corpus"], r["text"])
            if r.get("word_count") is None:
                r["word_count"] = count_words(r["text"])
        if conn.dialect.name == "sqlite":
            try:
                ids = self._insert_sqlite(conn, rows)
            except sqlite3.Error as exc:  # straight from the driver's cursor
                raise translated(exc) from exc
        else:
            ids = list(
                conn.execute(insert(DOC).returning(DOC.c.id, sort_by_parameter_order=True), rows)
                .scalars()
                .all()
            )
        return WrittenTexts(zip(ids, (r["text"] for r in rows), strict=True))

    @staticmethod
    def _insert_sqlite(conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
        """One prepared INSERT per document through the sqlite3 cursor, its id from
        ``lastrowid``: SQLAlchemy's executemany with RETURNING, JSON and datetime
        processing cost several times SQLite's own work for a 20,000-article import.
        Values are written as SQLAlchemy writes them (``json.dumps`` text, naive UTC)."""
        raw = conn.connection.dbapi_connection
        assert raw is not None
        dumps = json.dumps
        stamps: dict[dt.datetime, str] = {}
        ids: list[int] = []
        cursor = raw.cursor()
        try:
            for r in rows:
                when = r["imported_at"]
                stamp = stamps.get(when)
                if stamp is None:
                    stamp = stamps[when] = sqlite_stamp(when)
                cursor.execute(
                    _SQLITE_DOCUMENT_INSERT,
                    (
                        r["corpus"],
                        r["external_id"],
                        r["title"],
                        r["text"],
                        r["sha256"],
                        r["source"],
                        dumps(r["meta"]),
                        stamp,
                        r["word_count"],
                    ),
                )
                ids.append(cursor.lastrowid)
        finally:
            cursor.close()
        return ids

    def has_spans(self, conn: Connection, document_id: int) -> bool:
        return (
            conn.execute(
                select(SPAN.c.id).where(SPAN.c.document_id == document_id).limit(1)
            ).first()
            is not None
        )

    def replace_text(self, conn: Connection, document_id: int, values: dict[str, Any]) -> None:
        """Replace a span-less document's text (``--update``); its suggestions (offsets into
        the old text) and their rejections go with it."""
        if self.has_spans(conn, document_id):
            raise StoreError(f"document {document_id} has spans; its text is never rewritten")
        checked_document(
            values.get("external_id", ""),
            values["title"],
            values["source"],
            values.get("corpus", ""),
            values["text"],
        )
        values = {k: v for k, v in values.items() if k not in ("external_id", "corpus")}
        conn.execute(update(DOC).where(DOC.c.id == document_id).values(**values))
        conn.execute(delete(SUGGESTION).where(SUGGESTION.c.document_id == document_id))
        conn.execute(delete(REJECTION).where(REJECTION.c.document_id == document_id))
