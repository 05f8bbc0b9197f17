"""The user's selection: raw positions in, the snapped range that will be stored out.

The view keeps what the pointer or the arrow keys actually touched (``anchor`` and
``active``, code points) and the gesture that made them, and shows ONLY the range the core's
:class:`annotator.text.snapping.Snapper` makes of them: what is highlighted is always exactly
what a label key stores, live while dragging. The rules (words, graphemes, the label set's
proclitic rule, exact mode trimming whitespace) are all the core's; this class only forwards.
"""

from __future__ import annotations

from typing import Literal

from annotator.text.snapping import Snapper

# How the current selection was made; "exact" is not a gesture here but a mode (Ctrl+Shift+E)
# or a modifier (Alt held while dragging) that overrides it.
Making = Literal["drag", "keyboard", "double_click"]


class SelectionState:
    """Raw anchor/active positions of the selection being made, and its snapped range."""

    def __init__(self) -> None:
        self.text = ""
        self.snapper = Snapper()  # the label set's rules: ArticleView.set_snapper
        self.anchor: int | None = None
        self.active: int | None = None
        self.making: Making = "drag"
        self.exact = False  # Ctrl+Shift+E: keep characters
        self.alt = False  # this selection was made with Alt held: exact for it alone

    def reset(self, text: str | None = None) -> None:
        if text is not None:
            self.text = text
        self.anchor = self.active = None
        self.alt = False
        self.making = "drag"

    def start(self, pos: int, making: Making = "drag", *, alt: bool = False) -> None:
        self.anchor = self.active = pos
        self.making = making
        self.alt = alt

    def raw(self) -> tuple[int, int] | None:
        """What was touched, in code points (start <= end); None when nothing was."""
        if self.anchor is None or self.active is None or self.anchor == self.active:
            return None
        return min(self.anchor, self.active), max(self.anchor, self.active)

    def snapped(self) -> tuple[int, int] | None:
        """The range a label key would store now (None when nothing is selected)."""
        if self.making == "double_click" and self.anchor is not None and not self.alt:
            rng = self.snapper.snap(self.text, self.anchor, self.anchor, "double_click")
            return rng if rng[1] > rng[0] else None
        raw = self.raw()
        if raw is None:
            return None
        gesture = "exact" if self.exact or self.alt else self.making
        start, end = self.snapper.snap(self.text, raw[0], raw[1], gesture)
        return (start, end) if end > start else None
