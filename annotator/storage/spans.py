"""Spans: reading them, and the one path every writer stores them through.

:meth:`SpanRepository.insert_rows` is the only INSERT into ``span``: a user's single
span, undo's restore, accepting suggestions, label-all, accept-all and the import all
end there, so its checks (a non-empty range, ``text`` equal to the document's
``text[start:end]`` — enforced again by migration 0003's trigger for any other writer)
hold whatever path wrote the span.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Select, delete, func, insert, select, update

from annotator.errors import ConflictError, DuplicateSpanError, StoreError
from annotator.models import utcnow
from annotator.records import SpanData
from annotator.storage.annotators import AnnotatorRepository
from annotator.storage.base import Repository, insert_ignoring, translated
from annotator.storage.connection import Database
from annotator.storage.documents import DocumentRepository, WrittenTexts, sqlite_stamp
from annotator.storage.labelsets import LabelSetRepository
from annotator.storage.tables import ANNOTATOR, LABEL, LABELSET, SPAN

T = TypeVar("T")

_SQLITE_SPAN_INSERT = (
    'INSERT INTO span (document_id, annotator_id, label_id, start, "end", text, attributes, '
    "note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT DO NOTHING"
)


def checked_range(text: str, start: int, end: int) -> None:
    if not (0 <= start < end <= len(text)):
        raise StoreError(f"span {start}–{end} is outside the text (length {len(text)}) or empty")


class SpanRepository(Repository):
    def __init__(
        self,
        database: Database | Engine,
        annotators: AnnotatorRepository,
        labelsets: LabelSetRepository,
        documents: DocumentRepository,
    ):
        super().__init__(database)
        self.annotators = annotators
        self.labelsets = labelsets
        self.documents = documents

    # ------------------------------------------------------------------ reading
    @staticmethod
    def query() -> Select:
        return (
            select(
                SPAN.c.id,
                SPAN.c.document_id,
                ANNOTATOR.c.name.label("annotator"),
                LABELSET.c.name.label("labelset"),
                LABEL.c.key.label("label"),
                SPAN.c.start,
                SPAN.c.end,
                SPAN.c.text,
                SPAN.c.attributes,
                SPAN.c.note,
                LABELSET.c.version.label("labelset_version"),
            )
            .join(ANNOTATOR, SPAN.c.annotator_id == ANNOTATOR.c.id)
            .join(LABEL, SPAN.c.label_id == LABEL.c.id)
            .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
        )

    @staticmethod
    def from_row(row: Any) -> SpanData:
        return SpanData(
            id=row.id,
            document_id=row.document_id,
            annotator=row.annotator,
            labelset=row.labelset,
            label=row.label,
            start=row.start,
            end=row.end,
            text=row.text,
            attributes=dict(row.attributes or {}),
            note=row.note or "",
            labelset_version=row.labelset_version,
        )

    def of_document(self, document_id: int, annotator: str | None = None) -> list[SpanData]:
        """Spans of a document (one annotator's, or everyone's), ordered by position."""
        query = self.query().where(SPAN.c.document_id == document_id)
        if annotator is not None:
            query = query.where(ANNOTATOR.c.name == annotator)
        query = query.order_by(SPAN.c.start, SPAN.c.end, SPAN.c.id)
        with self.engine.connect() as conn:
            return [self.from_row(row) for row in conn.execute(query)]

    def count(self, document_id: int, annotator_id: int | None = None) -> int:
        query = select(func.count()).select_from(SPAN).where(SPAN.c.document_id == document_id)
        if annotator_id is not None:
            query = query.where(SPAN.c.annotator_id == annotator_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def get(self, span_id: int) -> SpanData:
        with self.engine.connect() as conn:
            row = conn.execute(self.query().where(SPAN.c.id == span_id)).first()
        if row is None:
            raise StoreError(f"no span with id {span_id}")
        return self.from_row(row)

    def existing_keys(
        self, annotator_id: int, document_ids: Iterable[int]
    ) -> set[tuple[int, int, int, int]]:
        """(document, label id, start, end) of the annotator's spans in those documents."""
        ids = sorted(set(document_ids))
        found: set[tuple[int, int, int, int]] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                found.update(
                    conn.execute(
                        select(SPAN.c.document_id, SPAN.c.label_id, SPAN.c.start, SPAN.c.end).where(
                            SPAN.c.annotator_id == annotator_id,
                            SPAN.c.document_id.in_(ids[i : i + 500]),
                        )
                    )
                )
        return found

    # ------------------------------------------------------------------ the insert path
    def insert_rows(
        self,
        conn: Connection,
        rows: Sequence[dict[str, Any]],
        *,
        duplicates: str = "ignore",
        now: dt.datetime | None = None,
        written: WrittenTexts | None = None,
    ) -> list[int]:
        """Insert span rows (document_id, annotator_id, label_id, start, end, text,
        attributes, note; ``id`` to restore a deleted span) in the caller's transaction.

        ``duplicates="ignore"`` skips rows identical to a stored span (annotator, range,
        label) and returns ``[count added]``; ``"error"`` raises DuplicateSpanError and
        returns the new ids in order. A row whose text is not its document's
        ``text[start:end]`` is refused (StoreError) and nothing of the call is kept.
        ``written``: what :meth:`DocumentRepository.insert_many` returned for documents
        inserted earlier in this transaction, whose texts need not be read back.
        """
        now = now or utcnow()
        self._check_texts(conn, rows, written)
        try:
            if duplicates == "error":
                ids = []
                for r in rows:
                    one = {
                        **r,
                        "attributes": dict(r.get("attributes") or {}),
                        "note": r.get("note") or "",
                        "created_at": now,
                        "updated_at": now,
                    }
                    result = conn.execute(insert(SPAN).values(**one))
                    ids.append(result.inserted_primary_key[0])  # type: ignore[index]
                return ids
            if conn.dialect.name == "sqlite":
                try:
                    return [self._insert_sqlite(conn, rows, now)]
                except sqlite3.Error as exc:  # straight from the driver's cursor
                    error = translated(exc)
                    raise error from exc
            values = [
                {
                    **r,
                    "attributes": dict(r.get("attributes") or {}),
                    "note": r.get("note") or "",
                    "created_at": now,
                    "updated_at": now,
                }
                for r in rows
            ]
            # psycopg's executemany has no reliable rowcount: count the ids returned,
            # one per row actually inserted (a duplicate returns none)
            result = conn.execute(insert_ignoring(conn, SPAN).returning(SPAN.c.id), values)
            return [len(result.all())]
        except ConflictError as exc:
            if duplicates == "error":
                raise DuplicateSpanError(
                    "this exact span (annotator, range and label) exists already"
                ) from exc
            raise

    def _check_texts(
        self, conn: Connection, rows: Sequence[dict[str, Any]], written: WrittenTexts | None
    ) -> None:
        """Refuse any row whose text is not the *stored* document's text[start:end].

        The stored text is read back (or taken from ``written``, the store's own record of
        what it just inserted) rather than taken from the caller: the defect this guards
        against is a caller pairing a span with the wrong document.
        """
        texts: dict[int, str] = dict(written) if written else {}
        missing = {r["document_id"] for r in rows} - texts.keys()
        if missing:
            texts.update(self.documents.texts_of(conn, missing))
        for r in rows:
            start, end, doc_id = r["start"], r["end"], r["document_id"]
            text = texts.get(doc_id)
            if text is None:
                raise StoreError(f"no document with id {doc_id}")
            if not (0 <= start < end <= len(text)) or text[start:end] != r["text"]:
                raise StoreError(
                    f"refused: span {start}–{end} {r['text'][:40]!r} is not the text of "
                    f"document {doc_id} at those offsets (a span's text must be exactly "
                    "text[start:end] of its document)"
                )

    @staticmethod
    def _insert_sqlite(conn: Connection, rows: Sequence[dict[str, Any]], now: dt.datetime) -> int:
        """Bulk insert straight through the sqlite3 cursor.

        SQLAlchemy's per-row parameter processing (JSON, timezone-aware datetimes) costs
        more than SQLite's own work for the 100,000s of spans of a shared-task file. Values
        are written exactly as SQLAlchemy would write them (JSON text, naive UTC
        timestamps), so the readers get them back unchanged.
        """
        stamp = sqlite_stamp(now)
        dumps = json.dumps
        params = [
            (
                r["document_id"],
                r["annotator_id"],
                r["label_id"],
                r["start"],
                r["end"],
                r["text"],
                dumps(r["attributes"]) if r.get("attributes") else "{}",
                r.get("note") or "",
                stamp,
                stamp,
            )
            for r in rows
        ]
        raw = conn.connection.dbapi_connection
        assert raw is not None
        cursor = raw.cursor()
        try:
            before = raw.total_changes
            cursor.executemany(_SQLITE_SPAN_INSERT, params)
            return raw.total_changes - before
        finally:
            cursor.close()

    # ------------------------------------------------------------------ user actions
    def add(self, specs: Sequence[dict[str, Any]]) -> list[SpanData]:
        """Store several spans in one transaction (all or none); each spec has the keyword
        arguments of :meth:`annotator.store.Store.add_span`."""
        return self.add_then(specs, None)[0]

    def add_then(
        self, specs: Sequence[dict[str, Any]], read: Callable[[Connection], T] | None
    ) -> tuple[list[SpanData], T | None]:
        """:meth:`add`, then ``read`` in the same transaction (a label key's status read:
        one transaction per key, not a second one after the commit)."""
        # Registering label sets and annotators may write: do it before the span
        # transaction so a single-writer SQLite never waits on itself.
        for spec in specs:
            self.annotators.id(spec["annotator"])
            self.labelsets.label_id(spec["labelset"], spec["label"])
        created: list[SpanData] = []
        with self.writing() as conn:
            # Read in this transaction by the store itself, so the check in insert_rows
            # takes them as read (one read of a 50 KB article per label key, not two).
            texts = WrittenTexts()
            rows = []
            for spec in specs:
                doc_id = spec["document_id"]
                if doc_id not in texts:
                    texts[doc_id] = self.documents.text(conn, doc_id)
                text = texts[doc_id]
                checked_range(text, spec["start"], spec["end"])
                row = {
                    "document_id": doc_id,
                    "annotator_id": self.annotators.id(spec["annotator"]),
                    "label_id": self.labelsets.label_id(spec["labelset"], spec["label"]),
                    "start": spec["start"],
                    "end": spec["end"],
                    "text": text[spec["start"] : spec["end"]],
                    "attributes": dict(spec.get("attributes") or {}),
                    "note": spec.get("note") or "",
                }
                if spec.get("span_id") is not None:
                    row["id"] = spec["span_id"]
                rows.append(row)
            ids = self.insert_rows(conn, rows, duplicates="error", written=texts)
            for spec, row, span_id in zip(specs, rows, ids, strict=True):
                labelset = spec["labelset"]
                created.append(
                    SpanData(
                        id=span_id,
                        document_id=row["document_id"],
                        annotator=spec["annotator"].strip(),
                        labelset=labelset.name,
                        label=labelset.resolve(spec["label"]),
                        start=row["start"],
                        end=row["end"],
                        text=row["text"],
                        attributes=dict(row["attributes"]),
                        note=row["note"],
                        labelset_version=labelset.version,
                    )
                )
            extra = read(conn) if read is not None else None
        return created, extra

    def add_new(self, annotator_id: int, rows: Iterable[tuple[int, int, int, int, str]]) -> int:
        """Insert (document, label id, start, end, text) rows the annotator does not have
        yet, in one transaction (accept-all over a corpus); returns how many were new."""
        values = [
            {
                "document_id": d,
                "annotator_id": annotator_id,
                "label_id": lid,
                "start": s,
                "end": e,
                "text": t,
                "attributes": {},
                "note": "",
            }
            for d, lid, s, e, t in rows
        ]
        if not values:
            return 0
        with self.writing() as conn:
            return self.insert_rows(conn, values, duplicates="ignore")[0]

    def delete(self, span_ids: Iterable[int]) -> None:
        ids = list(span_ids)
        if ids:
            with self.writing() as conn:
                conn.execute(delete(SPAN).where(SPAN.c.id.in_(ids)))

    def update(self, current: SpanData, values: dict[str, Any], start: int, end: int) -> None:
        """Write a span's changed columns; a new range takes its text from the document."""
        try:
            with self.writing() as conn:
                if (start, end) != (current.start, current.end):
                    text = self.documents.text(conn, current.document_id)
                    checked_range(text, start, end)
                    values.update(start=start, end=end, text=text[start:end])
                conn.execute(update(SPAN).where(SPAN.c.id == current.id).values(**values))
        except ConflictError as exc:
            raise DuplicateSpanError("an identical span exists already") from exc
