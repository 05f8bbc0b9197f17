"""The PostgreSQL team server: access rules enforced by the server itself.

Runs when ANNOTATOR_TEST_PG_URL points at a server's admin database (.ci/run starts
one); skipped otherwise. Each test gets its own database and drops it.
"""

from __future__ import annotations

import json
import os
import uuid

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from annotator.cli import main
from annotator.db.engine import create_db_engine
from annotator.db.migrate import current_revision
from annotator.db.schema import MIGRATIONS_DIR, head_revision
from annotator.store import Store
from annotator.team.assignment import assign
from annotator.team.comments import add_comment, comments
from annotator.team.errors import TeamError
from annotator.team.server import LOGIN_COMMENT, init_team
from tests.core.team.conftest import add_doc

ADMIN_URL = os.environ.get("ANNOTATOR_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="ANNOTATOR_TEST_PG_URL not set")
TEXT = "قصفت الميليشيات الطائفية المدينة"


@pytest.fixture
def team_url():
    name = f"annotator_team_{uuid.uuid4().hex[:10]}"
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield str(make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False))
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        # logins are cluster-wide: drop the ones team init made (their grants went with the db)
        roles = conn.execute(
            text("SELECT rolname FROM pg_roles WHERE shobj_description(oid, 'pg_authid') = :c"),
            {"c": LOGIN_COMMENT},
        )
        for (role,) in roles.all():
            try:
                conn.execute(text(f'DROP ROLE "{role}"'))
            except Exception:  # still granted in another test's database: that test drops it
                pass
    admin.dispose()


@pytest.fixture
def team(team_url):
    """d1 assigned to amal and bilal, d2 to amal only; one span each on d1."""
    suffix = uuid.uuid4().hex[:6]
    names = {"a": f"amal_{suffix}", "b": f"bilal_{suffix}", "c": f"chief_{suffix}"}
    owner = Store.open(team_url)
    d1 = add_doc(owner, "d1", TEXT)
    d2 = add_doc(owner, "d2", TEXT)
    init_team(owner, [names["a"], names["b"]], [names["c"]])
    assign(owner, [names["a"], names["b"]], 2, status=None)
    with owner.engine.begin() as conn:
        conn.execute(
            text(
                "DELETE FROM assignment WHERE document_id = :d AND annotator_id = "
                "(SELECT id FROM annotator WHERE name = :n)"
            ),
            {"d": d2, "n": names["b"]},
        )
    ls = owner.labelset()
    owner.add_span(d1, names["a"], ls, "LOADED_TERM", 5, 25)
    owner.add_span(d1, names["b"], ls, "LOADED_TERM", 26, 32)
    yield owner, names, d1, d2
    owner.close()


def as_person(url: str, name: str) -> Store:
    return Store.open(
        make_url(url).set(username=name, password=None).render_as_string(hide_password=False)
    )


def test_an_annotator_sees_only_their_documents_and_spans(team, team_url):
    owner, names, d1, d2 = team
    bilal = as_person(team_url, names["b"])
    try:
        assert [r.id for r in bilal.document_rows()] == [d1]
        assert [s.annotator for s in bilal.spans(d1)] == [names["b"]]
        with bilal.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM span")).scalar() == 1
            assert (
                conn.execute(
                    text("SELECT count(*) FROM document WHERE id = :d"), {"d": d2}
                ).scalar()
                == 0
            )
    finally:
        bilal.close()


def test_changing_another_annotators_spans_is_refused_by_the_server(team, team_url):
    owner, names, d1, _ = team
    amal_span = owner.spans(d1, names["a"])[0]
    bilal = as_person(team_url, names["b"])
    try:
        with bilal.engine.begin() as conn:
            changed = conn.execute(
                text('UPDATE span SET "end" = 6 WHERE id = :i'), {"i": amal_span.id}
            )
            deleted = conn.execute(text("DELETE FROM span WHERE id = :i"), {"i": amal_span.id})
        assert changed.rowcount == 0 and deleted.rowcount == 0
        with pytest.raises(Exception, match="row-level security"):
            with bilal.engine.begin() as conn:
                conn.execute(
                    text(
                        'INSERT INTO span (document_id, annotator_id, label_id, start, "end", '
                        "text, attributes, note, created_at, updated_at) SELECT :d, id, "
                        "(SELECT min(id) FROM label), 0, 4, 'قصفت', '{}', '', now(), now() "
                        "FROM annotator WHERE name = :n"
                    ),
                    {"d": d1, "n": names["a"]},
                )
        with pytest.raises(Exception, match="row-level security"):
            bilal.add_span(d1, names["a"], bilal.labelset(), "LOADED_TERM", 0, 4)
        with pytest.raises(Exception, match="permission denied"):
            with bilal.engine.begin() as conn:
                conn.execute(text("UPDATE annotator SET role = 'curator'"))
    finally:
        bilal.close()
    assert owner.spans(d1, names["a"]) == [amal_span]
    assert len(owner.spans(d1)) == 2


def test_an_annotator_labels_and_finishes_assigned_documents_only(team, team_url):
    owner, names, d1, d2 = team
    bilal = as_person(team_url, names["b"])
    try:
        bilal.add_span(d1, names["b"], bilal.labelset(), "LOADED_TERM", 0, 4)
        bilal.set_status(d1, names["b"], "done")
        with pytest.raises(Exception, match="no document"):  # d2 is invisible to bilal
            bilal.add_span(d2, names["b"], bilal.labelset(), "LOADED_TERM", 0, 4)
        with pytest.raises(Exception, match="row-level security"):
            with bilal.engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO document_status (document_id, annotator_id, status, "
                        "updated_at) SELECT :d, id, 'done', now() FROM annotator "
                        "WHERE name = :n"
                    ),
                    {"d": d2, "n": names["b"]},
                )
    finally:
        bilal.close()
    assert owner.status(d1, names["b"]) == "done"
    assert len(owner.spans(d1, names["b"])) == 2


def test_a_curator_reads_everything_and_writes_only_the_gold_layer(team, team_url):
    owner, names, d1, d2 = team
    chief = as_person(team_url, names["c"])
    try:
        assert {r.id for r in chief.document_rows()} == {d1, d2}
        assert len(chief.spans(d1)) == 2
        chief.add_span(d1, names["c"], chief.labelset(), "LOADED_TERM", 5, 25)
        with chief.engine.begin() as conn:
            changed = conn.execute(
                text(
                    "DELETE FROM span WHERE annotator_id <> "
                    "(SELECT id FROM annotator WHERE name = :n)"
                ),
                {"n": names["c"]},
            )
        assert changed.rowcount == 0
    finally:
        chief.close()
    assert len(owner.spans(d1)) == 3


def test_team_init_is_idempotent_and_never_takes_over_a_foreign_role(team, team_url):
    owner, names, _, _ = team
    report = init_team(owner, [names["a"]], [])
    assert report.logins[0].created is False and report.logins[0].password is None
    with pytest.raises(TeamError, match="not made by team init"):
        init_team(owner, [make_url(ADMIN_URL).username], [])


def test_team_init_command_prints_logins(team_url, capsys):
    suffix = uuid.uuid4().hex[:6]
    assert (
        main(
            [
                "team",
                "init",
                "--db",
                team_url,
                "--annotators",
                f"x_{suffix}",
                "--curators",
                f"y_{suffix}",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"x_{suffix}: login created; password " in out and "curator" in out


def _downgrade(url: str, revision: str) -> None:
    """Take the schema back as the alembic command line would (the app only upgrades)."""
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def test_a_schema_migration_keeps_the_access_rules_without_team_init(team, team_url):
    owner, names, d1, d2 = team
    amal_span = owner.spans(d1, names["a"])[0]
    owner.close()
    # 0002 made assignment, curation_status and comment, which the policies name:
    # taking it back and forth drops and re-creates those tables.
    _downgrade(team_url, "0001")
    migrated = Store.open(team_url)  # the app's migrate-on-open path
    bilal = None
    try:
        assert current_revision(migrated.engine) == head_revision()
        assign(migrated, [names["a"], names["b"]], 2, status=None)  # went with the tables
        add_comment(migrated, d1, names["a"], "my reason", span_id=amal_span.id)
        bilal = as_person(team_url, names["b"])
        assert {r.id for r in bilal.document_rows()} == {d1, d2}
        assert [s.annotator for s in bilal.spans(d1)] == [names["b"]]
        assert comments(bilal, d1) == []  # on amal's span: not bilal's to read
        with bilal.engine.begin() as conn:
            changed = conn.execute(
                text('UPDATE span SET "end" = 6 WHERE id = :i'), {"i": amal_span.id}
            )
            deleted = conn.execute(text("DELETE FROM span WHERE id = :i"), {"i": amal_span.id})
        assert changed.rowcount == 0 and deleted.rowcount == 0
        with pytest.raises(Exception, match="row-level security"):
            bilal.add_span(d1, names["a"], bilal.labelset(), "LOADED_TERM", 0, 4)
        with pytest.raises(Exception, match="row-level security"):
            with bilal.engine.begin() as conn:  # the re-created table is guarded too
                conn.execute(
                    text(
                        "INSERT INTO curation_status (document_id, curator_id, status, "
                        "updated_at) SELECT :d, id, 'done', now() FROM annotator "
                        "WHERE name = :n"
                    ),
                    {"d": d1, "n": names["b"]},
                )
        bilal.add_span(d1, names["b"], bilal.labelset(), "LOADED_TERM", 0, 4)
        bilal.set_status(d1, names["b"], "done")
        add_comment(bilal, d1, names["b"], "a question")
        assert [c.body for c in comments(bilal, d1)] == ["a question"]
    finally:
        if bilal is not None:
            bilal.close()
        migrated.close()
    check = Store.open(team_url)
    try:
        assert check.spans(d1, names["a"]) == [amal_span]
        assert len(check.spans(d1, names["b"])) == 2
        assert check.status(d1, names["b"]) == "done"
    finally:
        check.close()


def test_team_init_refuses_sqlite(tmp_path, capsys):
    assert main(["team", "init", "--db", str(tmp_path / "a.db"), "--annotators", "a"]) == 2
    assert "PostgreSQL" in capsys.readouterr().err


def test_agreement_reads_the_team_server_through_the_read_seam(team, team_url, capsys):
    owner, names, d1, _ = team
    owner.add_span(d1, names["b"], owner.labelset(), "LOADED_TERM", 5, 25)
    argv = ["agreement", "--db", team_url, "--status", "any", "--format", "json"]
    assert main([*argv, "--annotators", f"{names['a']},{names['b']}"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 1
    assert result["pairs"][0]["exact_f1"] == pytest.approx(2 * 1 / 3)  # 1 of 1 and 2 spans
