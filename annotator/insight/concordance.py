"""Concordance: every occurrence of a term in the corpus, with its context, outlet, and
who labelled it how — the view that shows the occurrences a team missed.

Occurrences are found by the text layer's lexicon :class:`~annotator.text.matching.Matcher`
in ``clitics`` mode, exactly as suggestions are: diacritics, tatweel, letter variants
and attached proclitics (و ف ب ك ل ال) are forgiven, and the span is the word without
its clitics. An occurrence counts as labelled by every span that overlaps it (a span on
«الميليشيات الطائفية» labels the «الميليشيات» inside it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from annotator.lexicon import LexiconEntry
from annotator.store import Store
from annotator.text.matching import Matcher

BATCH = 500
DEFAULT_CONTEXT = 50


@dataclass(frozen=True, slots=True)
class Labelling:
    annotator: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Occurrence:
    term: str  # the query term as given
    document_id: int
    external_id: str
    source: str
    start: int  # code points into the document's text
    end: int
    left: str  # context before, one line
    match: str
    right: str
    labels: tuple[Labelling, ...] = field(default_factory=tuple)

    @property
    def labelled(self) -> bool:
        return bool(self.labels)

    def as_row(self) -> dict[str, object]:
        return {
            "source": self.source,
            "document": self.external_id,
            "start": self.start,
            "end": self.end,
            "left": self.left,
            "match": self.match,
            "right": self.right,
            "labels": "; ".join(f"{lb.annotator}:{lb.label}" for lb in self.labels),
        }


_SPACES = re.compile(r"\s+")


def _one_line(text: str) -> str:
    """Line breaks and runs of space become one space (a row is one line)."""
    return _SPACES.sub(" ", text)


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return _one_line(left), _one_line(right)


def _spans_of(store: Store, doc_ids: Sequence[int]) -> dict[int, list[Labelling]]:
    out: dict[int, list[Labelling]] = {}
    for doc_id, who, key, start, end in store.repos.insight.labellings(doc_ids):
        out.setdefault(doc_id, []).append(Labelling(who, key, start, end))
    return out


def iter_concordance(
    store: Store, terms: Sequence[str], *, context: int = DEFAULT_CONTEXT, source: str | None = None
) -> Iterator[Occurrence]:
    """Occurrences of any of ``terms`` in document order, streamed batch by batch."""
    wanted = [t for t in dict.fromkeys(t.strip() for t in terms) if t]
    if not wanted:
        return
    matcher = Matcher([LexiconEntry(term=t, label=t, mode="clitics") for t in wanted])
    for batch in store.repos.insight.document_batches(source, BATCH):
        hits = [(row, matcher.find(row[3])) for row in batch]
        hits = [(row, found) for row, found in hits if found]
        if not hits:
            continue
        spans = _spans_of(store, [row[0] for row, _ in hits])
        for (doc_id, external_id, src, text), found in hits:
            doc_spans = spans.get(doc_id, [])
            for m in found:
                left, right = _context(text, m.start, m.end, context)
                labels = tuple(
                    sorted(
                        (s for s in doc_spans if s.start < m.end and m.start < s.end),
                        key=lambda s: (s.annotator, s.label, s.start),
                    )
                )
                yield Occurrence(
                    m.label,
                    doc_id,
                    external_id,
                    src or "",
                    m.start,
                    m.end,
                    left,
                    text[m.start : m.end],
                    right,
                    labels,
                )


SORTS = ("source", "document")


def concordance(
    store: Store,
    term: str,
    *,
    context: int = DEFAULT_CONTEXT,
    source: str | None = None,
    sort: str = "source",
    unlabelled_only: bool = False,
    limit: int | None = None,
) -> list[Occurrence]:
    """Every occurrence of ``term``; sorted by outlet (then document order) or by document."""
    found = []
    for occ in iter_concordance(store, [term], context=context, source=source):
        if unlabelled_only and occ.labelled:
            continue
        found.append(occ)
        if limit is not None and sort == "document" and len(found) >= limit:
            break
    if sort == "source":
        found.sort(key=lambda o: (o.source, o.document_id, o.start))
    return found[:limit] if limit is not None else found


__all__ = ["Labelling", "Occurrence", "SORTS", "concordance", "iter_concordance"]
