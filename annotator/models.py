"""Database tables, declared with SQLAlchemy Core.

Kept portable between SQLite and PostgreSQL: explicit string lengths (PostgreSQL
enforces them, so :mod:`annotator.storage.limits` refuses longer values on both
engines alike), JSON columns, UTC timestamps. Offsets (``start``/``end``) are Unicode
code points into ``document.text``, 0-based and end-exclusive.

Why Core tables and not ORM classes: every query in :mod:`annotator.storage` is a Core
statement, and an ORM layer (SQLModel pulls in pydantic) cost a third of a second at
every start of the CLI for nothing. The schema itself is owned by the migrations;
these declarations must match them (``tests/core/storage`` compares the two).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from annotator.insight.words import word_count_default
from annotator.storage.limits import STATUSES as STATUSES  # the app's status lists read it here

# A naming convention makes constraint names stable, which alembic's batch mode on
# SQLite needs to alter or drop them in later migrations.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _stamp(name: str) -> Column[dt.datetime]:
    return Column(name, DateTime(timezone=True), nullable=False, default=utcnow)


def _fk(
    name: str,
    target: str,
    *,
    cascade: bool = False,
    primary_key: bool = False,
    nullable: bool = False,
    ondelete: str | None = None,
) -> Column[int]:
    return Column(
        name,
        Integer,
        ForeignKey(target, ondelete="CASCADE" if cascade else ondelete),
        primary_key=primary_key,
        nullable=nullable,
    )


document_table = Table(
    "document",
    metadata,
    _id(),
    Column("corpus", String(200), nullable=False, default="default"),
    Column("external_id", String(1000), nullable=False),
    Column("title", String(2000), nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("source", String(2000), nullable=False, default=""),
    Column("meta", JSON, nullable=False, default=dict),
    _stamp("imported_at"),
    # Whitespace tokens of ``text`` (annotator.insight.words), filled on insert, so densities
    # per 1,000 words over 100,000 documents need no pass over the texts. NULL for a row
    # written without it: statistics then count that text themselves. The index on
    # (source, word_count) answers per-outlet totals and id → source without the texts.
    Column("word_count", Integer, nullable=True, default=word_count_default),
    UniqueConstraint("corpus", "external_id"),
    Index("ix_document_source_words", "source", "word_count"),
)

labelset_table = Table(
    "labelset",
    metadata,
    _id(),
    Column("name", String(200), nullable=False),
    Column("version", String(50), nullable=False),
    Column("yaml_source", Text, nullable=False),  # the file verbatim
    _stamp("added_at"),
    UniqueConstraint("name", "version"),
)

label_table = Table(
    "label",
    metadata,
    _id(),
    _fk("labelset_id", "labelset.id", cascade=True),
    Column("key", String(200), nullable=False),
    Column("color", String(9), nullable=False, default="#888888"),
    UniqueConstraint("labelset_id", "key"),
)

annotator_table = Table(
    "annotator",
    metadata,
    _id(),
    Column("name", String(200), nullable=False, unique=True),
    # "annotator" or "curator" (a curator reads everyone's spans and writes the gold layer).
    Column("role", String(20), nullable=False, default="annotator", server_default="annotator"),
)

span_table = Table(
    "span",
    metadata,
    _id(),
    _fk("document_id", "document.id", cascade=True),
    _fk("annotator_id", "annotator.id"),
    _fk("label_id", "label.id"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("attributes", JSON, nullable=False, default=dict),
    Column("note", Text, nullable=False, default=""),
    _stamp("created_at"),
    _stamp("updated_at"),
    UniqueConstraint("document_id", "annotator_id", "label_id", "start", "end"),
    Index("ix_span_document_annotator", "document_id", "annotator_id"),
    sqlite_autoincrement=True,
)

document_status_table = Table(
    "document_status",
    metadata,
    _fk("document_id", "document.id", cascade=True, primary_key=True),
    _fk("annotator_id", "annotator.id", primary_key=True),
    Column("status", String(20), nullable=False, default="todo"),
    _stamp("updated_at"),
)

document_label_table = Table(
    "document_label",
    metadata,
    _id(),
    _fk("document_id", "document.id", cascade=True),
    _fk("annotator_id", "annotator.id"),
    _fk("labelset_id", "labelset.id"),
    Column("key", String(200), nullable=False),
    Column("value", String(2000), nullable=False, default=""),
    _stamp("updated_at"),
    UniqueConstraint("document_id", "annotator_id", "labelset_id", "key"),
    sqlite_autoincrement=True,
)

suggestion_table = Table(
    "suggestion",
    metadata,
    _id(),
    _fk("document_id", "document.id", cascade=True),
    _fk("label_id", "label.id"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("term", String(1000), nullable=False, default=""),
    Column("source", String(1000), nullable=False, default=""),
    _stamp("created_at"),
    UniqueConstraint("document_id", "label_id", "start", "end"),
    Index("ix_suggestion_document", "document_id"),
    sqlite_autoincrement=True,
)

suggestion_rejection_table = Table(
    "suggestion_rejection",
    metadata,
    _id(),
    _fk("annotator_id", "annotator.id"),
    _fk("document_id", "document.id", cascade=True),
    _fk("label_id", "label.id"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    _stamp("created_at"),
    UniqueConstraint("annotator_id", "document_id", "label_id", "start", "end"),
    sqlite_autoincrement=True,
)

assignment_table = Table(
    "assignment",
    metadata,
    _fk("document_id", "document.id", cascade=True, primary_key=True),
    _fk("annotator_id", "annotator.id", primary_key=True),
    _stamp("created_at"),
)

curation_status_table = Table(
    "curation_status",
    metadata,
    _fk("document_id", "document.id", cascade=True, primary_key=True),
    _fk("curator_id", "annotator.id", primary_key=True),
    Column("status", String(20), nullable=False, default="todo"),
    _stamp("updated_at"),
)

comment_table = Table(
    "comment",
    metadata,
    _id(),
    _fk("document_id", "document.id", cascade=True),
    _fk("span_id", "span.id", nullable=True, ondelete="SET NULL"),
    _fk("parent_id", "comment.id", nullable=True, cascade=True),
    _fk("author_id", "annotator.id"),
    Column("body", Text, nullable=False),
    _stamp("created_at"),
    # a thread's resolution, on its first comment (migration 0007); NULL while open
    _fk("resolved_by_id", "annotator.id", nullable=True),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
    Index("ix_comment_document", "document_id"),
    sqlite_autoincrement=True,
)


class _TableHandle:
    """``Name.__table__``: the spelling callers used when these were SQLModel classes."""

    __table__: Table


class Document(_TableHandle):
    __table__ = document_table


class LabelSetRecord(_TableHandle):
    __table__ = labelset_table


class LabelRecord(_TableHandle):
    __table__ = label_table


class Annotator(_TableHandle):
    __table__ = annotator_table


class Span(_TableHandle):
    __table__ = span_table


class DocumentStatus(_TableHandle):
    __table__ = document_status_table


class DocumentLabel(_TableHandle):
    __table__ = document_label_table


class Suggestion(_TableHandle):
    __table__ = suggestion_table


class SuggestionRejection(_TableHandle):
    __table__ = suggestion_rejection_table


class Assignment(_TableHandle):
    __table__ = assignment_table


class CurationStatus(_TableHandle):
    __table__ = curation_status_table


class Comment(_TableHandle):
    __table__ = comment_table
