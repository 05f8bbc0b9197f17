"""Lexicon suggestions in the database: propose, review (accept / reject), bulk-label.

A suggestion belongs to the document, not to an annotator: one lexicon run serves the
whole team. Each annotator's view of them is computed at listing time — a suggestion
disappears for an annotator who rejected it or who already has the same span (same
label and range), and stays visible to everyone else. So storing never looks at spans;
it is idempotent through the (document, label, start, end) unique constraint (existing
rows are skipped), which makes re-running a lexicon over a corpus cheap and safe.

Every public function that writes does so in one transaction.

A suggestion stores the text it covered. If a document's text is later replaced
(``import --update`` on a document without spans), its old suggestions would point at the
wrong characters: they are ignored everywhere (listing, counting, accepting) because
their text no longer matches the document, and the next lexicon run deletes them, with
the rejections made on them, before storing the new matches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from annotator.records import SpanData, SuggestionData
from annotator.storage.tables import REJECTION, SUGGESTION  # noqa: F401 - tests use them
from annotator.store import Store, StoreError
from annotator.text.clitics import DEFAULT_PROCLITICS
from annotator.text.matching import Match, Matcher, one_per_range, term_finder

BATCH_SIZE = 200

Progress = Callable[[int, int], Any]  # (documents done, total documents)


def _label_ids(store: Store, matcher: Matcher, labelset) -> dict[str, int]:
    """Label key (as the lexicon spells it, aliases allowed) → label id; refuses unknown keys
    before anything is written."""
    unknown = [key for key in matcher.labels if labelset.resolve(key) is None]
    if unknown:
        raise StoreError(
            f"label(s) {', '.join(unknown)} not in label set {labelset.name!r} "
            f"(known: {', '.join(labelset.keys)})"
        )
    return {key: store.label_id(labelset, key) for key in matcher.labels}


def _documents(
    store: Store, document_ids: Sequence[int] | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[list[tuple[int, str]]]:
    """(id, text) batches in id order; keyset paging keeps memory flat on any corpus size."""
    return store.repos.documents.texts(document_ids, batch_size)


def label_rank(labelset) -> Callable[[str], tuple[int, int]]:
    """Which label's suggestion wins a range several labels' terms cover: the highest
    ``priority`` in the label set, then the label listed first (aliases count as their
    label; a key the set does not know ranks last)."""
    order = {label.key: (-label.priority, i) for i, label in enumerate(labelset.labels)}
    last = (0, len(order))

    def rank(key: str) -> tuple[int, int]:
        return order.get(labelset.resolve(key) or key, last)

    return rank


def match_suggestions(text: str, matcher: Matcher, labelset) -> list[Match]:
    """The lexicon's suggestions for one text: the label set's proclitic rule, one
    suggestion per range (see :func:`label_rank`)."""
    found = matcher.for_rule(labelset.proclitics).find(text)
    return one_per_range(found, label_rank(labelset))


def _match_rows(
    text: str, matcher: Matcher, label_ids: dict[str, int], canonical: dict[str, str], labelset
) -> dict[tuple[int, int, int], tuple[str, str]]:
    """(label id, start, end) → (canonical label key, term), one row per range."""
    return {
        (label_ids[m.label], m.start, m.end): (canonical.get(m.label, m.label), m.term)
        for m in match_suggestions(text, matcher, labelset)
    }


# ---------------------------------------------------------------------------- storing
def iter_suggest_corpus(
    store: Store,
    matcher: Matcher,
    labelset,
    *,
    source: str = "",
    document_ids: Sequence[int] | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Counter[str]]:
    """Store suggestions document by document; yields, per document, new rows per label.

    One transaction per batch of documents: a crash loses at most the batch in flight,
    and a re-run completes it without duplicates (one suggestion per range, also across
    runs of the lexicon).
    """
    label_ids = _label_ids(store, matcher, labelset)
    canonical = {key: labelset.resolve(key) for key in label_ids}
    own_labels = set(label_ids.values())
    for batch in _documents(store, document_ids, batch_size):
        found = {
            doc_id: _match_rows(text, matcher, label_ids, canonical, labelset)
            for doc_id, text in batch
        }
        added = store.repos.suggestions.store(
            dict(batch),
            {
                doc_id: [(lid, s, e, term) for (lid, s, e), (_key, term) in rows.items()]
                for doc_id, rows in found.items()
            },
            source,
            own_labels,
        )
        for doc_id, _text in batch:
            counts: Counter[str] = Counter()
            for (label_id, start, end), (key, _term) in found[doc_id].items():
                if (doc_id, label_id, start, end) in added:
                    counts[key] += 1
            yield counts


def suggest_document(
    store: Store, document_id: int, matcher: Matcher, labelset, *, source: str = ""
) -> int:
    """Store the lexicon's matches in one document as suggestions; returns how many were new."""
    if store.document(document_id) is None:  # raises StoreError for an unknown id
        return 0
    return sum(
        sum(c.values())
        for c in iter_suggest_corpus(
            store, matcher, labelset, source=source, document_ids=[document_id]
        )
    )


def suggest_corpus(
    store: Store,
    matcher: Matcher,
    labelset,
    progress: Progress | None = None,
    *,
    source: str = "",
    batch_size: int = BATCH_SIZE,
) -> int:
    """Suggestions for every document; ``progress(done, total)`` after each document."""
    total = store.document_count()
    created = 0
    for done, counts in enumerate(
        iter_suggest_corpus(store, matcher, labelset, source=source, batch_size=batch_size),
        start=1,
    ):
        created += sum(counts.values())
        if progress is not None:
            progress(done, total)
    return created


# ---------------------------------------------------------------------------- listing
def suggestions_for(
    store: Store, document_id: int, annotator: str, *, include_labelled: bool = False
) -> list[SuggestionData]:
    """The document's suggestions this annotator still has to decide on, by position.

    ``include_labelled`` keeps those the annotator already has as spans (only rejections
    are left out): the app caches that list and hides labelled ones itself, so adding a
    span does not cost a query.
    """
    annotator_id = store.annotator_id(annotator, create=False)
    return store.repos.suggestions.for_document(
        document_id, annotator_id, include_labelled=include_labelled
    )


def suggestion_count(
    store: Store, annotator: str | None = None, document_id: int | None = None
) -> int:
    """How many suggestions are pending (for an annotator) in a document or the corpus."""
    annotator_id = store.annotator_id(annotator, create=False) if annotator else None
    return store.repos.suggestions.count(annotator_id, document_id)


# ---------------------------------------------------------------------------- review
def _rows(store: Store, suggestion_ids: Iterable[int]) -> list:
    return store.repos.suggestions.rows(suggestion_ids)


def _existing_spans(store: Store, annotator_id: int, document_ids: Iterable[int]) -> set[tuple]:
    return store.repos.spans.existing_keys(annotator_id, document_ids)


def accept(store: Store, suggestion_ids: Iterable[int], annotator: str) -> list[SpanData]:
    """Turn suggestions into the annotator's spans (one transaction); already existing spans
    are skipped, so accepting twice is harmless. Returns the spans created."""
    rows = _rows(store, suggestion_ids)
    if not rows:
        return []
    annotator_id = store.annotator_id(annotator)
    assert annotator_id is not None
    existing = _existing_spans(store, annotator_id, [r.document_id for r in rows])
    specs = []
    for r in rows:
        key = (r.document_id, r.label_id, r.start, r.end)
        if key in existing:
            continue
        existing.add(key)
        specs.append(
            dict(
                document_id=r.document_id,
                annotator=annotator,
                labelset=store.labelset(r.labelset, r.version),
                label=r.label,
                start=r.start,
                end=r.end,
            )
        )
    return store.add_spans(specs) if specs else []


def reject(store: Store, suggestion_ids: Iterable[int], annotator: str) -> int:
    """Remember that the annotator said no; the suggestions stop showing for them only.
    Returns how many rejections were new."""
    rows = _rows(store, suggestion_ids)
    if not rows:
        return 0
    annotator_id = store.annotator_id(annotator)
    assert annotator_id is not None
    return store.repos.suggestions.reject(rows, annotator_id)


def unreject(store: Store, suggestion_ids: Iterable[int], annotator: str) -> None:
    """Undo :func:`reject`: the suggestions show again for this annotator."""
    rows = _rows(store, suggestion_ids)
    annotator_id = store.annotator_id(annotator, create=False)
    if not rows or annotator_id is None:
        return
    store.repos.suggestions.unreject(rows, annotator_id)


def rejected_ranges(
    store: Store, annotator: str, document_ids: Iterable[int]
) -> set[tuple[int, int, int]]:
    """(document, start, end) of every suggestion range the annotator rejected (any label)
    in those documents: what a bulk action must not silently label again."""
    annotator_id = store.annotator_id(annotator, create=False)
    if annotator_id is None:
        return set()
    return store.repos.suggestions.rejected_ranges(annotator_id, document_ids)


def term_suggestions(
    store: Store, term: str, label: str, annotator: str, *, labelset: str | None = None
) -> list[tuple[int, int]]:
    """(suggestion id, document id) of the term's pending suggestions with that label in
    the whole corpus, minus the annotator's rejections: what an undoable corpus-wide
    accept in the app needs (it accepts exactly these ids, and can undo them)."""
    annotator_id = store.annotator_id(annotator, create=False)
    rows = store.repos.suggestions.of_term(term, label, annotator_id, labelset)
    return [(row.id, row.document_id) for row in rows]


def count_term_in_corpus(
    store: Store, term: str, label: str, annotator: str, *, labelset: str | None = None
) -> int:
    """How many spans :func:`accept_term_in_corpus` would create (for the confirmation):
    the term's pending suggestions with that label, minus the annotator's rejections."""
    annotator_id = store.annotator_id(annotator, create=False)
    return store.repos.suggestions.count_of_term(term, label, annotator_id, labelset)


def accept_term_in_corpus(
    store: Store, term: str, label: str, annotator: str, *, labelset: str | None = None
) -> int:
    """Accept every pending suggestion of ``term`` with ``label`` in the whole corpus.

    Suggestions the annotator rejected one by one stay rejected: a bulk action should
    not undo individual decisions. Returns the number of spans created.
    """
    annotator_id = store.annotator_id(annotator)
    assert annotator_id is not None
    rows = store.repos.suggestions.of_term(term, label, annotator_id, labelset)
    return store.repos.spans.add_new(
        annotator_id, ((r.document_id, r.label_id, r.start, r.end, r.text) for r in rows)
    )


def iter_accept_corpus(
    store: Store, matcher: Matcher, labelset, annotator: str, *, batch_size: int = BATCH_SIZE
) -> Iterator[Counter[str]]:
    """Lexicon matches stored directly as the annotator's spans (``suggest --accept``);
    yields new spans per label for each document. Re-running creates no duplicates."""
    label_ids = _label_ids(store, matcher, labelset)
    canonical = {key: labelset.resolve(key) for key in label_ids}
    annotator_id = store.annotator_id(annotator)
    assert annotator_id is not None
    for batch in _documents(store, None, batch_size):
        rows = []
        per_doc = []
        existing = _existing_spans(store, annotator_id, [doc_id for doc_id, _ in batch])
        for doc_id, text in batch:
            counts: Counter[str] = Counter()
            for (label_id, start, end), (key, _term) in _match_rows(
                text, matcher, label_ids, canonical, labelset
            ).items():
                if (doc_id, label_id, start, end) not in existing:
                    rows.append((doc_id, label_id, start, end, text[start:end]))
                    counts[key] += 1
            per_doc.append(counts)
        store.repos.spans.add_new(annotator_id, rows)
        yield from per_doc


# ---------------------------------------------------------------------------- label all
def find_occurrences(
    store: Store, document_id: int | None, text: str, labelset=None
) -> Iterator[tuple[int, int, int]]:
    """(document, start, end) of every whole-word occurrence of ``text`` (normalised
    comparison: diacritics, tatweel and letter variants forgiven) in one document or, with
    ``document_id=None``, the whole corpus (streamed).

    Occurrences are found exactly as a lexicon suggestion of ``text`` would be
    (:func:`annotator.text.matching.term_finder`): "والميليشيات الطائفية" holds an
    occurrence of "الميليشيات الطائفية", with the clitic outside the span under the label
    set's ``proclitics: outside`` rule (the default) and inside under ``inside``; the
    tanween alef (شهيداً for شهيد) is inside the span.
    """
    rule = labelset.proclitics if labelset is not None else DEFAULT_PROCLITICS
    find = term_finder(text, proclitics=rule)
    ids = None if document_id is None else [document_id]
    for batch in _documents(store, ids):
        for doc_id, doc_text in batch:
            for start, end in find(doc_text):
                yield doc_id, start, end


def _new_occurrences(
    store: Store, document_id: int | None, text: str, label: str, labelset, annotator: str
) -> tuple[int, list[tuple[int, int, int]]]:
    label_id = store.label_id(labelset, label)  # StoreError for an unknown label
    found = list(find_occurrences(store, document_id, text, labelset))
    annotator_id = store.annotator_id(annotator, create=False)
    if annotator_id is None or not found:
        return label_id, found
    existing = _existing_spans(store, annotator_id, [d for d, _, _ in found])
    return label_id, [(d, s, e) for d, s, e in found if (d, label_id, s, e) not in existing]


def label_all_occurrences(
    store: Store,
    document_id: int | None,
    text: str,
    label: str,
    labelset,
    annotator: str,
    preview: bool = True,
) -> list[tuple[int, int, int]]:
    """Every occurrence of the same normalised text (whole words) that the annotator has not
    labelled ``label`` yet, as (document, start, end). ``preview=True`` writes nothing;
    ``preview=False`` creates those spans (one transaction) and returns them."""
    if preview:
        return _new_occurrences(store, document_id, text, label, labelset, annotator)[1]
    return [
        (s.document_id, s.start, s.end)
        for s in label_all_occurrences_write(store, document_id, text, label, labelset, annotator)
    ]


def label_all_occurrences_write(
    store: Store, document_id: int | None, text: str, label: str, labelset, annotator: str
) -> list[SpanData]:
    """The write variant of :func:`label_all_occurrences`: returns the spans created."""
    _label_id, found = _new_occurrences(store, document_id, text, label, labelset, annotator)
    specs = [
        dict(document_id=d, annotator=annotator, labelset=labelset, label=label, start=s, end=e)
        for d, s, e in found
    ]
    return store.add_spans(specs) if specs else []


__all__ = [
    "accept",
    "accept_term_in_corpus",
    "count_term_in_corpus",
    "find_occurrences",
    "iter_accept_corpus",
    "iter_suggest_corpus",
    "label_all_occurrences",
    "label_rank",
    "match_suggestions",
    "label_all_occurrences_write",
    "reject",
    "rejected_ranges",
    "suggest_corpus",
    "suggest_document",
    "suggestion_count",
    "suggestions_for",
    "unreject",
]
