"""The editing session: one annotator, one label set, one store, one undo history.

Front ends (the Qt window, a script, later the curation view) call these methods with
plain values and get back the :class:`OpChanges` to refresh from, or ``None`` when the
request changes nothing; a refusal is an :class:`EditRefused` with a user-facing reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.editing.changes import OpChanges
from annotator.editing.document_ops import SetDocumentLabel, SetStatus
from annotator.editing.history import History
from annotator.editing.label_all import Occurrence, label_all_operation
from annotator.editing.operations import DeleteSpans, EditRefused, Operation, UpdateSpan
from annotator.editing.rules import (
    Target,
    active_suggestions,
    check_owner,
    clamp_boundary,
    label_key_operation,
)
from annotator.editing.suggestion_ops import AcceptSuggestions, RejectSuggestions
from annotator.labelsets import LabelSet
from annotator.records import SpanData, SuggestionData
from annotator.store import Store


class Editor:
    """Turns an annotator's intents into recorded operations."""

    def __init__(
        self,
        store: Store,
        annotator: str,
        labelset: LabelSet,
        *,
        role: str = "annotator",
        history: History | None = None,
    ):
        self.store = store
        self.annotator = annotator
        self.labelset = labelset
        self.role = role
        self.history = history or History()

    # ------------------------------------------------------------------ plumbing
    def perform(self, operation: Operation | None) -> OpChanges | None:
        """Do and record ``operation``: the one door every edit goes through."""
        if operation is None:
            return None
        return self.history.perform(self.store, operation)

    def undo(self) -> OpChanges | None:
        return self.history.undo(self.store)

    def redo(self) -> OpChanges | None:
        return self.history.redo(self.store)

    def set_store(self, store: Store) -> None:
        """Another database: the history's ids belong to the old one, so it is cleared."""
        self.store = store
        self.history.clear()

    # ------------------------------------------------------------------ spans
    def press_label_key(self, document_id: int, key: str, target: Target) -> OpChanges | None:
        """A label key or palette click: label the selection, relabel my span, copy
        someone else's span, or label a suggestion's range (see :mod:`rules`)."""
        if target.suggestion is not None and target.suggestion.labelset != self.labelset.name:
            target = Target(target.selection, target.span, None)
        return self.perform(
            label_key_operation(target, key, document_id, self.annotator, self.labelset)
        )

    def own(self, span: SpanData | None) -> SpanData:
        """``span`` if this annotator may change it, else EditRefused saying why."""
        if span is None:
            raise EditRefused("No span is selected.", "no_target")
        return check_owner(span, self.annotator)

    def delete_spans(self, spans: Sequence[SpanData]) -> OpChanges | None:
        mine = [self.own(s) for s in spans]
        return self.perform(DeleteSpans(self.annotator, mine)) if mine else None

    def adjust_boundary(
        self, span: SpanData, which: str, delta: int, text_length: int
    ) -> OpChanges | None:
        """Alt+arrows: consecutive moves of one span merge into one undo step."""
        self.own(span)
        start, end = clamp_boundary(span, which, delta, text_length)
        if (start, end) == (span.start, span.end):
            return None
        return self.perform(
            UpdateSpan(
                span, self.annotator, "Adjust span", merge_key="adjust", start=start, end=end
            )
        )

    def edit_span(self, span: SpanData, attributes: dict[str, Any], note: str) -> OpChanges | None:
        self.own(span)
        if dict(attributes) == dict(span.attributes) and note == span.note:
            return None
        return self.perform(
            UpdateSpan(span, self.annotator, "Edit span", attributes=dict(attributes), note=note)
        )

    # ------------------------------------------------------------------ document
    def set_status(self, document_id: int, status: str) -> OpChanges | None:
        if self.store.status(document_id, self.annotator) == status:
            return None
        return self.perform(SetStatus(document_id, self.annotator, status))

    def set_document_label(self, document_id: int, key: str, value: str | None) -> OpChanges | None:
        if self.store.document_labels(document_id, self.annotator).get(key) == value:
            return None
        return self.perform(
            SetDocumentLabel(document_id, self.annotator, self.labelset, key, value)
        )

    # ------------------------------------------------------------------ suggestions
    def accept_suggestions(
        self, document_id: int, suggestion_ids: Sequence[int], title: str | None = None
    ) -> OpChanges:
        if not suggestion_ids:
            raise EditRefused("No suggestion is selected.", "no_target")
        return self.history.perform(
            self.store,
            AcceptSuggestions(document_id, self.annotator, self.labelset, suggestion_ids, title),
        )

    def reject_suggestions(self, document_id: int, suggestion_ids: Sequence[int]) -> OpChanges:
        if not suggestion_ids:
            raise EditRefused("No suggestion is selected.", "no_target")
        return self.history.perform(
            self.store, RejectSuggestions(document_id, self.annotator, suggestion_ids)
        )

    def accept_all(self, document_id: int, pending: Sequence[SuggestionData]) -> OpChanges:
        """Accept the pending suggestions of the active label set in one step; the
        summary says how many spans it created."""
        ids = [s.id for s in active_suggestions(pending, self.labelset)]
        if not ids:
            raise EditRefused("No pending suggestion in this article.", "no_target")
        return self.accept_suggestions(document_id, ids, f"Accept all {len(ids)} suggestion(s)")

    # ------------------------------------------------------------------ label all
    def label_all(
        self, document_id: int, label: str, occurrences: Sequence[Occurrence]
    ) -> OpChanges:
        return self.history.perform(
            self.store,
            label_all_operation(
                document_id, self.annotator, self.labelset, label, list(occurrences)
            ),
        )


__all__ = ["Editor"]
