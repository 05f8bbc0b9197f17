"""Plain data records passed between the storage, the importers/exporters and the UI.

They are deliberately independent of the database rows, so formats and widgets never
touch SQL and never hold a live ORM object.
Offsets are Unicode code points, 0-based, end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class DocumentData:
    """A stored document."""

    id: int
    corpus: str
    external_id: str
    title: str
    text: str
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One line of the document navigator: what it shows without the text."""

    id: int
    external_id: str
    title: str
    status: str
    span_count: int


@dataclass(frozen=True, slots=True)
class SpanData:
    """A stored span, as the UI and exporters see it."""

    id: int
    document_id: int
    annotator: str
    labelset: str
    label: str
    start: int
    end: int
    text: str
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    labelset_version: str = ""  # the version its label belongs to (undo restores into it)


@dataclass(frozen=True, slots=True)
class SuggestionData:
    """A lexicon match proposed as a span; not an annotation until accepted."""

    id: int
    document_id: int
    labelset: str
    label: str
    start: int
    end: int
    text: str
    term: str = ""
    source: str = ""
