"""Undoable operations: each is one user action with its inverse, applied to a Store.

An operation keeps plain records (``SpanData``), never widget state. ``apply`` is the do
and every redo; ``revert`` the undo. Each store call is one committed transaction, so the
database always equals what the user sees after a do, an undo and a redo alike.

Undo never trusts an id alone: before it deletes or rewrites a row it checks the row is
still the one this operation made (same annotator, range and label) and refuses, saying
why, when another writer (a second instance on the same database) changed it since.

The status rule: a document moves from "todo" to "in_progress" with the annotator's first
labelling action in it (opening alone never marks work as started). That step is part of
the labelling operation, so undoing the action puts the document back to "todo".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.editing.changes import OpChanges
from annotator.errors import StorageError
from annotator.labelsets import LabelSet
from annotator.records import SpanData
from annotator.store import Store, StoreError


class EditRefused(StoreError):
    """An edit the rules or the database refused; ``str()`` is the user-facing reason.

    ``code`` names the rule ("not_owner", "no_target", "span_gone", "changed_elsewhere",
    "no_document", "no_label", "database"...) so a front end can show a translated
    sentence; ``details`` holds the values that sentence needs.
    """

    def __init__(self, message: str, code: str = "refused", **details: Any):
        super().__init__(message)
        self.code = code
        self.details = details


@dataclass(frozen=True, slots=True)
class SpanSpec:
    """A span to create: where, which label, and optional attributes and note."""

    document_id: int
    label: str
    start: int
    end: int
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def _identity(span: SpanData) -> tuple[Any, ...]:
    return span.annotator, span.labelset, span.label, span.start, span.end


def _describe(span: SpanData) -> str:
    return f"span #{span.id} ({span.label} {span.start}–{span.end} by {span.annotator})"


# Up to this many spans are read one by one (an undo of a label key checks one row, not
# the article's thousands); more (label-all, a bulk delete) are read per document.
FEW_SPANS = 16


def current_spans(store: Store, spans: Sequence[SpanData]) -> dict[int, SpanData]:
    """The stored records of ``spans`` by id; missing ids left out."""
    found: dict[int, SpanData] = {}
    wanted = {s.id for s in spans}
    if len(wanted) <= FEW_SPANS:
        for span_id in wanted:
            try:
                found[span_id] = store.span(span_id)
            except StorageError:
                raise  # the database failed, not the span: never read as "deleted"
            except StoreError:
                pass  # no such span
        return found
    for document_id in dict.fromkeys(s.document_id for s in spans):
        found.update((s.id, s) for s in store.spans(document_id) if s.id in wanted)
    return found


def verify_unchanged(store: Store, made: Sequence[SpanData]) -> None:
    """Refuse (EditRefused) unless every span in ``made`` is stored exactly as made."""
    now = current_spans(store, made)
    for span in made:
        current = now.get(span.id)
        if current is None:
            raise EditRefused(
                f"{_describe(span)} no longer exists: it was deleted elsewhere",
                "span_gone",
                span=span,
            )
        if _identity(current) != _identity(span):
            raise EditRefused(
                f"{_describe(span)} was changed elsewhere (now {_describe(current)}); "
                "undo leaves it alone",
                "changed_elsewhere",
                span=span,
                current=current,
            )


class Operation:
    """Base of every undoable edit. Subclasses implement :meth:`_do` and :meth:`_undo`.

    ``document_id`` is the document the user sees the change in (undo opens it first);
    ``starts_work`` ops take the document from "todo" to "in_progress" the first time.
    """

    title = "Edit"
    starts_work = False

    def __init__(self, document_id: int, annotator: str, title: str | None = None):
        self.document_id = document_id
        self.annotator = annotator
        if title is not None:
            self.title = title
        self._prev_status: str | None = None
        self._status_touched = False

    # -- the protocol the history uses
    def apply(self, store: Store) -> OpChanges:
        changes = self._do(store)
        if self.starts_work:
            changes = self._mark_in_progress(store, changes)
        return changes

    def revert(self, store: Store) -> OpChanges:
        changes = self._undo(store)
        return self._unmark_in_progress(store, changes)

    def merge(self, later: Operation) -> bool:
        """Absorb ``later`` (already applied) into this step; True when done."""
        return False

    # -- subclasses
    def _do(self, store: Store) -> OpChanges:
        raise NotImplementedError

    def _undo(self, store: Store) -> OpChanges:
        raise NotImplementedError

    def _changes(self, **kwargs: Any) -> OpChanges:
        kwargs.setdefault("documents", (self.document_id,))
        return OpChanges(**kwargs)

    # -- the automatic todo -> in_progress step
    def _mark_in_progress(self, store: Store, changes: OpChanges) -> OpChanges:
        # The action itself is committed: a failure here (database busy with another
        # instance's import) must not turn it into a step that cannot be undone.
        try:
            if self._prev_status is None:
                self._prev_status = store.status(self.document_id, self.annotator)
            if self._prev_status == "todo":
                store.set_status(self.document_id, self.annotator, "in_progress")
                self._status_touched = True
                changes.status = True
        except Exception as exc:  # noqa: BLE001 - reported, the action stands
            changes.summary = f"status not updated: {exc}"
        return changes

    def _unmark_in_progress(self, store: Store, changes: OpChanges) -> OpChanges:
        if not self._status_touched:
            return changes
        try:
            if store.status(self.document_id, self.annotator) == "in_progress":
                store.set_status(self.document_id, self.annotator, "todo")
                changes.status = True
        except Exception as exc:  # noqa: BLE001 - reported, the undo stands
            changes.summary = f"status not updated: {exc}"
        return changes


class AddSpans(Operation):
    """Create spans (one, or many at once for label-all); redo re-creates the same rows
    under the same ids, undo deletes exactly those rows."""

    starts_work = True

    def __init__(
        self,
        document_id: int,
        annotator: str,
        labelset: LabelSet,
        specs: Sequence[SpanSpec],
        title: str | None = None,
    ):
        label = specs[0].label if specs else ""
        super().__init__(
            document_id,
            annotator,
            title
            or (
                f"Add {label}"
                if len(specs) == 1
                else f"Label {len(specs)} occurrence(s) as {label}"
            ),
        )
        self.labelset = labelset
        seen: set[tuple[int, str, int, int]] = set()
        self.specs = []  # the same range and label twice would be refused as a duplicate
        for spec in specs:
            key = (spec.document_id, spec.label, spec.start, spec.end)
            if key not in seen:
                seen.add(key)
                self.specs.append(spec)
        self.created: list[SpanData] | None = None

    def _create(self, store: Store) -> list[SpanData]:
        if not self.specs:
            return []
        specs = [
            dict(
                document_id=s.document_id,
                annotator=self.annotator,
                labelset=self.labelset,
                label=s.label,
                start=s.start,
                end=s.end,
                attributes=s.attributes,
                note=s.note,
            )
            for s in self.specs
        ]
        if self._prev_status is not None:
            return store.add_spans(specs)
        # The status the todo -> in-progress step needs, read in the spans' own transaction
        # (a label key: one transaction, not a second read after the commit).
        created, self._prev_status = store.add_spans_reading_status(
            specs, self.document_id, self.annotator
        )
        return created

    def documents(self) -> tuple[int, ...]:
        made = self.created or []
        return tuple(dict.fromkeys([self.document_id, *(s.document_id for s in made)]))

    def _do(self, store: Store) -> OpChanges:
        if self.created is None:
            self.created = self._create(store)
        else:
            self.created = store.restore_spans(self.created)
        focus = self.created[0].id if len(self.created) == 1 else None
        return self._changes(
            documents=self.documents(),
            spans_added=list(self.created),
            focus_span=focus,
            summary=f"{len(self.created)} span(s) created",
        )

    def _undo(self, store: Store) -> OpChanges:
        made = self.created or []
        verify_unchanged(store, made)
        store.delete_spans([s.id for s in made])
        return self._changes(
            documents=self.documents(),
            spans_removed=[s.id for s in made],
            summary=f"{len(made)} span(s) removed",
        )

    def _mark_in_progress(self, store: Store, changes: OpChanges) -> OpChanges:
        if not any(s.document_id == self.document_id for s in self.created or []):
            return changes
        return super()._mark_in_progress(store, changes)


class DeleteSpans(Operation):
    """Delete the annotator's spans; undo restores them with ids, attributes and notes."""

    def __init__(self, annotator: str, spans: Sequence[SpanData]):
        if not spans:
            raise EditRefused("no span to delete", "no_target")
        title = "Delete span" if len(spans) == 1 else f"Delete {len(spans)} spans"
        super().__init__(spans[0].document_id, annotator, title)
        self.spans = list({s.id: s for s in spans}.values())

    def _do(self, store: Store) -> OpChanges:
        now = current_spans(store, self.spans)
        gone = [s for s in self.spans if s.id not in now]
        if gone:
            raise EditRefused(f"{_describe(gone[0])} no longer exists", "span_gone", span=gone[0])
        self.spans = [now[s.id] for s in self.spans]  # latest attributes and notes
        store.delete_spans([s.id for s in self.spans])
        return self._changes(
            documents=tuple(dict.fromkeys(s.document_id for s in self.spans)),
            spans_removed=[s.id for s in self.spans],
        )

    def _undo(self, store: Store) -> OpChanges:
        restored = store.restore_spans(self.spans)
        return self._changes(
            documents=tuple(dict.fromkeys(s.document_id for s in restored)), spans_added=restored
        )


class UpdateSpan(Operation):
    """Change one span in place (label, boundaries, attributes, note); undo puts the
    previous values back after checking nobody else rewrote the span meanwhile."""

    def __init__(
        self, span: SpanData, annotator: str, title: str, *, merge_key: str = "", **changes: Any
    ):
        super().__init__(span.document_id, annotator, title)
        self.span = span
        self.changes = changes
        self.merge_key = merge_key
        self.before: dict[str, Any] | None = None
        self.after: SpanData | None = None

    def _do(self, store: Store) -> OpChanges:
        if self.before is None:
            current = store.span(self.span.id)
            self.before = {key: getattr(current, key) for key in self.changes}
        elif self.after is not None:
            verify_unchanged(store, [self._undone()])
        self.after = store.update_span(self.span.id, **self.changes)
        return self._changes(spans_added=[self.after], focus_span=self.span.id)

    def _undone(self) -> SpanData:
        assert self.after is not None and self.before is not None
        fields = {k: v for k, v in self.before.items() if k in ("label", "start", "end")}
        return _replace(self.after, **fields)

    def _undo(self, store: Store) -> OpChanges:
        assert self.after is not None and self.before is not None
        verify_unchanged(store, [self.after])
        restored = store.update_span(self.span.id, **self.before)
        return self._changes(spans_added=[restored], focus_span=self.span.id)

    def merge(self, later: Operation) -> bool:
        if not (
            isinstance(later, UpdateSpan)
            and self.merge_key
            and later.merge_key == self.merge_key
            and later.span.id == self.span.id
        ):
            return False
        self.changes = later.changes
        self.after = later.after
        return True


def _replace(span: SpanData, **fields: Any) -> SpanData:
    from dataclasses import replace

    return replace(span, **fields)


__all__ = [
    "AddSpans",
    "DeleteSpans",
    "EditRefused",
    "Operation",
    "SpanSpec",
    "UpdateSpan",
    "current_spans",
    "verify_unchanged",
]
