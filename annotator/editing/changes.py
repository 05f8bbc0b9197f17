"""What an operation changed, so a front end refreshes exactly that (Anki's ``OpChanges``).

An operation never tells a widget what to do; it reports which rows it wrote. The window
updates its caches from ``spans_added``/``spans_removed`` (a new span costs one insert, not
a re-read of thousands) and re-reads status, document labels or suggestions only when the
matching flag is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.records import SpanData


@dataclass(slots=True)
class OpChanges:
    """The rows one do, undo or redo wrote.

    ``documents`` are every document whose navigator row may have changed; ``spans_added``
    holds new and changed spans (the record as stored now), ``spans_removed`` ids that no
    longer exist. ``focus_span`` is the span the user should see selected afterwards (a new
    or relabelled span), ``summary`` a sentence saying what was done ("12 spans created").
    """

    documents: tuple[int, ...] = ()
    spans_added: list[SpanData] = field(default_factory=list)
    spans_removed: list[int] = field(default_factory=list)
    status: bool = False  # status or document labels changed
    suggestions: bool = False  # pending suggestions changed (accepted, rejected, unrejected)
    focus_span: int | None = None
    summary: str = ""

    @property
    def spans(self) -> bool:
        return bool(self.spans_added or self.spans_removed)

    def merged(self, other: OpChanges) -> OpChanges:
        """Both changes, in order (a later record of one span wins)."""
        removed = [i for i in self.spans_removed if i not in {s.id for s in other.spans_added}]
        added = [s for s in self.spans_added if s.id not in set(other.spans_removed)]
        return OpChanges(
            documents=tuple(dict.fromkeys(self.documents + other.documents)),
            spans_added=added + other.spans_added,
            spans_removed=removed + other.spans_removed,
            status=self.status or other.status,
            suggestions=self.suggestions or other.suggestions,
            focus_span=other.focus_span if other.focus_span is not None else self.focus_span,
            summary=other.summary or self.summary,
        )
