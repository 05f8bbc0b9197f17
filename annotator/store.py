"""The collection: every read and write of annotation data goes through here.

Like Anki's ``Collection``, this is the one object the CLI and the Qt app hold. Each
public mutating method is one committed transaction, so a user action is durable the
moment the method returns and a crash loses at most the action in flight.

The Store is a facade: the SQL lives in the repositories of :mod:`annotator.storage`
(``store.repos``), which the core's bulk paths (import, export, suggestions, search)
use directly; the UI uses only the methods below. A driver failure never escapes as a
sqlalchemy exception: it becomes a :class:`~annotator.errors.StorageError` (a full disk
says "disk full").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

from annotator.errors import DuplicateSpanError, StoreError, translated_driver_error
from annotator.records import DocumentData, DocumentRow, SpanData
from annotator.storage import summary
from annotator.storage.connection import Database
from annotator.storage.labelsets import LabelSetInfo
from annotator.storage.limits import normalize_status
from annotator.storage.repositories import Repositories

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from annotator.labelsets import LabelSet
    from annotator.storage.changes import DataVersionReader
    from annotator.storage.tables import (  # noqa: F401 - resolved by __getattr__ at run time
        ANNOTATOR,
        DOC,
        DOCLABEL,
        LABEL,
        LABELSET,
        SPAN,
        STATUS,
    )
    from annotator.storage.team import TeamRepositories

# The tables' short names, re-exported for tests and scripts that build rows with them;
# resolved on first use (module ``__getattr__``) so opening a Store never loads SQLAlchemy.
_TABLE_NAMES = frozenset({"ANNOTATOR", "DOC", "DOCLABEL", "LABEL", "LABELSET", "SPAN", "STATUS"})


def __getattr__(name: str) -> Any:
    if name in _TABLE_NAMES:
        from annotator.storage import tables

        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _import_lock_key() -> int:
    """An import is one long transaction; on PostgreSQL concurrent imports queue on this
    advisory lock (as SQLite writers queue on BEGIN IMMEDIATE) instead of failing on the
    unique constraints the other one is about to fill."""
    from annotator.db.migrate import PG_MIGRATION_LOCK

    return PG_MIGRATION_LOCK + 1


class Store:
    """An open annotation database (SQLite file or PostgreSQL URL)."""

    def __init__(self, database: Database, target: str = ""):
        self.database = database
        self.target = target
        self.repos = Repositories(database)

    @classmethod
    def open(cls, target: str) -> Store:
        return cls(Database.open(target), target)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made on first use (writers, team and insight queries)."""
        return self.database.engine

    @cached_property
    def team(self) -> TeamRepositories:
        """Assignments, curation and roles, comments."""
        from annotator.storage.team import TeamRepositories

        return TeamRepositories(self.engine)

    def close(self) -> None:
        self.database.close()

    def data_version_reader(self) -> DataVersionReader | None:
        """A reader of the database's commit counter (None where the engine has none)."""
        from annotator.storage.changes import DataVersionReader

        if not DataVersionReader.supported(self.engine):
            return None
        return DataVersionReader(self.engine)

    def forget_caches(self) -> None:
        """Drop cached ids; needed after a rolled-back transaction that created rows."""
        self.repos.annotators.forget()
        self.repos.labelsets.forget()

    @contextmanager
    def import_transaction(self) -> Iterator[Connection]:
        """One write transaction for a whole import, committed only if the block ends
        normally; waits for other writers (and other imports) instead of failing."""
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        from annotator.db.engine import IMMEDIATE_FLAG

        try:
            with self.engine.connect() as conn:
                conn.info[IMMEDIATE_FLAG] = True
                with conn.begin():
                    if conn.dialect.name == "postgresql":
                        conn.execute(
                            text("SELECT pg_advisory_xact_lock(:k)"), {"k": _import_lock_key()}
                        )
                    yield conn
        except SQLAlchemyError as exc:
            self.forget_caches()  # ids created inside the rolled-back transaction
            raise translated_driver_error(exc) from exc
        except BaseException:
            self.forget_caches()
            raise

    # ------------------------------------------------------------------ annotators
    def annotator_id(
        self, name: str, *, create: bool = True, conn: Connection | None = None
    ) -> int | None:
        return self.repos.annotators.id(name, create=create, conn=conn)

    def annotators(self) -> list[str]:
        return self.repos.annotators.names()

    # ------------------------------------------------------------------ label sets
    def labelset(self, name: str | None = None, version: str | None = None) -> LabelSet:
        """The label set called ``name`` (default set if None): the newest version among
        the shipped file and the sets registered in this database (parsed once)."""
        return self.repos.labelsets.get(name, version)

    def labelsets(self) -> list[LabelSetInfo]:
        return self.repos.labelsets.infos()

    def register_labelset(self, labelset: LabelSet, *, conn: Connection | None = None) -> int:
        """Store ``labelset`` (YAML verbatim) in this database; idempotent per name+version."""
        return self.repos.labelsets.register(labelset, conn=conn)

    def add_labelset(self, labelset: LabelSet) -> str:
        """Register ``labelset`` on the user's explicit request (``labelset add``, the
        app's "Add a label set"): returns ``"added"``, ``"updated"`` or ``"unchanged"``.

        Unlike :meth:`register_labelset` (called implicitly whenever a set is used, and
        idempotent per name+version), an edited file under the same version replaces the
        stored YAML — help texts, names, colours, terms and new labels take effect — as
        long as it keeps every label key already stored, so nothing labelled can dangle.
        Dropping or renaming a key needs a new version.
        """
        return self.repos.labelsets.add(labelset)

    def label_id(self, labelset: LabelSet, key: str, *, conn: Connection | None = None) -> int:
        """Database id of ``key`` (or its alias) in ``labelset``, registering the set if needed."""
        return self.repos.labelsets.label_id(labelset, key, conn=conn)

    # ------------------------------------------------------------------ documents
    def document_count(self, *, corpus: str | None = None) -> int:
        with self.database.reading() as reader:
            return summary.document_count(reader, corpus)

    def document(self, document_id: int) -> DocumentData:
        return self.repos.documents.get(document_id)

    def document_by_external_id(
        self, external_id: str, corpus: str = "default"
    ) -> DocumentData | None:
        return self.repos.documents.by_external_id(external_id, corpus)

    def _rows_query(
        self, annotator: str | None, status: str | None, source: str | None = None
    ) -> Any:
        annotator_id = self.annotator_id(annotator, create=False) if annotator else None
        status = normalize_status(status) if status is not None else None
        return self.repos.documents.rows_query(annotator_id, bool(annotator), status, source)

    def document_rows(
        self,
        offset: int = 0,
        limit: int = 200,
        *,
        annotator: str | None = None,
        status: str | None = None,
        after_id: int | None = None,
        source: str | None = None,
    ) -> list[DocumentRow]:
        """A page of the document navigator, ordered by import order; ``status`` and
        ``source`` (an outlet) narrow it.

        ``after_id`` (the last id of the previous page) replaces ``offset``: a keyset
        page costs the same at row 90,000 as at row 0, where OFFSET scans every row before.
        """
        return self.repos.documents.rows(
            self._rows_query(annotator, status, source), offset, limit, after_id
        )

    def document_row_count(
        self,
        *,
        annotator: str | None = None,
        status: str | None = None,
        source: str | None = None,
    ) -> int:
        return self.repos.documents.row_count(self._rows_query(annotator, status, source))

    def document_index(
        self,
        document_id: int,
        *,
        annotator: str | None = None,
        status: str | None = None,
        source: str | None = None,
    ) -> int | None:
        """Position of a document in :meth:`document_rows` order (None if filtered out)."""
        return self.repos.documents.index(self._rows_query(annotator, status, source), document_id)

    def neighbour_document(
        self,
        document_id: int,
        step: int = 1,
        *,
        annotator: str | None = None,
        status: str | None = None,
        source: str | None = None,
    ) -> int | None:
        """The next (step=1) or previous (step=-1) document id in navigator order."""
        return self.repos.documents.neighbour(
            self._rows_query(annotator, status, source), document_id, step
        )

    def first_document_id(self) -> int | None:
        return self.repos.documents.first_id()

    # ------------------------------------------------------------------ spans
    def spans(self, document_id: int, annotator: str | None = None) -> list[SpanData]:
        """Spans of a document (one annotator's, or everyone's), ordered by position."""
        return self.repos.spans.of_document(document_id, annotator)

    def span_count(self, document_id: int, annotator: str | None = None) -> int:
        """Number of spans in a document (one annotator's or everyone's): one COUNT."""
        annotator_id = None
        if annotator is not None:
            annotator_id = self.annotator_id(annotator, create=False)
            if annotator_id is None:
                return 0
        return self.repos.spans.count(document_id, annotator_id)

    def span(self, span_id: int) -> SpanData:
        return self.repos.spans.get(span_id)

    def add_span(
        self,
        document_id: int,
        annotator: str,
        labelset: LabelSet,
        label: str,
        start: int,
        end: int,
        *,
        attributes: dict[str, Any] | None = None,
        note: str = "",
        span_id: int | None = None,
    ) -> SpanData:
        """Store one span; ``span_id`` re-creates a deleted span under its old id (undo)."""
        return self.add_spans(
            [
                dict(
                    document_id=document_id,
                    annotator=annotator,
                    labelset=labelset,
                    label=label,
                    start=start,
                    end=end,
                    attributes=attributes,
                    note=note,
                    span_id=span_id,
                )
            ]
        )[0]

    def add_spans(self, specs: Sequence[dict[str, Any]]) -> list[SpanData]:
        """Store several spans in one transaction (all or none).

        Each spec has the keyword arguments of :meth:`add_span`.
        """
        return self.repos.spans.add(specs)

    def add_spans_reading_status(
        self, specs: Sequence[dict[str, Any]], document_id: int, annotator: str
    ) -> tuple[list[SpanData], str]:
        """:meth:`add_spans`, and ``annotator``'s status of the document read in the same
        transaction (the todo → in-progress rule of a label key needs it)."""
        annotator_id = self.annotator_id(annotator)
        assert annotator_id is not None
        statuses = self.repos.statuses
        created, status = self.repos.spans.add_then(
            specs, lambda conn: statuses.read(conn, document_id, annotator_id)
        )
        return created, status or "todo"

    def delete_spans(self, span_ids: Iterable[int]) -> None:
        self.repos.spans.delete(span_ids)

    def delete_span(self, span_id: int) -> None:
        self.delete_spans([span_id])

    def restore_spans(self, spans: Sequence[SpanData]) -> list[SpanData]:
        """Put deleted spans back with their ids (the undo of a delete)."""
        specs = [
            dict(
                document_id=s.document_id,
                annotator=s.annotator,
                labelset=self.labelset(s.labelset, s.labelset_version or None),
                label=s.label,
                start=s.start,
                end=s.end,
                attributes=s.attributes,
                note=s.note,
                span_id=s.id,
            )
            for s in spans
        ]
        return self.add_spans(specs)

    def update_span(
        self,
        span_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
        attributes: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> SpanData:
        """Change a span's label, boundaries, attributes or note (one transaction)."""
        current = self.span(span_id)
        from annotator.models import utcnow

        values: dict[str, Any] = {"updated_at": utcnow()}
        if label is not None and label != current.label:
            # relabel within the span's own label-set version, never a newer one
            labelset = self.labelset(current.labelset, current.labelset_version or None)
            values["label_id"] = self.label_id(labelset, label)
        if attributes is not None:
            values["attributes"] = dict(attributes)
        if note is not None:
            values["note"] = note
        self.repos.spans.update(
            current,
            values,
            current.start if start is None else start,
            current.end if end is None else end,
        )
        return self.span(span_id)

    # ------------------------------------------------------------------ status, doc labels
    def status(self, document_id: int, annotator: str) -> str:
        annotator_id = self.annotator_id(annotator, create=False)
        if annotator_id is None:
            return "todo"
        return self.repos.statuses.get(document_id, annotator_id)

    def set_status(self, document_id: int, annotator: str, status: str) -> None:
        status = normalize_status(status)
        annotator_id = self.annotator_id(annotator)
        assert annotator_id is not None
        self.repos.statuses.set(document_id, annotator_id, status)

    def document_labels(self, document_id: int, annotator: str) -> dict[str, str]:
        """Document-level labels of one annotator: key → value ('' for flags)."""
        annotator_id = self.annotator_id(annotator, create=False)
        if annotator_id is None:
            return {}
        return self.repos.statuses.document_labels(document_id, annotator_id)

    def set_document_label(
        self, document_id: int, annotator: str, labelset: LabelSet, key: str, value: str | None
    ) -> None:
        """Set (or with ``value=None`` remove) one document-level label."""
        spec = next((d for d in labelset.document_labels if d.key == key), None)
        if spec is None:
            raise StoreError(f"document label {key!r} is not in label set {labelset.name!r}")
        if value is not None and spec.type == "choice" and value not in spec.choices:
            raise StoreError(f"{key}: {value!r} is not one of {', '.join(spec.choices)}")
        annotator_id = self.annotator_id(annotator)
        assert annotator_id is not None
        labelset_id = self.register_labelset(labelset)
        self.repos.statuses.set_document_label(document_id, annotator_id, labelset_id, key, value)

    # ------------------------------------------------------------------ stats
    def stats(self) -> dict[str, Any]:
        """Counts for ``annotator stats``: documents, spans per label / annotator, statuses."""
        with self.database.reading() as reader:
            return summary.stats(reader)


__all__ = [
    "DuplicateSpanError",
    "LabelSetInfo",
    "Store",
    "StoreError",
    "normalize_status",
]
