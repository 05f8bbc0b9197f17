"""Threaded comments on a document or on one span, between annotators and the curator.

A thread (a root comment and its replies) is visible to curators, to whoever wrote in it,
and — for a thread on a span — to the span's author: the annotator sees the curator's
question about their own span, not the other annotators' threads (blind mode).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import insert, select

from annotator.db import write_transaction
from annotator.models import Comment, utcnow
from annotator.store import ANNOTATOR, SPAN, Store
from annotator.team.errors import TeamError

COMMENT = Comment.__table__


@dataclass(frozen=True, slots=True)
class CommentData:
    id: int
    document_id: int
    span_id: int | None
    parent_id: int | None
    author: str
    body: str
    created_at: dt.datetime
    depth: int = 0  # 0 for a thread's first comment


def add_comment(
    store: Store,
    document_id: int,
    author: str,
    body: str,
    *,
    span_id: int | None = None,
    parent_id: int | None = None,
) -> int:
    """Store a comment; a reply (``parent_id``) inherits its thread's document and span."""
    body = body.strip()
    if not body:
        raise TeamError("a comment needs some text")
    author_id = store.annotator_id(author)
    with write_transaction(store.engine) as conn:
        if parent_id is not None:
            parent = conn.execute(
                select(COMMENT.c.document_id, COMMENT.c.span_id).where(COMMENT.c.id == parent_id)
            ).first()
            if parent is None:
                raise TeamError(f"no comment {parent_id} to reply to")
            document_id, span_id = parent.document_id, parent.span_id
        elif span_id is not None:
            span_doc = conn.execute(select(SPAN.c.document_id).where(SPAN.c.id == span_id)).scalar()
            if span_doc != document_id:
                raise TeamError(f"span {span_id} is not in document {document_id}")
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


def comments(store: Store, document_id: int, viewer: str | None = None) -> list[CommentData]:
    """The document's threads in reading order (each root, then its replies depth-first),
    limited to what ``viewer`` may see (everything when None or a curator)."""
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
        )
        .join(ANNOTATOR, ANNOTATOR.c.id == COMMENT.c.author_id)
        .outerjoin(SPAN, SPAN.c.id == COMMENT.c.span_id)
        .where(COMMENT.c.document_id == document_id)
        .order_by(COMMENT.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        viewer_role = None
        if viewer is not None:
            viewer_role = conn.execute(
                select(ANNOTATOR.c.role).where(ANNOTATOR.c.name == viewer)
            ).scalar()
    viewer_id = store.annotator_id(viewer, create=False) if viewer else None
    children: dict[int | None, list] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    out: list[CommentData] = []

    def walk(row, depth: int) -> None:
        out.append(
            CommentData(
                row.id,
                row.document_id,
                row.span_id,
                row.parent_id,
                row.name,
                row.body,
                row.created_at,
                depth,
            )
        )
        for child in children.get(row.id, []):
            walk(child, depth + 1)

    for root in children.get(None, []):
        thread: list[CommentData] = []
        start = len(out)
        walk(root, 0)
        thread = out[start:]
        if viewer is None or viewer_role == "curator":
            continue
        writers = {c.author for c in thread}
        if viewer in writers or (root.annotator_id is not None and root.annotator_id == viewer_id):
            continue
        del out[start:]
    return out
