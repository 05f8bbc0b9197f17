"""Offset units: code points (stored), UTF-16 code units (Qt, JavaScript tools), graphemes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.text.units import (
    TextUnits,
    codepoint_to_grapheme,
    grapheme_to_codepoint,
    span_from_codepoints,
    span_to_codepoints,
)

TEXT = "بِسْمِ 😀 👩‍👩‍👧 حلب"


def utf16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def test_utf16_round_trip_and_surrogate_detection():
    units = TextUnits(TEXT)
    assert not units.is_identity and units.utf16_length == utf16(TEXT, len(TEXT))
    for cp in range(len(TEXT) + 1):
        assert units.to_utf16(cp) == utf16(TEXT, cp)
        assert units.from_utf16(units.to_utf16(cp)) == cp
    emoji = TEXT.index("😀")
    inside = utf16(TEXT, emoji) + 1
    assert units.splits_surrogate_pair(inside) and units.from_utf16_exact(inside) is None
    assert units.from_utf16(inside) == emoji  # clamped down to the character's start
    assert not units.splits_surrogate_pair(utf16(TEXT, emoji))


def test_grapheme_offsets_keep_letters_with_their_marks_and_emoji_whole():
    units = TextUnits(TEXT)
    assert units.to_graphemes(0) == 0 and units.to_graphemes(2) == 1  # ب + kasra is one
    assert units.splits_grapheme(1) and not units.splits_grapheme(2)
    family = TEXT.index("👩")
    g = units.to_graphemes(family)
    assert units.from_graphemes(g) == family and units.from_graphemes(g + 1) == family + 5
    assert units.splits_grapheme(family + 2)
    assert units.to_graphemes(len(TEXT)) == units.grapheme_length
    with pytest.raises(ValueError, match="inside a grapheme"):
        codepoint_to_grapheme(TEXT, 1)
    assert grapheme_to_codepoint(TEXT, units.grapheme_length + 1) is None


def test_spans_convert_in_every_unit():
    s, e = TEXT.index("حلب"), len(TEXT)
    for unit in ("codepoints", "utf16", "graphemes"):
        assert span_to_codepoints(TEXT, *span_from_codepoints(TEXT, s, e, unit), unit) == (s, e)
    with pytest.raises(ValueError, match="unknown offset unit"):
        span_to_codepoints(TEXT, 0, 1, "bytes")
    with pytest.raises(ValueError, match="surrogate pair"):
        span_to_codepoints(TEXT, utf16(TEXT, TEXT.index("😀")) + 1, 20, "utf16")


@given(st.text(max_size=40))
def test_conversions_are_monotonic_and_invertible(text):
    units = TextUnits(text)
    previous = -1
    for cp in range(len(text) + 1):
        u = units.to_utf16(cp)
        assert u > previous and units.from_utf16(u) == cp
        previous = u
        g = units.to_graphemes(cp)
        assert units.from_graphemes(g) <= cp
