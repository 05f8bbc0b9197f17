"""The one undo history of an editing session (Edit → Undo/Redo in the app drive it).

The history owns no data: it runs :class:`~annotator.editing.operations.Operation`s against
a Store and remembers the ones that succeeded. A refused do is never recorded; a refused
undo or redo (the row was changed by another writer, the database is locked) drops that
step, because it can no longer be replayed truthfully, and the reason reaches the user
as an :class:`EditRefused`. Every call returns the :class:`OpChanges` to refresh from.
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.editing.changes import OpChanges
from annotator.editing.operations import EditRefused, Operation
from annotator.store import Store, StoreError

Listener = Callable[[], None]


def _run(step: Callable[[], OpChanges]) -> OpChanges:
    """Run one store step; every failure becomes an EditRefused with a readable reason."""
    try:
        return step()
    except EditRefused:
        raise
    except (StoreError, ValueError) as exc:
        raise EditRefused(str(exc), "refused") from exc
    except Exception as exc:
        # Database errors (locked by another writer, disk full) arrive as the driver's
        # exception types; the front end catches the core's error type only.
        if type(exc).__module__.split(".")[0] in ("sqlalchemy", "sqlite3", "psycopg"):
            raise EditRefused(f"the database refused the change: {exc}", "database") from exc
        raise


class History:
    """Undo and redo stacks of operations, with merging of repeated small steps."""

    def __init__(self, limit: int = 1000):
        self.limit = limit
        self._done: list[Operation] = []
        self._undone: list[Operation] = []
        self._listeners: list[Listener] = []

    # ------------------------------------------------------------------ queries
    def __len__(self) -> int:
        return len(self._done) + len(self._undone)

    @property
    def position(self) -> int:
        """How many recorded steps are currently done (the rest are undone)."""
        return len(self._done)

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_title(self) -> str:
        return self._done[-1].title if self._done else ""

    @property
    def redo_title(self) -> str:
        return self._undone[-1].title if self._undone else ""

    @property
    def next_undo(self) -> Operation | None:
        return self._done[-1] if self._done else None

    @property
    def next_redo(self) -> Operation | None:
        return self._undone[-1] if self._undone else None

    def subscribe(self, listener: Listener) -> None:
        """``listener()`` runs after every change of the stacks (to enable menu entries)."""
        self._listeners.append(listener)

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()

    # ------------------------------------------------------------------ actions
    def perform(self, store: Store, operation: Operation) -> OpChanges:
        """Do ``operation`` and record it (merged into the last step where it allows)."""
        changes = _run(lambda: operation.apply(store))
        self._undone.clear()
        if not (self._done and self._done[-1].merge(operation)):
            self._done.append(operation)
            del self._done[: -self.limit]
        self._notify()
        return changes

    def undo(self, store: Store) -> OpChanges | None:
        """Revert the last step; None when there is nothing to undo."""
        if not self._done:
            return None
        operation = self._done.pop()
        try:
            changes = _run(lambda: operation.revert(store))
        except EditRefused:
            self._notify()  # the step is dropped: it can no longer be reverted truthfully
            raise
        self._undone.append(operation)
        self._notify()
        return changes

    def redo(self, store: Store) -> OpChanges | None:
        """Apply the last undone step again; None when there is nothing to redo."""
        if not self._undone:
            return None
        operation = self._undone.pop()
        try:
            changes = _run(lambda: operation.apply(store))
        except EditRefused:
            self._notify()
            raise
        self._done.append(operation)
        self._notify()
        return changes

    def clear(self) -> None:
        """Forget every step (another database was opened: ids refer to the old one)."""
        self._done.clear()
        self._undone.clear()
        self._notify()


__all__ = ["History"]
