"""The source (outlet) of a document: read, set, rename, filter by.

A document's outlet is first-class metadata (``document.source``): set on import from the
layout's own field, corrected here by hand, and the unit every per-outlet statistic groups
by. Changing it never touches the text or the spans, so it is safe after labelling.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update

from annotator.db import write_transaction
from annotator.store import DOC, Store, StoreError

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
    query = (
        select(DOC.c.source, func.count())
        .group_by(DOC.c.source)
        .order_by(func.count().desc(), DOC.c.source)
    )
    with store.engine.connect() as conn:
        return [SourceInfo(source or NO_SOURCE, n) for source, n in conn.execute(query)]


def document_ids_for_source(store: Store, source: str) -> list[int]:
    """Ids of the documents of one outlet, in import order (the navigator's filter)."""
    query = select(DOC.c.id).where(DOC.c.source == source).order_by(DOC.c.id)
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())


def find_document(store: Store, ref: str, corpus: str = "default") -> int:
    """The database id of a document named by its external id (as in the imported file)."""
    with store.engine.connect() as conn:
        found = conn.execute(
            select(DOC.c.id).where(DOC.c.corpus == corpus, DOC.c.external_id == ref)
        ).scalar()
    if found is None:
        raise StoreError(f"no document with id {ref!r} in corpus {corpus!r}")
    return int(found)


def set_source(store: Store, document_id: int, source: str) -> str:
    """Give one document an outlet; returns the one it had."""
    value = clean_source(source)
    with write_transaction(store.engine) as conn:
        old = conn.execute(select(DOC.c.source).where(DOC.c.id == document_id)).first()
        if old is None:
            raise StoreError(f"no document with id {document_id}")
        conn.execute(update(DOC).where(DOC.c.id == document_id).values(source=value))
    return str(old[0] or "")


def rename_source(store: Store, old: str, new: str) -> int:
    """Rename an outlet on every document that has it (merging spellings such as
    "aljazeera.net" and "الجزيرة"); returns the number of documents changed."""
    value = clean_source(new)
    with write_transaction(store.engine) as conn:
        result = conn.execute(update(DOC).where(DOC.c.source == old).values(source=value))
    return int(result.rowcount or 0)


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
