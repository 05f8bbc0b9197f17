"""Threaded comments on a document or on one span, between annotators and the curator.

A thread (a root comment and its replies) is visible to curators, to whoever wrote in it,
and — for a thread on a span — to the span's author: the annotator sees the curator's
question about their own span, not the other annotators' threads (blind mode).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from annotator.storage.comments import CommentRow, ParentMissing, SpanElsewhere
from annotator.store import Store
from annotator.team.errors import TeamError


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
    assert author_id is not None
    try:
        return store.team.comments.add(document_id, author_id, body, span_id, parent_id)
    except ParentMissing:
        raise TeamError(f"no comment {parent_id} to reply to") from None
    except SpanElsewhere:
        raise TeamError(f"span {span_id} is not in document {document_id}") from None


def comments(store: Store, document_id: int, viewer: str | None = None) -> list[CommentData]:
    """The document's threads in reading order (each root, then its replies depth-first),
    limited to what ``viewer`` may see (everything when None or a curator)."""
    rows = store.team.comments.of_document(document_id)
    viewer_role = store.team.curation.role(viewer) if viewer is not None else None
    viewer_id = store.annotator_id(viewer, create=False) if viewer else None
    children: dict[int | None, list[CommentRow]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    out: list[CommentData] = []

    def walk(row: CommentRow, depth: int) -> None:
        out.append(
            CommentData(
                row.id,
                row.document_id,
                row.span_id,
                row.parent_id,
                row.author,
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
        if viewer in writers or (
            root.span_author_id is not None and root.span_author_id == viewer_id
        ):
            continue
        del out[start:]
    return out
