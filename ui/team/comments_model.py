"""What the comments panel and the article's span badges show for the open document.

Everything comes from :mod:`annotator.team.comments` for the current viewer: the core
decides which threads a person may see (curators all; an annotator the threads on their
own spans and those they wrote in), this model only sorts them into "on the selected
span" and "on the document" and counts them per span. It never filters by itself.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from annotator.store import Store
from annotator.team.comments import Thread, comment_counts, threads


def is_rtl(text: str) -> bool:
    """The paragraph direction the Unicode bidi algorithm gives ``text`` (rule P2: the
    first strong character), so an Arabic comment is laid out right to left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


class CommentsModel:
    """The visible threads of one document for one viewer."""

    def __init__(self) -> None:
        self.document_id: int | None = None
        self.viewer = ""
        self.threads: list[Thread] = []
        self.counts: Counter[int] = Counter()

    def load(self, store: Store, document_id: int | None, viewer: str) -> None:
        self.document_id, self.viewer = document_id, viewer
        self.threads = [] if document_id is None else threads(store, document_id, viewer)
        self.counts = comment_counts(self.threads)

    def on_span(self, span_id: int | None) -> list[Thread]:
        if span_id is None:
            return []
        return [t for t in self.threads if t.span_id == span_id]

    def on_other_spans(self, span_id: int | None) -> list[Thread]:
        return [t for t in self.threads if t.span_id is not None and t.span_id != span_id]

    def on_document(self) -> list[Thread]:
        return [t for t in self.threads if t.span_id is None]

    def thread_of(self, comment_id: int) -> Thread | None:
        return next((t for t in self.threads if any(c.id == comment_id for c in t.comments)), None)
