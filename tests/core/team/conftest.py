"""Shared builders for team tests: documents straight into a store."""

from __future__ import annotations

from sqlalchemy import insert

from annotator.models import utcnow
from annotator.store import DOC, Store
from annotator.textio import sha256_text


def add_doc(store: Store, external_id: str, text: str, corpus: str = "default") -> int:
    with store.engine.begin() as conn:
        return conn.execute(
            insert(DOC).values(
                corpus=corpus,
                external_id=external_id,
                title=external_id,
                text=text,
                sha256=sha256_text(text),
                source="",
                meta={},
                imported_at=utcnow(),
            )
        ).inserted_primary_key[0]
