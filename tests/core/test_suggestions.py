"""Suggestions in the database: storing, per-annotator review, bulk labelling."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, insert, select

from annotator.labelsets import parse_labelset
from annotator.lexicon import LexiconEntry, matcher_for_labelset
from annotator.models import utcnow
from annotator.store import DOC, SPAN, StoreError
from annotator.suggestions import (
    REJECTION,
    SUGGESTION,
    accept,
    accept_term_in_corpus,
    count_term_in_corpus,
    iter_accept_corpus,
    label_all_occurrences,
    label_all_occurrences_write,
    label_rank,
    match_suggestions,
    reject,
    suggest_corpus,
    suggest_document,
    suggestion_count,
    suggestions_for,
    unreject,
)
from annotator.text.matching import Matcher
from annotator.textio import sha256_text

LABEL = "LOADED_TERM"


def add_document(store, text: str, external_id: str) -> int:
    with store.engine.begin() as conn:
        return conn.execute(
            insert(DOC).values(
                corpus="default",
                external_id=external_id,
                title=external_id,
                text=text,
                sha256=sha256_text(text),
                source="",
                meta={},
                imported_at=utcnow(),
            )
        ).inserted_primary_key[0]


def matcher(*terms: str) -> Matcher:
    return Matcher([LexiconEntry(t, LABEL) for t in terms or ("الثوار", "شهداء", "شهيد")])


def table_count(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def seeded(store, seed_text):
    doc = add_document(store, seed_text, "seed")
    return store, doc, store.labelset()


def test_suggest_document_stores_raw_offsets_and_is_idempotent(seeded, seed_text):
    store, doc, ls = seeded
    created = suggest_document(store, doc, matcher(), ls, source="test.txt")
    rebels = [m.span() for m in re.finditer(r"(?<!\w)الثوار(?!\w)", seed_text)]
    assert created >= len(rebels) + 5
    listed = suggestions_for(store, doc, "amal")
    assert len(listed) == created
    assert all(seed_text[s.start : s.end] == s.text for s in listed)
    assert {(s.start, s.end) for s in listed if s.term == "الثوار"} >= set(rebels)
    assert {s.label for s in listed} == {LABEL} and {s.source for s in listed} == {"test.txt"}
    assert [(s.start, s.end) for s in listed] == sorted((s.start, s.end) for s in listed)
    # Running again stores nothing new.
    assert suggest_document(store, doc, matcher(), ls) == 0
    assert table_count(store, SUGGESTION) == created


def test_unknown_label_or_document_is_refused(seeded):
    store, doc, ls = seeded
    with pytest.raises(StoreError, match="NOT_A_LABEL"):
        suggest_document(store, doc, Matcher([LexiconEntry("شهيد", "NOT_A_LABEL")]), ls)
    with pytest.raises(StoreError):
        suggest_document(store, 9999, matcher(), ls)
    assert table_count(store, SUGGESTION) == 0


def test_rejections_are_remembered_per_annotator_and_undoable(seeded):
    store, doc, ls = seeded
    suggest_document(store, doc, matcher(), ls)
    first, second = suggestions_for(store, doc, "amal")[:2]
    assert reject(store, [first.id, second.id], "amal") == 2
    assert reject(store, [first.id], "amal") == 0  # already rejected
    amal = {s.id for s in suggestions_for(store, doc, "amal")}
    assert first.id not in amal and second.id not in amal
    assert {first.id, second.id} <= {s.id for s in suggestions_for(store, doc, "omar")}
    # Re-running the lexicon does not bring the rejected ones back.
    suggest_document(store, doc, matcher(), ls)
    assert first.id not in {s.id for s in suggestions_for(store, doc, "amal")}
    unreject(store, [first.id], "amal")
    amal = {s.id for s in suggestions_for(store, doc, "amal")}
    assert first.id in amal and second.id not in amal
    assert table_count(store, REJECTION) == 1


def test_accept_creates_spans_once(seeded, seed_text):
    store, doc, ls = seeded
    suggest_document(store, doc, matcher(), ls)
    pending = suggestions_for(store, doc, "amal")
    chosen = pending[:3]
    spans = accept(store, [s.id for s in chosen], "amal")
    assert [(sp.start, sp.end, sp.label, sp.annotator) for sp in spans] == [
        (s.start, s.end, LABEL, "amal") for s in chosen
    ]
    assert all(sp.text == seed_text[sp.start : sp.end] for sp in spans)
    # Accepted suggestions leave amal's list, not omar's; accepting again adds nothing.
    assert len(suggestions_for(store, doc, "amal")) == len(pending) - 3
    assert len(suggestions_for(store, doc, "omar")) == len(pending)
    assert accept(store, [s.id for s in chosen], "amal") == []
    assert accept(store, [], "amal") == []
    assert len(store.spans(doc, "amal")) == 3


def test_an_existing_span_hides_the_suggestion_for_its_annotator_only(seeded, seed_text):
    store, doc, ls = seeded
    start = seed_text.index("الثوار")
    store.add_span(doc, "omar", ls, LABEL, start, start + 6)
    suggest_document(store, doc, matcher(), ls)
    assert (start, start + 6) not in {(s.start, s.end) for s in suggestions_for(store, doc, "omar")}
    assert (start, start + 6) in {(s.start, s.end) for s in suggestions_for(store, doc, "amal")}
    assert suggestion_count(store, "omar", doc) == suggestion_count(store, "amal", doc) - 1
    assert suggestion_count(store) == suggestion_count(store, "amal")


def test_suggest_corpus_streams_batches_with_progress(store, seed_text):
    docs = [add_document(store, seed_text, f"d{i}") for i in range(5)]
    docs.append(add_document(store, "لا شيء هنا", "empty"))
    ls = store.labelset()
    calls = []
    created = suggest_corpus(
        store, matcher(), ls, lambda done, total: calls.append((done, total)), batch_size=2
    )
    per_doc = len(suggestions_for(store, docs[0], "amal"))
    assert created == 5 * per_doc and per_doc > 0
    assert calls == [(i, 6) for i in range(1, 7)]
    assert suggestions_for(store, docs[-1], "amal") == []
    assert suggest_corpus(store, matcher(), ls, batch_size=4) == 0


def test_accept_term_in_corpus_counts_then_accepts(store, seed_text):
    docs = [add_document(store, seed_text, f"d{i}") for i in range(3)]
    ls = store.labelset()
    suggest_corpus(store, matcher(), ls)
    per_doc = len(re.findall(r"(?<!\w)(?:[وف]?[بك]?الثوار|[وف]?للثوار)(?!\w)", seed_text))
    assert count_term_in_corpus(store, "الثوار", LABEL, "amal") == 3 * per_doc
    # One instance rejected: the bulk action respects it.
    target = next(s for s in suggestions_for(store, docs[1], "amal") if s.term == "الثوار")
    reject(store, [target.id], "amal")
    assert count_term_in_corpus(store, "الثوار", LABEL, "amal") == 3 * per_doc - 1
    assert accept_term_in_corpus(store, "الثوار", LABEL, "amal") == 3 * per_doc - 1
    assert count_term_in_corpus(store, "الثوار", LABEL, "amal") == 0
    assert accept_term_in_corpus(store, "الثوار", LABEL, "amal") == 0
    assert count_term_in_corpus(store, "الثوار", LABEL, "omar") == 3 * per_doc
    spans = store.spans(docs[0], "amal")
    assert len(spans) == per_doc and all(sp.text in ("الثوار", "ثوار") for sp in spans)
    assert count_term_in_corpus(store, "الثوار", "OTHER", "amal") == 0


def test_iter_accept_corpus_makes_spans_without_duplicates(store, seed_text):
    doc = add_document(store, seed_text, "d")
    ls = store.labelset()
    first = sum(sum(c.values()) for c in iter_accept_corpus(store, matcher(), ls, "amal"))
    assert first == len(store.spans(doc, "amal")) > 0
    assert sum(sum(c.values()) for c in iter_accept_corpus(store, matcher(), ls, "amal")) == 0
    assert table_count(store, SUGGESTION) == 0  # spans directly, no suggestions


def test_label_all_occurrences_preview_then_write(store, seed_text):
    d1 = add_document(store, seed_text, "d1")
    d2 = add_document(store, "قال الثوار إن الثُّوّار والثوار انتصروا", "d2")
    ls = store.labelset()
    # As the lexicon suggests الثوار: after و/ف + ب/ك the article stays in the span; ل + ال
    # is written لل and the span is the stem after it (للثوار → ثوار).
    expected_d1 = [
        m.span(1) if m.group(1) else m.span(2)
        for m in re.finditer(r"(?<!\w)(?:[وف]?[بك]?(الثوار)|[وف]?لل(ثوار))(?!\w)", seed_text)
    ]
    preview = label_all_occurrences(store, d1, "الثوار", LABEL, ls, "amal")
    assert preview == [(d1, s, e) for s, e in expected_d1]
    assert table_count(store, SPAN) == 0  # a preview writes nothing
    corpus = label_all_occurrences(store, None, "الثوار", LABEL, ls, "amal")
    # والثوار holds the word الثوار: the conjunction stays outside the span.
    assert [(s, e) for d, s, e in corpus if d == d2] == [(4, 10), (14, 23), (25, 31)]
    created = label_all_occurrences(store, None, "الثوار", LABEL, ls, "amal", preview=False)
    assert created == corpus
    assert store.spans(d2, "amal")[1].text == "الثُّوّار"
    # Already labelled: nothing left to do, for amal; omar still sees them all.
    assert label_all_occurrences(store, None, "الثوار", LABEL, ls, "amal") == []
    assert len(label_all_occurrences(store, d2, "الثوار", LABEL, ls, "omar")) == 3
    spans = label_all_occurrences_write(store, d2, "الثوار", LABEL, ls, "omar")
    assert [(sp.annotator, sp.start, sp.end) for sp in spans] == [
        ("omar", 4, 10),
        ("omar", 14, 23),
        ("omar", 25, 31),
    ]
    with pytest.raises(StoreError):
        label_all_occurrences(store, d1, "الثوار", "NOT_A_LABEL", ls, "amal")


# ---------------------------------------------------------------------- one per range
def test_overlapping_lexicons_give_one_suggestion_per_range_on_the_seed(seeded, seed_text):
    """media-bias-ar lists شهداء, ثوار, نظام الأسد… under LOADED_TERM and under a more
    specific label: each range is suggested once, with the specific label."""
    store, doc, ls = seeded
    everything = matcher_for_labelset(ls).find(seed_text)
    ranges = [(m.start, m.end) for m in everything]
    assert len(ranges) > len(set(ranges))  # the shipped lexicons do overlap on the seed
    assert suggest_document(store, doc, matcher_for_labelset(ls), ls) == len(set(ranges))
    stored = suggestions_for(store, doc, "amal")
    assert len({(s.start, s.end) for s in stored}) == len(stored) == len(set(ranges))
    for s in stored:
        offered = {m.label for m in everything if (m.start, m.end) == (s.start, s.end)}
        if len(offered) > 1:
            assert s.label != "LOADED_TERM"  # the catch-all never wins over a specific one
    # A re-run adds nothing, not even the losing label.
    assert suggest_document(store, doc, matcher_for_labelset(ls), ls) == 0


def test_priority_then_label_order_decides_the_winner():
    source = """\
name: demo
version: 1
labels:
  - {key: FIRST, name: First, color: "#111111", terms: [شهداء]}
  - {key: SECOND, name: Second, color: "#222222", terms: [شهداء, الثوار]}
  - {key: THIRD, name: Third, color: "#333333", priority: 1, terms: [الثوار]}
"""
    ls = parse_labelset(source, "demo.yaml")
    text = "قال الثوار إن الشهداء كثر"
    found = match_suggestions(text, matcher_for_labelset(ls), ls)
    assert [(text[m.start : m.end], m.label) for m in found] == [
        ("الثوار", "THIRD"),
        ("الشهداء", "FIRST"),
    ]
    rank = label_rank(ls)
    assert rank("THIRD") < rank("FIRST") < rank("SECOND") < rank("UNKNOWN")
