"""Threaded comments on a document or on one span, between annotators and the curator.

A thread (a root comment and its replies) is visible to curators, to whoever wrote in it,
and — for a thread on a span — to the span's author: the annotator sees the curator's
question about their own span, not the other annotators' threads (blind mode).

A thread can be resolved (and opened again) by a curator or by whoever started it; the
resolution is kept on the thread's first comment. Front ends show :func:`threads`, which
applies the visibility rule, and never decide visibility themselves.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
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
    resolved_by: str | None = None  # set on a resolved thread's first comment
    resolved_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Thread:
    """A root comment and its replies in reading order (depth-first)."""

    comments: tuple[CommentData, ...]

    @property
    def root(self) -> CommentData:
        return self.comments[0]

    @property
    def span_id(self) -> int | None:
        return self.root.span_id

    @property
    def resolved(self) -> bool:
        return self.root.resolved_by is not None


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


def threads(store: Store, document_id: int, viewer: str | None = None) -> list[Thread]:
    """The document's threads in reading order, limited to those ``viewer`` may see
    (everything when None or a curator)."""
    rows = store.team.comments.of_document(document_id)
    if not rows:
        # Most documents have none: one query, not three (opening the next article reads
        # this for the span badges even with the comments dock closed).
        return []
    viewer_role = store.team.curation.role(viewer) if viewer is not None else None
    viewer_id = store.annotator_id(viewer, create=False) if viewer else None
    children: dict[int | None, list[CommentRow]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def walk(row: CommentRow, depth: int, out: list[CommentData]) -> None:
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
                row.resolved_by,
                row.resolved_at,
            )
        )
        for child in children.get(row.id, []):
            walk(child, depth + 1, out)

    result = []
    for root in children.get(None, []):
        thread: list[CommentData] = []
        walk(root, 0, thread)
        if viewer is None or viewer_role == "curator" or viewer in {c.author for c in thread}:
            result.append(Thread(tuple(thread)))
        elif root.span_author_id is not None and root.span_author_id == viewer_id:
            result.append(Thread(tuple(thread)))
    return result


def comments(store: Store, document_id: int, viewer: str | None = None) -> list[CommentData]:
    """The document's comments ``viewer`` may see, each thread's root then its replies."""
    return [c for thread in threads(store, document_id, viewer) for c in thread.comments]


def comment_counts(visible: list[Thread]) -> Counter[int]:
    """Span id → how many comments (replies included) the given threads hold on it."""
    counts: Counter[int] = Counter()
    for thread in visible:
        if thread.span_id is not None:
            counts[thread.span_id] += len(thread.comments)
    return counts


def resolve_thread(store: Store, comment_id: int, who: str, *, resolved: bool = True) -> None:
    """Resolve (or, with ``resolved=False``, open again) the thread ``comment_id`` is in.

    Allowed to a curator and to whoever started the thread: the person who asked decides
    when the question is answered, and the curator closes discussions when curating."""
    found = store.team.comments.root_of(comment_id)
    if found is None:
        raise TeamError(f"no comment {comment_id}")
    root_id, starter_id = found
    who_id = store.annotator_id(who, create=False)
    if who_id is None or (who_id != starter_id and store.team.curation.role(who) != "curator"):
        raise TeamError(
            f"only a curator or the person who started the thread may "
            f"{'resolve' if resolved else 'reopen'} it"
        )
    store.team.comments.set_resolution(root_id, who_id if resolved else None)


def span_at(
    store: Store, document_id: int, start: int, end: int, owner: str, label: str | None = None
) -> int:
    """The id of ``owner``'s span over [start, end) (of ``label``, if given), so a command
    line can name a span the way a person sees it; refused when none or several match."""
    found = [
        s.id
        for s in store.spans(document_id, owner)
        if (s.start, s.end) == (start, end) and (label is None or s.label == label)
    ]
    if len(found) != 1:
        what = "no span" if not found else f"{len(found)} spans (name the label)"
        raise TeamError(f"{owner} has {what} at {start}:{end} in this document")
    return found[0]
