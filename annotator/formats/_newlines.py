"""Where raw offsets land in stored text once BOM and CRLF are normalised.

annotator.textio stores text without a leading BOM and with every CRLF as LF; files
written by other tools count offsets in the raw text. This map moves those offsets
onto the stored text. (Offset *units* — code points, UTF-16, graphemes — are a
different question, answered once in annotator.text.units.)
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from annotator.textio import BOM, to_stored_text


@dataclass(frozen=True, slots=True)
class NewlineMap:
    """Maps offsets counted in the raw text onto the stored text.

    Stored text drops a leading BOM and the CR of every CRLF (a lone CR becomes LF
    and keeps its place), so a raw position ``p`` moves left by the number of dropped
    characters before it. An end that falls between CR and LF is moved past the LF,
    because the stored LF stands for the whole CRLF the span ended in.
    """

    removed: tuple[int, ...] = ()  # raw positions of dropped characters, ascending
    bom: bool = False

    @property
    def identity(self) -> bool:
        return not self.removed

    def start(self, pos: int) -> int:
        if not self.removed:
            return pos
        return pos - bisect_left(self.removed, pos)

    def end(self, pos: int) -> int:
        if not self.removed:
            return pos
        mapped = pos - bisect_left(self.removed, pos)
        before = pos - 1
        if before >= 0 and not (self.bom and before == 0):
            i = bisect_left(self.removed, before)
            if i < len(self.removed) and self.removed[i] == before:
                mapped += 1
        return mapped

    def span_text(self, text: str | None, raw_start: int) -> str | None:
        """The span's own copy of its text, in stored form."""
        if text is None:
            return None
        if self.bom and raw_start == 0 and text.startswith(BOM):
            text = text[1:]
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text


def stored_text_and_map(raw: str) -> tuple[str, NewlineMap]:
    """Stored form of ``raw`` (see annotator.textio) plus the map for its offsets."""
    bom = raw.startswith(BOM)
    if not bom and "\r" not in raw:
        return raw, NewlineMap()
    removed: list[int] = [0] if bom else []
    pos = raw.find("\r\n")
    while pos != -1:
        removed.append(pos)
        pos = raw.find("\r\n", pos + 2)
    return to_stored_text(raw), NewlineMap(tuple(removed), bom)
