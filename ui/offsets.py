"""Qt's side of the one offset conversion: Qt positions are UTF-16 code units.

The conversion itself is :class:`annotator.text.units.TextUnits` (also used by the
importers and the realigner); this adapter only names it in Qt's terms, so every widget
speaks code points to the core and Qt positions to Qt, and nothing converts by hand.
"""

from __future__ import annotations

from annotator.text.units import TextUnits


class QtOffsets(TextUnits):
    """Code points ↔ Qt (UTF-16) positions of one text; clamped, never splitting a
    surrogate pair (a Qt position inside one maps to the start of its character)."""

    __slots__ = ()

    @property
    def cp_length(self) -> int:
        return self.length

    @property
    def qt_length(self) -> int:
        return self.utf16_length

    def to_qt(self, cp: int) -> int:
        return self.to_utf16(cp)

    def from_qt(self, qt: int) -> int:
        return self.from_utf16(qt)

    def to_qt_range(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)

    def from_qt_range(self, start: int, end: int) -> tuple[int, int]:
        return self.from_utf16(start), self.from_utf16(end)
