"""Span realignment: each failure mode seen in real shared-task data, rebuilt by hand."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotator.realign import (
    RULES,
    Placement,
    boundary_warnings,
    occurrences,
    place_span,
    place_spans,
    unit_evidence,
)
from annotator.text.units import codepoint_to_utf16, convert_utf16_span, utf16_to_codepoint


def utf16_span(text: str, start: int, end: int) -> tuple[int, int]:
    """What a UTF-16 tool (browser, Java, Qt) would have written, computed independently."""
    return len(text[:start].encode("utf-16-le")) // 2, len(text[:end].encode("utf-16-le")) // 2


# ----------------------------------------------------------------------------- exact / utf16

EMOJI_TEXT = (
    "قال المتحدث إن الميليشيات الطائفية 😡 هاجمت الحي 🇸🇾 ثم 👍🏽 وصف الثوار بأنهم إرهابيين 😀😀"
)


def test_exact_match_is_returned_untouched() -> None:
    span = "الميليشيات الطائفية"
    s = EMOJI_TEXT.index(span)
    assert place_span(EMOJI_TEXT, s, s + len(span), span) == Placement(s, s + len(span), "exact")


def test_span_before_the_emoji_is_exact_even_given_as_utf16() -> None:
    # No astral character precedes it, so UTF-16 and code-point offsets coincide.
    span = "الميليشيات"
    s = EMOJI_TEXT.index(span)
    us, ue = utf16_span(EMOJI_TEXT, s, s + len(span))
    assert (us, ue) == (s, s + len(span))
    assert place_span(EMOJI_TEXT, us, ue, span) == Placement(s, s + len(span), "exact")


def test_utf16_offsets_after_several_emoji_are_converted() -> None:
    span = "إرهابيين"
    s = EMOJI_TEXT.index(span)
    e = s + len(span)
    us, ue = utf16_span(EMOJI_TEXT, s, e)
    # 😡, two regional indicators and 👍 + skin tone = 5 astral characters before the span.
    assert us - s == 5
    assert place_span(EMOJI_TEXT, us, ue, span) == Placement(s, e, "utf16")


def test_utf16_span_containing_an_emoji() -> None:
    text = "😀 أنا 😡 غاضب"
    span = "😡 غاضب"
    s = text.index(span)
    us, ue = utf16_span(text, s, s + len(span))
    assert place_span(text, us, ue, span) == Placement(s, s + len(span), "utf16")


def test_utf16_rule_never_claims_a_text_without_astral_characters() -> None:
    text = "الثوار في حلب والثوار في إدلب"
    span = "إدلب"
    s = text.index(span)
    got = place_span(text, s + 2, s + 2 + len(span), span)
    assert got == Placement(s, s + len(span), "nearest")


# ----------------------------------------------------------------------------- nearest


def test_username_shortened_after_annotation_shifts_later_spans() -> None:
    original = "@someone_long_name_1987 يقول إن قوات الأسد ارتكبت مجزرة بحق المدنيين"
    released = original.replace("@someone_long_name_1987", "@USER")
    delta = len("@someone_long_name_1987") - len("@USER")
    span = "قوات الأسد"
    s_orig = original.index(span)
    got = place_span(released, s_orig, s_orig + len(span), span)
    assert got == Placement(s_orig - delta, s_orig - delta + len(span), "nearest")
    assert released[got.start : got.end] == span


def test_url_replaced_by_link_shifts_later_spans_only() -> None:
    url = "https://t.co/AbCdEf12345"
    original = f"عصابات الأسد {url} تقصف حلب والثوار يصمدون"
    released = original.replace(url, "LINK")
    before, after = "عصابات الأسد", "الثوار"
    b = original.index(before)
    a = original.index(after)
    assert place_span(released, b, b + len(before), before).rule == "exact"
    got = place_span(released, a, a + len(after), after)
    assert got is not None and got.rule == "nearest"
    assert got.start == released.index(after)
    assert a - got.start == len(url) - len("LINK")


def test_shift_on_real_article(seed_text: str) -> None:
    span = "الميليشيات الطائفية"
    s = seed_text.index(span)
    shifted = "@USER " + seed_text  # something inserted in front after annotation
    got = place_span(shifted, s, s + len(span), span)
    assert got is not None and got.rule in ("nearest", "exact")
    assert shifted[got.start : got.end] == span
    # The nearest occurrence to the old start, whichever it is, is 6 code points later.
    assert got.start == s + 6


def test_ambiguous_span_nearest_occurrence_wins() -> None:
    text = "الثوار تقدموا اليوم في ريف حلب الجنوبي بينما الثوار في إدلب صامدون"
    first = text.index("الثوار")
    second = text.index("الثوار", first + 1)
    # A wrong start close to the second occurrence picks the second one.
    got = place_span(text, second - 3, second - 3 + 6, "الثوار")
    assert got == Placement(second, second + 6, "nearest")
    got = place_span(text, first + 2, first + 8, "الثوار")
    assert got == Placement(first, first + 6, "nearest")


def test_ambiguous_tie_goes_to_the_earlier_occurrence() -> None:
    text = "ab XX cd XX ef"
    first, second = 3, 9
    mid = (first + second) // 2  # 6: equally far from both
    assert place_span(text, mid, mid + 2, "XX") == Placement(first, first + 2, "nearest")


def test_offsets_out_of_range_still_place_by_text() -> None:
    text = "نظام الأسد يقصف"
    assert place_span(text, 500, 510, "يقصف") == Placement(11, 15, "nearest")
    assert place_span(text, -4, -1, "نظام") == Placement(0, 4, "nearest")


def test_unplaceable_span_is_none() -> None:
    text = "الثوار في حلب"
    assert place_span(text, 0, 5, "إدلب") is None
    assert place_span(text, 0, 0, "") is None
    assert place_span("", 0, 3, "abc") is None
    # A span of diacritics only has nothing to match once normalised.
    assert place_span(text, 0, 1, "\u064e") is None


def test_occurrences_counts_overlaps() -> None:
    assert occurrences("aaaa", "aa") == 3
    assert occurrences("الثوار والثوار", "الثوار") == 2
    assert occurrences("abc", "") == 0


# ----------------------------------------------------------------------------- normalized


def test_span_without_tashkeel_in_a_vocalised_text() -> None:
    text = "سقط الشَّهِيدُ في حلب"
    got = place_span(text, 0, 6, "الشهيد")
    assert got is not None and got.rule == "normalized"
    # Raw offsets, trailing damma of the last letter included.
    assert text[got.start : got.end] == "الشَّهِيدُ"
    assert got.start == text.index("الشَّهِيدُ")


def test_span_with_tashkeel_in_a_bare_text() -> None:
    text = "سقط الشهيد في حلب"
    got = place_span(text, 0, 10, "الشَّهِيدُ")
    assert got == Placement(4, 10, "normalized")
    assert text[got.start : got.end] == "الشهيد"


def test_tatweel_differences_both_ways() -> None:
    text = "هذا عمل إجرامـــي كبيـر"
    got = place_span(text, 0, 3, "إجرامي")
    assert got is not None and got.rule == "normalized"
    assert text[got.start : got.end] == "إجرامـــي"
    bare = "هذا عمل إجرامي كبير"
    got = place_span(bare, 0, 3, "كبيـــر")
    assert got == Placement(bare.index("كبير"), len(bare), "normalized")


def test_normalized_does_not_take_a_following_tatweel_or_letter() -> None:
    text = "شَهيدٌـ قال"
    got = place_span(text, 0, 2, "شهيد")
    assert got is not None and got.rule == "normalized"
    assert text[got.start : got.end] == "شَهيدٌ"


def test_normalized_picks_the_nearest_occurrence() -> None:
    text = "الشَّهِيدُ الأول ثم الشَّهِيدُ الثاني"
    second = text.index("الشَّهِيدُ", 3)
    got = place_span(text, second + 1, second + 7, "الشهيد")
    assert got == Placement(second, second + len("الشَّهِيدُ"), "normalized")


def test_normalized_does_not_fold_alef_forms() -> None:
    # Only diacritics and tatweel are ignored: a hamza difference is a different spelling.
    assert place_span("قال أحمد", 0, 4, "احمد") is None


def test_rules_are_declared() -> None:
    assert RULES == ("exact", "utf16", "nearest", "normalized")
    p = Placement(1, 2, "exact")
    with pytest.raises(AttributeError):
        p.start = 3  # type: ignore[misc]


# ----------------------------------------------------------------------------- UTF-16 math


def test_utf16_to_codepoint() -> None:
    text = "a😀b🇸🇾c"  # units: a=0, 😀=1-2, b=3, 🇸=4-5, 🇾=6-7, c=8; length 9
    assert [utf16_to_codepoint(text, u) for u in range(10)] == [
        0,
        1,
        None,
        2,
        3,
        None,
        4,
        None,
        5,
        6,
    ]
    assert utf16_to_codepoint(text, 10) is None
    assert utf16_to_codepoint(text, -1) is None
    assert utf16_to_codepoint("abc", 3) == 3


def test_codepoint_to_utf16_inverts() -> None:
    text = "😀x👍🏽 قال"
    for i in range(len(text) + 1):
        u = codepoint_to_utf16(text, i)
        assert u == len(text[:i].encode("utf-16-le")) // 2
        assert utf16_to_codepoint(text, u) == i
    with pytest.raises(ValueError):
        codepoint_to_utf16(text, len(text) + 1)


def test_convert_utf16_span_and_its_errors() -> None:
    text = "😀 الثوار"
    assert convert_utf16_span(text, 3, 9) == (2, 8)
    with pytest.raises(ValueError, match="start offset 1 falls inside a surrogate pair"):
        convert_utf16_span(text, 1, 5)
    with pytest.raises(ValueError, match="end offset 1 falls inside a surrogate pair"):
        convert_utf16_span(text, 0, 1)
    with pytest.raises(ValueError, match="end offset 50 is outside the text"):
        convert_utf16_span(text, 0, 50)
    with pytest.raises(ValueError, match="after its end"):
        convert_utf16_span(text, 5, 3)


def test_utf16_start_inside_surrogate_pair_falls_through_to_nearest() -> None:
    text = "😀الثوار"
    got = place_span(text, 1, 7, "الثوار")
    assert got == Placement(1, 7, "exact")
    got = place_span(text, 1, 6, "الثو")  # wrong both as code points and as UTF-16
    assert got == Placement(1, 5, "nearest")


# ----------------------------------------------------------------------------- warnings


def test_boundary_warnings_clean_span() -> None:
    text = "قال الشَّهِيدُ كلمته"
    s = text.index("الشَّهِيدُ")
    assert boundary_warnings(text, s, s + len("الشَّهِيدُ")) == []
    assert boundary_warnings(text, 0, 3) == []
    assert boundary_warnings(text, 4, 4) == []


def test_boundary_between_letter_and_shadda_fatha() -> None:
    text = "قال الشَّهِيدُ كلمته"
    shin = text.index("ش")
    # End right after the shin: its shadda and fatha are cut off.
    warns = boundary_warnings(text, text.index("ال"), shin + 1)
    assert len(warns) == 1
    assert "U+0651" in warns[0] and "U+064E" in warns[0]
    assert warns[0].startswith(f"end {shin + 1}")
    assert f"end at {shin + 3}" in warns[0]
    # Start on the shadda: the span begins with a bare diacritic.
    warns = boundary_warnings(text, shin + 1, shin + 5)
    assert any(w.startswith(f"start {shin + 1}") and "bare diacritic" in w for w in warns)
    # Between shadda and fatha is still inside the letter.
    assert boundary_warnings(text, 0, shin + 2)[0].startswith(f"end {shin + 2}")


def test_boundary_inside_emoji_zwj_sequence() -> None:
    family = "👩\u200d👩\u200d👧"
    text = f"صورة {family} من حلب"
    f0 = text.index(family)
    warns = boundary_warnings(text, 0, f0 + 2)
    assert any(w.startswith(f"end {f0 + 2} falls inside the character") for w in warns)
    assert any(f"at {f0}-{f0 + len(family)}" in w for w in warns)


def test_boundary_inside_flag_and_skin_tone() -> None:
    text = "سوريا 🇸🇾 👍🏽 نعم"
    flag = text.index("🇸🇾")
    warns = boundary_warnings(text, flag + 1, flag + 2)
    assert any(w.startswith(f"start {flag + 1} falls inside") for w in warns)
    thumb = text.index("👍")
    warns = boundary_warnings(text, thumb, thumb + 1)
    assert any(w.startswith(f"end {thumb + 1} falls inside") for w in warns)
    # The whole flag and the whole thumb are fine as clusters (only the UTF-16 hint remains).
    for s, e in ((flag, flag + 2), (thumb, thumb + 2)):
        assert not any("falls inside" in w for w in boundary_warnings(text, s, e))


def test_clean_span_after_an_emoji_is_not_flagged_as_utf16() -> None:
    # Whole words after an emoji: the emoji alone is no evidence of UTF-16 counting.
    text = "😡 الميليشيات الطائفية 😀"
    s = text.index("الميليشيات")
    assert boundary_warnings(text, s, s + 10) == []
    assert unit_evidence(text, [(s, s + 10)], "codepoints") is None
    # The same span as a UTF-16 tool wrote it cuts words when read as code points.
    hint = unit_evidence(text, [(s + 1, s + 11)], "codepoints")
    assert hint is not None and "--offsets utf16" in hint


def test_boundary_warnings_out_of_range() -> None:
    warns = boundary_warnings("abc", 2, 9)
    assert warns == ["span [2, 9) lies outside the text (length 3)"]


def test_boundary_check_far_into_a_long_paragraph() -> None:
    # Long emoji-only stretch: the scan must restart from a real boundary, not mid-cluster.
    text = "قال " + "🇸🇾" * 600 + " حلب"
    pos = 4 + 2 * 599 + 1  # inside the last flag
    warns = boundary_warnings(text, pos, len(text))
    assert any(w.startswith(f"start {pos} falls inside") for w in warns)
    assert not any("falls inside" in w for w in boundary_warnings(text, pos - 1, len(text)))


# ----------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةى")
    + ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0640"]
    + ["😀", "🇸", "🇾", "👍", "🏽", "\u200d", "👩"]
    + [" ", " ", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(_ALPHABET, min_size=1, max_size=80), data=st.data())
def test_property_utf16_offsets_place_the_same_span(text: str, data: st.DataObject) -> None:
    s = data.draw(st.integers(0, len(text) - 1))
    e = data.draw(st.integers(s + 1, len(text)))
    span = text[s:e]
    us, ue = utf16_span(text, s, e)
    # When the UTF-16 numbers happen to be a correct code-point span of the same text elsewhere,
    # "exact" legitimately wins; otherwise the span must come back exactly.
    assume((us, ue) == (s, e) or text[us:ue] != span)
    got = place_span(text, us, ue, span)
    assert got is not None
    assert (got.start, got.end) == (s, e)
    assert got.rule == ("exact" if (us, ue) == (s, e) else "utf16")


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(_ALPHABET, min_size=1, max_size=80),
    delta=st.integers(-40, 40).filter(bool),
    data=st.data(),
)
def test_property_shifted_unique_span_is_found(text: str, delta: int, data: st.DataObject) -> None:
    s = data.draw(st.integers(0, len(text) - 1))
    e = data.draw(st.integers(s + 1, len(text)))
    span = text[s:e]
    assume(occurrences(text, span) == 1)
    got = place_span(text, s + delta, e + delta, span)
    assert got is not None
    assert (got.start, got.end) == (s, e)
    assert got.rule in ("utf16", "nearest")


@settings(max_examples=200, deadline=None)
@given(text=st.text(_ALPHABET, min_size=1, max_size=60), data=st.data())
def test_property_placement_always_matches_or_normalises(text: str, data: st.DataObject) -> None:
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    span = data.draw(st.text(_ALPHABET, min_size=1, max_size=5))
    got = place_span(text, s, e, span)
    if got is None:
        return
    assert 0 <= got.start <= got.end <= len(text)
    if got.rule == "normalized":
        strip = str.maketrans(
            "", "", "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u0640"
        )
        assert text[got.start : got.end].translate(strip) == span.translate(strip)
    else:
        assert text[got.start : got.end] == span


# ----------------------------------------------------------------------------- place_spans


def test_place_spans_uses_the_record_shift_for_ambiguous_spans() -> None:
    name = "@a_very_long_username_1987"
    d = len(name) - len("@USER")
    filler = "x" * (d - 5)
    original = f"{name}: قوات الأسد تقصف والثوار يردون {filler} الثوار مجددا"
    released = original.replace(name, "@USER")
    anchor, target = "قوات الأسد", "الثوار"
    a = original.index(anchor)
    t = original.index(target)  # the first "الثوار", as annotated on the original text
    spans = [(a, a + len(anchor), anchor), (t, t + len(target), target)]
    # Alone, the wrong (second) occurrence is nearer to the stale offset.
    alone = place_span(released, t, t + len(target), target)
    assert alone is not None and alone.start == released.index(target, t - d + 1)
    both = place_spans(released, spans)
    assert both[0] == Placement(a - d, a - d + len(anchor), "nearest")
    assert both[1] == Placement(t - d, t - d + len(target), "nearest")
    assert released[both[1].start : both[1].end] == target


def test_place_spans_keeps_everything_else() -> None:
    text = "😀 الثوار في حلب"
    s = text.index("حلب")
    spans = [(s + 1, s + 4, "حلب"), (0, 0, ""), (0, 3, "إدلب"), (s, s + 3, "حلب")]
    got = place_spans(text, spans)
    assert got == [
        Placement(s, s + 3, "utf16"),
        None,
        None,
        Placement(s, s + 3, "exact"),
    ]
    assert place_spans(text, []) == []
