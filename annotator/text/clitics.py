"""The one proclitic / tanween rule: which letters of a written word are not the term.

Arabic writes conjunctions (و ف), prepositions (ب ك ل) and the article (ال) joined to
the next word. Whether those joined clitics belong to a span is a property of the label
set (YAML key ``proclitics``):

* ``outside`` (default, as the shipped guidelines say): conjunction and preposition stay
  out of the span, the article stays in: «والميليشيات» → «الميليشيات». ل + ال is written
  لل (the article's alef is dropped), so «للثوار» gives «ثوار»; when the stem itself
  starts with ل (اللاجئين → للاجئين) the span starts at the remaining stem lam.
* ``inside``: the whole written word is the span.

Both the matcher (which *generates* every clitic form of a lexicon term) and selection
snapping (which *reads* a surface word) take their decisions here, so a suggestion, a
label-all hit and a hand-made selection of the same word always cover the same letters.

Further rules, shared by all: clitics are only split off stems of at least
:data:`MIN_CLITIC_STEM` letters (وطن is never و + طن), an article needs a stem of at
least two letters after it, and a boundary never falls between a lam and the alef after
it (drawn as ONE lam-alef glyph): it moves one letter earlier. The accusative tanween
alef (شهيداً for شهيد) is inside the span; it is not offered after a final alef, alef
maqsura, teh marbuta or alef + hamza.
"""

from __future__ import annotations

from typing import Literal

from annotator.text.chars import (
    ALEF,
    ARTICLE,
    CONJUNCTIONS,
    LAM,
    LAM_ARTICLE,
    TATWEEL,
    takes_tanween_alef,
)

ProcliticRule = Literal["outside", "inside"]
PROCLITIC_RULES: tuple[ProcliticRule, ...] = ("outside", "inside")
DEFAULT_PROCLITICS: ProcliticRule = "outside"

#: Shorter stems are mostly function words: never strip letters before them.
MIN_CLITIC_STEM = 3
#: Letters a stem needs after the article for the article to be read as one.
MIN_ARTICLE_STEM = 2

_CONJ = ("",) + tuple(CONJUNCTIONS)
# ب and ك join the article as written (بال، كال); ل merges with it into لل.
_PREP_BEFORE_ARTICLE = ("", "\u0628", "\u0643")
_PREPS = ("", "\u0628", "\u0643", LAM)


def check_rule(rule: str) -> ProcliticRule:
    """``rule`` if it is a known setting; ValueError naming the allowed ones otherwise."""
    for known in PROCLITIC_RULES:
        if rule == known:
            return known
    raise ValueError(
        f"unknown proclitics rule {rule!r}; expected one of {', '.join(PROCLITIC_RULES)}"
    )


def letters(raw: str) -> str:
    """The letters of a raw word or term (marks, tatweel, digits and spaces dropped)."""
    return "".join(ch for ch in raw if ch.isalpha() and ch != TATWEEL)


def is_definite(raw_term: str) -> bool:
    """Is the term written with the article? Decided on the raw term, where the article's
    alef is plain (ا or ٱ): إلغاء and ألم normalise to الغاء, الم but carry no article."""
    return letters(raw_term).startswith(("ال", "\u0671ل"))


def term_takes_tanween(raw_term: str, last_word: str) -> bool:
    """May the term's (normalised) last word appear with a tanween alef?"""
    return len(last_word) >= MIN_CLITIC_STEM and takes_tanween_alef(letters(raw_term))


def keep_lam_alef(surface: str, skip: int) -> int:
    """Move a clitic boundary that would split a lam-alef ligature one letter earlier."""
    if 0 < skip < len(surface) and surface[skip - 1] == LAM and surface[skip] == ALEF:
        return skip - 1
    return skip


def first_word_forms(
    word: str, definite: bool, rule: ProcliticRule = DEFAULT_PROCLITICS
) -> list[tuple[str, int]]:
    """Every clitic-prefixed surface of a term's normalised first word, with how many of
    its leading letters are outside the span (always 0 under the ``inside`` rule)."""
    forms: list[tuple[str, int]] = [(word, 0)]
    if definite and word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_ARTICLE_STEM:
        stem = word[len(ARTICLE) :]
        for conj in _CONJ:
            for prep in _PREP_BEFORE_ARTICLE:
                if conj or prep:
                    forms.append((conj + prep + word, len(conj + prep)))
            forms.append((conj + LAM_ARTICLE + stem, len(conj) + 2))
            if stem.startswith(LAM):  # لل + لاجئين is written with two lams only
                forms.append((conj + LAM + stem, len(conj) + 1))
    elif len(word) >= MIN_CLITIC_STEM:
        for conj in _CONJ:
            for prep in _PREPS:
                if conj or prep:
                    forms.append((conj + prep + word, len(conj + prep)))
            for prep in _PREP_BEFORE_ARTICLE:
                forms.append((conj + prep + ARTICLE + word, len(conj + prep)))
            forms.append((conj + LAM_ARTICLE + word, len(conj) + 2))
    if rule == "inside":
        return [(surface, 0) for surface, _skip in forms]
    return [(surface, keep_lam_alef(surface, skip)) for surface, skip in forms]


def _article_split(word: str) -> tuple[int, str] | None:
    """Conjunction and/or preposition joined to the article before a stem of at least
    :data:`MIN_CLITIC_STEM` letters: (clitic letters, the word in its article form)."""
    conj = word[:1] if word[:1] in CONJUNCTIONS else ""
    rest = word[len(conj) :]
    for prep in _PREP_BEFORE_ARTICLE[1:]:
        if rest.startswith(prep + ARTICLE) and len(rest) - 3 >= MIN_CLITIC_STEM:
            return len(conj) + 1, rest[1:]
    if rest.startswith(LAM_ARTICLE) and len(rest) - 2 >= MIN_CLITIC_STEM:
        return len(conj) + 2, ARTICLE + rest[2:]
    if conj and rest.startswith(ARTICLE) and len(rest) - 2 >= MIN_CLITIC_STEM:
        return 1, rest
    return None


def article_proclitic_length(word: str, rule: ProcliticRule = DEFAULT_PROCLITICS) -> int:
    """Leading letters of a normalised word outside the span when no lexicon knows it.

    Only the unambiguous case is decided without a lexicon: conjunction and/or
    preposition joined to the article (وال… بال… فبال… لل…) before a stem of at least
    :data:`MIN_CLITIC_STEM` letters. A bare و or ب may be the stem's own first letter
    (وطن، بلد), so it is split off only by a lexicon term or by the annotator's drag.
    """
    split = _article_split(word) if rule == "outside" else None
    return keep_lam_alef(word, split[0]) if split else 0


def article_form(word: str) -> str:
    """A normalised word without the conjunction/preposition joined to its article, the
    article restored (والثوار، بالثوار، للثوار → الثوار); any other word unchanged.
    What counts labelled surface forms as one term."""
    split = _article_split(word)
    return split[1] if split else word


__all__ = [
    "DEFAULT_PROCLITICS",
    "article_form",
    "MIN_ARTICLE_STEM",
    "MIN_CLITIC_STEM",
    "PROCLITIC_RULES",
    "ProcliticRule",
    "article_proclitic_length",
    "check_rule",
    "first_word_forms",
    "is_definite",
    "keep_lam_alef",
    "letters",
    "term_takes_tanween",
]
