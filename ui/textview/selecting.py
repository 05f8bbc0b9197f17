"""The user's selection: raw positions in, the snapped range that will be stored out.

The view keeps what the pointer or the arrow keys actually touched (``anchor`` and
``active``, code points) and shows ONLY the snapped range: what is highlighted is always
exactly what a label key stores, live while dragging. The snapping rules themselves are the
core's; this class forwards positions to them and remembers nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotator.selection import snap_to_graphemes, snap_to_words, word_at

# (text, start, end, exact) -> the range to store; (text, pos) -> the word a double-click takes.
SnapRange = Callable[[str, int, int, bool], tuple[int, int]]
WordAt = Callable[[str, int], "tuple[int, int] | None"]


def core_snap(text: str, start: int, end: int, exact: bool) -> tuple[int, int]:
    """The core's rule: whole words (proclitic rule included), or whole graphemes if exact."""
    if exact:
        return snap_to_graphemes(text, start, end)
    return snap_to_words(text, start, end)


@dataclass(slots=True)
class Snapping:
    """Which core rules the view forwards to (the window sets them per label set)."""

    snap: SnapRange = core_snap
    word: WordAt = word_at


class SelectionState:
    """Raw anchor/active positions of the selection being made, and its snapped range."""

    def __init__(self) -> None:
        self.text = ""
        self.rules = Snapping()
        self.anchor: int | None = None
        self.active: int | None = None
        self.exact = False  # Ctrl+Shift+E: keep characters
        self.alt = False  # this selection was made with Alt held: exact for it alone

    def reset(self, text: str | None = None) -> None:
        if text is not None:
            self.text = text
        self.anchor = self.active = None
        self.alt = False

    def start(self, pos: int, *, alt: bool = False) -> None:
        self.anchor = self.active = pos
        self.alt = alt

    def raw(self) -> tuple[int, int] | None:
        if self.anchor is None or self.active is None or self.anchor == self.active:
            return None
        return min(self.anchor, self.active), max(self.anchor, self.active)

    def snapped(self) -> tuple[int, int] | None:
        """The range a label key would store now (None when nothing is selected)."""
        raw = self.raw()
        if raw is None:
            return None
        start, end = self.rules.snap(self.text, raw[0], raw[1], self.exact or self.alt)
        return (start, end) if end > start else None

    def word_at(self, pos: int) -> tuple[int, int] | None:
        """The word a double-click at caret ``pos`` selects (the char after, else before)."""
        word = self.rules.word(self.text, pos)
        if word is None and pos > 0:
            word = self.rules.word(self.text, pos - 1)
        return word
