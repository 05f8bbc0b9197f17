"""Arabic normalisation and its raw-offset map (annotator.text.normalise)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.matching import find_normalized
from annotator.text.normalise import (
    Normalized,
    normalize,
    normalize_sparse,
    normalize_text,
)

FATHA, KASRA, SHADDA, SUKUN, TANWEEN_FATH = "\u064e", "\u0650", "\u0651", "\u0652", "\u064b"
TATWEEL, ZWNJ, ZWJ, LRM, RLM = "\u0640", "\u200c", "\u200d", "\u200e", "\u200f"
LAM_ALEF = "\ufefb"  # presentation form: one code point, two letters after NFKC


def test_folds_letter_variants_and_removes_marks():
    assert normalize_text("أإآٱ") == "اااا"
    assert normalize_text("على مدرسة") == "علي مدرسه"
    assert normalize_text(f"شَ{SHADDA}هِيدٌ") == "شهيد"
    assert normalize_text(f"شـ{TATWEEL}هيد") == "شهيد"
    assert normalize_text(f"ش{ZWNJ}ه{ZWJ}ي{LRM}د{RLM}") == "شهيد"
    assert normalize_text("\u0670\u06d6\u0610x") == "x"  # superscript alef, Quranic, honorific
    assert normalize_text("ی ک") == "ي ك"  # Persian keyboard letters


def test_hamza_on_waw_and_yeh_kept_by_default_folded_on_request():
    assert normalize_text("مسؤول بيئة") == "مسؤول بيئه"
    assert normalize_text("مسؤول بيئة", fold_hamza=True) == "مسوول بييه"


def test_decomposed_hamza_composes_and_maps_both_chars():
    raw = "مسو\u0654ول"  # waw + combining hamza above: the decomposed ؤ
    n = normalize(raw)
    assert n.text == "مسؤول"
    assert (n.starts[2], n.ends[2]) == (2, 4)
    assert normalize_text(raw) == "مسؤول"


def test_lam_alef_ligature_splits_to_two_chars_on_one_raw_index():
    raw = f"ب{LAM_ALEF}د"
    n = normalize(raw)
    assert n.text == "بلاد"
    assert n.starts == (0, 1, 1, 2)
    assert n.ends == (1, 2, 2, 3)
    assert n.to_raw(1, 3) == (1, 2)


def test_to_raw_absorbs_trailing_marks_but_not_leading_ones():
    raw = f"{FATHA}شهيداً{TATWEEL}{TATWEEL} و"
    n = normalize(raw)
    assert n.text == "شهيدا و"
    s, e = n.to_raw(0, 5)
    assert raw[s:e] == f"شهيداً{TATWEEL}{TATWEEL}"  # tanween and tatweel follow the last letter
    assert s == 1  # the stray leading fatha is not pulled in


def test_to_raw_does_not_absorb_format_characters():
    raw = f"شهيد{RLM} x"
    n = normalize(raw)
    assert raw.__getitem__(slice(*n.to_raw(0, 4))) == "شهيد"


def test_empty_and_plain_text():
    assert normalize("") == Normalized("", (), ())
    n = normalize("abc def")
    assert n.text == "abc def" and n.starts == tuple(range(7)) and n.ends == tuple(range(1, 8))
    assert n.to_raw(2, 2) == (2, 2)


def test_seed_text_map_is_exact(seed_text):
    n = normalize(seed_text)
    assert n.text == normalize_text(seed_text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    for i, ch in enumerate(n.text):
        assert ch in normalize_text(seed_text[n.starts[i] : n.ends[i]])


def test_find_normalized_forgives_marks_variants_and_whitespace(seed_text):
    hits = find_normalized(seed_text, "شهيدا")
    assert [seed_text[s:e] for s, e in hits] == ["شهيداً"]
    # The query may carry marks the text does not, and the other way round.
    raw = "قُتِلَ الشُّهَدَاءُ"
    assert [raw[s:e] for s, e in find_normalized(raw, "الشهداء")] == ["الشُّهَدَاءُ"]
    assert find_normalized("الشهداء", "الشُّهَدَاءُ") == [(0, 7)]
    assert find_normalized("نظام   الأسد\nنظام\tالاسد", "نظام الأسد") == [(0, 12), (13, 23)]
    assert find_normalized("abc ABC", "abc") == [(0, 3), (4, 7)]
    assert find_normalized("abc", "   ") == []


def test_find_normalized_whole_word():
    text = "الشهيدين شهيد الشهيد"
    assert find_normalized(text, "شهيد") == [(2, 6), (9, 13), (16, 20)]  # substring search
    assert find_normalized(text, "شهيد", whole_word=True) == [(9, 13)]


def test_seed_occurrences_via_find_normalized_match_a_plain_regex(seed_text):
    import re

    expected = [m.span() for m in re.finditer(r"(?<!\w)الثوار(?!\w)", seed_text)]
    assert expected and find_normalized(seed_text, "الثوار", whole_word=True) == expected


# ---------------------------------------------------------------- properties
ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىة"
MARKS = [FATHA, KASRA, SHADDA, SUKUN, TANWEEN_FATH, "\u0670", TATWEEL, "\u0654"]
ODD = [ZWNJ, ZWJ, LRM, RLM, LAM_ALEF, "\ufdf2", "\ufe70", "\U0001f600", "\u00a0", "ﻫ", "\ufeff"]

chars = st.sampled_from(list(ARABIC_LETTERS) + MARKS + ODD + [" ", "\n", "،", ".", "a", "1"])
texts = st.lists(chars, max_size=60).map("".join)


@given(texts)
@settings(max_examples=300, deadline=None)
def test_map_is_monotonic_in_range_and_exact(raw):
    n = normalize(raw)
    assert n.text == normalize_text(raw)
    assert len(n.starts) == len(n.ends) == len(n.text)
    for i in range(len(n.text)):
        assert 0 <= n.starts[i] < n.ends[i] <= len(raw)
        if i:
            assert n.starts[i - 1] <= n.starts[i]
            assert n.ends[i - 1] <= n.ends[i]
            assert n.ends[i - 1] <= n.starts[i] or n.starts[i - 1] == n.starts[i]
        # The raw chars that produced char i normalise to something containing it.
        assert n.text[i] in normalize_text(raw[n.starts[i] : n.ends[i]])


@given(texts, st.data())
@settings(max_examples=200, deadline=None)
def test_sparse_map_agrees_with_full_map(raw, data):
    n = normalize(raw)
    norm, smap = normalize_sparse(raw)
    assert norm == n.text
    if not norm:
        return
    start = data.draw(st.integers(0, len(norm) - 1))
    end = data.draw(st.integers(start + 1, len(norm)))
    assert smap.to_raw(start, end) == n.to_raw(start, end)
    assert smap.map_spans([(start, end, 7)]) == [(*n.to_raw(start, end), 7)]


@given(
    st.lists(st.sampled_from(list(ARABIC_LETTERS)), min_size=1, max_size=8).map("".join),
    st.lists(st.tuples(st.integers(0, 10), st.sampled_from(MARKS[:6])), max_size=6),
)
@settings(max_examples=200, deadline=None)
def test_marks_anywhere_in_a_word_still_find_it(word, insertions):
    decorated = list(word)
    for pos, mark in sorted(insertions, reverse=True):
        decorated.insert(min(pos, len(decorated)), mark)
    raw = "x " + "".join(decorated) + " y"
    hits = find_normalized(raw, word)
    assert hits, (raw, word)
    s, e = hits[0]
    assert normalize_text(raw[s:e]) == normalize_text(word)
    assert not unicodedata.category(raw[s]).startswith("M")  # never starts on a mark
