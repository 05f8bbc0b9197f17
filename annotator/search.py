"""Text search inside one article and across the whole corpus (no Qt here).

Arabic news text carries optional diacritics, tatweel and alef variants that a reader
does not type, so matching is the text layer's
:func:`annotator.text.matching.find_normalized`. The corpus scan is incremental
(:class:`CorpusScan.step`) so a GUI can interleave it with its event loop and stop at any
time without threads, and it streams documents in id-ordered batches so a large corpus is
never loaded at once.
Offsets are code points into the stored text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from annotator.store import Store
from annotator.text.matching import find_normalized


def find_in_text(text: str, query: str) -> list[tuple[int, int]]:
    """All matches of ``query`` in ``text`` as (start, end) code points, in text order:
    the find box's forgiving substring search (diacritics, tatweel, letter variants and
    case ignored)."""
    if not query or not query.strip():
        return []
    return find_normalized(text, query)


@dataclass(frozen=True, slots=True)
class Hit:
    """One match in the corpus, with a one-line snippet around it for a results list."""

    document_id: int
    external_id: str
    title: str
    start: int
    end: int
    snippet: str
    snippet_start: int  # where the match begins inside ``snippet``
    snippet_end: int


def make_snippet(text: str, start: int, end: int, context: int = 40) -> tuple[str, int, int]:
    """A single-line excerpt around ``text[start:end]`` and the match position inside it.

    Line breaks become spaces (the excerpt must fit one list row) without changing
    lengths, so the returned positions still point at the match.
    """
    left = max(0, start - context)
    right = min(len(text), end + context)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    body = text[left:right].replace("\n", " ").replace("\t", " ")
    snippet = prefix + body + suffix
    s = len(prefix) + (start - left)
    return snippet, s, s + (end - start)


class CorpusScan:
    """An incremental search across every stored document, stopping after ``limit`` hits.

    Call :meth:`step` repeatedly (each call reads at most ``max_docs`` documents) until
    :attr:`done`. Documents are read in id order, ``batch_size`` texts per query.
    """

    def __init__(
        self,
        store: Store,
        query: str,
        *,
        limit: int = 500,
        batch_size: int = 100,
        corpus: str | None = None,
        context: int = 40,
    ):
        self.store = store
        self.query = query
        self.limit = limit
        self.batch_size = max(1, batch_size)
        self.corpus = corpus
        self.context = context
        self.docs_scanned = 0
        self.hit_count = 0
        self.truncated = False  # stopped at ``limit`` with documents left unread
        self._last_id = 0
        self._buffer: list[tuple[int, str, str, str]] = []
        self._exhausted = not query.strip()

    @property
    def done(self) -> bool:
        return self.truncated or (self._exhausted and not self._buffer)

    def total_documents(self) -> int:
        return self.store.document_count(corpus=self.corpus)

    def _fill(self) -> None:
        rows = self.store.repos.documents.page(self._last_id, self.batch_size, self.corpus)
        if len(rows) < self.batch_size:
            self._exhausted = True
        if rows:
            self._last_id = rows[-1][0]
        self._buffer.extend(rows)

    def step(self, max_docs: int = 50) -> list[Hit]:
        """Search up to ``max_docs`` more documents; the hits found in them."""
        hits: list[Hit] = []
        for _ in range(max(1, max_docs)):
            if self.done:
                break
            if not self._buffer:
                self._fill()
                if not self._buffer:
                    break
            doc_id, external_id, title, text = self._buffer.pop(0)
            self.docs_scanned += 1
            for start, end in find_in_text(text, self.query):
                if self.hit_count >= self.limit:
                    self.truncated = True
                    break
                snippet, s, e = make_snippet(text, start, end, self.context)
                hits.append(Hit(doc_id, external_id, title or "", start, end, snippet, s, e))
                self.hit_count += 1
            if self.hit_count >= self.limit and (self._buffer or not self._exhausted):
                self.truncated = True
        return hits


def search_corpus(
    store: Store,
    query: str,
    limit: int = 500,
    *,
    batch_size: int = 100,
    corpus: str | None = None,
    context: int = 40,
) -> Iterator[Hit]:
    """Every hit of ``query`` across the corpus in document order, at most ``limit``."""
    scan = CorpusScan(
        store, query, limit=limit, batch_size=batch_size, corpus=corpus, context=context
    )
    while not scan.done:
        yield from scan.step(batch_size)


__all__ = ["CorpusScan", "Hit", "find_in_text", "make_snippet", "search_corpus"]
