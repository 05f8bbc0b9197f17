"""What the user named as a database, and the checks on an SQLite file before it opens.

No SQLAlchemy here: every command runs this before it knows whether it needs an engine.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from annotator.errors import AnnotatorError


class DatabaseError(AnnotatorError):
    """The database cannot be opened or upgraded; the message says why and where."""


def database_url(target: str) -> str:
    """Turn a path or URL given by the user into an SQLAlchemy URL."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for PostgreSQL and in-memory databases."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[-1] if "///" in url else ""
    return Path(path) if path and path != ":memory:" else None


def prepare_sqlite_file(file: Path) -> None:
    """Refuse a file that cannot be an annotator database; create a missing one."""
    if not file.parent.exists():
        raise DatabaseError(f"{file}: folder {file.parent} does not exist")
    if not file.exists():
        _create_sqlite_file(file)
    elif file.is_file() and file.stat().st_size == 0:
        # Not silently turned into a new database: an empty file is more likely a
        # failed copy or a wrong name than a wish to start afresh.
        raise DatabaseError(
            f"{file}: the file is empty, not an annotator database "
            "(delete it, or give a new file name to start a database)"
        )


def _create_sqlite_file(path: Path) -> None:
    """Create a new, valid (WAL-mode, schema-less) database file atomically.

    SQLite leaves a new file empty until its first write; a concurrent opener seeing
    that empty file could not tell it from an empty file left by a failed copy, which
    is refused. So the file is made beside its name and hard-linked into place: a
    racing creator finds either nothing or a complete header.
    """
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError:  # no hard links (FAT, some network shares): SQLite creates it
            import logging

            logging.getLogger(__name__).debug(
                "cannot hard-link %s into place; letting SQLite create it", path
            )
    finally:
        os.unlink(tmp)
