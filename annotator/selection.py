"""Turning a sloppy mouse/keyboard selection into the range an annotator meant.

Annotators drag across Arabic words quickly; a range that stops one letter short, or that
cuts a letter off its diacritics, would be stored and exported as a broken span. Everything
here is pure (no Qt) and works in code points, so the core, the CLI and the tests can use
the same rules as the article view.
"""

from __future__ import annotations

import bisect

import regex

# Word characters: any letter, combining mark (Arabic harakat, Quranic marks) or digit,
# plus tatweel (U+0640, it stretches a word) and the zero-width (non-)joiners that live
# inside Persian/Arabic words.
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}\u0640\u200c\u200d]")
# Joiners that stay inside a word when they sit between two word characters of the
# right kind: 3.5 / 3,000 / ٣٫٥ between digits, apostrophes between letters.
_DIGIT_JOINERS = frozenset(".,:/\u066b\u066c")
_LETTER_JOINERS = frozenset("'\u2019")
_SPACE = regex.compile(r"\s")
_GRAPHEME = regex.compile(r"\X")
# Lam followed (possibly through harakat) by an alef is drawn as ONE ligature glyph, so a
# boundary between them cannot be seen or meant: treat the pair as one cluster.
_LAM_ALEF = regex.compile(r"\u0644[\u064b-\u065f\u0670]*[\u0622\u0623\u0625\u0627\u0671]")


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
    # A joiner character is part of the word when both its neighbours are.
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


def _clamp(text: str, start: int, end: int) -> tuple[int, int]:
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    return (start, end) if start <= end else (end, start)


def _cluster_bounds(text: str) -> list[int]:
    """Sorted cluster boundaries: grapheme boundaries minus those inside lam-alef."""
    bounds = [m.start() for m in _GRAPHEME.finditer(text)]
    bounds.append(len(text))
    if "\u0644" in text:
        inner: set[int] = set()
        for m in _LAM_ALEF.finditer(text):
            inner.update(range(m.start() + 1, m.end()))
        if inner:
            bounds = [b for b in bounds if b not in inner]
    return bounds


def _cluster_window(text: str, pos: int) -> tuple[str, int]:
    """A slice around ``pos`` wide enough that clusters through ``pos`` are whole.

    Grapheme clusters are short; scanning a window instead of the whole article keeps
    snapping O(1) on a 100 KB text.
    """
    lo = max(0, pos - 64)
    hi = min(len(text), pos + 64)
    # Start the window at whitespace so the first cluster of the window is a real one.
    while lo > 0 and not text[lo].isspace() and pos - lo < 1024:
        lo -= 1
    while hi < len(text) and not text[hi - 1].isspace() and hi - pos < 1024:
        hi += 1
    return text[lo:hi], lo


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so neither edge splits a user-perceived character.

    A base letter and its diacritics, an emoji ZWJ sequence, a flag, a lam-alef ligature
    all stay whole. An empty range stays empty (moved to a cluster boundary).
    """
    start, end = _clamp(text, start, end)
    new_start = _snap_down(text, start)
    new_end = new_start if end == start else _snap_up(text, end)
    return new_start, max(new_start, new_end)


def _snap_down(text: str, pos: int) -> int:
    if pos <= 0 or pos >= len(text):
        return pos
    window, lo = _cluster_window(text, pos)
    bounds = _cluster_bounds(window)
    i = bisect.bisect_right(bounds, pos - lo) - 1
    return lo + bounds[max(i, 0)]


def _snap_up(text: str, pos: int) -> int:
    if pos <= 0 or pos >= len(text):
        return pos
    window, lo = _cluster_window(text, pos)
    bounds = _cluster_bounds(window)
    i = bisect.bisect_left(bounds, pos - lo)
    if i >= len(bounds):
        return lo + len(window)
    return lo + bounds[i]


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Expand a selection to whole words; trim surrounding whitespace.

    A selection holding at least one word character grows outwards to the word edges
    (except backwards over Arabic proclitics it starts right after) and loses
    leading/trailing whitespace (punctuation the user chose, such as quotes, is
    kept). A selection of only punctuation/spaces stays as it is, trimmed of spaces; only
    spaces gives an empty range. The result never splits a grapheme.
    """
    start, end = _clamp(text, start, end)
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
        word_start = start
        while _inside_word(text, word_start):
            word_start -= 1
        # Arabic proclitics: a selection that starts right after a leading conjunction
        # or preposition (و ف ب ك ل, e.g. و|الميليشيات) means the term without it, as
        # the guidelines and the lexicon suggestions have it: do not grow over them.
        while _inside_word(text, end):
            end += 1
        word_end = end
        while _inside_word(text, word_end):
            word_end += 1
        if not (_is_proclitic_prefix(text[word_start:start])
                and _letters(text[start:word_end]) >= 3):
            start = word_start
    start, end = snap_to_graphemes(text, start, end)
    # A cluster that grew the end ("«ً" is one cluster) can put it inside the next word:
    # grow again until a word edge and a cluster edge coincide.
    while end < len(text) and _inside_word(text, end) and any(
            is_word_char(c) for c in text[start:end]):
        while _inside_word(text, end):
            end += 1
        end = _snap_up(text, end)
    if end > start and _SPACE.match(text[start]):
        # a stray mark on a space (" ً") is one cluster with it: leave the cluster out
        start = min(end, _snap_up(text, start + 1))
    return start, end


# One or two proclitic letters: conjunction و/ف, then preposition ب/ك/ل (with their
# diacritics), written joined to the word that follows.
_PROCLITICS = regex.compile(r"(?:[\u0648\u0641][\u064b-\u065f\u0670]*)?"
                            r"(?:[\u0628\u0643\u0644][\u064b-\u065f\u0670]*)?")


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _is_proclitic_prefix(prefix: str) -> bool:
    return bool(prefix) and _PROCLITICS.fullmatch(prefix) is not None


def word_at(text: str, pos: int) -> tuple[int, int] | None:
    """The word touching caret position ``pos`` (the char after it, else the one before).

    Returns None when ``pos`` touches no word character, e.g. between two spaces.
    """
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
    start, end = anchor, anchor + 1
    while _inside_word(text, start):
        start -= 1
    while _inside_word(text, end):
        end += 1
    return start, end
