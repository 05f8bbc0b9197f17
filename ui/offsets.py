"""The one place where code points (the core's offsets) meet UTF-16 code units (Qt's).

Every character above U+FFFF (emoji, rare CJK, mathematical letters) takes two Qt
positions and one Python index. Converting anywhere else would let off-by-one errors hide
until an article contains an emoji, so all widgets go through :class:`OffsetMap`.
Stored text is LF-only (annotator.textio), so no other character changes width in Qt.
"""

from __future__ import annotations

import bisect


class OffsetMap:
    """Converts positions in one text between code points and UTF-16 code units.

    Cheap to build: for all-BMP text (nearly all Arabic news) both directions are the
    identity; otherwise it keeps the sorted positions of the astral characters and each
    conversion is a binary search.
    """

    __slots__ = ("_astral_cp", "_astral_qt", "_cp_len", "_qt_len")

    def __init__(self, text: str) -> None:
        self._cp_len = len(text)
        # Encoding is done in C; comparing lengths tells at once whether any char is astral.
        qt_len = len(text.encode("utf-16-le")) // 2
        self._qt_len = qt_len
        if qt_len == self._cp_len:
            self._astral_cp: list[int] = []
            self._astral_qt: list[int] = []
            return
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral_cp = astral
        # UTF-16 index where each astral char starts: every earlier astral adds one unit.
        self._astral_qt = [cp + k for k, cp in enumerate(astral)]

    @property
    def is_identity(self) -> bool:
        return not self._astral_cp

    @property
    def cp_length(self) -> int:
        return self._cp_len

    @property
    def qt_length(self) -> int:
        return self._qt_len

    def to_qt(self, cp: int) -> int:
        """Code point offset -> Qt (UTF-16) position; clamped to the text."""
        cp = max(0, min(cp, self._cp_len))
        if not self._astral_cp:
            return cp
        return cp + bisect.bisect_left(self._astral_cp, cp)

    def from_qt(self, qt: int) -> int:
        """Qt position -> code point offset; clamped to the text.

        A position between the two halves of a surrogate pair (Qt allows it through
        ``setPosition``) maps to the start of that character.
        """
        qt = max(0, min(qt, self._qt_len))
        if not self._astral_qt:
            return qt
        # Astral chars starting strictly before qt each took an extra unit; one starting
        # at qt - 1 is split by qt and snaps down to its own start, which the same formula
        # gives.
        return qt - bisect.bisect_right(self._astral_qt, qt - 1)

    def to_qt_range(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def from_qt_range(self, start: int, end: int) -> tuple[int, int]:
        return self.from_qt(start), self.from_qt(end)
