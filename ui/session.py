"""The one place widgets ask for data: current store, annotator, label set and document.

Widgets never cache annotation rows across actions; they re-read through the session
when it signals a change, so a second app instance writing to the same database (WAL)
shows up after :meth:`Session.refresh`. The session keeps the current document's text
(stored text never changes once spans exist) and its spans: core operations report exactly
what they wrote (an :class:`~annotator.editing.OpChanges`), so a new span costs one insert,
not a re-read of thousands; anything else (another instance, a bulk import) drops the cache.

Anki's model: an operation's changes are passed on as a :class:`SpanDelta`
(``spansUpdated``) and as span-count deltas for the navigator (``rowCountsChanged``), so a
label key updates the rows it touched and queries nothing; ``spansChanged`` (re-read
everything) is kept for what no delta describes (another annotator, label set, refresh).
Suggestions are re-announced only when a changed span could hide or reveal one.

It also holds the core :class:`~annotator.editing.Editor` (the rules and the one undo
history) and the :class:`~annotator.editing.ExternalChangeWatcher` the window polls.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from annotator.editing import Editor, ExternalChangeWatcher, OpChanges, active_suggestions
from annotator.labelsets import LabelSet
from annotator.records import DocumentData, SpanData, SuggestionData
from annotator.store import Store, StoreError

SuggestionKey = tuple[str, str, int, int]  # label set, label, start, end


@dataclass(frozen=True, slots=True)
class SpanDelta:
    """What one operation did to the current document's spans, as the session now holds
    them: ``upserted`` are new or changed records (everyone's, shown or not), ``removed``
    ids that no longer exist."""

    upserted: tuple[SpanData, ...]
    removed: tuple[int, ...]


def _key(span: SpanData) -> SuggestionKey:
    return span.labelset, span.label, span.start, span.end


class Session(QObject):
    """Current state of one main window, with change notifications."""

    documentChanged = Signal(object)  # int | None: the new current document id
    spansChanged = Signal()  # spans of the current document must be re-read (no delta)
    spansUpdated = Signal(object)  # SpanDelta: exactly these spans of the current document
    suggestionsChanged = Signal()
    statusChanged = Signal()  # status or document labels of the current document changed
    labelsetChanged = Signal()
    annotatorChanged = Signal(str)
    storeChanged = Signal()  # another database was opened
    documentsChanged = Signal()  # the document list itself changed (import, other instance)
    rowChanged = Signal(int)  # one document's navigator row (status, span count): re-read it
    # (document, change in my span count, change in everyone's): the row, without a query
    rowCountsChanged = Signal(int, int, int)
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
        self._my_keys: Counter[SuggestionKey] | None = None  # my spans' ranges, with the cache
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
        self._my_keys = None  # "mine" is someone else now
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
            self._my_keys = None
        return self._span_cache

    def _mine(self) -> Counter[SuggestionKey]:
        """How many of my spans have each (label set, label, start, end): kept up to date
        by :meth:`_apply_spans`, so hiding labelled suggestions never walks every span."""
        spans = self._cached_spans()
        if self._my_keys is None:
            me = self._annotator
            self._my_keys = Counter(_key(s) for s in spans.values() if s.annotator == me)
        return self._my_keys

    def shows(self, span: SpanData) -> bool:
        """Whether :meth:`spans` lists ``span`` (mine, or everyone's)."""
        return not self._only_mine or span.annotator == self._annotator

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
        mine = self._mine()
        return [g for g in active if (g.labelset, g.label, g.start, g.end) not in mine]

    def _touches_suggestions(self, spans: Sequence[SpanData]) -> bool:
        """Whether my spans ``spans`` (old or new records) share a range and label with a
        pending suggestion, i.e. whether the shown suggestions may have changed."""
        if self._suggestion_cache is None:
            return True  # not read yet: let it be read
        mine = [_key(s) for s in spans if s.annotator == self._annotator]
        if not mine:
            return False
        pending = {(g.labelset, g.label, g.start, g.end) for g in self._suggestion_cache}
        return any(k in pending for k in mine)

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
        """Tell the widgets what changed. With ``changes`` the span cache is updated in
        place and the widgets get the delta (``spansUpdated``, ``rowCountsChanged``);
        without, the current document's spans are re-read on next use (``spansChanged``)."""
        self.watcher.acknowledge()  # our own commit is not work done outside the window
        ids = [document_ids] if isinstance(document_ids, int) else list(document_ids)
        current = self.document_id
        delta = self._apply_spans(changes) if spans and current in ids else None
        for doc_id in dict.fromkeys(ids):
            if doc_id == current and delta is not None and not status:
                mine, everyone = self._count_changes(*delta)
                if mine or everyone:
                    self.rowCountsChanged.emit(doc_id, mine, everyone)
            else:
                self.rowChanged.emit(doc_id)
        if current not in ids:
            return
        if suggestions:
            self._suggestion_cache = None  # accepted, rejected or newly suggested
        if spans:
            if delta is None:
                self.spansChanged.emit()
            else:
                self.spansUpdated.emit(SpanDelta(tuple(delta[1]), tuple(delta[2])))
        if suggestions or (
            spans and (delta is None or self._touches_suggestions([*delta[0], *delta[1]]))
        ):
            self.suggestionsChanged.emit()
        if status:
            self.statusChanged.emit()

    def _apply_spans(
        self, changes: OpChanges | None
    ) -> tuple[list[SpanData], list[SpanData], list[int]] | None:
        """Update the span cache from ``changes``: (previous records of changed or removed
        spans, new records, removed ids), or None when the cache had to be dropped."""
        if changes is None or self._span_cache is None:
            self._span_cache = None  # re-read on next use
            self._my_keys = None
            return None
        current = self.document_id
        cache, mine = self._span_cache, self._my_keys
        before: list[SpanData] = []
        upserted: list[SpanData] = []
        removed: list[int] = []
        for span_id in changes.spans_removed:
            old = cache.pop(span_id, None)
            if old is not None:
                before.append(old)
                removed.append(span_id)
                if mine is not None and old.annotator == self._annotator:
                    mine[_key(old)] -= 1
                    if mine[_key(old)] <= 0:
                        del mine[_key(old)]
        for span in changes.spans_added:
            if span.document_id != current:
                continue
            old = cache.get(span.id)
            if old is not None:
                before.append(old)
                if mine is not None and old.annotator == self._annotator:
                    mine[_key(old)] -= 1
                    if mine[_key(old)] <= 0:
                        del mine[_key(old)]
            cache[span.id] = span
            upserted.append(span)
            if mine is not None and span.annotator == self._annotator:
                mine[_key(span)] += 1
        return before, upserted, removed

    def _count_changes(
        self, before: list[SpanData], upserted: list[SpanData], removed: list[int]
    ) -> tuple[int, int]:
        """(my spans, everyone's spans) added minus removed by one delta."""
        previous = {s.id: s for s in before}
        mine = everyone = 0
        for span in upserted:
            if span.id not in previous:
                everyone += 1
                mine += span.annotator == self._annotator
        for span_id in removed:
            everyone -= 1
            mine -= previous[span_id].annotator == self._annotator
        return mine, everyone

    def refresh(self) -> None:
        """Re-read everything from the store (window re-activated, another instance wrote)."""
        self._span_cache = None
        self._my_keys = None
        self._suggestion_cache = None
        self.documentsChanged.emit()
        self.spansChanged.emit()
        self.suggestionsChanged.emit()
        self.statusChanged.emit()


def _text_order(span: SpanData) -> tuple[int, int, int]:
    return span.start, span.end, span.id
