"""Annotator names ↔ ids, cached: every span carries an annotator id."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from annotator.errors import StoreError
from annotator.storage.base import Repository, insert_ignoring
from annotator.storage.limits import ANNOTATOR_NAME, checked
from annotator.storage.tables import ANNOTATOR


class AnnotatorRepository(Repository):
    def __init__(self, engine: Engine):
        super().__init__(engine)
        self._ids: dict[str, int] = {}

    def forget(self) -> None:
        """Drop cached ids (after a rolled-back transaction that created rows)."""
        self._ids.clear()

    def id(self, name: str, *, create: bool = True, conn: Connection | None = None) -> int | None:
        """The id of ``name`` (created if ``create``); None if unknown and not created."""
        name = name.strip()
        if not name:
            raise StoreError("annotator name must not be empty")
        cached = self._ids.get(name)
        if cached is not None:
            return cached
        checked("annotator name", name, ANNOTATOR_NAME)
        query = select(ANNOTATOR.c.id).where(ANNOTATOR.c.name == name)
        if conn is not None:
            found = conn.execute(query).scalar()
        else:
            with self.engine.connect() as read:  # no write lock just to look a name up
                found = read.execute(query).scalar()
        if found is None:
            if not create:
                return None
            with self.writing(conn) as c:
                # ON CONFLICT: two processes creating the same name at once both succeed
                c.execute(insert_ignoring(c, ANNOTATOR).values(name=name))
                found = c.execute(query).scalar_one()
        self._ids[name] = found
        return found

    def names(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(ANNOTATOR.c.name).order_by(ANNOTATOR.c.name)).scalars())

    def names_by_id(self, conn: Connection) -> dict[int, str]:
        return dict(conn.execute(select(ANNOTATOR.c.id, ANNOTATOR.c.name)).all())
