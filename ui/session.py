"""The one place widgets ask for data: current store, annotator, label set and document.

Widgets never cache annotation rows across actions; they re-read through the session
when it signals a change, so a second app instance writing to the same database (WAL)
shows up after :meth:`Session.refresh`. Only the current document's text is kept: stored
text never changes once spans exist, so caching it is safe and saves a query per repaint.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from annotator.labelsets import LabelSet
from annotator.records import DocumentData, SpanData, SuggestionData
from annotator.store import Store, StoreError


class Session(QObject):
    """Current state of one main window, with change notifications."""

    documentChanged = Signal(object)  # int | None: the new current document id
    spansChanged = Signal()  # spans of the current document changed (or must be re-read)
    suggestionsChanged = Signal()
    statusChanged = Signal()  # status or document labels of the current document changed
    labelsetChanged = Signal()
    annotatorChanged = Signal(str)
    storeChanged = Signal()  # another database was opened
    documentsChanged = Signal()  # the document list itself changed (import, other instance)
    rowChanged = Signal(int)  # one document's navigator row (status, span count) changed
    message = Signal(str)  # something the user should read in the status bar

    def __init__(self, store: Store, annotator: str, labelset: LabelSet | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._annotator = annotator
        self._labelset = labelset or store.labelset()
        self._document: DocumentData | None = None
        self._only_mine = True

    # ------------------------------------------------------------------ state
    @property
    def store(self) -> Store:
        return self._store

    @property
    def annotator(self) -> str:
        return self._annotator

    @property
    def labelset(self) -> LabelSet:
        return self._labelset

    @property
    def document_id(self) -> int | None:
        return self._document.id if self._document else None

    @property
    def document(self) -> DocumentData | None:
        return self._document

    @property
    def only_my_spans(self) -> bool:
        return self._only_mine

    def set_store(self, store: Store) -> None:
        """Switch database: the caller owns closing the old store."""
        self._store = store
        self._document = None
        try:
            self._labelset = store.labelset(self._labelset.name)
        except StoreError:
            self._labelset = store.labelset()
        self.storeChanged.emit()
        self.labelsetChanged.emit()
        self.documentChanged.emit(None)

    def set_annotator(self, name: str) -> None:
        name = name.strip()
        if not name or name == self._annotator:
            return
        self._annotator = name
        self.annotatorChanged.emit(name)
        self.documentsChanged.emit()
        self.spansChanged.emit()
        self.statusChanged.emit()

    def set_labelset(self, labelset: LabelSet) -> None:
        self._labelset = labelset
        self.labelsetChanged.emit()
        self.spansChanged.emit()
        self.statusChanged.emit()

    def set_only_my_spans(self, on: bool) -> None:
        if on == self._only_mine:
            return
        self._only_mine = on
        self.spansChanged.emit()

    def set_document(self, document_id: int | None) -> bool:
        """Make ``document_id`` current; False (and a message) when it does not exist."""
        if document_id is None:
            self._document = None
            self.documentChanged.emit(None)
            return True
        if self._document is not None and self._document.id == document_id:
            return True
        try:
            self._document = self._store.document(document_id)
        except StoreError as exc:
            self.message.emit(str(exc))
            return False
        self.documentChanged.emit(document_id)
        return True

    # ------------------------------------------------------------------ reads
    def spans(self) -> list[SpanData]:
        """Spans shown for the current document: mine, or everyone's."""
        if self._document is None:
            return []
        who = self._annotator if self._only_mine else None
        return self._store.spans(self._document.id, who)

    def my_spans(self) -> list[SpanData]:
        if self._document is None:
            return []
        return self._store.spans(self._document.id, self._annotator)

    def span(self, span_id: int) -> SpanData | None:
        try:
            return self._store.span(span_id)
        except StoreError:
            return None

    def suggestions(self) -> list[SuggestionData]:
        """Pending lexicon suggestions for the current document (none if unavailable)."""
        if self._document is None:
            return []
        try:
            from annotator.suggestions import suggestions_for
        except ImportError:
            return []
        try:
            return list(suggestions_for(self._store, self._document.id, self._annotator))
        except StoreError as exc:
            self.message.emit(str(exc))
            return []

    def status(self) -> str:
        if self._document is None:
            return "todo"
        return self._store.status(self._document.id, self._annotator)

    def document_labels(self) -> dict[str, str]:
        if self._document is None:
            return {}
        return self._store.document_labels(self._document.id, self._annotator)

    # ------------------------------------------------------------------ notifications
    def changed(self, document_ids: Sequence[int] | int, *, spans: bool = True,
                status: bool = False, suggestions: bool = False) -> None:
        """Called by undo commands after each store write."""
        ids = [document_ids] if isinstance(document_ids, int) else list(document_ids)
        current = self.document_id
        for doc_id in dict.fromkeys(ids):
            self.rowChanged.emit(doc_id)
        if current in ids:
            if spans:
                self.spansChanged.emit()
            if suggestions or spans:
                self.suggestionsChanged.emit()
            if status:
                self.statusChanged.emit()

    def refresh(self) -> None:
        """Re-read everything from the store (window re-activated, another instance wrote)."""
        self.documentsChanged.emit()
        self.spansChanged.emit()
        self.suggestionsChanged.emit()
        self.statusChanged.emit()
