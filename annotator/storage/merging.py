"""The SQL of ``annotator merge``: reading an input database, and reading and writing the
team database inside its write transaction.

What is merged, what matches what, which change wins and what is reported is decided in
:mod:`annotator.team.merging`; this module only fetches rows and adds or updates them.
Rows travel as plain mappings of column name to value.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, update

from annotator.db.sqlite import copy_database
from annotator.db.writers import write_transaction
from annotator.storage.base import Repository
from annotator.storage.tables import (
    ANNOTATOR,
    ASSIGNMENT,
    COMMENT,
    CURATION,
    DOC,
    DOCLABEL,
    LABEL,
    LABELSET,
    REJECTION,
    SPAN,
    STATUS,
)

Row = Mapping[str, Any]
SQLITE_MAGIC = b"SQLite format 3\x00"


class UnreadableInput(Exception):
    """An input file that looks like SQLite cannot be read; the message is the driver's."""


def is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_MAGIC


def copy_sqlite_file(path: Path, dest: Path) -> None:
    """Copy an SQLite database read-only, by SQLite's online backup (consistent even
    while the app has it open), so a merge never reads, let alone upgrades, it in place."""
    try:
        copy_database(path, dest, read_only=True)
    except sqlite3.Error as exc:
        raise UnreadableInput(str(exc)) from exc


@dataclass(frozen=True)
class MergedTable:
    """A table merged row by row: rows match on ``key`` (ids mapped to the team
    database's); ``value`` is the one column a newer change replaces (None: a row is
    there or not)."""

    table: Table
    key: tuple[str, ...]
    value: str | None


# kind (as the report names it) → how its rows match
MERGED: dict[str, MergedTable] = {
    "statuses": MergedTable(STATUS, ("document_id", "annotator_id"), "status"),
    "curation statuses": MergedTable(CURATION, ("document_id", "curator_id"), "status"),
    "document labels": MergedTable(
        DOCLABEL, ("document_id", "annotator_id", "labelset_id", "key"), "value"
    ),
    "rejections": MergedTable(
        REJECTION, ("annotator_id", "document_id", "label_id", "start", "end"), None
    ),
    "assignments": MergedTable(ASSIGNMENT, ("document_id", "annotator_id"), None),
}
# Tables holding a document's records, for counting what a refused document leaves out.
DOCUMENT_RECORDS = (SPAN, STATUS, DOCLABEL, COMMENT, REJECTION, ASSIGNMENT, CURATION)
DOCUMENT_COLUMNS = ("corpus", "external_id", "title", "text", "source", "meta", "imported_at")
SPAN_COLUMNS = ("start", "end", "text", "attributes", "note", "created_at", "updated_at")


def _rows(conn: Connection, query: Any) -> list[Row]:
    return [dict(row) for row in conn.execute(query).mappings()]


class MergeInput:
    """Reads of one input database (a temporary copy, never written)."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def labelsets(self) -> list[tuple[int, str, str, str]]:
        """(id, name, version, YAML source) of every label set."""
        query = select(LABELSET.c.id, LABELSET.c.name, LABELSET.c.version, LABELSET.c.yaml_source)
        return [(i, name, version, yaml) for i, name, version, yaml in self.conn.execute(query)]

    def label_keys(self, labelset_id: int) -> list[tuple[int, str]]:
        query = select(LABEL.c.id, LABEL.c.key).where(LABEL.c.labelset_id == labelset_id)
        return [(label_id, key) for label_id, key in self.conn.execute(query)]

    def annotators(self) -> list[tuple[int, str, str]]:
        """(id, name, role) of every person."""
        query = select(ANNOTATOR.c.id, ANNOTATOR.c.name, ANNOTATOR.c.role)
        return [(aid, name, role) for aid, name, role in self.conn.execute(query)]

    def documents(self) -> list[Row]:
        return _rows(self.conn, select(DOC))

    def records_of_document(self, document_id: int) -> int:
        """How many rows of annotation work the document carries (every table)."""
        return sum(
            self.conn.execute(
                select(func.count()).select_from(table).where(table.c.document_id == document_id)
            ).scalar_one()
            for table in DOCUMENT_RECORDS
        )

    def spans(self) -> list[Row]:
        return _rows(self.conn, select(SPAN).order_by(SPAN.c.id))

    def rows(self, kind: str) -> list[Row]:
        """Every row of one of the :data:`MERGED` kinds."""
        return _rows(self.conn, select(MERGED[kind].table))

    def comments(self) -> list[Row]:
        """Oldest first, so a reply comes after the comment it answers."""
        return _rows(self.conn, select(COMMENT).order_by(COMMENT.c.id))


class MergeTarget:
    """Reads and writes of the team database, all in the merge's one write transaction.

    ``connection`` is handed to the Store's own methods that join a caller's
    transaction (registering a label set, an annotator)."""

    def __init__(self, conn: Connection):
        self.connection = conn

    def label_ids(self, labelset_id: int) -> dict[str, int]:
        """key → label id of one label set."""
        query = select(LABEL.c.key, LABEL.c.id).where(LABEL.c.labelset_id == labelset_id)
        return {key: label_id for key, label_id in self.connection.execute(query)}

    def role(self, annotator_id: int) -> str | None:
        query = select(ANNOTATOR.c.role).where(ANNOTATOR.c.id == annotator_id)
        return self.connection.execute(query).scalar()

    def set_role(self, annotator_id: int, role: str) -> None:
        self.connection.execute(
            update(ANNOTATOR).where(ANNOTATOR.c.id == annotator_id).values(role=role)
        )

    def documents(self) -> dict[tuple[str, str], tuple[int, str]]:
        """(corpus, external id) → (id, SHA-256 of the text)."""
        query = select(DOC.c.id, DOC.c.corpus, DOC.c.external_id, DOC.c.sha256)
        return {(c, e): (i, h) for i, c, e, h in self.connection.execute(query)}

    def add_document(self, row: Row, sha256: str) -> int:
        values = {c: row[c] for c in DOCUMENT_COLUMNS}
        return self._insert(DOC, {**values, "sha256": sha256})

    def spans(self) -> dict[tuple[int, int, int, int, int], Row]:
        """(document, annotator, label, start, end) → the span's id, attributes, note
        and change time."""
        query = select(
            SPAN.c.id,
            SPAN.c.document_id,
            SPAN.c.annotator_id,
            SPAN.c.label_id,
            SPAN.c.start,
            SPAN.c.end,
            SPAN.c.attributes,
            SPAN.c.note,
            SPAN.c.updated_at,
        )
        return {
            (r["document_id"], r["annotator_id"], r["label_id"], r["start"], r["end"]): r
            for r in _rows(self.connection, query)
        }

    def add_span(self, row: Row, document_id: int, annotator_id: int, label_id: int) -> int:
        values = {c: row[c] for c in SPAN_COLUMNS}
        return self._insert(
            SPAN,
            {
                **values,
                "document_id": document_id,
                "annotator_id": annotator_id,
                "label_id": label_id,
            },
        )

    def update_span(self, span_id: int, row: Row) -> None:
        """Take the input's attributes and note (and their change time)."""
        self.connection.execute(
            update(SPAN)
            .where(SPAN.c.id == span_id)
            .values(attributes=row["attributes"], note=row["note"], updated_at=row["updated_at"])
        )

    def rows(self, kind: str) -> dict[tuple[Any, ...], Row]:
        """Rows of one :data:`MERGED` kind by their key."""
        merged = MERGED[kind]
        return {
            tuple(r[c] for c in merged.key): r for r in _rows(self.connection, select(merged.table))
        }

    def add_row(self, kind: str, key: tuple[Any, ...], row: Row) -> None:
        """A new row with ``key``, the input row's value and its time stamp."""
        merged = MERGED[kind]
        values = dict(zip(merged.key, key, strict=True))
        if merged.value is not None:
            values[merged.value] = row[merged.value]
        stamp = "updated_at" if "updated_at" in merged.table.c else "created_at"
        values[stamp] = row[stamp]
        self.connection.execute(insert(merged.table).values(**values))

    def update_value(self, kind: str, key: tuple[Any, ...], value: Any, when: dt.datetime) -> None:
        merged = MERGED[kind]
        assert merged.value is not None
        where = [merged.table.c[c] == v for c, v in zip(merged.key, key, strict=True)]
        self.connection.execute(
            update(merged.table).where(*where).values({merged.value: value, "updated_at": when})
        )

    def comments(self) -> list[Row]:
        return _rows(self.connection, select(COMMENT))

    def resolve_comment(
        self, comment_id: int, resolved_by_id: int | None, resolved_at: dt.datetime
    ) -> None:
        """Set a thread's resolution (who, when) on its comment."""
        self.connection.execute(
            update(COMMENT)
            .where(COMMENT.c.id == comment_id)
            .values(resolved_by_id=resolved_by_id, resolved_at=resolved_at)
        )

    def add_comment(self, values: Row) -> int:
        return self._insert(COMMENT, values)

    def _insert(self, table: Table, values: Row) -> int:
        key = self.connection.execute(insert(table).values(**values)).inserted_primary_key
        assert key is not None
        return int(key[0])


class MergeRepository(Repository):
    """``store.team.merge``: one input merged into this database."""

    @contextmanager
    def session(self, source: Engine) -> Iterator[tuple[MergeInput, MergeTarget]]:
        """The input read on one connection, the team database written in one write
        transaction: an input is merged whole or not at all."""
        with source.connect() as s, write_transaction(self.engine) as t:
            yield MergeInput(s), MergeTarget(t)
