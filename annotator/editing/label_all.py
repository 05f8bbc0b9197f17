"""Label every occurrence of a term: the preview a user confirms, then one undoable step.

The preview is computed here so the same rule holds wherever label-all is offered:
occurrences the annotator already labelled with that label are left out; occurrences
the annotator *rejected* as a suggestion are listed but unticked (a bulk action must
not silently undo individual decisions); and the preview says how many documents the
annotator already marked done would change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.editing.operations import AddSpans, EditRefused, SpanSpec
from annotator.labelsets import LabelSet
from annotator.store import Store

# "Label all occurrences" is for terms and phrases (lexicon entries are 1-4 words); the
# phrase search grows with the number of words, and occurrences never cross paragraphs.
LABEL_ALL_MAX_WORDS = 12
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n|\u2029")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place the term occurs that the annotator has not labelled with the label yet."""

    document_id: int
    start: int
    end: int
    rejected: bool = False  # the annotator rejected a suggestion at exactly this range
    done: bool = False  # the document is marked done by the annotator

    @property
    def ticked(self) -> bool:
        """Proposed for labelling unless the annotator said no to this range before."""
        return not self.rejected


@dataclass(frozen=True, slots=True)
class LabelAllPreview:
    query: str
    label: str
    occurrences: tuple[Occurrence, ...]

    @property
    def rejected_count(self) -> int:
        return sum(o.rejected for o in self.occurrences)

    def done_documents(
        self, chosen: tuple[Occurrence, ...] | list[Occurrence] | None = None
    ) -> int:
        """How many documents marked done would change if ``chosen`` (default: the ticked
        occurrences) were labelled."""
        picked = self.occurrences if chosen is None else chosen
        if chosen is None:
            picked = tuple(o for o in picked if o.ticked)
        return len({o.document_id for o in picked if o.done})


def check_query(query: str) -> str:
    """The stripped query, or EditRefused when label-all does not apply to it."""
    query = query.strip()
    if not query:
        raise EditRefused("Select a word or a span first.", "no_target")
    if len(query.split()) > LABEL_ALL_MAX_WORDS or _PARAGRAPH_BREAK.search(query):
        raise EditRefused(
            f"“Label all” works on a word or phrase of at most {LABEL_ALL_MAX_WORDS} words "
            "within one paragraph.",
            "too_long",
            max_words=LABEL_ALL_MAX_WORDS,
        )
    return query


def preview_label_all(
    store: Store,
    document_id: int | None,
    query: str,
    label: str,
    labelset: LabelSet,
    annotator: str,
) -> LabelAllPreview:
    """Occurrences of ``query`` (normalised, whole words) in one document or, with
    ``document_id=None``, the whole corpus, marked rejected / done as described above."""
    from annotator.suggestions import label_all_occurrences, rejected_ranges

    query = check_query(query)
    found = label_all_occurrences(
        store, document_id, query, label, labelset, annotator, preview=True
    )
    documents = sorted({d for d, _, _ in found})
    rejected = rejected_ranges(store, annotator, documents)
    done = {d for d in documents if store.status(d, annotator) == "done"}
    return LabelAllPreview(
        query,
        label,
        tuple(
            Occurrence(d, s, e, rejected=(d, s, e) in rejected, done=d in done) for d, s, e in found
        ),
    )


def label_all_operation(
    document_id: int,
    annotator: str,
    labelset: LabelSet,
    label: str,
    occurrences: list[Occurrence] | tuple[Occurrence, ...],
) -> AddSpans:
    """One undoable step creating a span for each chosen occurrence."""
    if not occurrences:
        raise EditRefused("No occurrence is chosen.", "no_target")
    specs = [SpanSpec(o.document_id, label, o.start, o.end) for o in occurrences]
    return AddSpans(
        document_id, annotator, labelset, specs, f"Label {len(specs)} occurrence(s) as {label}"
    )


__all__ = [
    "LABEL_ALL_MAX_WORDS",
    "LabelAllPreview",
    "Occurrence",
    "check_query",
    "label_all_operation",
    "preview_label_all",
]
