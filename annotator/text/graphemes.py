"""User-perceived characters: extended grapheme clusters (the ``regex`` module's ``\\X``).

A base letter and its diacritics, an emoji ZWJ sequence, a flag: a reader sees one
character, so no span edge may fall inside one. Two views exist, each for a reason:

* :func:`grapheme_around` – plain Unicode clusters, for *reporting* an imported span
  whose edge splits one (the message names what a reader sees).
* :func:`snap_to_graphemes` – clusters plus the lam-alef ligature (ل + ا is drawn as ONE
  glyph, so a boundary between them cannot be seen or meant), for *snapping* a selection.

Both look at a window around the position only, so they stay O(1) on a 100 KB article.
"""

from __future__ import annotations

import bisect
import re

import regex

from annotator.text.chars import ALEFS, DIACRITIC_CLASS, LAM

GRAPHEME = regex.compile(r"\X")
_LAM_ALEF = regex.compile(f"{LAM}[{DIACRITIC_CLASS}]*[{ALEFS}]")

# Grapheme-break "Prepend" characters (no break after them), e.g. ARABIC NUMBER SIGN.
_PREPEND = frozenset(
    [chr(c) for c in range(0x0600, 0x0606)]
    + ["\u06dd", "\u070f", "\u0890", "\u0891", "\u08e2", "\u0d4e"]
    + ["\U000110bd", "\U000110cd", "\U000111c2", "\U000111c3", "\U0001193f", "\U00011941"]
    + ["\U00011a3a", "\U00011d46", "\U00011f02"]
    + [chr(c) for c in range(0x11A84, 0x11A8A)]
)
# Characters before which there is always a grapheme boundary (unless the previous
# character is Prepend or CR): ASCII and the Arabic letters, digits and punctuation.
# Lets the common case skip the regex scan.
_PLAIN = re.compile("[\x00-\x7f\u060c\u061b\u061f\u0621-\u063f\u0641-\u064a\u0660-\u066d]")


def _is_plain_boundary(text: str, pos: int) -> bool:
    prev = text[pos - 1]
    return _PLAIN.match(text, pos) is not None and prev not in _PREPEND and prev != "\r"


def grapheme_around(text: str, pos: int) -> tuple[int, int] | None:
    """The grapheme cluster ``pos`` falls strictly inside, or None if ``pos`` is a boundary.

    Scans with ``\\X`` from a nearby position known to be a boundary, so a long text is not
    re-segmented for every span.
    """
    if pos <= 0 or pos >= len(text) or _is_plain_boundary(text, pos):
        return None
    safe = 0
    for q in range(pos - 1, max(0, pos - 512), -1):
        if text[q - 1] == "\n" or _is_plain_boundary(text, q):
            safe = q
            break
    else:
        nl = text.rfind("\n", 0, pos)
        safe = nl + 1 if nl >= 0 else 0
    for m in GRAPHEME.finditer(text, pos=safe):
        if m.end() > pos:
            return (m.start(), m.end()) if m.start() < pos else None
    return None


def grapheme_starts(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Start of every cluster in ``text[start:end]`` (``start`` must be a boundary)."""
    stop = len(text) if end is None else end
    return [m.start() for m in GRAPHEME.finditer(text, start, stop)]


def _cluster_bounds(text: str) -> list[int]:
    """Sorted cluster boundaries: grapheme boundaries minus those inside lam-alef."""
    bounds = grapheme_starts(text)
    bounds.append(len(text))
    if LAM in text:
        inner: set[int] = set()
        for m in _LAM_ALEF.finditer(text):
            inner.update(range(m.start() + 1, m.end()))
        if inner:
            bounds = [b for b in bounds if b not in inner]
    return bounds


def _cluster_window(text: str, pos: int) -> tuple[str, int]:
    """A slice around ``pos`` wide enough that clusters through ``pos`` are whole."""
    lo = max(0, pos - 64)
    hi = min(len(text), pos + 64)
    # Start the window at whitespace so the first cluster of the window is a real one.
    while lo > 0 and not text[lo].isspace() and pos - lo < 1024:
        lo -= 1
    while hi < len(text) and not text[hi - 1].isspace() and hi - pos < 1024:
        hi += 1
    return text[lo:hi], lo


def snap_down(text: str, pos: int) -> int:
    """The last snapping boundary at or before ``pos``."""
    if pos <= 0 or pos >= len(text):
        return pos
    window, lo = _cluster_window(text, pos)
    bounds = _cluster_bounds(window)
    i = bisect.bisect_right(bounds, pos - lo) - 1
    return lo + bounds[max(i, 0)]


def snap_up(text: str, pos: int) -> int:
    """The first snapping boundary at or after ``pos``."""
    if pos <= 0 or pos >= len(text):
        return pos
    window, lo = _cluster_window(text, pos)
    bounds = _cluster_bounds(window)
    i = bisect.bisect_left(bounds, pos - lo)
    if i >= len(bounds):
        return lo + len(window)
    return lo + bounds[i]


def clamp_range(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` inside the text, in order."""
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    return (start, end) if start <= end else (end, start)


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so neither edge splits a user-perceived character.

    A base letter and its diacritics, an emoji ZWJ sequence, a flag, a lam-alef ligature
    all stay whole. An empty range stays empty (moved to a cluster boundary).
    """
    start, end = clamp_range(text, start, end)
    new_start = snap_down(text, start)
    new_end = new_start if end == start else snap_up(text, end)
    return new_start, max(new_start, new_end)


__all__ = [
    "GRAPHEME",
    "clamp_range",
    "grapheme_around",
    "grapheme_starts",
    "snap_down",
    "snap_to_graphemes",
    "snap_up",
]
