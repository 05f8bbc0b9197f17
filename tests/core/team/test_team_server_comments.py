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
