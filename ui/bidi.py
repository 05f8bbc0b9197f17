"""Showing a piece of text in its own direction inside the interface's.

A table cell or label is laid out in the interface direction: an Arabic excerpt in the
English interface reads with its leading "…" after its last word, and "¶3 · 453" reads
"453 · 3¶" in the Arabic one. Wrapping the piece in a Unicode isolate (LRI/RLI … PDI) lays
it out by itself; the characters added are for display only, never stored.
"""

from __future__ import annotations

import unicodedata

LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"


def reads_right_to_left(text: str) -> bool:
    """The direction of ``text`` by its first strong character (Unicode's rule P2)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def isolated(text: str) -> str:
    """``text`` isolated in the direction of its first strong character."""
    return f"{RLI if reads_right_to_left(text) else LRI}{text}{PDI}"


def left_to_right(text: str) -> str:
    """``text`` (numbers, keys, places like "¶3 · 453") always read left to right."""
    return f"{LRI}{text}{PDI}"


__all__ = ["LRI", "PDI", "RLI", "isolated", "left_to_right", "reads_right_to_left"]
