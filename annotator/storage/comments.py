"""Comment rows: a document's threads as stored, and adding one.

Who may see which thread (blind mode) is decided in :mod:`annotator.team.comments`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from annotator.models import utcnow
from annotator.storage.base import Repository
from annotator.storage.tables import ANNOTATOR, COMMENT, SPAN


@dataclass(frozen=True, slots=True)
class CommentRow:
    id: int
    document_id: int
    span_id: int | None
    parent_id: int | None
    author: str
    body: str
    created_at: dt.datetime
    span_author_id: int | None  # the commented span's annotator (None: a document thread)
    resolved_by: str | None = None  # who resolved the thread (on its first comment only)
    resolved_at: dt.datetime | None = None


class ParentMissing(LookupError):
    """The comment replied to does not exist."""


class SpanElsewhere(LookupError):
    """The span commented on is not in the document named."""


class CommentRepository(Repository):
    def add(
        self,
        document_id: int,
        author_id: int,
        body: str,
        span_id: int | None,
        parent_id: int | None,
    ) -> int:
        """Store a comment; a reply (``parent_id``) takes its thread's document and span."""
        with self.writing() as conn:
            if parent_id is not None:
                parent = conn.execute(
                    select(COMMENT.c.document_id, COMMENT.c.span_id).where(
                        COMMENT.c.id == parent_id
                    )
                ).first()
                if parent is None:
                    raise ParentMissing(parent_id)
                document_id, span_id = parent.document_id, parent.span_id
            elif span_id is not None:
                span_doc = conn.execute(
                    select(SPAN.c.document_id).where(SPAN.c.id == span_id)
                ).scalar()
                if span_doc != document_id:
                    raise SpanElsewhere(span_id)
            inserted = conn.execute(
                insert(COMMENT).values(
                    document_id=document_id,
                    span_id=span_id,
                    parent_id=parent_id,
                    author_id=author_id,
                    body=body,
                    created_at=utcnow(),
                )
            ).inserted_primary_key
            assert inserted is not None
            return int(inserted[0])

    def root_of(self, comment_id: int) -> tuple[int, int] | None:
        """(first comment's id, its author's id) of the thread ``comment_id`` is in."""
        with self.engine.connect() as conn:
            current = comment_id
            for _ in range(10_000):  # a thread is a tree: the walk ends at its root
                row = conn.execute(
                    select(COMMENT.c.parent_id, COMMENT.c.author_id).where(COMMENT.c.id == current)
                ).first()
                if row is None:
                    return None
                if row.parent_id is None:
                    return current, int(row.author_id)
                current = row.parent_id
        return None

    def set_resolution(self, root_id: int, resolver_id: int | None) -> None:
        """Mark the thread resolved by ``resolver_id`` now, or open again (None)."""
        with self.writing() as conn:
            conn.execute(
                update(COMMENT)
                .where(COMMENT.c.id == root_id)
                .values(
                    resolved_by_id=resolver_id,
                    resolved_at=utcnow() if resolver_id is not None else None,
                )
            )

    def of_document(self, document_id: int) -> list[CommentRow]:
        """Every comment on the document, oldest first."""
        resolver = ANNOTATOR.alias("resolver")
        query = (
            select(
                COMMENT.c.id,
                COMMENT.c.document_id,
                COMMENT.c.span_id,
                COMMENT.c.parent_id,
                ANNOTATOR.c.name,
                COMMENT.c.body,
                COMMENT.c.created_at,
                SPAN.c.annotator_id,
                resolver.c.name,
                COMMENT.c.resolved_at,
            )
            .join(ANNOTATOR, ANNOTATOR.c.id == COMMENT.c.author_id)
            .outerjoin(SPAN, SPAN.c.id == COMMENT.c.span_id)
            .outerjoin(resolver, resolver.c.id == COMMENT.c.resolved_by_id)
            .where(COMMENT.c.document_id == document_id)
            .order_by(COMMENT.c.id)
        )
        with self.engine.connect() as conn:
            return [CommentRow(*tuple(row)) for row in conn.execute(query)]
