"""Annotator names ↔ ids, cached: every span carries an annotator id.

The lookups are SQL text on the read seam (an export names its annotator without
loading SQLAlchemy); creating a name is a write, on the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.errors import StoreError
from annotator.storage.base import Repository, insert_ignoring
from annotator.storage.connection import Database, Reader, reader_of
from annotator.storage.limits import ANNOTATOR_NAME, checked

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

ID_OF_NAME = "SELECT id FROM annotator WHERE name = :name"
NAMES = "SELECT name FROM annotator ORDER BY name"
NAMES_BY_ID = "SELECT id, name FROM annotator"


class AnnotatorRepository(Repository):
    def __init__(self, database: Database | Engine):
        super().__init__(database)
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
        if conn is not None:
            found = reader_of(conn).scalar(ID_OF_NAME, {"name": name})
        else:
            with self.database.reading() as read:  # no write lock just to look a name up
                found = read.scalar(ID_OF_NAME, {"name": name})
        if found is None:
            if not create:
                return None
            from annotator.storage.tables import ANNOTATOR

            with self.writing(conn) as c:
                # ON CONFLICT: two processes creating the same name at once both succeed
                c.execute(insert_ignoring(c, ANNOTATOR).values(name=name))
                found = reader_of(c).scalar(ID_OF_NAME, {"name": name})
        self._ids[name] = found
        return found

    def names(self) -> list[str]:
        with self.database.reading() as read:
            return [name for (name,) in read.rows(NAMES)]


def names_by_id(reader: Reader) -> dict[int, str]:
    """annotator id → name, for readers of many rows."""
    return {annotator_id: name for annotator_id, name in reader.rows(NAMES_BY_ID)}
