"""The one root of every error the core raises on purpose.

Every refusal the user may see (a bad file, an unknown label, a database that cannot be
opened, a full disk) is an :class:`AnnotatorError` whose message is written for the user:
the CLI prints it after ``annotator:`` and the app shows it in a dialog, so neither needs
to know which layer raised it, and neither ever catches a driver's exception type
(``ui/`` never imports sqlalchemy). Anything else escaping is a bug.
"""

from __future__ import annotations

import errno


class AnnotatorError(Exception):
    """A refused operation; ``str(exc)`` is the message for the user."""


class StoreError(AnnotatorError):
    """A refused operation on stored data (unknown id, label not in the set, a value too
    long for its column…); the message is meant for the user."""


class DuplicateSpanError(StoreError):
    """This exact span (annotator, range and label) exists already."""


class StorageError(StoreError):
    """The database refused or failed an operation (full disk, lock timeout, a constraint);
    raised instead of the driver's exception for every statement the core runs."""


class ConflictError(StorageError):
    """A unique constraint refused the row: one with the same key exists already."""


class DiskFullError(StorageError):
    """The disk (or the database's quota) is full; nothing of the failed action was saved."""


def storage_message(exc: BaseException) -> str:
    """The driver's reason for a failed database operation, in the user's words.

    SQLite says "database or disk is full" or "disk I/O error" when writing fails for lack
    of space, PostgreSQL "could not extend file … No space left on device"; both become
    "disk full" so the user knows what to do.
    """
    reason = getattr(exc, "orig", None) or exc
    text = str(reason).strip().splitlines()[0] if str(reason).strip() else type(reason).__name__
    if is_disk_full(exc):
        return (
            "disk full (or the disk cannot be written): free some space and try again; "
            "nothing of this action was saved"
        )
    if "database is locked" in text:
        return (
            "the database is busy (another annotator or program is writing); try again in a moment"
        )
    return text


# The message of the span trigger of migration 0004 (SQLite and PostgreSQL alike).
SPAN_TEXT_TRIGGER = "span text is not text[start:end] of its document"


def translated_driver_error(exc: BaseException) -> StorageError:
    """The user-facing error for a driver exception (sqlite3, psycopg or SQLAlchemy's
    wrapper of them), to raise ``from`` it. Told apart by name, so this module stays
    free of driver imports."""
    if is_disk_full(exc):
        return DiskFullError(storage_message(exc))
    text = str(exc)
    if SPAN_TEXT_TRIGGER in text:
        return StorageError(
            "refused: a span's text must be exactly text[start:end] of its "
            "document (the offsets or the document do not match)"
        )
    names = {type(e).__name__ for e in (exc, getattr(exc, "orig", None)) if e is not None}
    if names & {"IntegrityError", "UniqueViolation"} and "unique" in text.lower():
        return ConflictError(f"already stored: {storage_message(exc)}")
    return StorageError(f"database error: {storage_message(exc)}")


def is_disk_full(exc: BaseException) -> bool:
    """True for the ways SQLite, PostgreSQL and the OS report a full disk."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        text = str(current).lower()
        if (
            "disk is full" in text
            or "no space left" in text
            or "disk full" in text
            or "disk i/o error" in text
        ):
            return True
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return False


__all__ = [
    "AnnotatorError",
    "DiskFullError",
    "DuplicateSpanError",
    "StorageError",
    "StoreError",
    "is_disk_full",
    "storage_message",
]
