"""What is in a database, counted: the figures of ``annotator stats`` and document counts.

Read-only commands ask these, so they are SQL text run through the read seam
(:mod:`annotator.storage.connection`): on an SQLite file without SQLAlchemy, on
PostgreSQL through it, the same statements on both.
"""

from __future__ import annotations

from typing import Any

from annotator.storage.connection import Reader
from annotator.storage.limits import STATUSES

DOCUMENTS = "SELECT count(*) FROM document"
DOCUMENTS_OF_CORPUS = "SELECT count(*) FROM document WHERE corpus = :corpus"
SPANS = "SELECT count(*) FROM span"
SPANS_PER_LABEL = (
    'SELECT ls.name, l."key", count(*) FROM span AS s '
    "JOIN label AS l ON s.label_id = l.id JOIN labelset AS ls ON l.labelset_id = ls.id "
    'GROUP BY ls.name, l."key" ORDER BY ls.name, l."key"'
)
SPANS_PER_ANNOTATOR = (
    "SELECT a.name, count(s.id), count(DISTINCT s.document_id) FROM annotator AS a "
    "LEFT OUTER JOIN span AS s ON s.annotator_id = a.id GROUP BY a.name ORDER BY a.name"
)
STATUSES_PER_ANNOTATOR = (
    "SELECT a.name, st.status, count(*) FROM document_status AS st "
    "JOIN annotator AS a ON st.annotator_id = a.id "
    "GROUP BY a.name, st.status ORDER BY a.name, st.status"
)


def document_count(reader: Reader, corpus: str | None = None) -> int:
    if corpus is None:
        return int(reader.scalar(DOCUMENTS))
    return int(reader.scalar(DOCUMENTS_OF_CORPUS, {"corpus": corpus}))


def stats(reader: Reader) -> dict[str, Any]:
    """Counts for ``annotator stats``: documents, spans per label / annotator, statuses
    (a document an annotator never touched counts as todo)."""
    documents = document_count(reader)
    spans = int(reader.scalar(SPANS))
    per_label = reader.rows(SPANS_PER_LABEL)
    per_annotator = reader.rows(SPANS_PER_ANNOTATOR)
    status_counts: dict[str, dict[str, int]] = {}
    for name, status, count in reader.rows(STATUSES_PER_ANNOTATOR):
        status_counts.setdefault(name, {})[status] = int(count)

    def per_status(name: str) -> dict[str, int]:
        counted = status_counts.get(name, {})
        done = sum(c for s, c in counted.items() if s != "todo")
        return {**{s: 0 for s in STATUSES}, **counted, "todo": documents - done}

    return {
        "documents": documents,
        "spans": spans,
        "spans_per_label": [
            {"labelset": ls, "label": key, "spans": int(n)} for ls, key, n in per_label
        ],
        "annotators": [
            {"annotator": name, "spans": int(n), "documents": int(d), "status": per_status(name)}
            for name, n, d in per_annotator
        ],
    }
