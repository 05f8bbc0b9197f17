"""A label key on a document already in progress is one database transaction: the span's
insert and the read of the annotator's status (for the todo -> in-progress rule) share it,
rather than a second read transaction after the commit. The first label still starts work."""

from __future__ import annotations

from sqlalchemy import event

from annotator.editing import Target
from tests.core.editing.conftest import ME, occurrence


def transactions_during(store, action) -> list[str]:
    """Each statement ``action`` sends to the database (BEGINs included: the store issues
    them itself)."""
    seen: list[str] = []

    def record(conn, cursor, statement, *_):
        seen.append(" ".join(statement.split()).upper())

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return seen


def test_a_label_key_in_a_started_document_opens_one_transaction(editor, store, docs, seed_text):
    editor.press_label_key(
        docs[0], "LOADED_TERM", Target(selection=occurrence(seed_text, "الثوار"))
    )
    assert store.status(docs[0], ME) == "in_progress"
    selection = occurrence(seed_text, "الميليشيات")
    seen = transactions_during(
        store, lambda: editor.press_label_key(docs[0], "EUPHEMISM", Target(selection=selection))
    )
    begins = [s for s in seen if s.startswith("BEGIN")]
    assert len(begins) == 1, seen
    assert any("DOCUMENT_STATUS" in s and s.startswith("SELECT") for s in seen)
    assert not any(
        s.startswith(("UPDATE DOCUMENT_STATUS", "INSERT INTO DOCUMENT_STATUS")) for s in seen
    )


def test_the_first_label_still_starts_work_and_undo_returns_to_todo(editor, store, docs, seed_text):
    assert store.status(docs[0], ME) == "todo"
    editor.press_label_key(
        docs[0], "LOADED_TERM", Target(selection=occurrence(seed_text, "الثوار"))
    )
    assert store.status(docs[0], ME) == "in_progress"
    editor.undo()
    assert store.status(docs[0], ME) == "todo"
    editor.redo()
    assert store.status(docs[0], ME) == "in_progress"
