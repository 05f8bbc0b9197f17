"""The one place widgets ask for data: current store, annotator, label set and document.

Widgets never cache annotation rows across actions; they re-read through the session
when it signals a change, so a second app instance writing to the same database (WAL)
shows up after :meth:`Session.refresh`. The session keeps the current document's text
(stored text never changes once spans exist) and its spans: core operations report exactly
what they wrote (an :class:`~annotator.editing.OpChanges`), so a new span costs one insert,
not a re-read of thousands; anything else (another instance, a bulk import) drops the cache.

It also holds the core :class:`~annotator.editing.Editor` (the rules and the one undo
history) and the :class:`~annotator.editing.ExternalChangeWatcher` the window polls.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from annotator.editing import Editor, ExternalChangeWatcher, OpChanges, active_suggestions
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

    def __init__(
        self,
        store: Store,
        annotator: str,
        labelset: LabelSet | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self._annotator = annotator
        self._labelset = labelset or store.labelset()
        self._document: DocumentData | None = None
        self._only_mine = True
        self._span_cache: dict[int, SpanData] | None = None  # current document, everyone's
        self._suggestion_cache: list[SuggestionData] | None = None  # current doc, not rejected
        self.editor = Editor(store, annotator, self._labelset)
        self.watcher = ExternalChangeWatcher(store)

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
        self._span_cache = None
        self._suggestion_cache = None
        try:
            self._labelset = store.labelset(self._labelset.name)
        except StoreError:
            self._labelset = store.labelset()
        self.editor.set_store(store)  # the history's ids belong to the old database
        self.editor.labelset = self._labelset
        self.watcher.close()
        self.watcher = ExternalChangeWatcher(store)
        self.storeChanged.emit()
        self.labelsetChanged.emit()
        self.documentChanged.emit(None)

    def set_annotator(self, name: str) -> None:
        name = name.strip()
        if not name or name == self._annotator:
            return
        self._annotator = name
        self.editor.annotator = name
        self._suggestion_cache = None  # rejections are per annotator
        self.annotatorChanged.emit(name)
        self.documentsChanged.emit()
        self.spansChanged.emit()
        self.suggestionsChanged.emit()
        self.statusChanged.emit()

    def set_labelset(self, labelset: LabelSet) -> None:
        self._labelset = labelset
        self.editor.labelset = labelset
        self.labelsetChanged.emit()
        self.spansChanged.emit()
        self.suggestionsChanged.emit()  # only the active set's suggestions are shown
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
            self._span_cache = None
            self._suggestion_cache = None
            self.documentChanged.emit(None)
            return True
        if self._document is not None and self._document.id == document_id:
            return True
        try:
            self._document = self._store.document(document_id)
        except StoreError as exc:
            self.message.emit(str(exc))
            return False
        self._span_cache = None
        self._suggestion_cache = None
        self.documentChanged.emit(document_id)
        return True

    # ------------------------------------------------------------------ reads
    def _cached_spans(self) -> dict[int, SpanData]:
        if self._document is None:
            return {}
        if self._span_cache is None:
            self._span_cache = {s.id: s for s in self._store.spans(self._document.id)}
        return self._span_cache

    def spans(self) -> list[SpanData]:
        """Spans shown for the current document (mine, or everyone's), in text order."""
        spans = self._cached_spans().values()
        if self._only_mine:
            spans = [s for s in spans if s.annotator == self._annotator]
        return sorted(spans, key=_text_order)

    def my_spans(self) -> list[SpanData]:
        return sorted(
            (s for s in self._cached_spans().values() if s.annotator == self._annotator),
            key=_text_order,
        )

    def span(self, span_id: int) -> SpanData | None:
        cached = self._span_cache.get(span_id) if self._span_cache is not None else None
        if cached is not None:
            return cached
        try:
            return self._store.span(span_id)
        except StoreError:
            return None

    def suggestions(self) -> list[SuggestionData]:
        """Pending lexicon suggestions of the ACTIVE label set for the current document: not
        rejected by me, and not already one of my spans (same range and label). Suggestions
        of another label set are never shown (accepting one would mix sets in an export).
        The not-rejected list is cached
        per document; hiding labelled ones is done here from the span cache, so labelling
        an article full of suggestions costs no extra query per span."""
        if self._document is None:
            return []
        if self._suggestion_cache is None:
            try:
                from annotator.suggestions import suggestions_for

                self._suggestion_cache = list(
                    suggestions_for(
                        self._store, self._document.id, self._annotator, include_labelled=True
                    )
                )
            except ImportError:
                return []
            except StoreError as exc:
                self.message.emit(str(exc))
                return []
        active = active_suggestions(self._suggestion_cache, self._labelset)
        if not active:
            return []  # nothing to compare: skip the pass over thousands of spans
        mine = {
            (s.labelset, s.label, s.start, s.end)
            for s in self._cached_spans().values()
            if s.annotator == self._annotator
        }
        return [g for g in active if (g.labelset, g.label, g.start, g.end) not in mine]

    def status(self) -> str:
        if self._document is None:
            return "todo"
        return self._store.status(self._document.id, self._annotator)

    def document_labels(self) -> dict[str, str]:
        if self._document is None:
            return {}
        return self._store.document_labels(self._document.id, self._annotator)

    # ------------------------------------------------------------------ notifications
    def apply(self, changes: OpChanges) -> None:
        """Refresh from what a core operation wrote (its do, undo or redo)."""
        self.changed(
            changes.documents,
            spans=changes.spans,
            status=changes.status,
            suggestions=changes.suggestions,
            changes=changes,
        )

    def changed(
        self,
        document_ids: Sequence[int] | int,
        *,
        spans: bool = True,
        status: bool = False,
        suggestions: bool = False,
        changes: OpChanges | None = None,
    ) -> None:
        """Tell the widgets what changed; ``changes`` (when given) updates the span cache in
        place, otherwise the current document's spans are re-read on next use."""
        self.watcher.acknowledge()  # our own commit is not work done outside the window
        ids = [document_ids] if isinstance(document_ids, int) else list(document_ids)
        current = self.document_id
        for doc_id in dict.fromkeys(ids):
            self.rowChanged.emit(doc_id)
        if current in ids:
            if suggestions:
                self._suggestion_cache = None  # accepted, rejected or newly suggested
            if spans:
                self._apply_spans(changes)
                self.spansChanged.emit()
            if suggestions or spans:
                self.suggestionsChanged.emit()
            if status:
                self.statusChanged.emit()

    def _apply_spans(self, changes: OpChanges | None) -> None:
        if changes is None or self._span_cache is None:
            self._span_cache = None  # re-read on next use
            return
        current = self.document_id
        for span_id in changes.spans_removed:
            self._span_cache.pop(span_id, None)
        for span in changes.spans_added:
            if span.document_id == current:
                self._span_cache[span.id] = span

    def refresh(self) -> None:
        """Re-read everything from the store (window re-activated, another instance wrote)."""
        self._span_cache = None
        self._suggestion_cache = None
        self.documentsChanged.emit()
        self.spansChanged.emit()
        self.suggestionsChanged.emit()
        self.statusChanged.emit()


def _text_order(span: SpanData) -> tuple[int, int, int]:
    return span.start, span.end, span.id
