"""A merge carries a thread's resolution: a resolved thread stays resolved, and a
resolution made in an input after an earlier merge reaches the team file."""

from __future__ import annotations

from annotator.cli import main
from annotator.store import Store
from annotator.team.comments import add_comment, resolve_thread, threads
from tests.core.team.test_merge import make_db


def team_thread(path) -> tuple[bool, str | None]:
    store = Store.open(str(path))
    try:
        thread = threads(store, store.document_by_external_id("d1").id)[0]
        return thread.resolved, thread.root.resolved_by
    finally:
        store.close()


def test_a_resolution_travels_with_its_thread(tmp_path):
    a = make_db(tmp_path / "a.db", "amal")
    store = Store.open(str(a))
    doc = store.document_by_external_id("d1").id
    root = add_comment(store, doc, "amal", "سؤال")
    store.close()
    team = tmp_path / "team.db"
    assert main(["merge", str(a), "--into", str(team)]) == 0
    assert team_thread(team) == (False, None)

    store = Store.open(str(a))
    resolve_thread(store, root, "amal")  # resolved in amal's file after the first merge
    store.close()
    for _ in range(2):  # and merging again changes nothing more
        assert main(["merge", str(a), "--into", str(team)]) == 0
        assert team_thread(team) == (True, "amal")
