"""Find where a span really lies when its offsets and its own text disagree.

Real shared-task data is not clean: some files count offsets in UTF-16 code units (every
emoji before a span then shifts it by one per emoji), and some had user names and links
replaced after annotation ("@someone" -> "@USER", a URL -> "LINK"), which shifts every later
span by a fixed delta while the span's own ``text`` stays right. A span that carries its own
text can be repaired with certainty: we only ever accept a position whose slice *is* that text
(or, for the last rule, normalises to it). Spans without their own text cannot be repaired, only
flagged, which is what :func:`boundary_warnings` does.

Everything here is pure: strings in, offsets out. Offsets are code points, 0-based,
end-exclusive; the text is never changed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from annotator.text.chars import DIACRITIC_CLASS, TATWEEL
from annotator.text.graphemes import grapheme_around
from annotator.text.units import (
    OFFSET_UNITS,
    TextUnits,
    first_astral,
    span_to_codepoints,
    utf16_to_codepoint,
)

RULES = ("exact", "utf16", "nearest", "normalized")

# What the "normalized" rule ignores: Arabic diacritics (harakat, tanwin, shadda, sukun, the
# extended marks up to U+065F), superscript alef and tatweel. Deliberately nothing more (no alef
# or hamza folding): a looser match would no longer be a repair "with certainty".
_IGNORED_RE = re.compile(f"[{DIACRITIC_CLASS}{TATWEEL}]")
_KEPT_RUN_RE = re.compile(f"[^{DIACRITIC_CLASS}{TATWEEL}]+")
# Combining marks that belong to the preceding letter (tatweel excluded: it is a letter itself).
_DIACRITIC_RE = re.compile(f"[{DIACRITIC_CLASS}]")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a span was placed and by which rule, so the importer can report what it did."""

    start: int
    end: int
    rule: str  # one of RULES; "exact" when text[start:end] == span_text already


# --------------------------------------------------------------------------- placement


def place_span(text: str, start: int, end: int, span_text: str) -> Placement | None:
    """Where does a span that carries its own text really lie? Tries, in order:
    (0) exact: text[start:end] == span_text;
    (1) utf16: read start/end as UTF-16 code units (convert to code points) — accept only if the
        converted slice equals span_text;
    (2) nearest: the occurrence of span_text nearest to the given start in the same text
        (distance |occ_start - start|; ties: the earlier occurrence);
    (3) normalized: the same after Arabic normalisation (diacritics U+064B–U+065F, U+0670, tatweel
        U+0640 removed; compare normalised span_text with normalised text, occurrence nearest to
        the given start), mapped back to RAW code-point offsets (the raw slice must normalise to
        the normalised span_text; include trailing diacritics of the last letter).
    Returns None when the span cannot be placed (empty span_text, no occurrence).

    The exact check is O(len(span)); the later rules cost O(len(text)) and run only when the
    earlier ones failed. The nearest occurrence is the one the given offsets were trying to
    say: a shifted span (user name shortened, link replaced) keeps its order in the text.
    """
    if not span_text:
        return None
    n = len(text)
    if 0 <= start <= end <= n and text[start:end] == span_text:
        return Placement(start, end, "exact")

    placed = _place_utf16(text, start, end, span_text)
    if placed is not None:
        return placed

    occ = _nearest(text, span_text, start)
    if occ is not None:
        return Placement(occ, occ + len(span_text), "nearest")

    return _place_normalized(text, start, span_text)


def _place_utf16(text: str, start: int, end: int, span_text: str) -> Placement | None:
    """Rule (1). Only a conversion that changes something can succeed where "exact" failed,
    so a text without astral characters before ``end`` never gets a false utf16 verdict."""
    if start < 0 or start > end or first_astral(text, min(end, len(text))) is None:
        return None
    s = utf16_to_codepoint(text, start)
    e = utf16_to_codepoint(text, end)
    if s is None or e is None or (s, e) == (start, end):
        return None
    if text[s:e] == span_text:
        return Placement(s, e, "utf16")
    return None


def _nearest(haystack: str, needle: str, start: int) -> int | None:
    """Start of the occurrence of ``needle`` nearest to ``start`` (ties: the earlier one).

    Two C-level searches: the last occurrence at or before ``start`` and the first after it.
    """
    pivot = max(0, min(start, len(haystack)))
    before = haystack.rfind(needle, 0, pivot + len(needle))
    after = haystack.find(needle, pivot + 1)
    if before < 0 and after < 0:
        return None
    if after < 0:
        return before
    if before < 0:
        return after
    return before if abs(before - start) <= abs(after - start) else after


@lru_cache(maxsize=8)
def _normalize(text: str) -> tuple[str, tuple[int, ...]]:
    """Text without diacritics/tatweel and, per kept character, its raw index. Cached because
    a record's spans share one text and a vocalised text may send many of them here."""
    keep: list[int] = []
    for m in _KEPT_RUN_RE.finditer(text):
        keep.extend(range(m.start(), m.end()))
    return _IGNORED_RE.sub("", text), tuple(keep)


def _place_normalized(text: str, start: int, span_text: str) -> Placement | None:
    """Rule (3): match with diacritics and tatweel ignored, report raw offsets."""
    needle = _IGNORED_RE.sub("", span_text)
    if not needle:
        return None
    if _IGNORED_RE.search(text) is None and needle == span_text:
        return None  # nothing to ignore on either side: rule (2) already said no
    norm, keep = _normalize(text)
    pivot = bisect_left(keep, start)  # normalised occurrences >= pivot start at raw >= start
    # Last occurrence starting before `start` (raw) and first one at or after it.
    before = norm.rfind(needle, 0, pivot - 1 + len(needle)) if pivot > 0 else -1
    after = norm.find(needle, pivot)
    candidates = [c for c in (before, after) if c >= 0]
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (abs(keep[c] - start), keep[c]))
    raw_start = keep[best]
    raw_end = keep[best + len(needle) - 1] + 1
    # Take the last letter's own diacritics with it (not a following tatweel: that is a letter).
    while raw_end < len(text) and _DIACRITIC_RE.match(text, raw_end):
        raw_end += 1
    return Placement(raw_start, raw_end, "normalized")


def occurrences(text: str, span_text: str) -> int:
    """How many times ``span_text`` occurs (overlaps counted): >1 means "nearest" chose among
    several, which an import report may want to say."""
    if not span_text:
        return 0
    count, pos = 0, text.find(span_text)
    while pos >= 0:
        count += 1
        pos = text.find(span_text, pos + 1)
    return count


def _all_occurrences(text: str, span_text: str) -> list[int]:
    found, pos = [], text.find(span_text)
    while pos >= 0:
        found.append(pos)
        pos = text.find(span_text, pos + 1)
    return found


def place_spans(text: str, spans: Sequence[tuple[int, int, str]]) -> list[Placement | None]:
    """Place all (start, end, span_text) of ONE record, using what the record's other spans
    prove about how its offsets were written.

    - UTF-16 evidence: one tool wrote all offsets of a record, so once a span of the record
      could only be placed by reading its offsets as UTF-16 units, an "exact" span whose UTF-16
      reading ALSO gives its text is a coincidence (a repeated word as far after the given
      position as there are emoji before it: "Repetition" spans) and takes the UTF-16 reading.
    - Order: replacing a user name or link, or counting UTF-16 units, never reorders text, so a
      span lies between the real positions of the certain spans (exact, utf16, or the only
      occurrence of their text) given just before and just after it.
    - Shift: a replaced user name or link shifts every later span by the same delta, so an
      ambiguous span (its text occurs several times) takes the occurrence that agrees with the
      delta of the certain span just before it (else just after it); otherwise the occurrence
      nearest to its given start among those the order allows; with no such occurrence, plain
      :func:`place_span`'s nearest choice.
    """
    placed = [place_span(text, s, e, t) for s, e, t in spans]
    if any(p is not None and p.rule == "utf16" for p in placed):
        for i, ((s, e, t), p) in enumerate(zip(spans, placed, strict=True)):
            if p is not None and p.rule == "exact":
                placed[i] = _place_utf16(text, s, e, t) or p
    counts: dict[str, int] = {}
    anchors: list[tuple[int, int]] = []  # (given start, real start)
    for (s, _e, t), p in zip(spans, placed, strict=True):
        if p is None:
            continue
        if p.rule == "nearest" and t not in counts:
            counts[t] = occurrences(text, t)
        if p.rule in ("exact", "utf16") or (p.rule == "nearest" and counts[t] == 1):
            anchors.append((s, p.start))
    if not anchors:
        return placed
    anchors.sort()
    given = [a[0] for a in anchors]
    for i, ((s, _e, t), p) in enumerate(zip(spans, placed, strict=True)):
        if p is None or p.rule != "nearest" or counts[t] == 1:
            continue
        k_before = bisect_right(given, s)  # anchors[:k_before] have given start <= s
        k_after = bisect_left(given, s)  # anchors[k_after:] have given start >= s
        low = anchors[k_before - 1][1] if k_before > 0 else 0
        high = anchors[k_after][1] if k_after < len(anchors) else len(text)
        allowed = [o for o in _all_occurrences(text, t) if low <= o <= high]
        if not allowed:
            continue  # the neighbours disagree with every occurrence: keep plain nearest
        wanted = []
        if k_before > 0:
            wanted.append(s + anchors[k_before - 1][1] - anchors[k_before - 1][0])
        if k_after < len(anchors):
            wanted.append(s + anchors[k_after][1] - anchors[k_after][0])
        chosen = next((w for w in wanted if w in allowed), None)
        if chosen is None:
            chosen = min(allowed, key=lambda o: (abs(o - s), o))
        placed[i] = Placement(chosen, chosen + len(t), "nearest")
    return placed


# --------------------------------------------------------------------------- boundary checks


def _codes(chars: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in chars)


def _boundary_warning(text: str, pos: int, which: str) -> str | None:
    cluster = grapheme_around(text, pos)
    if cluster is None:
        return None
    cs, ce = cluster
    base = text[cs]
    marks = text[pos:ce]
    if unicodedata.category(base).startswith("L") and all(
        unicodedata.category(c) in ("Mn", "Me") for c in marks
    ):
        if which == "start":
            return (
                f"start {pos} separates the letter {base!r} from its combining mark(s) "
                f"{_codes(marks)}: the span begins with a bare diacritic (start at {cs}?)"
            )
        return (
            f"end {pos} cuts the combining mark(s) {_codes(marks)} off the last letter "
            f"{base!r} (end at {ce}?)"
        )
    return (
        f"{which} {pos} falls inside the character {text[cs:ce]!r} ({_codes(text[cs:ce])}) "
        f"at {cs}-{ce}: a user sees one character there (use {cs} or {ce})"
    )


def boundary_warnings(text: str, start: int, end: int) -> list[str]:
    """For spans WITHOUT their own text (doccano, PTC): human-readable warnings when a boundary
    splits a letter from its combining marks (diacritics) or falls inside a grapheme cluster
    (emoji ZWJ sequences, flags, skin-tone modifiers). Empty list when all is fine. Whether
    the offsets were counted in another unit is a question about the whole record, answered
    by :func:`unit_evidence` (emoji in the text alone are no evidence).
    """
    n = len(text)
    if not 0 <= start <= end <= n:
        return [f"span [{start}, {end}) lies outside the text (length {n})"]
    warnings: list[str] = []
    for pos, which in ((start, "start"), (end, "end")):
        if which == "end" and end == start:
            break
        msg = _boundary_warning(text, pos, which)
        if msg is not None:
            warnings.append(msg)
    return warnings


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN"


def _clean_boundary(text: str, pos: int) -> bool:
    """Not inside a grapheme cluster and not between two word characters."""
    if pos <= 0 or pos >= len(text):
        return 0 <= pos <= len(text)
    if _is_word_char(text[pos - 1]) and _is_word_char(text[pos]):
        return False
    return grapheme_around(text, pos) is None


def _clean_reading(text: str, start: int, end: int, unit: str) -> bool | None:
    """Are both boundaries clean when (start, end) is read in ``unit``? None: unreadable."""
    try:
        s, e = span_to_codepoints(text, start, end, unit)
    except ValueError:
        return None
    if not 0 <= s < e <= len(text):
        return None
    return _clean_boundary(text, s) and _clean_boundary(text, e)


_UNIT_NAMES = {
    "codepoints": "code points",
    "utf16": "UTF-16 code units",
    "graphemes": "grapheme clusters",
}


def unit_evidence(text: str, spans: Sequence[tuple[int, int]], unit: str) -> str | None:
    """A warning when a record's spans (offsets as given, without their own text) look
    counted in another unit than ``unit``: more of them fall on word and grapheme
    boundaries under the other reading than under this one. A text whose readings cannot
    differ (nothing outside the BMP, no multi-code-point cluster) never warns, so a file
    is not flagged merely for containing emoji: only the evidence of its spans counts.
    """
    units = TextUnits(text)
    others = [u for u in OFFSET_UNITS if u != unit]
    if units.is_identity:
        others = [u for u in others if u != "utf16"]
    if "graphemes" in others and units.grapheme_length == len(text):
        others.remove("graphemes")
    if not others or not spans:
        return None
    best: tuple[int, str] | None = None
    for other in others:
        better = worse = 0
        for start, end in spans:
            here = _clean_reading(text, start, end, unit)
            there = _clean_reading(text, start, end, other)
            if there and not here:
                better += 1
            elif here and not there:
                worse += 1
        if better > worse and (best is None or better - worse > best[0]):
            best = (better - worse, other)
    if best is None:
        return None
    return (
        f"{best[0]} of {len(spans)} span(s) cut a word or a character when their offsets "
        f"are read as {_UNIT_NAMES[unit]} but not when read as {_UNIT_NAMES[best[1]]}: "
        f"the file was probably written counting {_UNIT_NAMES[best[1]]} "
        f"(import with --offsets {best[1]})"
    )
