"""Where "done, next" goes: the next document the annotator has not finished.

Ctrl+Enter marks the article done and opens the next one that is *not* done (todo, in
progress or skipped), wrapping past the end of the corpus; when none is left it says so.
Kept here so every front end walks the corpus by the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.models import STATUSES
from annotator.store import Store

NOT_DONE = tuple(s for s in STATUSES if s != "done")


@dataclass(frozen=True, slots=True)
class NextDocument:
    document_id: int | None  # None: every document is done
    remaining: int  # documents not done besides the current one and the one found
    wrapped: bool  # the search went past the last document and started again


def next_not_done(store: Store, current: int | None, annotator: str) -> NextDocument:
    """The first not-done document after ``current`` in navigator order, wrapping."""
    remaining = sum(store.document_row_count(annotator=annotator, status=s) for s in NOT_DONE)
    if current is not None and store.status(current, annotator) != "done":
        remaining -= 1

    def first_after(after: int) -> int | None:
        found = [
            store.neighbour_document(after, 1, annotator=annotator, status=s) for s in NOT_DONE
        ]
        ids = [d for d in found if d is not None and d != current]
        return min(ids) if ids else None

    target = first_after(current if current is not None else 0)
    wrapped = False
    if target is None and current is not None:
        target = first_after(0)
        wrapped = target is not None
    if target is not None:
        remaining -= 1
    return NextDocument(target, max(0, remaining), wrapped)


__all__ = ["NOT_DONE", "NextDocument", "next_not_done"]
