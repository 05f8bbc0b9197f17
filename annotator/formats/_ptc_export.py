"""PTC export rows: the gold an article was imported with, given back as it was.

The SemEval-2020 task 11 scorer (task-TC_scorer.py) refuses a submission unless every
article has as many rows as the gold and, after a *stable* sort by start offset, the
same (start, end) pairs in the same places; so rows with equal starts must keep their
original relative order, duplicate rows must stay, and offsets must count the article
file as it was (a BOM counts one, a CRLF two). The reader keeps what this needs in the
document's meta: every original row with its labels file and line (``ptc_rows``), the
BOM (``bom``) and the line ends (``line_ends``). Here the export's spans are matched
against those rows in stored-text coordinates:

- a span that is an original row is written as that row (its offsets as the original
  file had them, every duplicate of it, at the original row's place in the original
  labels file — so the whole labels file comes out in the gold's order, across
  articles too);
- a span added in the app is written right after the last original row of its article,
  counted as the article file counts (BOM, CRLF);
- an article with no original rows (annotated in the app) comes after all imported
  rows, articles in id order (numbers by value), spans by start, end, label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from annotator.formats._newlines import RawLayout, stored_text_and_map
from annotator.formats.base import FormatError, OutRecord
from annotator.text.units import span_from_codepoints

BOM_KEY = "bom"  # meta: the article file started with a BOM (offsets count it)
LINE_ENDS_KEY = "line_ends"  # meta: "crlf", or {"crlf": [...], "cr": [...]} (RawLayout)
ROWS_KEY = "ptc_rows"  # meta: [[technique, start, end, labels file, line], …] as read

# (group, …): group 0 = rows placed by an original labels file and line, group 1 =
# articles without any place, by article id then span order
SortKey = tuple[Any, ...]


def article_sort_key(article_id: str) -> tuple[int, int, str]:
    """Numeric ids in number order without int(): '²' passes isdigit() but not int(),
    and ids over 4,300 digits exceed Python's int conversion limit."""
    if article_id.isascii() and article_id.isdigit():
        digits = article_id.lstrip("0") or "0"
        return (0, len(digits), digits)
    return (1, 0, article_id)


@dataclass(slots=True)
class _Original:
    technique: str
    start: int  # as the labels file had it
    end: int
    place: tuple[str, int] | None  # (labels file name, line)


def _original_rows(meta: dict[str, Any]) -> list[_Original]:
    """The rows kept at import; entries that are not well formed are left out (meta
    is data: a hand-edited database must not crash an export)."""
    found = []
    for row in meta.get(ROWS_KEY) or ():
        if not isinstance(row, list) or len(row) not in (3, 5):
            continue
        technique, start, end = row[:3]
        if not isinstance(technique, str) or type(start) is not int or type(end) is not int:
            continue
        place = None
        if len(row) == 5 and isinstance(row[3], str) and type(row[4]) is int:
            place = (row[3], row[4])
        found.append(_Original(technique, start, end, place))
    return found


@dataclass(slots=True)
class ArticleRows:
    """One article's spans gathered from its records (several annotators' records of
    one document are merged: the format has no annotator column)."""

    article: str
    record: OutRecord
    spans: set[tuple[str, int, int]] = field(default_factory=set)

    def add(self, record: OutRecord) -> None:
        self.spans.update((s.label, s.start, s.end) for s in record.spans)

    def layout(self) -> RawLayout:
        meta = self.record.meta or {}
        return RawLayout.from_meta(meta.get(BOM_KEY), meta.get(LINE_ENDS_KEY), self.record.text)

    def rows(self, unit: str) -> list[tuple[SortKey, str, int, int]]:
        """(sort key, technique, start, end) for every row to write."""
        text = self.record.text
        layout = self.layout()
        raw = layout.raw_text(text)
        originals = _original_rows(self.record.meta or {})
        out: list[tuple[SortKey, str, int, int]] = []
        matched: set[tuple[str, int, int]] = set()
        last_place: tuple[str, int] | None = None
        article_key = article_sort_key(self.article)
        if originals:
            _, omap = stored_text_and_map(raw)
            for seq, row in enumerate(originals):
                stored = (row.technique, omap.start(row.start), omap.end(row.end))
                if stored not in self.spans:
                    continue  # deleted in the app, or refused at import
                matched.add(stored)
                if unit == "codepoints":
                    start, end = row.start, row.end
                else:
                    start, end = self._raw_span(raw, layout, stored[1], stored[2], unit)
                out.append((self._key(row.place, seq, article_key), row.technique, start, end))
                if row.place is not None:
                    last_place = row.place
        added = sorted(
            (s for s in self.spans if s not in matched), key=lambda s: (s[1], s[2], s[0])
        )
        base = len(originals)
        for seq, (label, s, e) in enumerate(added, start=base):
            start, end = self._raw_span(raw, layout, s, e, unit)
            out.append((self._key(last_place, seq, article_key), label, start, end))
        return out

    @staticmethod
    def _key(place: tuple[str, int] | None, seq: int, article_key: Any) -> SortKey:
        if place is None:
            return (1, article_key, seq)
        return (0, place[0], place[1], seq, article_key)

    def _raw_span(self, raw: str, layout: RawLayout, start: int, end: int, unit: str):
        raw_start, raw_end = layout.to_raw(start), layout.to_raw(end)
        try:
            return span_from_codepoints(raw, raw_start, raw_end, unit)
        except ValueError as exc:
            raise FormatError(
                f"document {self.record.external_id!r}: span {start}-{end} "
                f"cannot be written in {unit}: {exc}"
            ) from None


def ordered_rows(
    articles: Iterable[tuple[str, list[tuple[SortKey, str, int, int]]]],
) -> list[tuple[str, str, int, int]]:
    """Every article's rows as (article, technique, start, end), in the labels-file
    order described in the module docstring."""
    keyed = [(key, article, label, s, e) for article, rows in articles for key, label, s, e in rows]
    keyed.sort(key=lambda row: row[0])
    return [(article, label, s, e) for _, article, label, s, e in keyed]
