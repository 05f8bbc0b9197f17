"""Documents' outlets (``document.source``): counted, listed, set and renamed.

Changing an outlet never touches the text or the spans, so it is safe after labelling.
The rules of a valid outlet (:func:`annotator.insight.sources.clean_source`) are the
caller's; this repository only stores what it is given.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from annotator.db.writers import write_transaction
from annotator.storage.base import Repository, storage_errors
from annotator.storage.tables import DOC


class SourceRepository(Repository):
    """Reads and writes of the ``document.source`` column."""

    def counts(self) -> list[tuple[str, int]]:
        """(source, documents) of every outlet, most documents first."""
        query = (
            select(DOC.c.source, func.count())
            .group_by(DOC.c.source)
            .order_by(func.count().desc(), DOC.c.source)
        )
        with storage_errors(), self.engine.connect() as conn:
            return [(source or "", int(n)) for source, n in conn.execute(query)]

    def document_ids(self, source: str) -> list[int]:
        """Ids of the documents of one outlet, in import order."""
        query = select(DOC.c.id).where(DOC.c.source == source).order_by(DOC.c.id)
        with storage_errors(), self.engine.connect() as conn:
            return [int(i) for i in conn.execute(query).scalars()]

    def find(self, external_id: str, corpus: str) -> int | None:
        """Database id of the document with this external id in ``corpus``."""
        query = select(DOC.c.id).where(DOC.c.corpus == corpus, DOC.c.external_id == external_id)
        with storage_errors(), self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else int(found)

    def set(self, document_id: int, source: str) -> str | None:
        """Store ``source`` on one document; returns its previous outlet (None: no such
        document, nothing changed)."""
        with storage_errors(), write_transaction(self.engine) as conn:
            old = conn.execute(select(DOC.c.source).where(DOC.c.id == document_id)).first()
            if old is None:
                return None
            conn.execute(update(DOC).where(DOC.c.id == document_id).values(source=source))
        return str(old[0] or "")

    def rename(self, old: str, new: str) -> int:
        """Give every document of outlet ``old`` the outlet ``new``; returns how many."""
        with storage_errors(), write_transaction(self.engine) as conn:
            result = conn.execute(update(DOC).where(DOC.c.source == old).values(source=new))
        return int(result.rowcount or 0)


__all__ = ["SourceRepository"]
