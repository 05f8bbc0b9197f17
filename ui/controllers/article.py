"""Draw the current document: header, spans, suggestions, status — from the session.

The presenter never writes. It reacts to the session's signals and rebuilds only what a
change touched (span views are cached per immutable record, so labelling one span in an
article of thousands rebuilds one view).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolTip, QWidget

from annotator.labelsets import Label, LabelSet
from annotator.records import SpanData
from annotator.store import StoreError
from ui.controllers.base import Controller, tr_
from ui.richtext import plain_tooltip
from ui.session import SpanDelta
from ui.textview import SpanView

if TYPE_CHECKING:
    from ui.mainwindow import MainWindow

_LRI, _PDI = "\u2066", "\u2069"
BULK_DELTA = 200  # an edit changing more spans than this re-lists them (one model reset)


class HeaderBar(QWidget):
    """ "2 / 4" and the title as two labels: the counter is isolated left-to-right (never
    "4 / 2" beside an Arabic title) and only the title is elided when space runs out."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counter = QLabel(self)
        self.title = QLabel(self)
        for label in (self.counter, self.title):
            label.setTextFormat(Qt.TextFormat.PlainText)  # titles are data, never markup
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Titles can be a whole sentence: never let one widen the window.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.counter)
        layout.addWidget(self.title, 1)
        self._full_title = ""

    def set_header(self, counter: str, title: str) -> None:
        self.counter.setText(f"{_LRI}{counter}{_PDI}" if counter else "")
        self.counter.setVisible(bool(counter))
        self._full_title = title
        self._elide()

    def text(self) -> str:
        """Counter and full title as one line (for tests and accessibility)."""
        counter = self.counter.text().strip(_LRI + _PDI)
        return f"{counter}   ·   {self._full_title}" if counter else self._full_title

    def full_title(self) -> str:
        return self._full_title

    def _elide(self) -> None:
        width = max(20, self.title.width())
        self.title.setText(
            self.title.fontMetrics().elidedText(
                self._full_title, Qt.TextElideMode.ElideRight, width
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()


class ArticlePresenter(Controller):
    """Keeps the view, span list, document-label panel and header in step with the session."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._span_cache: dict[int, SpanData] = {}
        self._span_views: dict[int, tuple[SpanData, SpanView]] = {}
        self._shown_suggestions: tuple[int | None, tuple[int, ...]] | None = None
        self._pending_rows: set[int] = set()
        # An edit's deltas come straight here (the full-reload signals are wired by the
        # window's _connect): the label-key path touches only what changed.
        window.session.spansUpdated.connect(self.apply_span_delta)
        window.session.rowCountsChanged.connect(self.adjust_row_counts)

    # ------------------------------------------------------------------ label lookups
    def labelset_named(self, name: str) -> LabelSet | None:
        if name == self.session.labelset.name:
            return self.session.labelset
        try:
            return self.session.store.labelset(name)  # parsed once, cached by the store
        except StoreError:
            return None

    def label_of(self, span: SpanData) -> Label | None:
        labelset = self.labelset_named(span.labelset)
        return labelset.label(span.label) if labelset else None

    def label_name(self, labelset_name: str, key: str) -> str:
        labelset = self.labelset_named(labelset_name)
        label = labelset.label(key) if labelset else None
        return label.display_name(self.window.lang) if label else key

    def span(self, span_id: int | None) -> SpanData | None:
        if span_id is None:
            return None
        return self._span_cache.get(span_id) or self.session.span(span_id)

    def forget(self, *_: object) -> None:
        """Drop cached views (label set or annotator changed: names, colours, tooltips)."""
        self._span_views = {}
        self._shown_suggestions = None

    # ------------------------------------------------------------------ redraws
    def on_document_changed(self, document_id: int | None) -> None:
        document = self.session.document
        self._span_cache.clear()
        self.view.set_article(document.text if document else "")
        self._shown_suggestions = None  # the view starts empty for a new article
        self.window.search.set_text(document.text if document else "")
        self.reload_spans()
        if document_id is not None:
            self.window.suggestions.suggest_on_open(document_id)
        self.reload_suggestions()
        self.reload_status()
        self.window.navigator.show_document(document_id)
        self.update_header()
        if document_id is not None:
            self.window.settings.set_last_position(self.session.store.target, document_id, 0)

    def update_header(self) -> None:
        document = self.session.document
        header = self.window.header
        if document is None:
            header.set_header("", tr_("No document"))
            return
        title = (document.title or document.external_id).replace("\n", " ")
        row = self.window.navigator.current_row()
        total = self.window.navigator.model.rowCount()
        header.set_header(f"{row + 1} / {total}" if row is not None else f"#{document.id}", title)
        header.setToolTip(
            plain_tooltip(f"#{document.id} · {document.corpus} · {document.external_id}")
        )

    def _span_view(self, span: SpanData) -> SpanView:
        label = self.label_of(span)
        lang = self.window.lang
        name = label.display_name(lang) if label else span.label
        color = label.color if label else "#888888"
        mine = span.annotator == self.session.annotator
        tooltip = name if mine else tr_("{0} — by {1}").format(name, span.annotator)
        for key, value in (span.attributes or {}).items():
            if value in (None, "", [], False):
                continue
            spec = next((a for a in label.attributes if a.key == key), None) if label else None
            shown = (spec.name.get(lang) or spec.name.get("en") or key) if spec else key
            if value is True:
                value = "✓"
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            tooltip += f"\n{shown}: {value}"
        if span.note:
            tooltip += "\n" + span.note
        return SpanView(span.id, span.start, span.end, color, name, tooltip, own=mine)

    def _cached_span_view(self, span: SpanData) -> SpanView:
        # Span records are immutable and replaced on every change, so a view built for
        # the same record object is still right (saves ~5 µs × thousands per action).
        cached = self._span_views.get(span.id)
        if cached is not None and cached[0] is span:
            return cached[1]
        view = self._span_view(span)
        self._span_views[span.id] = (span, view)
        return view

    def reload_spans(self) -> None:
        spans = self.session.spans()
        self._span_cache = {s.id: s for s in spans}
        if len(self._span_views) > 4 * len(spans) + 100:
            self._span_views = {}
        selected = self.view.selected_span_id()
        self.view.set_spans([self._cached_span_view(s) for s in spans])
        document = self.session.document
        self.window.span_list.set_spans(
            spans, self.session.labelset, document.text if document else None
        )
        if selected is not None and selected in self._span_cache:
            self.view.set_selected_span(selected, scroll=False)
            self.window.span_list.select_span(selected)

    def apply_span_delta(self, delta: SpanDelta) -> None:
        """An edit's spans only: the view and the span table change just those rows (no
        re-list of the article's spans, no model reset)."""
        if len(delta.upserted) + len(delta.removed) > BULK_DELTA:
            self.reload_spans()  # label-all, accept-all: one reset beats rows one by one
            return
        shows = self.session.shows
        shown = [s for s in delta.upserted if shows(s)]
        hidden = [*delta.removed, *(s.id for s in delta.upserted if not shows(s))]
        for span_id in hidden:
            self._span_cache.pop(span_id, None)
            self._span_views.pop(span_id, None)
        for span in shown:
            self._span_cache[span.id] = span
        self.view.update_spans([self._cached_span_view(s) for s in shown], hidden)
        self.window.span_list.apply_changes(shown, hidden)
        selected = self.view.selected_span_id()
        if selected is not None and any(s.id == selected for s in shown):
            self.window.span_list.select_span(selected)  # its row may have moved

    def reload_suggestions(self) -> None:
        suggestions = self.session.suggestions()
        shown = (self.session.document_id, tuple(s.id for s in suggestions))
        if shown == self._shown_suggestions:
            return  # a span was added where no suggestion was: nothing to redraw
        self._shown_suggestions = shown
        items = []
        for sug in suggestions:
            labelset = self.labelset_named(sug.labelset)
            label = labelset.label(sug.label) if labelset else None
            name = label.display_name(self.window.lang) if label else sug.label
            tip = tr_("Suggestion: {0} (A accept, R reject)").format(name)
            items.append(
                SpanView(sug.id, sug.start, sug.end, label.color if label else "#888888", name, tip)
            )
        self.view.set_suggestions(items)
        QToolTip.hideText()  # a tooltip of an accepted or rejected suggestion is stale

    def reload_status(self) -> None:
        has_doc = self.session.document_id is not None
        self.window.doc_labels.set_values(
            self.session.status(), self.session.document_labels(), enabled=has_doc
        )

    def adjust_row_counts(self, document_id: int, mine: int, everyone: int) -> None:
        """The navigator's span count from an edit's delta (no query)."""
        if document_id not in self._pending_rows:  # else a re-read is queued anyway
            self.window.navigator.adjust_span_count(document_id, mine, everyone)

    def queue_row_refresh(self, document_id: int) -> None:
        # Coalesced: a bulk action touching many documents refreshes each row once, after
        # the action has returned (keeps the hotkey-to-paint path short).
        if not self._pending_rows:
            QTimer.singleShot(0, self._flush_row_refresh)
        self._pending_rows.add(document_id)

    def _flush_row_refresh(self) -> None:
        pending, self._pending_rows = self._pending_rows, set()
        navigator = self.window.navigator
        if len(pending) > 20:
            navigator.refresh()
        else:
            for doc in pending:
                navigator.refresh_document(doc)
        self.update_header()
