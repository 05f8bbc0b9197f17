"""A word is a whitespace-separated token, counted exactly as ``str.split()`` would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.insight.words import count_words

SPACES = [chr(c) for c in range(0x3001) if chr(c).isspace()]
PIECES = st.sampled_from(SPACES + [" ", " ", "  ", "ال", "«", "»", "\u200c", "😀", "a", "-"])


@given(st.lists(PIECES, max_size=30).map("".join))
def test_word_count_is_the_number_of_split_tokens(text: str):
    assert count_words(text) == len(text.split())


@given(st.text())
def test_word_count_of_any_text_is_the_number_of_split_tokens(text: str):
    assert count_words(text) == len(text.split())


def test_spaces_at_the_ends_and_every_unicode_space_separate_words():
    assert count_words(" قال  ناشطون ") == 2
    assert count_words("قال ناشطون «إن» الميليشيات") == 4
    assert count_words("a\u00a0b\u2003c\nd\te\u3000f\x1cg") == 7
    assert count_words("") == count_words(None) == count_words("   ") == 0
