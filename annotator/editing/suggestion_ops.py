"""Undoable review of lexicon suggestions: accept (they become spans) or reject."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.editing.changes import OpChanges
from annotator.editing.operations import AddSpans, Operation
from annotator.labelsets import LabelSet
from annotator.records import SpanData
from annotator.store import Store


class AcceptSuggestions(AddSpans):
    """Suggestions become the annotator's spans; undo deletes those spans again (the
    suggestions then show again: they were never changed)."""

    def __init__(
        self,
        document_id: int,
        annotator: str,
        labelset: LabelSet,
        suggestion_ids: Iterable[int],
        title: str | None = None,
    ):
        ids = list(dict.fromkeys(suggestion_ids))
        super().__init__(
            document_id, annotator, labelset, [], title or f"Accept {len(ids)} suggestion(s)"
        )
        self.suggestion_ids = ids

    def _create(self, store: Store) -> list[SpanData]:
        from annotator.suggestions import accept

        return list(accept(store, self.suggestion_ids, self.annotator))

    def _do(self, store: Store) -> OpChanges:
        changes = super()._do(store)
        changes.suggestions = True
        changes.summary = f"{len(self.created or [])} suggestion(s) accepted"
        return changes

    def _undo(self, store: Store) -> OpChanges:
        changes = super()._undo(store)
        changes.suggestions = True
        return changes


class RejectSuggestions(Operation):
    """The annotator says no to suggestions: they stop showing for them only."""

    def __init__(self, document_id: int, annotator: str, suggestion_ids: Iterable[int]):
        ids = list(dict.fromkeys(suggestion_ids))
        super().__init__(document_id, annotator, f"Reject {len(ids)} suggestion(s)")
        self.suggestion_ids = ids

    def _do(self, store: Store) -> OpChanges:
        from annotator.suggestions import reject

        reject(store, self.suggestion_ids, self.annotator)
        return self._changes(suggestions=True)

    def _undo(self, store: Store) -> OpChanges:
        from annotator.suggestions import unreject

        unreject(store, self.suggestion_ids, self.annotator)
        return self._changes(suggestions=True)


__all__ = ["AcceptSuggestions", "RejectSuggestions"]
