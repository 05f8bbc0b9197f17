"""First run: a new database gets the bundled sample article and the default label set,
so a new user sees a real article at once. ``annotator import`` never calls this."""

from __future__ import annotations

from annotator.importing import ImportOptions, import_path
from annotator.labelsets import DEFAULT_LABELSET
from annotator.paths import seeds_dir
from annotator.store import Store


def seed(store: Store) -> int:
    """Import the seed corpus (idempotent); returns the number of documents added."""
    store.register_labelset(store.labelset(DEFAULT_LABELSET))
    report = import_path(store, seeds_dir(), ImportOptions(format="txt"))
    return report.documents_added


def ensure_seeded(store: Store) -> bool:
    """Seed a database that has no documents; True when it did."""
    if store.document_count() > 0:
        return False
    seed(store)
    return True
