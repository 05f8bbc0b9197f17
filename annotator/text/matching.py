"""Matching terms in text: lexicon suggestions, label-all and the find box.

How the lexicon matcher works, and why it is fast: every surface form a term may take
(its clitic prefixes, article, tanween alef; rules in :mod:`annotator.text.clitics`) is
generated once when the :class:`Matcher` is built and stored in a dict keyed by the
*first word*. Finding matches is then one normalisation pass, one word split and one
dict lookup per word; multi-word terms check their remaining words only after a
first-word hit. No regular expression is built from a term, so no term can make the
matcher backtrack.

Modes (per lexicon entry):

* ``exact``: the term as written, in the raw text, whole words only.
* ``normalized``: whole words of the normalised text (diacritics, tatweel, alef/yeh/
  teh-marbuta variants and invisible characters are forgiven).
* ``clitics`` (default): ``normalized`` plus Arabic proclitics and the tanween alef,
  with the span boundaries of the label set's proclitic rule.

Multi-word terms match across any run of whitespace inside a paragraph (several spaces,
tabs, one line break of hard-wrapped text), never across a paragraph break (a blank line
or U+2029). Punctuation between words must be the term's own.

Label-all (:func:`find_term`) is the same matcher with a one-term lexicon, so "label all
occurrences" of a selection finds exactly what a suggestion of it would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import accumulate, compress
from typing import Any, NamedTuple, Protocol

from annotator.text.chars import REMOVED_MARK_CLASS, TANWEEN_ALEF, ZWJ, ZWNJ
from annotator.text.clitics import (
    DEFAULT_PROCLITICS,
    ProcliticRule,
    check_rule,
    first_word_forms,
    is_definite,
    term_takes_tanween,
)
from annotator.text.normalise import normalize_sparse, normalize_text

MODES = ("exact", "normalized", "clitics")
DEFAULT_MODE = "clitics"

# Words of the normalised text: letters and digits (Arabic letters are \w).
_NORM_SPLIT = re.compile(r"(\w+)")
# Words of the raw text for exact mode: marks, tatweel and joiners belong to the word.
_RAW_SPLIT = re.compile(f"([\\w{REMOVED_MARK_CLASS}{ZWNJ}{ZWJ}]+)")
_WS = re.compile(r"\s+")
_WORD_EDGES = re.compile(r"^\w.*\w$|^\w$", re.DOTALL)


class Entry(Protocol):
    """What the matcher needs of a lexicon entry (annotator.lexicon.LexiconEntry)."""

    @property
    def term(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def mode(self) -> str: ...


class EntrySource(Protocol):
    """A lexicon (annotator.lexicon.Lexicon): anything holding its entries."""

    @property
    def entries(self) -> tuple[Entry, ...]: ...


class _Term(NamedTuple):
    term: str
    label: str
    mode: str = DEFAULT_MODE


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


class Matcher:
    """A lexicon compiled for matching; build once, call :meth:`find` per text."""

    def __init__(
        self,
        entries: Iterable[Entry] | EntrySource,
        *,
        fold_hamza: bool = False,
        proclitics: ProcliticRule = DEFAULT_PROCLITICS,
    ):
        if not isinstance(entries, Iterable):
            entries = entries.entries  # a Lexicon
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.fold_hamza = fold_hamza
        self.proclitics: ProcliticRule = check_rule(proclitics)
        self._norm_index: dict[str, list[_Candidate]] = {}
        self._raw_index: dict[str, list[_Candidate]] = {}
        self._first_skip: dict[str, int] = {}
        self._info = [(e.label, e.term, e.mode) for e in self.entries]
        self._other: Matcher | None = None
        for i, entry in enumerate(self.entries):
            self._compile(i, entry)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.label for e in self.entries))

    def for_rule(self, proclitics: ProcliticRule) -> Matcher:
        """This lexicon under another proclitic rule (compiled once, then kept)."""
        if check_rule(proclitics) == self.proclitics:
            return self
        if self._other is None:
            self._other = Matcher(self.entries, fold_hamza=self.fold_hamza, proclitics=proclitics)
            self._other._other = self
        return self._other

    def first_word_skip(self, word: str) -> int | None:
        """Clitic letters the lexicon splits off the normalised word ``word`` when it
        starts a term (the smallest, if terms disagree); None if no term starts with it."""
        return self._first_skip.get(word)

    def _compile(self, i: int, entry: Entry) -> None:
        mode = entry.mode
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
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
            self._note_skip(words[0], 0)
            return
        tanween = term_takes_tanween(entry.term, words[-1])
        single = len(words) == 1
        forms = first_word_forms(words[0], is_definite(entry.term), self.proclitics)
        for surface, skip in forms:
            cand = _Candidate(i, skip, words[1:], seps, tanween and not single)
            keys = [surface, surface + TANWEEN_ALEF] if single and tanween else [surface]
            for key in keys:
                bucket = self._norm_index.setdefault(key, [])
                if cand not in bucket:
                    bucket.append(cand)
                self._note_skip(key, skip)

    def _note_skip(self, key: str, skip: int) -> None:
        known = self._first_skip.get(key)
        if known is None or skip < known:
            self._first_skip[key] = skip

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

    def _scan(
        self, pieces: list[str], index: dict[str, list[_Candidate]]
    ) -> list[tuple[int, int, int]]:
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
            for entry, skip, rest, seps, tanween in index[words[k]]:
                if not rest:
                    out.append((first + skip, offsets[2 * k + 2], entry))
                    continue
                last = k + len(rest)
                if last < n_words and _rest_matches(pieces, words, k, rest, seps, tanween):
                    out.append((first + skip, offsets[2 * last + 2], entry))
        return out


def _crosses_paragraph(sep: str) -> bool:
    return sep.count("\n") > 1 or "\u2029" in sep


def _rest_matches(
    pieces: list[str],
    words: list[str],
    k: int,
    rest: tuple[str, ...],
    seps: tuple[str | None, ...],
    tanween: bool,
) -> bool:
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


def one_per_range(matches: Iterable[Match], rank: Callable[[str], Any]) -> list[Match]:
    """One match per range: where terms of several labels cover the same characters, the
    label with the smallest ``rank(label)`` wins (the most specific one, as the label set
    orders them); between terms of one label, the first term in sort order."""
    best: dict[tuple[int, int], Match] = {}
    for m in matches:
        key = (m.start, m.end)
        kept = best.get(key)
        if kept is None or (rank(m.label), m.term) < (rank(kept.label), kept.term):
            best[key] = m
    return sorted(best.values())


# ------------------------------------------------------------------ find box, label-all
# Between query words: spaces, at most one line break, never a blank line. Written with
# one optional "\n + spaces" group: two adjacent "any spaces" parts made the regex
# backtrack exponentially in the number of words (a 30-word phrase took a minute).
_PARAGRAPH_GAP = r"[^\S\n\u2029]*(?:\n[^\S\n\u2029]*)?(?<=\s)"


def find_normalized(
    text: str,
    query: str,
    *,
    whole_word: bool = False,
    ignore_case: bool = True,
    fold_hamza: bool = False,
) -> list[tuple[int, int]]:
    """Raw spans of every (non-overlapping) occurrence of ``query`` in ``text``.

    Forgives diacritics, tatweel, alef/yeh/teh-marbuta variants and invisible format
    characters; any whitespace run in the query matches any whitespace run in the text.
    The default substring search is what an in-article find box expects; ``whole_word``
    refuses hits that start or end inside a longer word and stays inside a paragraph.
    """
    parts = normalize_text(query, fold_hamza=fold_hamza).split()
    if not parts:
        return []
    gap = _PARAGRAPH_GAP if whole_word else r"\s+"
    pattern = gap.join(re.escape(p) for p in parts)
    pattern = rf"(?<!\w)({pattern})(?!\w)" if whole_word else f"({pattern})"
    regex = re.compile(pattern, re.IGNORECASE if ignore_case else 0)
    norm, smap = normalize_sparse(text, fold_hamza=fold_hamza)
    return [smap.to_raw(*m.span(1)) for m in regex.finditer(norm) if m.end(1) > m.start(1)]


def term_finder(
    query: str,
    *,
    proclitics: ProcliticRule = DEFAULT_PROCLITICS,
    fold_hamza: bool = False,
) -> Callable[[str], list[tuple[int, int]]]:
    """Label-all: a function giving every whole-word occurrence of ``query`` in a text as
    a ``clitics`` lexicon term would be suggested (the same clitic, article and tanween
    rule, the same spans). Built once, applied to every document of a corpus.

    A query that begins or ends with punctuation (a selection «with its quotes») cannot
    carry clitics or a tanween alef there; it is matched whole-word, marks forgiven.
    """
    norm = normalize_text(query, fold_hamza=fold_hamza).strip()
    if not norm:
        return lambda text: []
    if not _WORD_EDGES.match(norm):
        return lambda text: find_normalized(text, query, whole_word=True, fold_hamza=fold_hamza)
    matcher = Matcher([_Term(query.strip(), "")], fold_hamza=fold_hamza, proclitics=proclitics)
    return lambda text: [(m.start, m.end) for m in matcher.find(text)]


def find_term(
    text: str,
    query: str,
    *,
    proclitics: ProcliticRule = DEFAULT_PROCLITICS,
    fold_hamza: bool = False,
) -> list[tuple[int, int]]:
    """One-shot :func:`term_finder`."""
    return term_finder(query, proclitics=proclitics, fold_hamza=fold_hamza)(text)


__all__ = [
    "DEFAULT_MODE",
    "MODES",
    "Entry",
    "Match",
    "Matcher",
    "find_normalized",
    "find_term",
    "one_per_range",
    "term_finder",
]
