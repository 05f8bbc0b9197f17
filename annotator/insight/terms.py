"""Which labelled surface forms count as one term.

Spans labelled «والثوار», «الثوارِ» and «الثوار» name the fighters the same way, so term
statistics group them under one key. The key is built only from the one text layer:
:func:`annotator.arabic.normalize_text` (diacritics, tatweel, alef/yeh/teh-marbuta
variants, invisible characters) and the matcher's clitic inventory (conjunction و/ف,
preposition ب/ك/ل, article ال). The only step added here is *which* clitics to strip
from a label's first word, and it is the conservative one: proclitics in front of the
article (وال…، بال…، فبال…، لل… → ال…), where the article proves the letters before it are
clitics. A bare word is never cut (وصول is not و + صول).
"""

from __future__ import annotations

import functools

from annotator.arabic import normalize_text
from annotator.matcher import ARTICLE, CONJUNCTIONS, MIN_CLITIC_STEM, PREPOSITIONS

# Clitic sequences that may stand before the article, longest first: وبال before وال.
_BEFORE_ARTICLE = sorted(
    {c + p for c in CONJUNCTIONS for p in PREPOSITIONS if (c + p) and p != "ل"},
    key=len,
    reverse=True,
)
_LAM_ARTICLE = "لل"  # ل + ال is written لل: the article's alef is gone


@functools.lru_cache(maxsize=65536)
def term_key(surface: str) -> str:
    """The normalised term a labelled surface form counts as (empty for blank text)."""
    words = normalize_text(surface).split()
    if not words:
        return ""
    first = words[0]
    words[0] = _strip_proclitics(first)
    return " ".join(words)


def _strip_proclitics(word: str) -> str:
    for conj in CONJUNCTIONS:
        lam = conj + _LAM_ARTICLE
        if word.startswith(lam) and len(word) - len(lam) >= MIN_CLITIC_STEM:
            return ARTICLE + word[len(lam) :]
    for prefix in _BEFORE_ARTICLE:
        rest = word[len(prefix) :]
        if (
            word.startswith(prefix)
            and rest.startswith(ARTICLE)
            and len(rest) - len(ARTICLE) >= MIN_CLITIC_STEM
        ):
            return rest
    return word


__all__ = ["term_key"]
