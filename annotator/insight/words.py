"""What a "word" is for densities: one whitespace-separated token of the stored text.

The one definition, used by the stored per-document count (``document.word_count``,
filled on insert) and by anything that has to count a text that is not stored.
"""

from __future__ import annotations

from typing import Any


def count_words(text: str | None) -> int:
    """Whitespace-separated tokens: ``str.split()`` splits on any run of Unicode space.

    Counted without the split where that is exact and cheaper: ``str.split()`` makes a
    string of every word, which costs an import more than storing the document. A text
    that ``isprintable()`` has no whitespace but the ASCII space (tabs, line ends and
    every other Unicode space are not printable), so with no two spaces in a row its
    words are its spaces plus one, less a space at either end.
    """
    if not text:
        return 0
    if text.isprintable() and "  " not in text:
        return text.count(" ") + 1 - text.startswith(" ") - text.endswith(" ")
    return len(text.split())


def word_count_default(context: Any) -> int | None:
    """Column default for ``document.word_count``: counted from the row's own text.

    A SQLAlchemy context-sensitive default, so every INSERT that does not give a count
    (the importer's bulk insert included) stores one without knowing about it.
    """
    text = context.get_current_parameters().get("text")
    return None if text is None else count_words(text)
