"""Resolving comment threads on the PostgreSQL team server: the starter or a curator, in
their own name, and never a comment's text (checked by the server itself)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from annotator.team.comments import add_comment, resolve_thread, threads
from annotator.team.errors import TeamError
from tests.core.team.test_team_server import ADMIN_URL, as_person, team, team_url  # noqa: F401

pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="ANNOTATOR_TEST_PG_URL not set")


def test_the_starter_and_a_curator_resolve_through_their_own_logins(team, team_url):  # noqa: F811
    owner, names, d1, _ = team
    amal_span = owner.spans(d1, names["a"])[0]
    amal = as_person(team_url, names["a"])
    chief = as_person(team_url, names["c"])
    bilal = as_person(team_url, names["b"])
    try:
        root = add_comment(amal, d1, names["a"], "سؤال", span_id=amal_span.id)
        resolve_thread(amal, root, names["a"])
        assert threads(amal, d1, names["a"])[0].root.resolved_by == names["a"]
        resolve_thread(chief, root, names["c"], resolved=False)
        assert not threads(chief, d1, names["c"])[0].resolved
        with pytest.raises(TeamError):
            resolve_thread(bilal, root, names["b"])  # bilal cannot even see the thread
        with bilal.engine.begin() as conn:
            changed = conn.execute(
                text("UPDATE comment SET resolved_at = now() WHERE id = :i"), {"i": root}
            )
        assert changed.rowcount == 0
        with pytest.raises(Exception, match="permission denied"):
            with amal.engine.begin() as conn:
                conn.execute(text("UPDATE comment SET body = 'x' WHERE id = :i"), {"i": root})
        with pytest.raises(Exception, match="row-level security"):
            with amal.engine.begin() as conn:  # resolving in someone else's name
                conn.execute(
                    text(
                        "UPDATE comment SET resolved_by_id = "
                        "(SELECT id FROM annotator WHERE name = :c) WHERE id = :i"
                    ),
                    {"c": names["c"], "i": root},
                )
    finally:
        for store in (amal, chief, bilal):
            store.close()


def test_an_annotator_reads_the_replies_in_a_document_thread_they_started(team, team_url):  # noqa: F811
    owner, names, d1, _ = team
    amal = as_person(team_url, names["a"])
    chief = as_person(team_url, names["c"])
    bilal = as_person(team_url, names["b"])
    try:
        root = add_comment(amal, d1, names["a"], "سؤال عن الوثيقة")
        add_comment(chief, d1, names["c"], "جواب", parent_id=root)
        seen = [[c.author for c in t.comments] for t in threads(amal, d1, names["a"])]
        assert seen == [[names["a"], names["c"]]]  # the curator's reply, read by the server
        assert threads(bilal, d1, names["b"]) == []
        with bilal.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM comment")).scalar() == 0
    finally:
        for store in (amal, chief, bilal):
            store.close()


def test_an_annotator_sees_the_curators_decisions_once_they_are_done(team, team_url):  # noqa: F811
    from annotator.team.adjudication import set_curation_status
    from annotator.team.decisions import decisions

    owner, names, d1, _ = team
    amal_span = owner.spans(d1, names["a"])[0]
    set_curation_status(owner, d1, names["c"], "in_progress")
    owner.add_span(
        d1, names["c"], owner.labelset(), amal_span.label, amal_span.start, amal_span.end
    )
    amal = as_person(team_url, names["a"])
    bilal = as_person(team_url, names["b"])
    try:
        assert [s.annotator for s in amal.spans(d1)] == [names["a"]]  # blind until done
        amal.set_status(d1, names["a"], "done")
        assert decisions(amal, d1, names["a"]) == {amal_span.id: "accepted"}
        assert names["b"] not in {s.annotator for s in amal.spans(d1)}  # never the others'
        bilal.set_status(d1, names["b"], "done")
        bilal_span = owner.spans(d1, names["b"])[0]
        assert decisions(bilal, d1, names["b"]) == {bilal_span.id: "pending"}
    finally:
        amal.close()
        bilal.close()
