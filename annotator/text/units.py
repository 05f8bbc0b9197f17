"""The one conversion between offset units: code points, UTF-16 code units, graphemes.

The core stores code points. Qt and JavaScript/Java tools (doccano, Label Studio's
front end) count UTF-16 code units: every character above U+FFFF (emoji, rare CJK)
takes two of them. Readers count graphemes (a letter with its diacritics, an emoji ZWJ
sequence). Converting anywhere but here would let off-by-one errors hide until an
article contains an emoji, so the article view (through ``ui/offsets.py``), the importers
and the realigner all use :class:`TextUnits` or the functions below.
"""

from __future__ import annotations

import bisect
import re

from annotator.text.graphemes import grapheme_starts

# Characters outside the Basic Multilingual Plane take two UTF-16 code units.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class TextUnits:
    """Positions in one text as code points, UTF-16 code units and grapheme indexes.

    Cheap to build: for all-BMP text (nearly all Arabic news) the UTF-16 direction is the
    identity; otherwise it keeps the sorted positions of the astral characters and each
    conversion is a binary search. Grapheme boundaries are found on first use only.
    """

    __slots__ = ("_astral_cp", "_astral_u16", "_graphemes", "_length", "_text", "_u16_length")

    def __init__(self, text: str) -> None:
        self._text = text
        self._length = len(text)
        # Encoding is done in C; comparing lengths tells at once whether any char is astral.
        self._u16_length = len(text.encode("utf-16-le", "surrogatepass")) // 2
        self._graphemes: list[int] | None = None
        if self._u16_length == self._length:
            self._astral_cp: list[int] = []
            self._astral_u16: list[int] = []
            return
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 index where each astral char starts: every earlier astral adds one unit.
        self._astral_u16 = [cp + k for k, cp in enumerate(self._astral_cp)]

    @property
    def length(self) -> int:
        """Length in code points."""
        return self._length

    @property
    def utf16_length(self) -> int:
        return self._u16_length

    @property
    def is_identity(self) -> bool:
        """True when code points and UTF-16 units coincide (no astral character)."""
        return not self._astral_cp

    # ------------------------------------------------------------ UTF-16
    def to_utf16(self, cp: int) -> int:
        """Code point offset → UTF-16 offset; clamped to the text."""
        cp = max(0, min(cp, self._length))
        if not self._astral_cp:
            return cp
        return cp + bisect.bisect_left(self._astral_cp, cp)

    def from_utf16(self, unit: int) -> int:
        """UTF-16 offset → code point offset; clamped to the text. A position between the
        two halves of a surrogate pair maps to the start of that character."""
        unit = max(0, min(unit, self._u16_length))
        if not self._astral_u16:
            return unit
        # Astral chars starting strictly before ``unit`` each took an extra unit; one
        # starting at unit - 1 is split by ``unit`` and snaps down to its own start.
        return unit - bisect.bisect_right(self._astral_u16, unit - 1)

    def splits_surrogate_pair(self, unit: int) -> bool:
        """Does UTF-16 offset ``unit`` fall between the two halves of a surrogate pair?"""
        i = bisect.bisect_left(self._astral_u16, unit - 1)
        return i < len(self._astral_u16) and self._astral_u16[i] == unit - 1

    def from_utf16_exact(self, unit: int) -> int | None:
        """Like :meth:`from_utf16`, but None for an offset outside the text or inside a
        surrogate pair: a tool that wrote it did not count as we think."""
        if unit < 0 or unit > self._u16_length or self.splits_surrogate_pair(unit):
            return None
        return self.from_utf16(unit)

    # ------------------------------------------------------------ graphemes
    def _starts(self) -> list[int]:
        if self._graphemes is None:
            self._graphemes = grapheme_starts(self._text)
        return self._graphemes

    @property
    def grapheme_length(self) -> int:
        return len(self._starts())

    def to_graphemes(self, cp: int) -> int:
        """Code point offset → index of the grapheme that starts at or contains it
        (the grapheme count at the end of the text)."""
        cp = max(0, min(cp, self._length))
        if cp == self._length:
            return len(self._starts())
        return bisect.bisect_right(self._starts(), cp) - 1

    def from_graphemes(self, index: int) -> int:
        """Grapheme index → code point offset of its start; clamped to the text."""
        starts = self._starts()
        if index >= len(starts):
            return self._length
        return starts[max(0, index)]

    def splits_grapheme(self, cp: int) -> bool:
        """Does code point offset ``cp`` fall strictly inside a grapheme cluster?"""
        if cp <= 0 or cp >= self._length:
            return False
        starts = self._starts()
        i = bisect.bisect_left(starts, cp)
        return i >= len(starts) or starts[i] != cp


# ------------------------------------------------------------ one-shot helpers
def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def astral_count(text: str, start: int = 0, end: int | None = None) -> int:
    """How many characters in ``text[start:end]`` take two UTF-16 units."""
    return len(_ASTRAL.findall(text, start, len(text) if end is None else end))


def first_astral(text: str, end: int | None = None) -> str | None:
    """The first character before ``end`` that takes two UTF-16 units, if any."""
    m = _ASTRAL.search(text, 0, len(text) if end is None else end)
    return m.group() if m else None


def utf16_to_codepoint(text: str, offset: int) -> int | None:
    """Code point index of UTF-16 ``offset``; None inside a surrogate pair or outside."""
    return TextUnits(text).from_utf16_exact(offset)


def codepoint_to_utf16(text: str, index: int) -> int:
    """UTF-16 offset of code point ``index``: what a JavaScript/Java/Qt tool would write."""
    if not 0 <= index <= len(text):
        raise ValueError(f"index {index} is outside the text (length {len(text)})")
    return index + astral_count(text, 0, index)


def convert_utf16_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A UTF-16 span in code points; the ValueError names the boundary that cannot be."""
    if start > end:
        raise ValueError(f"UTF-16 span start {start} is after its end {end}")
    units = TextUnits(text)
    out: list[int] = []
    for name, offset in (("start", start), ("end", end)):
        index = units.from_utf16_exact(offset)
        if index is None:
            if offset < 0 or offset > units.utf16_length:
                raise ValueError(
                    f"UTF-16 {name} offset {offset} is outside the text "
                    f"(UTF-16 length {units.utf16_length})"
                )
            cp = units.from_utf16(offset)
            char = text[cp]
            raise ValueError(
                f"UTF-16 {name} offset {offset} falls inside a surrogate pair "
                f"(splits {char!r} U+{ord(char):04X} at code point {cp})"
            )
        out.append(index)
    return out[0], out[1]


# ------------------------------------------------------------ spans in any unit
OFFSET_UNITS = ("codepoints", "utf16", "graphemes")


def grapheme_to_codepoint(text: str, offset: int) -> int | None:
    """Code point index where grapheme ``offset`` starts; None when outside the text."""
    units = TextUnits(text)
    if not 0 <= offset <= units.grapheme_length:
        return None
    return units.from_graphemes(offset)


def codepoint_to_grapheme(text: str, index: int) -> int:
    """Grapheme offset of code point ``index``; ValueError inside a cluster or outside."""
    units = TextUnits(text)
    if not 0 <= index <= len(text):
        raise ValueError(f"index {index} is outside the text (length {len(text)})")
    if units.splits_grapheme(index):
        raise ValueError(f"code point {index} falls inside a grapheme cluster")
    return units.to_graphemes(index)


def span_to_codepoints(text: str, start: int, end: int, unit: str) -> tuple[int, int]:
    """A span counted in ``unit`` (one of :data:`OFFSET_UNITS`) in code points; the
    ValueError says which boundary cannot be converted and why."""
    if unit == "codepoints":
        return start, end
    if unit == "utf16":
        return convert_utf16_span(text, start, end)
    if unit != "graphemes":
        raise ValueError(f"unknown offset unit {unit!r} (known: {', '.join(OFFSET_UNITS)})")
    out = []
    for name, offset in (("start", start), ("end", end)):
        index = grapheme_to_codepoint(text, offset)
        if index is None:
            raise ValueError(
                f"grapheme {name} offset {offset} is outside the text "
                f"({TextUnits(text).grapheme_length} grapheme clusters)"
            )
        out.append(index)
    return out[0], out[1]


def span_from_codepoints(text: str, start: int, end: int, unit: str) -> tuple[int, int]:
    """A code point span as a tool counting in ``unit`` would write it."""
    if unit == "codepoints":
        return start, end
    if unit == "utf16":
        return codepoint_to_utf16(text, start), codepoint_to_utf16(text, end)
    if unit == "graphemes":
        return codepoint_to_grapheme(text, start), codepoint_to_grapheme(text, end)
    raise ValueError(f"unknown offset unit {unit!r} (known: {', '.join(OFFSET_UNITS)})")


__all__ = [
    "OFFSET_UNITS",
    "codepoint_to_grapheme",
    "grapheme_to_codepoint",
    "span_from_codepoints",
    "span_to_codepoints",
    "TextUnits",
    "astral_count",
    "codepoint_to_utf16",
    "convert_utf16_span",
    "first_astral",
    "utf16_length",
    "utf16_to_codepoint",
]
