"""Arabic-aware lexicon matching: terms found through clitics and spelling variants.

How it works, and why it is fast: every surface form a term may take (its clitic
prefixes, article, tanween alef) is generated once when the :class:`Matcher` is built
and stored in a dict keyed by the *first word*. Finding matches is then one
normalisation pass, one word split and one dict lookup per word; multi-word terms
check their remaining words only after a first-word hit.

Modes (per lexicon entry):

* ``exact``: the term as written, in the raw text, whole words only.
* ``normalized``: whole words of the normalised text (diacritics, tatweel, alef/yeh/
  teh-marbuta variants and invisible characters are forgiven; see annotator.arabic).
* ``clitics`` (default): ``normalized`` plus Arabic proclitics and the tanween alef.

Clitic rules (``clitics`` mode), decided here and relied on by the tests:

* Optional proclitics before the first word: conjunction و/ف, then preposition ب/ك/ل,
  then the article ال. The conjunction and preposition are never inside the span:
  "والميليشيات الطائفية" gives a span on "الميليشيات الطائفية".
* A term written with ال matches bare and after و/ف/ب/ك (وال…, بال…, فبال…); the span
  keeps the ال. It does not match without its article (الثوار does not match ثوار).
* A term written without ال also matches with the article (الشهداء for شهداء); the
  span then includes ال, because the annotator labels the word as written.
* ل + ال is written لل: the article's alef is gone, so no slice of the text normalises
  to the term; the span is the stem after لل ("للثوار" → "ثوار", the term minus its
  ال). When the stem itself starts with ل (اللاجئين), the text has only two lams
  ("للاجئين") and the span starts at the second.
* Clitics are only stripped in front of stems of at least three letters, and only
  when the rest of the word is the term: a word is never split unless the remainder
  matches (وطن is not و + طن; طن is too short to take clitics at all).
* Suffixes are the lexicon's business (list inflected forms), except the accusative
  tanween alef: شهيداً and شهيدا match شهيد, and the span covers the whole word
  (diacritics included). Not offered after a final ا ى ة or hamza-on-alef, which never
  take it.
* Multi-word terms match across any run of whitespace inside a paragraph (several
  spaces, tabs, one line break of hard-wrapped text), never across a paragraph break
  (a blank line or U+2029): a heading's last word and the next paragraph's first word
  are not a term. Punctuation between words must be the term's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import accumulate, compress
from typing import NamedTuple

from annotator.arabic import normalize_sparse, normalize_text
from annotator.lexicon import Lexicon, LexiconEntry, check_mode

# Words of the normalised text: letters and digits (Arabic letters are \w).
_NORM_SPLIT = re.compile(r"(\w+)")
# Words of the raw text for exact mode: marks, tatweel and joiners belong to the word.
_RAW_WORD = r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d]+"
_RAW_SPLIT = re.compile(f"({_RAW_WORD})")
_WS = re.compile(r"\s+")

ARTICLE = "ال"
CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ك", "ل")
TANWEEN_ALEF = "ا"
MIN_CLITIC_STEM = 3  # shorter stems are mostly function words: never strip letters before them
_NO_TANWEEN_AFTER = set("اىةأإآ")


class Match(NamedTuple):
    """A lexicon hit in raw code-point offsets ``[start, end)`` of the searched text.

    A named tuple rather than a frozen dataclass: a large lexicon yields many matches per
    article, and tuples are built and sorted several times faster.
    """

    start: int
    end: int
    label: str
    term: str
    mode: str


class _Candidate(NamedTuple):
    """One way a dict key can start a term (a tuple: unpacked in the hot loop)."""

    entry: int  # index into Matcher.entries
    skip: int  # leading characters of the first word that are clitics, not span
    rest: tuple[str, ...]  # following words of the term
    seps: tuple[str | None, ...]  # separator before each of them (None = any whitespace)
    tanween: bool  # the last of ``rest`` may carry a tanween alef


def _split_term(words_and_seps: list[str]) -> tuple[tuple[str, ...], tuple[str | None, ...]]:
    """Words and the separators between them from a ``re.split`` with a captured group."""
    words = tuple(words_and_seps[1::2])
    seps: list[str | None] = []
    for sep in words_and_seps[2:-1:2]:
        collapsed = _WS.sub(" ", sep)
        seps.append(None if collapsed == " " else collapsed)
    return words, tuple(seps)


def _letters(raw: str) -> str:
    return "".join(ch for ch in raw if ch.isalpha() and ch != "\u0640")


def _is_definite(raw_term: str) -> bool:
    """Written with the article? Decided on the raw term, where the article's alef is plain
    (ا or ٱ): إلغاء and ألم normalise to الغاء, الم but carry no article."""
    letters = _letters(raw_term)
    return letters.startswith(("ال", "ٱل"))


def _takes_tanween(raw_term: str, last_word: str) -> bool:
    stripped = _letters(raw_term)
    return (len(last_word) >= MIN_CLITIC_STEM and bool(stripped)
            and stripped[-1] not in _NO_TANWEEN_AFTER)


def _first_word_forms(word: str, definite: bool) -> list[tuple[str, int]]:
    """Every clitic-prefixed surface of a term's (normalised) first word, with the span skip."""
    forms: list[tuple[str, int]] = [(word, 0)]
    if definite and word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= 2:
        stem = word[len(ARTICLE):]
        for conj in CONJUNCTIONS:
            for prep in ("", "ب", "ك"):
                if conj or prep:
                    forms.append((conj + prep + word, len(conj + prep)))
            forms.append((conj + "لل" + stem, len(conj) + 2))
            if stem.startswith("ل"):
                forms.append((conj + "ل" + stem, len(conj) + 1))
        return forms
    if len(word) < MIN_CLITIC_STEM:
        return forms
    for conj in CONJUNCTIONS:
        for prep in PREPOSITIONS:
            if conj or prep:
                forms.append((conj + prep + word, len(conj + prep)))
        for prep in ("", "ب", "ك"):
            forms.append((conj + prep + ARTICLE + word, len(conj + prep)))
        forms.append((conj + "لل" + word, len(conj) + 2))
    return forms


class Matcher:
    """A lexicon compiled for matching; build once, call :meth:`find` per text."""

    def __init__(self, entries: Lexicon | Iterable[LexiconEntry], *, fold_hamza: bool = False):
        if isinstance(entries, Lexicon):
            entries = entries.entries
        self.entries: tuple[LexiconEntry, ...] = tuple(entries)
        self.fold_hamza = fold_hamza
        self._norm_index: dict[str, list[_Candidate]] = {}
        self._raw_index: dict[str, list[_Candidate]] = {}
        self._info = [(e.label, e.term, e.mode) for e in self.entries]
        for i, entry in enumerate(self.entries):
            self._compile(i, entry)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.label for e in self.entries))

    def _compile(self, i: int, entry: LexiconEntry) -> None:
        mode = check_mode(entry.mode)
        if mode == "exact":
            words, seps = _split_term(_RAW_SPLIT.split(entry.term))
            if words:
                self._raw_index.setdefault(words[0], []).append(
                    _Candidate(i, 0, words[1:], seps, False)
                )
            return
        norm = normalize_text(entry.term, fold_hamza=self.fold_hamza)
        words, seps = _split_term(_NORM_SPLIT.split(norm))
        if not words:
            return
        if mode == "normalized":
            self._norm_index.setdefault(words[0], []).append(
                _Candidate(i, 0, words[1:], seps, False)
            )
            return
        tanween = _takes_tanween(entry.term, words[-1])
        single = len(words) == 1
        for surface, skip in _first_word_forms(words[0], _is_definite(entry.term)):
            cand = _Candidate(i, skip, words[1:], seps, tanween and not single)
            keys = [surface, surface + TANWEEN_ALEF] if single and tanween else [surface]
            for key in keys:
                bucket = self._norm_index.setdefault(key, [])
                if cand not in bucket:
                    bucket.append(cand)

    def find(self, text: str) -> list[Match]:
        """Every match in ``text``, sorted; overlapping matches of different terms are all
        returned (an annotator may want both "ميليشيات" and "ميليشيات الأسد")."""
        found: set[tuple[int, int, int]] = set()  # (start, end, entry index), raw offsets
        if self._norm_index:
            norm, smap = normalize_sparse(text, fold_hamza=self.fold_hamza)
            hits = self._scan(_NORM_SPLIT.split(norm), self._norm_index)
            found.update(smap.map_spans(hits))
        if self._raw_index:
            found.update(self._scan(_RAW_SPLIT.split(text), self._raw_index))
        info = self._info
        # Two entries can share (term, label, mode) only as duplicates: dedupe by value.
        return sorted({Match(s, e, *info[i]) for s, e, i in found})

    def _scan(self, pieces: list[str],
              index: dict[str, list[_Candidate]]) -> list[tuple[int, int, int]]:
        """(start, end, entry index) in the coordinates of the split text.

        ``pieces`` alternates separators and words: words are at odd indexes.
        """
        words = pieces[1::2]
        get = index.get
        # compress/map keep the per-word loop in C; only hits reach Python code.
        hits = list(compress(range(len(words)), map(get, words)))
        if not hits:
            return []
        offsets = list(accumulate(map(len, pieces), initial=0))  # offsets[i] = start of piece i
        n_words = len(words)
        out = []
        for k in hits:
            first = offsets[2 * k + 1]
            for entry, skip, rest, seps, tanween in get(words[k]):
                if not rest:
                    out.append((first + skip, offsets[2 * k + 2], entry))
                    continue
                last = k + len(rest)
                if last < n_words and _rest_matches(pieces, words, k, rest, seps, tanween):
                    out.append((first + skip, offsets[2 * last + 2], entry))
        return out


def _crosses_paragraph(sep: str) -> bool:
    return sep.count("\n") > 1 or "\u2029" in sep


def _rest_matches(pieces: list[str], words: list[str], k: int, rest: tuple[str, ...],
                  seps: tuple[str | None, ...], tanween: bool) -> bool:
    """Do the words after word ``k`` (and the separators before them) continue the term?"""
    n = len(rest)
    for j, expected in enumerate(rest):
        w = k + 1 + j
        word = words[w]
        if word != expected and not (tanween and j == n - 1 and word == expected + TANWEEN_ALEF):
            return False
        sep = pieces[2 * w]
        wanted_sep = seps[j]
        if wanted_sep is None:
            if not sep.isspace() or _crosses_paragraph(sep):
                return False
        elif _WS.sub(" ", sep) != wanted_sep:
            return False
    return True


__all__ = ["Match", "Matcher", "MIN_CLITIC_STEM"]
