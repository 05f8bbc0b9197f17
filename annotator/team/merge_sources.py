"""Opening the inputs of ``annotator merge`` without ever writing to them.

A SQLite input is copied (SQLite's online backup, consistent even while the app has it
open) to a temporary file, and the copy is opened and migrated: an input with an older
schema is never upgraded in place. A JSONL file (our native export) is imported into a
temporary database through the ordinary importer, so every check the importer makes
applies. Its records carry no change times, so its statuses and document labels only
fill gaps (see :mod:`annotator.team.merging`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import AnnotatorError
from annotator.storage.merging import UnreadableInput, copy_sqlite_file, is_sqlite_file
from annotator.store import Store
from annotator.team.errors import TeamError


@dataclass
class Source:
    name: str  # as given on the command line, for the report
    store: Store
    timestamps: bool  # whether change times can decide "latest wins"


@contextmanager
def open_source(path: Path) -> Iterator[Source]:
    """A read-only view of one input as a :class:`Store` on a temporary copy."""
    if not path.is_file():
        raise TeamError(f"{path}: no such file")
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as tmp:
        copy = Path(tmp) / "input.db"
        try:
            if is_sqlite_file(path):
                copy_sqlite_file(path, copy)
                store = Store.open(str(copy))
                timestamps = True
            else:
                from annotator.importing import ImportOptions, import_path

                store = Store.open(str(copy))
                try:
                    import_path(store, path, ImportOptions(format="jsonl"))
                except BaseException:
                    store.close()
                    raise
                timestamps = False
        except AnnotatorError as exc:
            raise TeamError(f"{path}: cannot be merged: {exc}") from exc
        except UnreadableInput as exc:
            raise TeamError(f"{path}: cannot be read as a database: {exc}") from exc
        try:
            yield Source(str(path), store, timestamps)
        finally:
            store.close()
