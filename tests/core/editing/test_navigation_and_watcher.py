"""Done-and-next goes to the next unfinished document; outside writes are noticed."""

from __future__ import annotations

from annotator.editing import ExternalChangeWatcher, next_not_done
from annotator.store import Store
from tests.core.editing.conftest import ME, insert_documents


def test_next_not_done_skips_done_documents_and_wraps(store):
    ids = insert_documents(store, ["a", "b", "c", "d"])
    store.set_status(ids[2], ME, "done")
    found = next_not_done(store, ids[1], ME)
    assert (found.document_id, found.wrapped, found.remaining) == (ids[3], False, 1)
    store.set_status(ids[0], ME, "done")
    found = next_not_done(store, ids[3], ME)
    assert (found.document_id, found.wrapped, found.remaining) == (ids[1], True, 0)


def test_next_not_done_says_when_nothing_remains(store):
    ids = insert_documents(store, ["a", "b"])
    store.set_status(ids[0], ME, "done")
    store.set_status(ids[1], ME, "done")
    found = next_not_done(store, ids[1], ME)
    assert found.document_id is None and found.remaining == 0


def test_watcher_sees_another_connections_commit_but_not_acknowledged_ones(store, db_path):
    insert_documents(store, ["a"])
    watcher = ExternalChangeWatcher(store)
    assert watcher.supported and not watcher.changed()
    other = Store.open(str(db_path))  # another instance on the same file
    try:
        other.set_status(other.first_document_id(), "omar", "done")
    finally:
        other.close()
    assert watcher.changed()
    assert not watcher.changed()  # reported once
    store.set_status(store.first_document_id(), ME, "done")  # this session's own write
    watcher.acknowledge()
    assert not watcher.changed()
    watcher.close()
