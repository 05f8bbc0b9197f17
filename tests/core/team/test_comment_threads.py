"""Comment threads: grouping, counts per span, resolving and reopening, and who may."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from annotator.store import Store
from annotator.team.adjudication import adjudicate
from annotator.team.comments import add_comment, comment_counts, resolve_thread, threads
from annotator.team.errors import TeamError
from tests.core.team.conftest import add_doc

TEXT = "قصفت الميليشيات الطائفية المدينة وقتل الثوار"


@pytest.fixture
def doc(store: Store) -> int:
    d = add_doc(store, "d1", TEXT)
    ls = store.labelset()
    for name in ("a", "b"):
        store.add_span(d, name, ls, "LOADED_TERM", 5, 15)
        store.set_status(d, name, "done")
    adjudicate(store, "chief")
    return d


def span_of(store: Store, doc: int, who: str) -> int:
    return store.spans(doc, who)[0].id


def test_threads_group_replies_under_their_root_and_count_per_span(store: Store, doc):
    span_a = span_of(store, doc, "a")
    root = add_comment(store, doc, "a", "هل هذا مصطلح محمّل؟", span_id=span_a)
    add_comment(store, doc, "chief", "نعم", parent_id=root)
    add_comment(store, doc, "chief", "سؤال عن الوثيقة كلها")
    seen = threads(store, doc, "chief")
    assert [[c.author for c in t.comments] for t in seen] == [["a", "chief"], ["chief"]]
    assert [t.span_id for t in seen] == [span_a, None]
    assert comment_counts(seen) == {span_a: 2}


def test_an_annotator_never_sees_another_annotators_span_thread(store: Store, doc):
    root = add_comment(store, doc, "a", "سؤال", span_id=span_of(store, doc, "a"))
    add_comment(store, doc, "chief", "جواب", parent_id=root)
    assert threads(store, doc, "b") == []
    assert comment_counts(threads(store, doc, "b")) == {}
    assert [c.author for c in threads(store, doc, "a")[0].comments] == ["a", "chief"]


def test_the_starter_resolves_and_reopens_a_thread(store: Store, doc):
    root = add_comment(store, doc, "a", "سؤال", span_id=span_of(store, doc, "a"))
    reply = add_comment(store, doc, "chief", "جواب", parent_id=root)
    resolve_thread(store, reply, "a")  # any comment of the thread names it
    thread = threads(store, doc, "a")[0]
    assert thread.resolved and thread.root.resolved_by == "a"
    assert thread.root.resolved_at is not None
    assert thread.comments[1].resolved_by is None  # a reply never carries the resolution
    resolve_thread(store, root, "a", resolved=False)
    assert not threads(store, doc, "a")[0].resolved


def test_a_curator_resolves_any_thread_an_annotator_only_their_own(store: Store, doc):
    root = add_comment(store, doc, "a", "سؤال", span_id=span_of(store, doc, "a"))
    with pytest.raises(TeamError, match="curator or the person who started"):
        resolve_thread(store, root, "b")
    reply = add_comment(store, doc, "chief", "جواب", parent_id=root)
    with pytest.raises(TeamError):
        resolve_thread(store, reply, "nobody")
    resolve_thread(store, root, "chief")
    assert threads(store, doc)[0].root.resolved_by == "chief"


def test_resolving_a_missing_comment_is_refused(store: Store, doc):
    with pytest.raises(TeamError, match="no comment 99"):
        resolve_thread(store, 99, "chief")


def test_a_document_without_comments_costs_one_query(store: Store, doc):
    statements: list[str] = []

    def record(conn, cursor, statement, *_):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        assert threads(store, doc, "a") == []
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert len(statements) == 1
