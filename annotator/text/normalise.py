"""Arabic normalisation for matching, with an exact map back to the raw text.

Matching (lexicon suggestions, label-all, the find box) runs on a normalised *copy* of
the stored text; every hit must come back as raw code-point offsets, because the stored
text is never rewritten. So :func:`normalize` records, for each normalised character,
which raw characters produced it.

The rules (character classes in :mod:`annotator.text.chars`):

* NFKC per character, so presentation forms split (lam-alef U+FEFB → ل ا, both
  mapped to the same raw index) and compatibility forms fold.
* Removed: diacritics U+064B–U+065F, superscript alef U+0670, Quranic annotation marks
  U+06D6–U+06ED, honorific signs U+0610–U+061A, tatweel U+0640, and every format
  character (category Cf: ZWJ, ZWNJ, LRM, RLM, ALM, BOM, soft hyphen…).
* Folded: أ إ آ ٱ ٲ ٳ → ا; ى → ي; ة → ه; Persian yeh/keheh ی ک → ي ك (common keyboard
  mix-ups in real news text); ۀ ۃ → ه.
* Hamza on waw/yeh (ؤ ئ) is kept by default — ``fold_hamza=True`` folds them to و ي.
  A decomposed و/ي + U+0654 (hamza above) is composed first, so both spellings agree.

Per-character processing keeps the map exact and cheap: one regex scan finds the rare
characters whose output is not simply themselves or a common letter fold; everything
between them is a one-to-one run, folded with ``str.replace`` at C speed. Removed marks
(harakat, tatweel), which a vowelled text has after nearly every letter, are split out of
those runs with one regex call per run, so a fully vowelled 50 KB article still
normalises in a few milliseconds.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from itertools import accumulate

from annotator.text.chars import COMPOSE_HAMZA, FOLD, FOLD_HAMZA, HAMZA_ABOVE, is_removed_mark

_FOLD = FOLD
_FOLD_ALL = {**FOLD, **FOLD_HAMZA}
_COMPOSE = COMPOSE_HAMZA


def _is_removed(ch: str) -> bool:
    return is_removed_mark(ch) or unicodedata.category(ch) == "Cf"


def _char_output(ch: str, fold_hamza: bool) -> str:
    """The normalised output of one raw character (possibly empty or several chars)."""
    if _is_removed(ch):
        return ""
    nfkc = unicodedata.normalize("NFKC", ch)
    fold = _FOLD_ALL if fold_hamza else _FOLD
    out = "".join(fold.get(c, c) for c in nfkc if not _is_removed(c))
    # Isolated forms of harakat (U+FE70…) decompose to space + mark: they are marks.
    if out and out.isspace() and not ch.isspace():
        return ""
    return out


class _Table(dict):
    """``str.translate`` table that fills itself for characters not seen yet."""

    def __init__(self, fold_hamza: bool):
        super().__init__()
        self.fold_hamza = fold_hamza

    def __missing__(self, cp: int) -> str:
        out = _char_output(chr(cp), self.fold_hamza)
        self[cp] = out
        return out


@dataclass(frozen=True, slots=True)
class _Rules:
    table: _Table
    special: re.Pattern[str]  # characters other than "unchanged" or a common letter fold
    other: re.Pattern[str]  # ``special`` minus the marks below (handled in bulk)
    marks: re.Pattern[str]  # a captured run of removed marks (harakat, tatweel…)
    folds: tuple[tuple[str, str], ...]  # common one-letter folds, applied with str.replace
    compose: bool

    def fold(self, text: str) -> str:
        for src, dst in self.folds:
            if src in text:
                text = text.replace(src, dst)
        return text


def _ranges_class(cps: list[int]) -> str:
    parts: list[str] = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = chr(cps[i]), chr(cps[j])
        parts.append(re.escape(lo) if i == j else f"{re.escape(lo)}-{re.escape(hi)}")
        i = j + 1
    return "".join(parts)


@functools.cache
def _rules(fold_hamza: bool) -> _Rules:
    """Sweep the BMP once (about 0.1 s, on first use) to find the characters that need
    individual handling.

    The common Arabic folds (alef variants, ى, ة…) are one-to-one and frequent, so they
    are applied to whole runs with ``str.replace``; only the rest (marks, tatweel, format
    characters, compatibility forms) goes through the per-character path. Astral
    characters are all treated as special: rare in news text, and start-up stays short.
    """
    folds = _FOLD_ALL if fold_hamza else _FOLD
    table = _Table(fold_hamza)
    special: list[int] = []
    others: list[int] = []
    marks: list[int] = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        out = _char_output(ch, fold_hamza)
        if out != ch:
            table[cp] = out
            if folds.get(ch) != out:
                special.append(cp)
                # Removed marks vanish and are absorbed by the text before them: fully
                # vowelled text has one after every letter, so they are split out in bulk.
                (marks if out == "" and not _is_format(ch) else others).append(cp)
    astral = "\U00010000-\U0010ffff"
    compose = "" if fold_hamza else f"[{''.join(_COMPOSE)}]{HAMZA_ABOVE}|"
    return _Rules(
        table,
        re.compile(f"{compose}[{_ranges_class(special)}{astral}]"),
        re.compile(f"{compose}[{_ranges_class(others)}{astral}]"),
        re.compile(f"([{_ranges_class(marks)}]+)"),
        tuple(folds.items()),
        not fold_hamza,
    )


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised copy of a text with the map back to raw code points."""

    text: str  # the normalised copy
    starts: tuple[int, ...]  # starts[i] = raw index where normalised char i comes from
    ends: tuple[int, ...]  # ends[i] = raw index just after the raw char(s) that produced char i

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw [s, e) covering normalised [start, end); e extends over removed marks
        (diacritics, tatweel) that directly follow the last char, s does not reach back."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"range {start}–{end} outside normalised text of {len(self.text)}")
        if start == end:
            if start < len(self.starts):
                pos = self.starts[start]
            else:
                pos = self.ends[-1] if self.ends else 0
            return pos, pos
        return self.starts[start], self.ends[end - 1]


class SparseMap:
    """The normalised→raw map as runs, for the matcher's hot path.

    Building two full tuples costs more than matching a whole article, and the matcher
    only needs raw offsets for its few hits. Runs are either linear (one raw char per
    normalised char) or fixed (several normalised chars from one raw cluster).
    """

    __slots__ = ("norm_starts", "raw_starts", "linear", "tail_ends", "lengths")

    def __init__(self) -> None:
        self.norm_starts: list[int] = []
        self.raw_starts: list[int] = []
        self.linear: list[bool] = []
        self.tail_ends: list[int] = []  # raw end of the run's last char, marks absorbed
        self.lengths: list[int] = []

    def _add(self, norm_start: int, raw_start: int, length: int, linear: bool, tail: int) -> None:
        self.norm_starts.append(norm_start)
        self.raw_starts.append(raw_start)
        self.linear.append(linear)
        self.tail_ends.append(tail)
        self.lengths.append(length)

    def char(self, i: int) -> tuple[int, int]:
        """Raw (start, end) of normalised character ``i``."""
        k = bisect.bisect_right(self.norm_starts, i) - 1
        offset = i - self.norm_starts[k]
        last = offset == self.lengths[k] - 1
        if not self.linear[k]:
            return self.raw_starts[k], self.tail_ends[k]
        start = self.raw_starts[k] + offset
        return start, (self.tail_ends[k] if last else start + 1)

    def map_spans(self, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """``to_raw`` over many (start, end, payload) triples: the matcher's hit path."""
        norm_starts, raw_starts, linear = self.norm_starts, self.raw_starts, self.linear
        tails, lengths = self.tail_ends, self.lengths
        if len(norm_starts) == 1 and linear[0]:
            base, tail, n = raw_starts[0], tails[0], lengths[0]
            return [(s + base, tail if e == n else e + base, p) for s, e, p in spans]
        out = []
        for s, e, p in spans:
            k = bisect.bisect_right(norm_starts, s) - 1
            rs = raw_starts[k] + (s - norm_starts[k]) if linear[k] else raw_starts[k]
            e -= 1
            k = bisect.bisect_right(norm_starts, e) - 1
            offset = e - norm_starts[k]
            if not linear[k] or offset == lengths[k] - 1:
                re_ = tails[k]
            else:
                re_ = raw_starts[k] + offset + 1
            out.append((rs, re_, p))
        return out

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw [s, e) for normalised [start, end), as :meth:`Normalized.to_raw`."""
        if len(self.norm_starts) == 1 and self.linear[0]:  # text without special characters
            base = self.raw_starts[0]
            e = end + base
            return start + base, (self.tail_ends[0] if end == self.lengths[0] else e)
        return self.char(start)[0], self.char(end - 1)[1]


def _plain_run(
    text: str, a: int, b: int, rules: _Rules, smap: SparseMap, pieces: list[str], norm_pos: int
) -> int:
    """Map ``text[a:b]`` (no special characters but removed marks); returns the new
    normalised position. Marks are split out with one regex call and the runs between
    them built with list operations, so a fully vowelled text stays fast."""
    segment = text[a:b]
    parts = rules.marks.split(segment)
    if len(parts) == 1:  # no marks: one linear run
        pieces.append(segment)
        smap._add(norm_pos, a, b - a, True, b)
        return norm_pos + b - a
    # parts = [kept, marks, kept, marks, …, kept]; only the first and last may be empty.
    part_lengths = list(map(len, parts))
    offsets = list(accumulate(part_lengths, initial=a))  # raw start of each part
    kept = parts[0::2]
    lengths = part_lengths[0::2]
    raw_starts = offsets[0::2]
    tails = offsets[2::2]  # a kept run absorbs the marks after it
    tails.append(b)
    if not lengths[0]:  # leading marks: absorbed by the text just before, if adjacent
        if smap.tail_ends and smap.tail_ends[-1] == a:
            smap.tail_ends[-1] = offsets[2]
        del kept[0], lengths[0], raw_starts[0], tails[0]
    if lengths and not lengths[-1]:  # trailing marks: already in the previous tail
        del kept[-1], lengths[-1], raw_starts[-1], tails[-1]
    norm_starts = list(accumulate(lengths, initial=norm_pos))
    end = norm_starts.pop()
    smap.norm_starts.extend(norm_starts)
    smap.raw_starts.extend(raw_starts)
    smap.linear.extend([True] * len(lengths))
    smap.tail_ends.extend(tails)
    smap.lengths.extend(lengths)
    pieces.extend(kept)
    return end


def _scan(text: str, fold_hamza: bool) -> tuple[str, SparseMap]:
    rules = _rules(fold_hamza)
    smap = SparseMap()
    pieces: list[str] = []
    norm_pos = 0
    raw_pos = 0  # start of the pending one-to-one run
    n = len(text)
    for m in rules.other.finditer(text):
        j = m.start()
        if j > raw_pos:  # flush the run [raw_pos, j): one-to-one but for removed marks
            norm_pos = _plain_run(text, raw_pos, j, rules, smap, pieces, norm_pos)
        token = m.group()
        if len(token) == 2:  # decomposed hamza on waw/yeh
            out = _COMPOSE[token[0]]
        else:
            out = rules.table[ord(token)]
        raw_end = m.end()
        if out:
            pieces.append(out)
            smap._add(norm_pos, j, len(out), len(out) == 1, raw_end)
            norm_pos += len(out)
        elif smap.tail_ends and smap.tail_ends[-1] == j and not _is_format(token):
            # A removed mark right after produced text: the previous char absorbs it.
            smap.tail_ends[-1] = raw_end
        raw_pos = raw_end
    if raw_pos < n:
        _plain_run(text, raw_pos, n, rules, smap, pieces, norm_pos)
    # Special outputs are already folded, so folding the joined text touches only the runs.
    return rules.fold("".join(pieces)), smap


def _is_format(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def normalize_sparse(text: str, *, fold_hamza: bool = False) -> tuple[str, SparseMap]:
    """The normalised text and a compact map (what :class:`~annotator.text.matching.Matcher` uses)."""
    return _scan(text, fold_hamza)


def normalize(text: str, *, fold_hamza: bool = False) -> Normalized:
    """The matching normalisation of ``text`` with a full per-character map."""
    norm, smap = _scan(text, fold_hamza)
    starts: list[int] = []
    ends: list[int] = []
    for rs, lin, tail, length in zip(
        smap.raw_starts, smap.linear, smap.tail_ends, smap.lengths, strict=True
    ):
        if lin:
            starts.extend(range(rs, rs + length))
            ends.extend(range(rs + 1, rs + length))
            ends.append(tail)
        else:
            starts.extend([rs] * length)
            ends.extend([tail] * length)
    return Normalized(norm, tuple(starts), tuple(ends))


def normalize_text(text: str, *, fold_hamza: bool = False) -> str:
    """Same normalisation as :func:`normalize`, without the map (fast path)."""
    rules = _rules(fold_hamza)
    if rules.special.search(text) is None:
        return rules.fold(text)
    return _scan(text, fold_hamza)[0]


__all__ = ["Normalized", "SparseMap", "normalize", "normalize_sparse", "normalize_text"]
