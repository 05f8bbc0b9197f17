"""Which labelled surface forms count as one term.

Spans labelled «والثوار», «الثوارِ» and «الثوار» name the fighters the same way, so term
statistics group them under one key. The key is built only from the one text layer:
:func:`annotator.text.normalise.normalize_text` (diacritics, tatweel, alef/yeh/teh-marbuta
variants, invisible characters) and :func:`annotator.text.clitics.article_form`, the
conservative clitic step: proclitics in front of the article (وال…، بال…، فبال…، لل… → ال…),
where the article proves the letters before it are clitics. A bare word is never cut
(وصول is not و + صول).
"""

from __future__ import annotations

import functools

from annotator.text.clitics import article_form
from annotator.text.normalise import normalize_text


@functools.lru_cache(maxsize=65536)
def term_key(surface: str) -> str:
    """The normalised term a labelled surface form counts as (empty for blank text)."""
    words = normalize_text(surface).split()
    if not words:
        return ""
    first = words[0]
    words[0] = article_form(first)
    return " ".join(words)


__all__ = ["term_key"]
