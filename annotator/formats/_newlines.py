"""Where raw offsets land in stored text once BOM and CRLF are normalised.

annotator.textio stores text without a leading BOM and with every CRLF as LF; files
written by other tools count offsets in the raw text. This map moves those offsets
onto the stored text. (Offset *units* — code points, UTF-16, graphemes — are a
different question, answered once in annotator.text.units.)
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True, slots=True)
class RawLayout:
    """How a stored text goes back to the file it was read from, for exports that must
    count offsets as that file did (the SemEval PTC scorer compares offsets with the
    original gold, counted in the original article file).

    ``crlf`` and ``cr`` are the positions, in the stored text, of the LFs that were a
    CRLF or a lone CR in the file; ``bom`` says the file began with a BOM. Kept in a
    document's meta by :meth:`to_meta` (``"crlf"`` alone when every line end was CRLF,
    the common Windows case, so the meta stays small) and read back by
    :meth:`from_meta`, which checks it against the stored text and falls back to plain
    LF when it does not fit (meta edited by hand, a text from elsewhere).
    """

    bom: bool = False
    crlf: tuple[int, ...] = ()
    cr: tuple[int, ...] = ()

    @classmethod
    def of_raw(cls, raw: str) -> RawLayout:
        bom = raw.startswith(BOM)
        body = raw[1:] if bom else raw
        if "\r" not in body:
            return cls(bom)
        crlf: list[int] = []
        cr: list[int] = []
        stored = 0  # position of the next character in the stored text
        i, n = 0, len(body)
        while i < n:
            found = body.find("\r", i)
            if found == -1:
                break
            stored += found - i
            if body.startswith("\n", found + 1):
                crlf.append(stored)
                i = found + 2
            else:
                cr.append(stored)
                i = found + 1
            stored += 1
        return cls(bom, tuple(crlf), tuple(cr))

    def line_ends_meta(self, stored: str) -> str | dict[str, list[int]] | None:
        """The line ends for a document's meta: None when all are LF."""
        if not self.crlf and not self.cr:
            return None
        if not self.cr and len(self.crlf) == stored.count("\n"):
            return "crlf"
        found: dict[str, list[int]] = {}
        if self.crlf:
            found["crlf"] = list(self.crlf)
        if self.cr:
            found["cr"] = list(self.cr)
        return found

    @classmethod
    def from_meta(cls, bom: Any, line_ends: Any, stored: str) -> RawLayout:
        """The layout kept in meta, or plain LF where it does not fit ``stored``."""
        has_bom = bom is True
        if line_ends == "crlf":
            positions = tuple(i for i, ch in enumerate(stored) if ch == "\n")
            return cls(has_bom, positions)
        if not isinstance(line_ends, dict):
            return cls(has_bom)
        crlf, cr = line_ends.get("crlf", []), line_ends.get("cr", [])
        if not isinstance(crlf, list) or not isinstance(cr, list):
            return cls(has_bom)
        every = [*crlf, *cr]
        if not all(
            type(p) is int and 0 <= p < len(stored) and stored[p] == "\n" for p in every
        ) or len(set(every)) != len(every):
            return cls(has_bom)
        return cls(has_bom, tuple(sorted(crlf)), tuple(sorted(cr)))

    def raw_text(self, stored: str) -> str:
        """The text as the file held it (BOM and line ends restored)."""
        if not self.crlf and not self.cr:
            return BOM + stored if self.bom else stored
        ends = sorted([(p, "\r\n") for p in self.crlf] + [(p, "\r") for p in self.cr])
        parts = [BOM] if self.bom else []
        previous = 0
        for pos, end in ends:
            parts.append(stored[previous:pos])
            parts.append(end)
            previous = pos + 1
        parts.append(stored[previous:])
        return "".join(parts)

    def to_raw(self, pos: int) -> int:
        """A stored offset as the file counts it: the BOM and the CR of every CRLF
        before it count one each (a span starting or ending at a line end includes
        the whole CRLF when it includes the LF, as the reader's map assumes)."""
        return pos + (1 if self.bom else 0) + bisect_left(self.crlf, pos)
