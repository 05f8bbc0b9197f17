"""Undoable curation edits: take a span into the gold layer, reject it, set the curation
status. The curator's layer is an annotator layer like any other (its spans belong to
the curator), so these are the span operations of :mod:`operations` with one change:
the first edit moves the document's *curation* status (not the curator's annotation
status) from todo to in_progress, and undo moves it back.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.editing.changes import OpChanges
from annotator.editing.operations import AddSpans, DeleteSpans, Operation, SpanSpec
from annotator.labelsets import LabelSet
from annotator.records import SpanData
from annotator.store import Store
from annotator.team.adjudication import curation_status, set_curation_status


class _StartsCuration:
    """The todo → in_progress step on the curation status, undone with the edit."""

    document_id: int
    annotator: str
    _curation_before: str | None = None

    def _start(self, store: Store, changes: OpChanges) -> OpChanges:
        if self._curation_before is None:
            self._curation_before = curation_status(store, self.document_id, self.annotator)
        if self._curation_before == "todo":
            set_curation_status(store, self.document_id, self.annotator, "in_progress")
            changes.status = True
        return changes

    def _unstart(self, store: Store, changes: OpChanges) -> OpChanges:
        if self._curation_before == "todo":
            set_curation_status(store, self.document_id, self.annotator, "todo")
            changes.status = True
        return changes


class TakeIntoGold(_StartsCuration, AddSpans):
    """Copy annotators' spans (range, label, attributes, note) into the curator's layer."""

    starts_work = False

    def __init__(
        self, curator: str, labelset: LabelSet, spans: Sequence[SpanData], title: str | None = None
    ):
        specs = [
            SpanSpec(s.document_id, s.label, s.start, s.end, dict(s.attributes), s.note)
            for s in spans
        ]
        who = ", ".join(dict.fromkeys(s.annotator for s in spans))
        super().__init__(
            spans[0].document_id, curator, labelset, specs, title or f"Take {who}'s span into gold"
        )

    def _do(self, store: Store) -> OpChanges:
        return self._start(store, super()._do(store))

    def _undo(self, store: Store) -> OpChanges:
        return self._unstart(store, super()._undo(store))


class RejectFromGold(_StartsCuration, DeleteSpans):
    """Remove spans from the curator's layer (a decision against them)."""

    def __init__(self, curator: str, spans: Sequence[SpanData]):
        super().__init__(curator, spans)
        self.title = "Reject from gold"

    def _do(self, store: Store) -> OpChanges:
        return self._start(store, super()._do(store))

    def _undo(self, store: Store) -> OpChanges:
        return self._unstart(store, super()._undo(store))


class SetCurationStatus(Operation):
    """The curator's status of one document (todo, in_progress, done)."""

    def __init__(self, document_id: int, curator: str, status: str):
        super().__init__(document_id, curator, f"Curation {status}")
        self.status = status
        self.before: str | None = None

    def _do(self, store: Store) -> OpChanges:
        if self.before is None:
            self.before = curation_status(store, self.document_id, self.annotator)
        set_curation_status(store, self.document_id, self.annotator, self.status)
        return self._changes(status=True)

    def _undo(self, store: Store) -> OpChanges:
        assert self.before is not None
        set_curation_status(store, self.document_id, self.annotator, self.before)
        return self._changes(status=True)
