"""The source (outlet) of a document: read, set, rename, filter by.

A document's outlet is first-class metadata (``document.source``): set on import from the
layout's own field, corrected here by hand, and the unit every per-outlet statistic groups
by. Changing it never touches the text or the spans, so it is safe after labelling.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.store import Store, StoreError

MAX_SOURCE_LENGTH = 2000  # the column's length
NO_SOURCE = ""  # documents imported without an outlet


@dataclass(frozen=True, slots=True)
class SourceInfo:
    source: str
    documents: int


def clean_source(value: str) -> str:
    """The stored form: surrounding whitespace dropped, inner line breaks made spaces."""
    cleaned = " ".join(value.split())
    if len(cleaned) > MAX_SOURCE_LENGTH:
        raise StoreError(f"source is {len(cleaned)} characters; at most {MAX_SOURCE_LENGTH}")
    return cleaned


def list_sources(store: Store) -> list[SourceInfo]:
    """Every source with its number of documents, most documents first."""
    return [SourceInfo(source or NO_SOURCE, n) for source, n in store.repos.sources.counts()]


def document_ids_for_source(store: Store, source: str) -> list[int]:
    """Ids of the documents of one outlet, in import order."""
    return store.repos.sources.document_ids(source)


def find_document(store: Store, ref: str, corpus: str = "default") -> int:
    """The database id of a document named by its external id (as in the imported file)."""
    found = store.repos.sources.find(ref, corpus)
    if found is None:
        raise StoreError(f"no document with id {ref!r} in corpus {corpus!r}")
    return found


def set_source(store: Store, document_id: int, source: str) -> str:
    """Give one document an outlet; returns the one it had."""
    old = store.repos.sources.set(document_id, clean_source(source))
    if old is None:
        raise StoreError(f"no document with id {document_id}")
    return old


def rename_source(store: Store, old: str, new: str) -> int:
    """Rename an outlet on every document that has it (merging spellings such as
    "aljazeera.net" and "الجزيرة"); returns the number of documents changed."""
    return store.repos.sources.rename(old, clean_source(new))


__all__ = [
    "NO_SOURCE",
    "SourceInfo",
    "clean_source",
    "document_ids_for_source",
    "find_document",
    "list_sources",
    "rename_source",
    "set_source",
]
