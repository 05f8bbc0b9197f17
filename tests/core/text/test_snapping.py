"""Selection snapping: what an annotator meant when the mouse stopped mid-word."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.text.graphemes import snap_to_graphemes
from annotator.text.snapping import is_word_char, snap_selection, word_at

TEXT = "قطع الثوار طريق «خناصر» جنوب حلب، وهو طريقُ الإمداد الوحيد 3.5 كم."


def span_of(text: str, sub: str) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def test_partial_word_expands_to_whole_word():
    s, e = span_of(TEXT, "الثوار")
    assert snap_selection(TEXT, s + 2, e - 2) == (s, e)
    assert snap_selection(TEXT, s + 1, s + 2) == (s, e)


def test_selection_across_words_expands_both_edges():
    s1, _ = span_of(TEXT, "الثوار")
    _, e2 = span_of(TEXT, "طريق ")
    assert snap_selection(TEXT, s1 + 3, e2 - 3) == (s1, e2 - 1)
    assert TEXT[s1 : e2 - 1] == "الثوار طريق"


def test_surrounding_spaces_are_trimmed_and_do_not_pull_in_next_word():
    s, e = span_of(TEXT, "جنوب")
    assert snap_selection(TEXT, s - 1, e + 1) == (s, e)


def test_diacritic_stays_with_its_word():
    s, e = span_of(TEXT, "طريقُ")
    # Selection stopped before the damma: the damma belongs to the word.
    assert snap_selection(TEXT, s, e - 1) == (s, e)
    assert TEXT[s:e].endswith("\u064f")


def test_tatweel_and_digits_are_word_chars():
    text = "قالـــت اللجنة إن 2016 كان عاماً"
    s, e = span_of(text, "قالـــت")
    assert snap_selection(text, s + 4, s + 5) == (s, e)
    s, e = span_of(text, "2016")
    assert snap_selection(text, s + 1, s + 2) == (s, e)
    assert is_word_char("\u0640") and is_word_char("٣") and not is_word_char("،")


def test_decimal_number_stays_whole():
    s, e = span_of(TEXT, "3.5")
    assert snap_selection(TEXT, s + 2, s + 3) == (s, e)


def test_quotes_chosen_by_user_are_kept():
    s, e = span_of(TEXT, "«خناصر»")
    assert snap_selection(TEXT, s, e) == (s, e)
    # Starting inside the word without the quotes: only the word.
    assert snap_selection(TEXT, s + 2, e - 2) == (s + 1, e - 1)


def test_punctuation_only_selection_stays_but_is_trimmed():
    s, _ = span_of(TEXT, "، وهو")
    assert snap_selection(TEXT, s, s + 2) == (s, s + 1)
    only_spaces = TEXT.index(" ")
    assert (
        snap_selection(TEXT, only_spaces, only_spaces + 1)[0]
        == snap_selection(TEXT, only_spaces, only_spaces + 1)[1]
    )


def test_reversed_and_out_of_range_inputs_are_clamped():
    s, e = span_of(TEXT, "حلب")
    assert snap_selection(TEXT, e - 1, s + 1) == (s, e)
    assert snap_selection(TEXT, -5, 2) == span_of(TEXT, "قطع")
    n = len(TEXT)
    assert snap_selection(TEXT, n - 2, n + 10) == (n - 3, n)  # "كم." keeps its full stop


def test_graphemes_keep_diacritics_and_emoji_sequences():
    text = "بِسْمِ 👩‍👩‍👧 🇸🇾 x"
    # Cut between ب and its kasra: moves to keep the cluster whole.
    assert snap_to_graphemes(text, 1, 2) == (0, 2)
    family = span_of(text, "👩‍👩‍👧")
    assert snap_to_graphemes(text, family[0] + 2, family[0] + 3) == family
    flag = span_of(text, "🇸🇾")
    assert snap_to_graphemes(text, flag[0] + 1, flag[1]) == flag


def test_lam_alef_is_never_split():
    text = "قال لا لَا"
    first = text.index("لا")
    assert snap_to_graphemes(text, first + 1, first + 2) == (first, first + 2)
    vowelled = text.index("لَا")
    assert snap_to_graphemes(text, vowelled + 2, vowelled + 3) == (vowelled, vowelled + 3)
    # "قال" contains ا after ق, not after ل: nothing to glue.
    assert snap_to_graphemes(text, 2, 3) == (2, 3)


def test_word_at():
    s, e = span_of(TEXT, "الثوار")
    assert word_at(TEXT, s) == (s, e)
    assert word_at(TEXT, e) == (s, e)  # caret right after the word
    assert word_at(TEXT, s + 3) == (s, e)
    assert word_at("a  b", 2) is None
    assert word_at("", 0) is None


words = st.text(
    alphabet="بتثجحخدذرزسشصضطظعغفقكلمنهويءآأإىة\u064b\u064e\u064f\u0650\u0651\u0652\u0640 ،.«»0123😀",
    min_size=0,
    max_size=40,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # shared 2-core CI
@given(words, st.integers(0, 45), st.integers(0, 45))
def test_snapping_properties(text, a, b):
    s, e = snap_selection(text, a, b)
    assert 0 <= s <= e <= len(text)
    if e > s:
        assert not text[s].isspace() and not text[e - 1].isspace()
        # Never splits a grapheme.
        bounds = {m.start() for m in regex.finditer(r"\X", text)} | {len(text)}
        assert s in bounds and e in bounds
    # Idempotent.
    assert snap_selection(text, s, e) == (s, e)
    gs, ge = snap_to_graphemes(text, a, b)
    assert gs <= min(a, b, len(text)) or gs == len(text)
    assert snap_to_graphemes(text, gs, ge) == (gs, ge)


def test_selection_started_after_a_proclitic_keeps_it_out():
    text = "قصفت والميليشيات الطائفية المدينة وبالأمس وطن"
    term = "الميليشيات الطائفية"
    s = text.index(term)
    # dragged from inside the word, after و: the clitic stays out, the rest snaps to words
    assert snap_selection(text, s, s + 14) == (s, s + len(term))
    # dragged from inside the stem: the same range, the clitic stays out (the one rule:
    # before, a drag from inside the stem took the و in and disagreed with the suggestion)
    assert snap_selection(text, s + 2, s + 5) == (s, s + len("الميليشيات"))
    # two clitics (و + ب) before the article
    b = text.index("الأمس")
    assert snap_selection(text, b, b + 2) == (b, b + len("الأمس"))
    # a stem of fewer than three letters after "و" (وطن) is never read as clitic + stem
    w = text.index("وطن")
    assert snap_selection(text, w + 1, w + 2) == (w, w + 3)
