"""What a selection gesture means: the range a label key will store.

Annotators drag across Arabic words quickly; a range that stops one letter short, cuts a
letter off its diacritics, or includes a joined conjunction the guidelines leave out
would be stored and exported as a broken or inconsistent span. The article view only
forwards raw positions and the gesture; :func:`snap_selection` (or a :class:`Snapper`
bound to the label set's rule and lexicon) returns the range to draw and to store.

Gestures:

* ``double_click`` (start == end: the caret position) – the word there;
* ``drag`` and ``keyboard`` (Shift/Ctrl+Shift+arrows) – whole words, trimmed of spaces;
* ``exact`` (Alt-drag, exact mode) – the characters chosen, kept whole as graphemes,
  without leading or trailing whitespace.

For the first word of a word-snapped range the proclitic rule of the label set applies
(:mod:`annotator.text.clitics`): under ``outside`` a conjunction/preposition joined to it
stays out, exactly where the lexicon matcher starts its suggestion for that word; a word
no lexicon term knows loses only conjunction/preposition + article (وال… بال… لل…), or the
clitic letters the drag visibly started after.
"""

from __future__ import annotations

import re
from typing import Literal

import regex

from annotator.text.chars import CONJUNCTIONS, DIACRITIC_CLASS, PREPOSITIONS, TATWEEL, ZWJ, ZWNJ
from annotator.text.clitics import (
    DEFAULT_PROCLITICS,
    MIN_CLITIC_STEM,
    ProcliticRule,
    article_proclitic_length,
    check_rule,
)
from annotator.text.graphemes import clamp_range, snap_to_graphemes, snap_up
from annotator.text.matching import Matcher
from annotator.text.normalise import normalize_sparse

Gesture = Literal["double_click", "drag", "keyboard", "exact"]
GESTURES: tuple[Gesture, ...] = ("double_click", "drag", "keyboard", "exact")

# Word characters: any letter, combining mark (Arabic harakat, Quranic marks) or digit,
# plus tatweel (it stretches a word) and the zero-width (non-)joiners inside words.
_WORD_CHAR = regex.compile(f"[\\p{{L}}\\p{{M}}\\p{{N}}{TATWEEL}{ZWNJ}{ZWJ}]")
# Joiners that stay inside a word when they sit between two word characters of the
# right kind: 3.5 / 3,000 / ٣٫٥ between digits, apostrophes between letters.
_DIGIT_JOINERS = frozenset(".,:/\u066b\u066c")
_LETTER_JOINERS = frozenset("'\u2019")
_SPACE = regex.compile(r"\s")
# One or two proclitic letters (conjunction, then preposition) with their diacritics.
_PROCLITICS = regex.compile(
    f"(?:[{CONJUNCTIONS}][{DIACRITIC_CLASS}]*)?(?:[{PREPOSITIONS}][{DIACRITIC_CLASS}]*)?"
)
_NORM_WORD = re.compile(r"\w+")


def is_word_char(ch: str) -> bool:
    """True for characters that belong to a word (see module docs)."""
    return bool(_WORD_CHAR.match(ch))


def _inside_word(text: str, i: int) -> bool:
    """Is the boundary before ``text[i]`` inside a word (so snapping must not stop there)?"""
    if i <= 0 or i >= len(text):
        return False
    left, right = text[i - 1], text[i]
    if is_word_char(left) and is_word_char(right):
        return True
    if right in _DIGIT_JOINERS or right in _LETTER_JOINERS:
        return _joiner_in_word(text, i)
    if left in _DIGIT_JOINERS or left in _LETTER_JOINERS:
        return _joiner_in_word(text, i - 1)
    return False


def _joiner_in_word(text: str, j: int) -> bool:
    if j <= 0 or j + 1 >= len(text):
        return False
    ch, before, after = text[j], text[j - 1], text[j + 1]
    if ch in _DIGIT_JOINERS:
        return before.isdigit() and after.isdigit()
    if ch in _LETTER_JOINERS:
        return before.isalpha() and after.isalpha()
    return False


def _word_start(text: str, i: int) -> int:
    while _inside_word(text, i):
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while _inside_word(text, i):
        i += 1
    return i


def word_at(text: str, pos: int) -> tuple[int, int] | None:
    """The whole written word touching caret ``pos`` (the char after it, else the one
    before), clitics included; None when ``pos`` touches no word character."""
    n = len(text)
    if n == 0:
        return None
    pos = max(0, min(pos, n))
    if pos < n and is_word_char(text[pos]):
        anchor = pos
    elif pos > 0 and is_word_char(text[pos - 1]):
        anchor = pos - 1
    else:
        return None
    return _word_start(text, anchor), _word_end(text, anchor + 1)


class Snapper:
    """Selection snapping under one label set's proclitic rule (and lexicon, if any).

    The lexicon matcher decides where a known term's span starts inside a clitic-prefixed
    word (وشهداء → شهداء, but وحشية stays whole); giving the same matcher here makes every
    gesture over such a word store exactly the suggested range.
    """

    def __init__(
        self, proclitics: ProcliticRule = DEFAULT_PROCLITICS, matcher: Matcher | None = None
    ) -> None:
        self.proclitics: ProcliticRule = check_rule(proclitics)
        self.matcher = matcher

    def snap(self, text: str, start: int, end: int, gesture: Gesture = "drag") -> tuple[int, int]:
        """The range ``gesture`` over raw positions ``[start, end)`` selects (possibly
        empty: nothing to label there)."""
        if gesture == "exact":
            return _snap_exact(text, start, end)
        if gesture == "double_click":
            return self.word(text, start) or (start, start)
        if gesture not in GESTURES:
            raise ValueError(f"unknown gesture {gesture!r}; expected one of {', '.join(GESTURES)}")
        return self._snap_words(text, start, end)

    def word(self, text: str, pos: int) -> tuple[int, int] | None:
        """The word a double-click at caret ``pos`` selects, under the proclitic rule."""
        word = word_at(text, pos)
        if word is None:
            return None
        ws, we = word
        skip = self._clitic_length(text, ws, we)
        return snap_to_graphemes(text, ws + (skip or 0), we)

    def _clitic_length(self, text: str, ws: int, we: int) -> int | None:
        """Raw code points at the start of word ``[ws, we)`` outside the span under the
        rule; None when neither the lexicon nor the article rule knows the word."""
        if self.proclitics == "inside":
            return 0
        fold_hamza = self.matcher.fold_hamza if self.matcher is not None else False
        norm, smap = normalize_sparse(text[ws:we], fold_hamza=fold_hamza)
        if not norm or not _NORM_WORD.fullmatch(norm):
            return None
        skip = self.matcher.first_word_skip(norm) if self.matcher is not None else None
        if skip is None:
            skip = article_proclitic_length(norm, self.proclitics) or None
        if not skip:
            return skip
        return smap.char(skip)[0]

    def _snap_words(self, text: str, start: int, end: int) -> tuple[int, int]:
        start, end = clamp_range(text, start, end)
        if start == end:
            return start, end
        # Trim whitespace first so a trailing space never drags in the next word.
        while start < end and _SPACE.match(text[start]):
            start += 1
        while end > start and _SPACE.match(text[end - 1]):
            end -= 1
        if start == end:
            return start, start
        if any(is_word_char(c) for c in text[start:end]):
            end = _word_end(text, end)
            if is_word_char(text[start]) or _inside_word(text, start):
                start = self._first_word_start(text, start)
        start, end = snap_to_graphemes(text, start, end)
        # A cluster that grew the end ("«ً" is one cluster) can put it inside the next
        # word: grow again until a word edge and a cluster edge coincide.
        while (
            end < len(text)
            and _inside_word(text, end)
            and any(is_word_char(c) for c in text[start:end])
        ):
            end = snap_up(text, _word_end(text, end))
        if end > start and _SPACE.match(text[start]):
            # a stray mark on a space (" ً") is one cluster with it: leave the cluster out
            start = min(end, snap_up(text, start + 1))
        return start, end

    def _first_word_start(self, text: str, start: int) -> int:
        ws = _word_start(text, start)
        we = _word_end(text, start + 1)
        skip = self._clitic_length(text, ws, we)
        if skip is not None:
            return ws + skip
        # Unknown word: a drag that starts right after joined clitic letters (و|طنية)
        # shows the annotator meant the word without them.
        if (
            start > ws
            and _PROCLITICS.fullmatch(text[ws:start]) is not None
            and sum(ch.isalpha() for ch in text[start:we]) >= MIN_CLITIC_STEM
        ):
            return start
        return ws


def _snap_exact(text: str, start: int, end: int) -> tuple[int, int]:
    """Exact mode keeps the characters chosen, whole graphemes, never edge whitespace."""
    start, end = snap_to_graphemes(text, start, end)
    while start < end and text[start].isspace():
        start = snap_up(text, start + 1)
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, max(start, end)


def snap_selection(
    text: str,
    start: int,
    end: int,
    proclitics: ProcliticRule = DEFAULT_PROCLITICS,
    gesture: Gesture = "drag",
    matcher: Matcher | None = None,
) -> tuple[int, int]:
    """One-shot :meth:`Snapper.snap`; build a :class:`Snapper` to snap many times."""
    return Snapper(proclitics, matcher).snap(text, start, end, gesture)


__all__ = [
    "GESTURES",
    "Gesture",
    "Snapper",
    "is_word_char",
    "snap_selection",
    "snap_to_graphemes",
    "word_at",
]
