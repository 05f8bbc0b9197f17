"""The rules of editing: what a label key does, who may change a span, boundary clamping.

These are product rules, not widget behaviour, so they live here and are tested headless;
the window only reports what is selected (a :class:`Target`) and shows the outcome.

Ownership: every span belongs to the annotator who made it, and only that annotator edits
or deletes it. Someone else's span can be *copied* (the label key on it creates the same
range as my own span), never changed. A curator (``annotator.role == "curator"``) is an
annotator whose own spans are the gold layer: the same rule makes the curator's layer the
only one a curator writes, and taking an annotator's span into it is a copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from annotator.editing.operations import AddSpans, EditRefused, Operation, SpanSpec, UpdateSpan
from annotator.labelsets import LabelSet
from annotator.records import SpanData, SuggestionData

ROLES = ("annotator", "curator")


@dataclass(frozen=True, slots=True)
class Target:
    """What a label key acts on, in this order: a non-empty text selection, else the
    selected span, else the selected suggestion."""

    selection: tuple[int, int] | None = None
    span: SpanData | None = None
    suggestion: SuggestionData | None = None


def may_edit(span: SpanData, editor: str) -> bool:
    """Only the span's own annotator changes or deletes it (curators included)."""
    return span.annotator == editor


def check_owner(span: SpanData, editor: str) -> SpanData:
    """``span`` when ``editor`` may change it, else EditRefused("not_owner")."""
    if not may_edit(span, editor):
        raise EditRefused(
            f"That span belongs to {span.annotator}; it is not yours to change.",
            "not_owner",
            owner=span.annotator,
        )
    return span


def label_key_operation(
    target: Target, key: str, document_id: int, annotator: str, labelset: LabelSet
) -> Operation | None:
    """The operation a label key (or a palette click) stands for; None when it would change
    nothing (the selected span already has that label)."""
    canonical = labelset.resolve(key)
    if canonical is None:
        raise EditRefused(f"No label has the key “{key}”.", "no_label", key=key)
    if target.selection is not None and target.selection[0] < target.selection[1]:
        start, end = target.selection
        return AddSpans(document_id, annotator, labelset, [SpanSpec(document_id, key, start, end)])
    span = target.span
    if span is None:
        suggestion = target.suggestion
        if suggestion is not None:
            # A label key on a suggestion labels its range with the chosen label.
            return AddSpans(
                document_id,
                annotator,
                labelset,
                [SpanSpec(document_id, key, suggestion.start, suggestion.end)],
            )
        raise EditRefused("Select some text (or a span) first.", "no_target")
    if not may_edit(span, annotator):
        # Someone else's span: take its range as my own annotation, never edit theirs.
        return AddSpans(
            document_id,
            annotator,
            labelset,
            [SpanSpec(span.document_id, key, span.start, span.end)],
        )
    if canonical == span.label and span.labelset == labelset.name:
        return None
    return UpdateSpan(span, annotator, f"Relabel as {key}", label=key)


def clamp_boundary(span: SpanData, which: str, delta: int, text_length: int) -> tuple[int, int]:
    """Move the start or end of ``span`` by ``delta`` characters, never past the text's
    ends and never making the span empty."""
    start, end = span.start, span.end
    if which == "start":
        start = max(0, min(end - 1, start + delta))
    elif which == "end":
        end = min(text_length, max(start + 1, end + delta))
    else:
        raise ValueError(f"which must be 'start' or 'end', not {which!r}")
    return start, end


def active_suggestions(
    suggestions: Iterable[SuggestionData], labelset: LabelSet
) -> list[SuggestionData]:
    """Only the active label set's suggestions are shown and accepted (a span of another
    set would mix sets in one export)."""
    return [s for s in suggestions if s.labelset == labelset.name]


__all__ = [
    "ROLES",
    "Target",
    "active_suggestions",
    "check_owner",
    "clamp_boundary",
    "label_key_operation",
    "may_edit",
]
