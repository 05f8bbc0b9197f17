"""Every row an import stores, in a form two databases (or two versions of the importer)
can be compared in: ids kept, timestamps replaced by the order in which they appeared."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from annotator.importing import ImportFailed, ImportOptions, import_path
from annotator.storage.tables import ANNOTATOR, DOC, DOCLABEL, LABEL, LABELSET, SPAN, STATUS
from annotator.store import Store

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "import_rows"

# (file, options) in order; the native file twice (the second import stores nothing new)
IMPORTS: list[tuple[str, dict[str, Any]]] = [
    ("native.jsonl", {}),
    ("doccano.jsonl", {"annotator": "dina"}),
    ("native.jsonl", {}),
    ("partly_bad.jsonl", {"skip_invalid": True}),
]


def import_fixtures(store: Store) -> list[dict[str, Any]]:
    """Run IMPORTS against ``store``; the counts of each report (or of its refusal)."""
    counts = []
    for name, options in IMPORTS:
        try:
            report = import_path(store, FIXTURES / name, ImportOptions(**options))
        except ImportFailed as exc:  # pragma: no cover - the fixtures import
            raise AssertionError(str(exc)) from exc
        counts.append(
            {
                key: getattr(report, key)
                for key in (
                    "records",
                    "documents_added",
                    "documents_unchanged",
                    "spans_read",
                    "spans_added",
                    "spans_existing",
                    "spans_exact",
                    "spans_unchecked",
                    "refused_spans",
                    "bad_records",
                )
            }
            | {"realigned": dict(report.realigned), "problems": len(report.problems)}
        )
    return counts


def _plain(value: Any, stamps: dict[Any, str]) -> Any:
    if isinstance(value, dt.datetime):
        naive = value.replace(tzinfo=None) if value.tzinfo is None else value
        return stamps.setdefault(naive, f"time {len(stamps)}")
    return value


def stored_rows(store: Store) -> dict[str, list[list[Any]]]:
    """Every stored row of the tables an import writes, ordered by key."""
    queries = {
        "annotator": select(ANNOTATOR.c.id, ANNOTATOR.c.name, ANNOTATOR.c.role).order_by(
            ANNOTATOR.c.id
        ),
        "labelset": select(LABELSET.c.id, LABELSET.c.name, LABELSET.c.version).order_by(
            LABELSET.c.id
        ),
        "label": select(LABEL.c.id, LABEL.c.labelset_id, LABEL.c.key, LABEL.c.color).order_by(
            LABEL.c.id
        ),
        "document": select(
            DOC.c.id,
            DOC.c.corpus,
            DOC.c.external_id,
            DOC.c.title,
            DOC.c.text,
            DOC.c.sha256,
            DOC.c.source,
            DOC.c.meta,
            DOC.c.imported_at,
            DOC.c.word_count,
        ).order_by(DOC.c.id),
        "span": select(
            SPAN.c.id,
            SPAN.c.document_id,
            SPAN.c.annotator_id,
            SPAN.c.label_id,
            SPAN.c.start,
            SPAN.c.end,
            SPAN.c.text,
            SPAN.c.attributes,
            SPAN.c.note,
            SPAN.c.created_at,
            SPAN.c.updated_at,
        ).order_by(SPAN.c.id),
        "document_status": select(
            STATUS.c.document_id, STATUS.c.annotator_id, STATUS.c.status, STATUS.c.updated_at
        ).order_by(STATUS.c.document_id, STATUS.c.annotator_id),
        "document_label": select(
            DOCLABEL.c.id,
            DOCLABEL.c.document_id,
            DOCLABEL.c.annotator_id,
            DOCLABEL.c.labelset_id,
            DOCLABEL.c.key,
            DOCLABEL.c.value,
            DOCLABEL.c.updated_at,
        ).order_by(DOCLABEL.c.id),
    }
    stamps: dict[Any, str] = {}
    out: dict[str, list[list[Any]]] = {}
    with store.engine.connect() as conn:
        for table, query in queries.items():
            out[table] = [[_plain(v, stamps) for v in row] for row in conn.execute(query)]
    return out


def expected() -> dict[str, Any]:
    return json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
