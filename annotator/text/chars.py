"""The one table of Arabic character classes the text layer relies on.

Every module that must know "is this a diacritic?", "which letters are proclitics?" or
"which alef variants fold together?" reads it here: before this table existed the
diacritic range was spelled out in four modules and two of them disagreed about which
final letters take a tanween alef, so a hand-made span and an accepted suggestion of
the same word could differ.

Regex character-class bodies (``*_CLASS``) are given for both ``re`` and ``regex``
patterns; they contain no brackets so they can be combined.
"""

from __future__ import annotations

# ---------------------------------------------------------------- marks
#: Harakat, tanween, shadda, sukun and the extended marks up to U+065F (hamza above
#: and below included): they sit on the letter before them.
HARAKAT_CLASS = "\u064b-\u065f"
SUPERSCRIPT_ALEF = "\u0670"
#: Diacritics proper: what belongs to the preceding letter.
DIACRITIC_CLASS = HARAKAT_CLASS + SUPERSCRIPT_ALEF
#: Quranic annotation marks and honorific signs: invisible to matching as well.
QURANIC_CLASS = "\u06d6-\u06ed"
HONORIFIC_CLASS = "\u0610-\u061a"
TATWEEL = "\u0640"
#: Everything matching ignores and a span absorbs after its last letter.
REMOVED_MARK_CLASS = DIACRITIC_CLASS + QURANIC_CLASS + HONORIFIC_CLASS + TATWEEL
ZWNJ, ZWJ = "\u200c", "\u200d"

HAMZA_ABOVE = "\u0654"
HAMZA = "\u0621"

# ---------------------------------------------------------------- letters
ALEF = "\u0627"
#: Alef variants: with hamza above/below, madda, wasla, wavy hamza (folded to ا).
ALEF_VARIANTS = "\u0623\u0625\u0622\u0671\u0672\u0673"
#: Every letter drawn as an alef (a lam before one of them makes the lam-alef ligature).
ALEFS = ALEF + ALEF_VARIANTS
LAM = "\u0644"
ALEF_MAQSURA = "\u0649"
YEH = "\u064a"
TEH_MARBUTA = "\u0629"
HEH = "\u0647"

#: One-to-one folds for matching (never applied to stored text).
FOLD: dict[str, str] = {
    **{v: ALEF for v in ALEF_VARIANTS},
    ALEF_MAQSURA: YEH,
    "\u06cc": YEH,  # Persian yeh
    TEH_MARBUTA: HEH,
    "\u06c0": HEH,
    "\u06c3": HEH,
    "\u06a9": "\u0643",  # Persian keheh → kaf
}
#: Hamza on waw / yeh, folded only on request.
FOLD_HAMZA: dict[str, str] = {"\u0624": "\u0648", "\u0626": YEH}
#: و / ي / ى + hamza above: the decomposed spelling of ؤ / ئ, composed before matching.
COMPOSE_HAMZA: dict[str, str] = {"\u0648": "\u0624", YEH: "\u0626", ALEF_MAQSURA: "\u0626"}

# ---------------------------------------------------------------- clitics
#: Conjunctions written joined to the next word.
CONJUNCTIONS = "\u0648\u0641"  # و ف
#: Prepositions written joined to the next word.
PREPOSITIONS = "\u0628\u0643\u0644"  # ب ك ل
#: The definite article.
ARTICLE = ALEF + LAM  # ال
#: ل + ال is written لل: the article's alef is dropped.
LAM_ARTICLE = LAM + LAM
#: The accusative tanween alef (شهيداً for شهيد): inside the span.
TANWEEN_ALEF = ALEF
#: Final letters after which a word never takes a tanween alef: alef and its hamza forms,
#: alef maqsura, teh marbuta. A final hamza takes none after an alef (شهداءً).
NO_TANWEEN_AFTER = frozenset(ALEF + "\u0623\u0625\u0622" + ALEF_MAQSURA + TEH_MARBUTA)
NO_TANWEEN_AFTER_ENDINGS = (ALEF + HAMZA,)


def is_removed_mark(ch: str) -> bool:
    """Diacritics, Quranic marks, honorifics and tatweel: invisible to matching, and
    absorbed into a span when they follow its last letter (شهيداً keeps its tanween)."""
    cp = ord(ch)
    return (
        0x064B <= cp <= 0x065F
        or cp == 0x0670
        or 0x06D6 <= cp <= 0x06ED
        or 0x0610 <= cp <= 0x061A
        or cp == 0x0640
    )


def is_diacritic(ch: str) -> bool:
    """A mark that belongs to the letter before it (tatweel is a letter, not a mark)."""
    cp = ord(ch)
    return 0x064B <= cp <= 0x065F or cp == 0x0670


def takes_tanween_alef(letters: str) -> bool:
    """May a word spelled with these letters (marks and tatweel removed) carry a tanween
    alef? Only Arabic words whose last letter can take one."""
    if not letters:
        return False
    last = letters[-1]
    if not "\u0600" <= last <= "\u06ff" or last in NO_TANWEEN_AFTER:
        return False
    return not letters.endswith(NO_TANWEEN_AFTER_ENDINGS)


__all__ = [
    "ALEF",
    "ALEFS",
    "ALEF_VARIANTS",
    "ARTICLE",
    "COMPOSE_HAMZA",
    "CONJUNCTIONS",
    "DIACRITIC_CLASS",
    "FOLD",
    "FOLD_HAMZA",
    "HAMZA_ABOVE",
    "LAM",
    "LAM_ARTICLE",
    "PREPOSITIONS",
    "REMOVED_MARK_CLASS",
    "TANWEEN_ALEF",
    "TATWEEL",
    "ZWJ",
    "ZWNJ",
    "is_diacritic",
    "is_removed_mark",
    "takes_tanween_alef",
]
