"""Database tables (SQLModel on SQLAlchemy 2).

Kept portable between SQLite and PostgreSQL: explicit string lengths, JSON columns,
UTC timestamps. Offsets (``start``/``end``) are Unicode code points into
``Document.text``, 0-based and end-exclusive.

Note: no ``from __future__ import annotations`` here; SQLModel needs real types.
"""

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, Integer, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from annotator.insight.words import word_count_default

# A naming convention makes constraint names stable, which alembic's batch mode on
# SQLite needs to alter or drop them in later migrations.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

STATUSES = ("todo", "in_progress", "done", "skipped")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Document(SQLModel, table=True):
    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("corpus", "external_id"), Index("ix_document_source", "source", "word_count"))

    id: int | None = Field(default=None, primary_key=True)
    corpus: str = Field(default="default", max_length=200)
    external_id: str = Field(max_length=1000)
    title: str = Field(default="", max_length=2000)
    text: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(max_length=64)
    source: str = Field(default="", max_length=2000)
    meta: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    imported_at: dt.datetime = Field(default_factory=utcnow)
    # Whitespace tokens of ``text`` (annotator.insight.words), filled on insert, so
    # densities per 1,000 words over 100,000 documents need no pass over the texts.
    # NULL for a row written without it: statistics then count that text themselves.
    # The index on (source, word_count) answers per-outlet totals without reading texts.
    word_count: int | None = Field(
        default=None, sa_column=Column(Integer, nullable=True, default=word_count_default))


class LabelSetRecord(SQLModel, table=True):
    """A registered label set; ``yaml_source`` is the file verbatim."""

    __tablename__ = "labelset"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    version: str = Field(max_length=50)
    yaml_source: str = Field(sa_column=Column(Text, nullable=False))
    added_at: dt.datetime = Field(default_factory=utcnow)


class LabelRecord(SQLModel, table=True):
    __tablename__ = "label"
    __table_args__ = (UniqueConstraint("labelset_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    labelset_id: int = Field(foreign_key="labelset.id", ondelete="CASCADE")
    key: str = Field(max_length=200)
    color: str = Field(default="#888888", max_length=9)


class Annotator(SQLModel, table=True):
    __tablename__ = "annotator"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    # "annotator" or "curator" (a curator reads everyone's spans and writes the gold layer).
    role: str = Field(default="annotator", max_length=20)


class Span(SQLModel, table=True):
    __tablename__ = "span"
    __table_args__ = (
        UniqueConstraint("document_id", "annotator_id", "label_id", "start", "end"),
        Index("ix_span_document_annotator", "document_id", "annotator_id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE")
    annotator_id: int = Field(foreign_key="annotator.id")
    label_id: int = Field(foreign_key="label.id")
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    attributes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class DocumentStatus(SQLModel, table=True):
    """Per (document, annotator) progress: todo / in_progress / done / skipped."""

    __tablename__ = "document_status"

    document_id: int = Field(foreign_key="document.id", primary_key=True, ondelete="CASCADE")
    annotator_id: int = Field(foreign_key="annotator.id", primary_key=True)
    status: str = Field(default="todo", max_length=20)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class DocumentLabel(SQLModel, table=True):
    """A document-level label: ``key`` from the label set, ``value`` for choice/text types."""

    __tablename__ = "document_label"
    __table_args__ = (
        UniqueConstraint("document_id", "annotator_id", "labelset_id", "key"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE")
    annotator_id: int = Field(foreign_key="annotator.id")
    labelset_id: int = Field(foreign_key="labelset.id")
    key: str = Field(max_length=200)
    value: str = Field(default="", max_length=2000)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class Suggestion(SQLModel, table=True):
    """A machine-proposed span (from a lexicon), not an annotation until accepted."""

    __tablename__ = "suggestion"
    __table_args__ = (
        UniqueConstraint("document_id", "label_id", "start", "end"),
        Index("ix_suggestion_document", "document_id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE")
    label_id: int = Field(foreign_key="label.id")
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    term: str = Field(default="", max_length=1000)
    source: str = Field(default="", max_length=1000)
    created_at: dt.datetime = Field(default_factory=utcnow)


class SuggestionRejection(SQLModel, table=True):
    """An annotator said no to a suggestion; it must not come back for them."""

    __tablename__ = "suggestion_rejection"
    __table_args__ = (
        UniqueConstraint("annotator_id", "document_id", "label_id", "start", "end"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    annotator_id: int = Field(foreign_key="annotator.id")
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE")
    label_id: int = Field(foreign_key="label.id")
    start: int
    end: int
    created_at: dt.datetime = Field(default_factory=utcnow)


class Assignment(SQLModel, table=True):
    """A document given to an annotator to label (their queue)."""

    __tablename__ = "assignment"

    document_id: int = Field(foreign_key="document.id", primary_key=True, ondelete="CASCADE")
    annotator_id: int = Field(foreign_key="annotator.id", primary_key=True)
    created_at: dt.datetime = Field(default_factory=utcnow)


class CurationStatus(SQLModel, table=True):
    """Per (document, curator) progress of adjudication, separate from the annotators' status."""

    __tablename__ = "curation_status"

    document_id: int = Field(foreign_key="document.id", primary_key=True, ondelete="CASCADE")
    curator_id: int = Field(foreign_key="annotator.id", primary_key=True)
    status: str = Field(default="todo", max_length=20)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class Comment(SQLModel, table=True):
    """A threaded comment on a document or on one span (``span_id``), for curator and author."""

    __tablename__ = "comment"
    __table_args__ = (Index("ix_comment_document", "document_id"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", ondelete="CASCADE")
    span_id: int | None = Field(default=None, foreign_key="span.id", ondelete="SET NULL")
    parent_id: int | None = Field(default=None, foreign_key="comment.id", ondelete="CASCADE")
    author_id: int = Field(foreign_key="annotator.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow)
