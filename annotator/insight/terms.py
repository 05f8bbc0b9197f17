"""Which labelled surface forms count as one term.

Spans labelled «والثوار», «الثوارِ» and «الثوار» name the fighters the same way, so term
statistics group them under one key. The key comes from the one text layer:
:func:`annotator.text.normalise.normalize_text` (diacritics, tatweel, alef/yeh/teh-marbuta
variants, invisible characters) and :func:`annotator.text.clitics.article_proclitic_length`
(conjunction/preposition joined to the article, وال… بال… فبال… لل…, split off only where
the article proves they are clitics: وصول is never و + صول). One step is added here:
the article that ل + ال wrote as لل is put back (للثوار counts as الثوار), because a
term is counted, not drawn.
"""

from __future__ import annotations

import functools

from annotator.text.chars import ARTICLE, LAM
from annotator.text.clitics import article_proclitic_length
from annotator.text.normalise import normalize_text


@functools.lru_cache(maxsize=65536)
def term_key(surface: str) -> str:
    """The normalised term a labelled surface form counts as (empty for blank text)."""
    words = normalize_text(surface).split()
    if not words:
        return ""
    first = words[0]
    skip = article_proclitic_length(first)
    if skip:
        # Only a ل clitic can end the split-off letters (ل + ال written لل, or the single
        # ل before a stem's lam-alef): the article it swallowed is put back.
        lam = first[skip - 1] == LAM
        words[0] = (ARTICLE if lam else "") + first[skip:]
    return " ".join(words)


__all__ = ["term_key"]
