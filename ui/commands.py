"""Undoable annotation actions.

Every change of annotation data is one QUndoCommand whose redo()/undo() call the Store:
each call is a committed transaction, so the state on disk always equals the state on
screen, after a do, an undo and a redo alike. Commands keep plain records (SpanData), never
Qt positions. Undoing a change made in another document first navigates there, so the
user sees what the undo did.

A store refusal (duplicate span, span deleted by another instance…) marks the command
obsolete: QUndoStack then drops it instead of keeping a step that did nothing, and the
session shows the reason in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.records import SpanData
from annotator.store import StoreError
from ui.session import Session, SpanDelta


def _tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


class StoreCommand(QUndoCommand):
    """Base: runs a store action, reports failures, tells the session what changed."""

    refreshes_status = False
    refreshes_suggestions = False

    def __init__(self, session: Session, document_id: int, text: str):
        super().__init__(text)
        self.session = session
        self.document_id = document_id
        self.annotator = session.annotator
        self.labelset = session.labelset
        self.error: str | None = None
        self._done_once = False
        self._prev_status: str | None = None
        self._status_touched = False
        self.delta: SpanDelta | None = None  # set by do()/revert(): what was written

    # subclasses implement these two
    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def touched_documents(self) -> list[int]:
        return [self.document_id]

    def redo(self) -> None:
        self._run(self.do)
        self._done_once = True

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, action: Callable[[], None]) -> None:
        if self._done_once and self.session.document_id != self.document_id:
            self.session.set_document(self.document_id)
        self.delta = None
        try:
            action()
        except (StoreError, ValueError) as exc:
            # Refused (duplicate, span gone) or the database is busy/locked by another
            # writer: nothing half-done was committed (one transaction per store call).
            self.error = str(exc)
            self.setObsolete(True)
            self.session.message.emit(_tr("Not done: {0}").format(exc))
            return
        self.session.changed(
            self.touched_documents(), status=self.refreshes_status or self._status_touched,
            suggestions=self.refreshes_suggestions, delta=self.delta,
        )

    # -- the automatic todo -> in_progress step: part of the first labelling action, so
    # undoing that action also puts the document back to "todo".
    def _mark_in_progress(self) -> None:
        # The action itself is already committed: a failure here (database busy with
        # another instance's import) must not turn it into an obsolete, un-undoable step.
        try:
            store = self.session.store
            if self._prev_status is None:
                self._prev_status = store.status(self.document_id, self.annotator)
            if self._prev_status == "todo":
                store.set_status(self.document_id, self.annotator, "in_progress")
                self._status_touched = True
        except StoreError as exc:
            self.session.message.emit(_tr("Status not updated: {0}").format(exc))

    def _unmark_in_progress(self) -> None:
        if not self._status_touched:
            return
        try:
            store = self.session.store
            if store.status(self.document_id, self.annotator) == "in_progress":
                store.set_status(self.document_id, self.annotator, "todo")
        except StoreError as exc:
            self.session.message.emit(_tr("Status not updated: {0}").format(exc))


class AddSpan(StoreCommand):
    """A new span; redo after undo re-creates it under the same id."""

    def __init__(self, session: Session, document_id: int, label: str, start: int, end: int,
                 *, attributes: dict[str, Any] | None = None, note: str = ""):
        super().__init__(session, document_id, _tr("Add {0}").format(label))
        self.label, self.start, self.end = label, start, end
        self.attributes, self.note = dict(attributes or {}), note
        self.span: SpanData | None = None

    def do(self) -> None:
        store = self.session.store
        if self.span is None:
            self.span = store.add_span(
                self.document_id, self.annotator, self.labelset, self.label, self.start,
                self.end, attributes=self.attributes, note=self.note,
            )
        else:
            self.span = store.restore_spans([self.span])[0]
        self.delta = SpanDelta(added=[self.span])
        self._mark_in_progress()

    def revert(self) -> None:
        assert self.span is not None
        self.session.store.delete_spans([self.span.id])
        self.delta = SpanDelta(removed=[self.span.id])
        self._unmark_in_progress()


class DeleteSpans(StoreCommand):
    """Delete spans; undo restores them with their ids, attributes and notes."""

    def __init__(self, session: Session, span_ids: Iterable[int]):
        self.span_ids = list(dict.fromkeys(span_ids))
        spans = [s for s in (session.span(i) for i in self.span_ids) if s is not None]
        doc = spans[0].document_id if spans else (session.document_id or 0)
        text = _tr("Delete span") if len(self.span_ids) == 1 else _tr("Delete {0} spans").format(
            len(self.span_ids))
        super().__init__(session, doc, text)
        self.spans: list[SpanData] = spans

    def touched_documents(self) -> list[int]:
        return [s.document_id for s in self.spans] or [self.document_id]

    def do(self) -> None:
        store = self.session.store
        current = [store.span(i) for i in self.span_ids]  # latest attributes/notes
        store.delete_spans(self.span_ids)
        self.spans = current
        self.delta = SpanDelta(removed=list(self.span_ids))

    def revert(self) -> None:
        self.delta = SpanDelta(added=self.session.store.restore_spans(self.spans))


class _UpdateSpan(StoreCommand):
    """Shared shape of the commands that change one span in place."""

    def __init__(self, session: Session, span_id: int, text: str, **changes: Any):
        span = session.span(span_id)
        super().__init__(session, span.document_id if span else (session.document_id or 0), text)
        self.span_id = span_id
        self.changes = changes
        self.before: dict[str, Any] | None = None

    def do(self) -> None:
        store = self.session.store
        current = store.span(self.span_id)
        if self.before is None:
            self.before = {key: getattr(current, key) for key in self.changes}
        self.delta = SpanDelta(added=[store.update_span(self.span_id, **self.changes)])

    def revert(self) -> None:
        assert self.before is not None
        self.delta = SpanDelta(added=[self.session.store.update_span(self.span_id, **self.before)])


class RelabelSpan(_UpdateSpan):
    def __init__(self, session: Session, span_id: int, label: str):
        super().__init__(session, span_id, _tr("Relabel as {0}").format(label), label=label)


class AdjustBoundary(_UpdateSpan):
    def __init__(self, session: Session, span_id: int, start: int, end: int):
        super().__init__(session, span_id, _tr("Adjust span"), start=start, end=end)
        # Consecutive Alt+arrow presses on one span merge into one undo step.
        self._merge_key = span_id

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 1001

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, AdjustBoundary) or other.span_id != self.span_id:
            return False
        if other.error or self.error:
            return False
        self.changes = other.changes
        return True


class EditSpan(_UpdateSpan):
    def __init__(self, session: Session, span_id: int, attributes: dict[str, Any], note: str):
        super().__init__(session, span_id, _tr("Edit span"), attributes=dict(attributes),
                         note=note)


class SetStatus(StoreCommand):
    refreshes_status = True

    def __init__(self, session: Session, document_id: int, status: str):
        super().__init__(session, document_id, _tr("Set status {0}").format(status))
        self.status = status
        self.before: str | None = None

    def do(self) -> None:
        store = self.session.store
        if self.before is None:
            self.before = store.status(self.document_id, self.annotator)
        store.set_status(self.document_id, self.annotator, self.status)

    def revert(self) -> None:
        assert self.before is not None
        self.session.store.set_status(self.document_id, self.annotator, self.before)


class SetDocumentLabel(StoreCommand):
    refreshes_status = True

    def __init__(self, session: Session, document_id: int, key: str, value: str | None):
        super().__init__(session, document_id, _tr("Set {0}").format(key))
        self.key, self.value = key, value
        self.before: str | None = None
        self._read = False

    def do(self) -> None:
        store = self.session.store
        if not self._read:
            self.before = store.document_labels(self.document_id, self.annotator).get(self.key)
            self._read = True
        store.set_document_label(self.document_id, self.annotator, self.labelset, self.key,
                                 self.value)
        self._mark_in_progress()

    def revert(self) -> None:
        self.session.store.set_document_label(self.document_id, self.annotator, self.labelset,
                                              self.key, self.before)
        self._unmark_in_progress()


class _CreateSpans(StoreCommand):
    """Shared shape of the bulk commands that create spans: the first redo creates them
    (:meth:`create`), later redos restore the same records (same ids), undo deletes them."""

    def __init__(self, session: Session, document_id: int, text: str):
        super().__init__(session, document_id, text)
        self.spans: list[SpanData] | None = None

    def create(self) -> list[SpanData]:
        raise NotImplementedError

    def do(self) -> None:
        if self.spans is None:
            self.spans = self.create()
        else:
            self.session.store.restore_spans(self.spans)
        self.delta = SpanDelta(added=list(self.spans))
        if any(s.document_id == self.document_id for s in self.spans):
            self._mark_in_progress()

    def revert(self) -> None:
        self.session.store.delete_spans([s.id for s in self.spans or []])
        self.delta = SpanDelta(removed=[s.id for s in self.spans or []])
        self._unmark_in_progress()


class AcceptSuggestions(_CreateSpans):
    """Suggestions become spans of this annotator; undo deletes those spans again."""

    refreshes_suggestions = True

    def __init__(self, session: Session, suggestion_ids: Sequence[int], document_id: int,
                 text: str | None = None):
        n = len(suggestion_ids)
        super().__init__(session, document_id,
                         text or _tr("Accept {0} suggestion(s)").format(n))
        self.suggestion_ids = list(suggestion_ids)

    def touched_documents(self) -> list[int]:
        return sorted({s.document_id for s in self.spans or []} | {self.document_id})

    def create(self) -> list[SpanData]:
        from annotator.suggestions import accept

        return list(accept(self.session.store, self.suggestion_ids, self.annotator))


class RejectSuggestions(StoreCommand):
    refreshes_suggestions = True

    def __init__(self, session: Session, suggestion_ids: Sequence[int], document_id: int):
        super().__init__(session, document_id,
                         _tr("Reject {0} suggestion(s)").format(len(suggestion_ids)))
        self.suggestion_ids = list(suggestion_ids)

    def do(self) -> None:
        from annotator.suggestions import reject

        reject(self.session.store, self.suggestion_ids, self.annotator)

    def revert(self) -> None:
        from annotator.suggestions import unreject

        unreject(self.session.store, self.suggestion_ids, self.annotator)


@dataclass(frozen=True, slots=True)
class Occurrence:
    document_id: int
    start: int
    end: int


class LabelAllOccurrences(_CreateSpans):
    """Label many ranges (one or many documents) at once, in one transaction.

    Ranges this annotator already has with this label are skipped, so the bulk action is
    never refused because of one duplicate.
    """

    def __init__(self, session: Session, label: str, occurrences: Sequence[Occurrence],
                 document_id: int):
        super().__init__(session, document_id,
                         _tr("Label {0} occurrence(s) as {1}").format(len(occurrences), label))
        self.label = label
        self.occurrences = list(dict.fromkeys(occurrences))

    def touched_documents(self) -> list[int]:
        return sorted({o.document_id for o in self.occurrences} | {self.document_id})

    def create(self) -> list[SpanData]:
        store = self.session.store
        existing: dict[int, set[tuple[int, int]]] = {}
        canonical = self.labelset.resolve(self.label) or self.label
        for doc in {o.document_id for o in self.occurrences}:
            existing[doc] = {
                (s.start, s.end) for s in store.spans(doc, self.annotator)
                if s.label == canonical and s.labelset == self.labelset.name
            }
        specs = [
            dict(document_id=o.document_id, annotator=self.annotator, labelset=self.labelset,
                 label=self.label, start=o.start, end=o.end)
            for o in self.occurrences if (o.start, o.end) not in existing[o.document_id]
        ]
        return store.add_spans(specs) if specs else []
