"""Undoable edits of a document's own state: the annotator's status and document labels."""

from __future__ import annotations

from annotator.editing.changes import OpChanges
from annotator.editing.operations import Operation
from annotator.labelsets import LabelSet
from annotator.store import Store


class SetStatus(Operation):
    """The annotator's status of one document (todo, in_progress, done, skipped)."""

    def __init__(self, document_id: int, annotator: str, status: str):
        super().__init__(document_id, annotator, f"Set status {status}")
        self.status = status
        self.before: str | None = None

    def _do(self, store: Store) -> OpChanges:
        if self.before is None:
            self.before = store.status(self.document_id, self.annotator)
        store.set_status(self.document_id, self.annotator, self.status)
        return self._changes(status=True)

    def _undo(self, store: Store) -> OpChanges:
        assert self.before is not None
        store.set_status(self.document_id, self.annotator, self.before)
        return self._changes(status=True)


class SetDocumentLabel(Operation):
    """One document-level label (a choice or a flag); ``value=None`` removes it."""

    starts_work = True

    def __init__(
        self, document_id: int, annotator: str, labelset: LabelSet, key: str, value: str | None
    ):
        super().__init__(document_id, annotator, f"Set {key}")
        self.labelset, self.key, self.value = labelset, key, value
        self.before: str | None = None
        self._read = False

    def _do(self, store: Store) -> OpChanges:
        if not self._read:
            self.before = store.document_labels(self.document_id, self.annotator).get(self.key)
            self._read = True
        store.set_document_label(
            self.document_id, self.annotator, self.labelset, self.key, self.value
        )
        return self._changes(status=True)

    def _undo(self, store: Store) -> OpChanges:
        store.set_document_label(
            self.document_id, self.annotator, self.labelset, self.key, self.before
        )
        return self._changes(status=True)


__all__ = ["SetDocumentLabel", "SetStatus"]
