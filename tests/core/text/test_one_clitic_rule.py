"""One proclitic rule: a selection over a word stores exactly what the matcher suggests.

For every term of the shipped label sets, written with every clitic the rule knows (و ف,
ب ك ل, the article, ل + ال written لل), with diacritics and tatweel sprinkled in and the
tanween alef where the word takes one: a double-click anywhere on the written word and a
drag starting anywhere inside it select exactly the range the lexicon matcher suggests,
under both settings of the label set's ``proclitics`` key.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotator.labelsets import LabelSet, load_labelset
from annotator.lexicon import matcher_for_labelset, snapper_for_labelset
from annotator.paths import shipped_labelsets_dir
from annotator.text.chars import takes_tanween_alef
from annotator.text.clitics import is_definite, letters
from annotator.text.matching import Match, find_term
from annotator.text.snapping import Snapper, snap_selection

MARKS = [
    "\u064e",
    "\u064f",
    "\u0650",
    "\u0651",
    "\u0652",
    "\u064b",
    "\u064c",
    "\u064d",
    "\u0640",
    "\u0670",
]
CONJ = ["", "و", "ف"]
PREP = ["", "ب", "ك", "ل"]


@functools.cache
def shipped_sets() -> tuple[LabelSet, ...]:
    paths = sorted(Path(shipped_labelsets_dir()).glob("*.yaml"))
    return tuple(s for s in map(load_labelset, paths) if any(lb.terms for lb in s.labels))


def shipped_terms() -> list[tuple[str, str]]:
    """(label set name, term) for every distinct term of the shipped label sets."""
    seen: dict[tuple[str, str], None] = {}
    for labelset in shipped_sets():
        for label in labelset.labels:
            for term in label.terms:
                seen[(labelset.name, term)] = None
    return list(seen)


@functools.cache
def labelset_with(name: str, rule: str) -> LabelSet:
    labelset = next(s for s in shipped_sets() if s.name == name)
    return replace(labelset, proclitics=rule)


@functools.cache
def tools(name: str, rule: str):
    labelset = labelset_with(name, rule)
    matcher = matcher_for_labelset(labelset)
    return matcher, snapper_for_labelset(labelset, matcher)


def written(term: str, conj: str, prep: str, article: bool) -> str:
    """How Arabic writes the term behind these clitics (ل + ال loses the alef, and one
    more lam when the stem starts with ل)."""
    if article and not is_definite(term):
        term = "ال" + term
    if prep == "ل" and is_definite(term):
        stem = term[2:]
        return conj + ("ل" + stem if stem.startswith("ل") else "لل" + stem)
    return conj + prep + term


@st.composite
def surfaces(draw, term: str) -> str:
    conj, prep = draw(st.sampled_from(CONJ)), draw(st.sampled_from(PREP))
    word = written(term, conj, prep, draw(st.booleans()))
    if draw(st.booleans()) and takes_tanween_alef(letters(term)):
        word += draw(st.sampled_from(["ا", "اً", "ًا"]))
    # Diacritics / tatweel after some letters (never before the first one).
    out = [word[0]]
    for ch in word[1:]:
        out.append(ch)
        if ch != " " and draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(MARKS)))
    return "".join(out).replace("\u0640\u0640", "\u0640")


def suggestion(matches: list[Match], term: str, lo: int, hi: int) -> Match | None:
    """The term's match that covers the written surface [lo, hi)."""
    found = [m for m in matches if m.term == term and lo <= m.start and m.end == hi]
    return found[0] if found else None


@pytest.mark.parametrize("rule", ["outside", "inside"])
@pytest.mark.parametrize(("labelset_name", "term"), shipped_terms())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_gestures_over_a_written_term_select_exactly_its_suggestion(
    labelset_name, term, rule, data
):
    matcher, snapper = tools(labelset_name, rule)
    surface = data.draw(surfaces(term), label="surface")
    text = f"قال المراسل: {surface}، ثم مضى."
    lo = text.index(surface)
    hi = lo + len(surface)
    m = suggestion(matcher.find(text), term, lo, hi)
    assume(m is not None)  # a variant the rule does not allow (clitics on a 2-letter stem)
    assert m is not None
    if rule == "inside":
        assert (m.start, m.end) == (lo, hi)
    first_end = text.index(" ", lo) if " " in surface else hi
    last_start = text.rindex(" ", lo, hi) + 1 if " " in surface else lo
    # Drag: from anywhere inside the first written word to anywhere inside the last.
    start = data.draw(st.integers(lo, first_end - 1), label="drag start")
    end = data.draw(st.integers(max(last_start + 1, start + 1), hi), label="drag end")
    reverse = data.draw(st.booleans(), label="dragged backwards")
    a, b = (end, start) if reverse else (start, end)
    assert snapper.snap(text, a, b, "drag") == (m.start, m.end)
    assert snapper.snap(text, a, b, "keyboard") == (m.start, m.end)
    # Double-click anywhere on the first word: the word, starting where the suggestion does.
    pos = data.draw(st.integers(lo, first_end - 1), label="double-click")
    word = snapper.snap(text, pos, pos, "double_click")
    assert word[0] == m.start
    if " " not in surface:
        assert word == (m.start, m.end)
    # Label-all from the suggested text finds this very range.
    assert (m.start, m.end) in find_term(text, text[m.start : m.end], proclitics=rule) or (
        m.start,
        m.end,
    ) in find_term(text, term, proclitics=rule)


TEXT = "قصفت والميليشيات الطائفية المدينة وللثوار وبالأمس وطن"


def test_outside_rule_leaves_joined_conjunction_and_preposition_out():
    s = TEXT.index("الميليشيات")
    for gesture, (a, b) in [
        ("double_click", (s + 3, s + 3)),
        ("drag", (s - 1, s + 14)),
        ("keyboard", (s + 2, s + 20)),
    ]:
        got = snap_selection(TEXT, a, b, "outside", gesture)  # type: ignore[arg-type]
        assert TEXT[got[0] : got[1]] in ("الميليشيات", "الميليشيات الطائفية")
        assert got[0] == s
    t = TEXT.index("وللثوار")
    assert snap_selection(TEXT, t + 4, t + 4, "outside", "double_click") == (t + 3, t + 7)
    b = TEXT.index("وبالأمس")
    assert snap_selection(TEXT, b + 5, b + 5, "outside", "double_click") == (b + 2, b + 7)
    # و that is the stem's own first letter stays: وطن is not و + طن.
    w = TEXT.index("وطن")
    assert snap_selection(TEXT, w + 1, w + 1, "outside", "double_click") == (w, w + 3)


def test_inside_rule_keeps_the_whole_written_word():
    s = TEXT.index("والميليشيات")
    for gesture, (a, b) in [
        ("double_click", (s + 5, s + 5)),
        ("drag", (s + 1, s + 14)),
        ("keyboard", (s + 3, s + 4)),
    ]:
        got = snap_selection(TEXT, a, b, "inside", gesture)  # type: ignore[arg-type]
        assert got[0] == s
    assert find_term(TEXT, "الميليشيات الطائفية", proclitics="inside") == [
        (s, s + len("والميليشيات الطائفية"))
    ]
    assert find_term(TEXT, "الميليشيات الطائفية", proclitics="outside") == [
        (s + 1, s + len("والميليشيات الطائفية"))
    ]


def test_lexicon_decides_clitics_the_article_rule_cannot_see():
    """وشهداء: و could be the stem's first letter; the lexicon knows شهداء, so the
    double-click stores what the suggestion stores. Without the lexicon, only a drag that
    starts after the و says so."""
    labelset = labelset_with("media-bias-ar", "outside")
    snapper = snapper_for_labelset(labelset)
    text = "سقط وشهداء كثر"
    w = text.index("وشهداء")
    assert snapper.snap(text, w + 3, w + 3, "double_click") == (w + 1, w + 6)
    assert Snapper().snap(text, w + 3, w + 3, "double_click") == (w, w + 6)
    assert Snapper().snap(text, w + 1, w + 4, "drag") == (w + 1, w + 6)


def test_exact_gesture_keeps_characters_but_never_edge_whitespace():
    text = "قال  طائفية  أمس"
    s = text.index("طائفية")
    assert snap_selection(text, s - 2, s + 8, gesture="exact") == (s, s + 6)
    assert snap_selection(text, s + 1, s + 3, gesture="exact") == (s + 1, s + 3)
    assert snap_selection(text, s - 2, s - 1, gesture="exact") == (s - 1, s - 1)


def test_hand_label_and_accepted_suggestion_agree_on_the_seed(seed_text):
    """Labelling «والميليشيات الطائفية» by hand used to store the و (a drag from the و,
    or from inside the stem) while its suggestion did not."""
    labelset = labelset_with("media-bias-ar", "outside")
    matcher, snapper = tools("media-bias-ar", "outside")
    suggested = {
        (m.start, m.end) for m in matcher.find(seed_text) if m.term == "الميليشيات الطائفية"
    }
    assert len(suggested) == 3 and labelset.proclitics == "outside"
    for start, end in suggested:
        assert seed_text[start - 1] == "و"
        for a in (start - 1, start, start + 4):
            assert snapper.snap(seed_text, a, end - 2, "drag") == (start, end)


def test_article_form_counts_clitic_forms_as_their_article_word():
    from annotator.text.clitics import article_form

    assert article_form("والثوار") == article_form("بالثوار") == article_form("للثوار") == "الثوار"
    assert article_form("للانتخابات") == "الانتخابات"  # the span starts at a lam; the key does not
    assert article_form("وصول") == "وصول" and article_form("والد") == "والد"
