"""Values the database can hold, checked the same way on SQLite and PostgreSQL.

PostgreSQL enforces column lengths and refuses NUL characters in text; SQLite accepts
both. Checking here, before any SQL, gives one clear refusal on both engines instead of
a PostgreSQL traceback and a SQLite database that cannot be copied to PostgreSQL later.
"""

from __future__ import annotations

import re

from annotator.errors import StoreError

# The values of document_status.status, in workflow order.
STATUSES = ("todo", "in_progress", "done", "skipped")

# Column lengths of annotator.models (kept beside the check that needs them).
CORPUS = 200
EXTERNAL_ID = 1000
TITLE = 2000
SOURCE = 2000
ANNOTATOR_NAME = 200
LABELSET_NAME = 200
LABELSET_VERSION = 50
LABEL_KEY = 200
DOC_LABEL_VALUE = 2000
TERM = 1000


def checked(field: str, value: str, limit: int | None = None) -> str:
    """``value`` if it fits ``field``; else a StoreError naming the field and the limit."""
    if "\x00" in value:
        raise StoreError(
            f"{field} contains a NUL character (U+0000), which the database "
            "cannot store; remove it from the input"
        )
    if limit is not None and len(value) > limit:
        raise StoreError(
            f"{field} is {len(value):,} characters long; at most {limit:,} "
            f"are allowed ({value[:40]!r}…)"
        )
    return value


def checked_document(external_id: str, title: str, source: str, corpus: str, text: str) -> None:
    """Refuse a document whose fields the database cannot hold (both engines alike)."""
    checked("id", external_id, EXTERNAL_ID)
    checked("title", title, TITLE)
    checked("source", source, SOURCE)
    checked("corpus", corpus, CORPUS)
    checked("text", text)


def normalize_status(value: str) -> str:
    """Accept 'in progress', 'in-progress', 'IN_PROGRESS'… and return the stored form."""
    status = re.sub(r"[\s-]+", "_", value.strip().lower())
    if status not in STATUSES:
        raise StoreError(f"unknown status {value!r}; expected one of {', '.join(STATUSES)}")
    return status
