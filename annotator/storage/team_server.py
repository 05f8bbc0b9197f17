"""The PostgreSQL team server's DDL: logins, grants and row-level security policies.

What the rules mean (who sees and writes what) is described in
:mod:`annotator.team.server`, which validates the team and reports; this module holds
the statements, so every line of SQL stays under :mod:`annotator.storage`. DDL is
written as text: roles, policies and grants have no SQLAlchemy Core constructs.

The definitions live here once and are applied from two places: ``team init`` (which
also creates the logins) and every schema migration (:func:`access_rules_kept`, called by
the alembic environment). A migration on a team server first drops the policies (they
pin the columns and tables they name: PostgreSQL refuses to drop or retype those), runs,
and then re-applies policies and grants to the new schema in the same transaction, so a
table or column a migration creates is protected before anyone can use it and ``team
init`` never needs re-running after an upgrade.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, text, update

from annotator.storage.base import Repository
from annotator.storage.tables import ANNOTATOR

log = logging.getLogger(__name__)

LOGIN_COMMENT = "annotator team login"

# Tables whose rows belong to one person (column naming the owner).
OWN_ROWS = {
    "span": "annotator_id",
    "document_status": "annotator_id",
    "document_label": "annotator_id",
    "suggestion_rejection": "annotator_id",
}
VISIBLE_DOC = (
    "(annotator_is_curator() OR EXISTS (SELECT 1 FROM assignment a "
    "WHERE a.document_id = {col} AND a.annotator_id = annotator_me()))"
)

FUNCTIONS = """
CREATE OR REPLACE FUNCTION annotator_me() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT id FROM annotator WHERE name = session_user $$;
CREATE OR REPLACE FUNCTION annotator_is_curator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT EXISTS (SELECT 1 FROM annotator WHERE name = session_user AND role = 'curator') $$;
CREATE OR REPLACE FUNCTION annotator_in_thread(cid integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ WITH RECURSIVE up(id, parent_id) AS (
     SELECT id, parent_id FROM comment WHERE id = cid
     UNION ALL SELECT c.id, c.parent_id FROM comment c JOIN up ON c.id = up.parent_id),
   thread(id, author_id) AS (
     SELECT c.id, c.author_id FROM comment c JOIN up ON c.id = up.id WHERE up.parent_id IS NULL
     UNION ALL SELECT c.id, c.author_id FROM comment c JOIN thread t ON c.parent_id = t.id)
   SELECT EXISTS (SELECT 1 FROM thread WHERE author_id = annotator_me()) $$;
"""
# Every function a policy calls (granted to each login, revoked from PUBLIC).
FUNCTION_NAMES = "annotator_me(), annotator_is_curator(), annotator_in_thread(integer)"
# The curator's (gold) spans of a document the reader marked done: what the curator made
# of their work, shown once their own labelling of the document is finished.
GOLD_AFTER_DONE = (
    "(EXISTS (SELECT 1 FROM annotator g WHERE g.id = span.annotator_id AND g.role = 'curator')"
    " AND EXISTS (SELECT 1 FROM document_status st WHERE st.document_id = span.document_id"
    " AND st.annotator_id = annotator_me() AND st.status = 'done'))"
)


class ForeignLogin(LookupError):
    """A database role of that name exists and was not created by ``team init``."""


Rule = tuple[str, str, str | None, str | None]  # (policy, command, USING, WITH CHECK)


def policy_rules() -> dict[str, list[Rule]]:
    """The row-level security policies, per table."""
    doc = VISIBLE_DOC.format
    rules: dict[str, list[Rule]] = {
        "document": [("doc_read", "SELECT", doc(col="document.id"), None)],
        "assignment": [
            (
                "assignment_read",
                "SELECT",
                "annotator_is_curator() OR annotator_id = annotator_me()",
                None,
            )
        ],
        "suggestion": [
            ("suggestion_read", "SELECT", doc(col="suggestion.document_id"), None),
            ("suggestion_add", "INSERT", None, doc(col="suggestion.document_id")),
            ("suggestion_drop", "DELETE", doc(col="suggestion.document_id"), None),
        ],
        "curation_status": [
            ("curation_read", "SELECT", doc(col="curation_status.document_id"), None),
            (
                "curation_add",
                "INSERT",
                None,
                "annotator_is_curator() AND curator_id = annotator_me()",
            ),
            (
                "curation_change",
                "UPDATE",
                "curator_id = annotator_me()",
                "curator_id = annotator_me()",
            ),
        ],
        "comment": [
            (
                "comment_read",
                "SELECT",
                # a whole thread: on my span, or one I wrote in (as annotator.team.comments)
                "annotator_is_curator() OR author_id = annotator_me() OR "
                "EXISTS (SELECT 1 FROM span s WHERE s.id = comment.span_id AND s.annotator_id = annotator_me()) OR "
                "annotator_in_thread(comment.id)",
                None,
            ),
            (
                "comment_add",
                "INSERT",
                None,
                f"author_id = annotator_me() AND {doc(col='comment.document_id')}",
            ),
            (  # resolving a thread: its starter or a curator, in their own name
                "comment_resolve",
                "UPDATE",
                "annotator_is_curator() OR author_id = annotator_me()",
                "(annotator_is_curator() OR author_id = annotator_me()) AND "
                "(resolved_by_id IS NULL OR resolved_by_id = annotator_me())",
            ),
        ],
    }
    for table, owner in OWN_ROWS.items():
        mine = f"{owner} = annotator_me()"
        rules[table] = [
            (f"{table}_read", "SELECT", f"{mine} OR annotator_is_curator()", None),
            (f"{table}_add", "INSERT", None, f"{mine} AND {doc(col=f'{table}.document_id')}"),
            (f"{table}_change", "UPDATE", mine, f"{mine} AND {doc(col=f'{table}.document_id')}"),
            (f"{table}_drop", "DELETE", mine, None),
        ]
    rules["span"][0] = ("span_read", "SELECT", f"{rules['span'][0][2]} OR {GOLD_AFTER_DONE}", None)
    return rules


def _drop_policies(conn: Connection) -> None:
    """Drop every policy of the schema (they are re-created from :func:`policy_rules`)."""
    existing = conn.execute(
        text("SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'")
    ).all()
    for table, name in existing:
        conn.execute(text(f'DROP POLICY "{name}" ON "{table}"'))


def _create_policies(conn: Connection) -> None:
    for table, policies in policy_rules().items():
        conn.execute(text(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY'))
        for name, command, using, check in policies:
            sql = f'CREATE POLICY "{name}" ON "{table}" FOR {command}'
            if using:
                sql += f" USING ({using})"
            if check:
                sql += f" WITH CHECK ({check})"
            conn.execute(text(sql))


# What a login may do per table (row-level security narrows it to rows). Every table of
# the schema is listed: a test holds this to models.metadata, so a migration adding a
# table cannot leave it unreadable to the team (or open to it) by omission.
GRANTS = {
    "annotator": "SELECT",
    "labelset": "SELECT",
    "label": "SELECT",
    "alembic_version": "SELECT",
    "document": "SELECT",
    "assignment": "SELECT",
    "suggestion": "SELECT, INSERT, DELETE",
    "span": "SELECT, INSERT, UPDATE, DELETE",
    "document_status": "SELECT, INSERT, UPDATE, DELETE",
    "document_label": "SELECT, INSERT, UPDATE, DELETE",
    "suggestion_rejection": "SELECT, INSERT, UPDATE, DELETE",
    "curation_status": "SELECT, INSERT, UPDATE",
    "comment": "SELECT, INSERT, UPDATE (resolved_by_id, resolved_at)",  # never the text
}


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _literal(value: str) -> str:
    """A SQL string literal (the caller has refused NUL characters)."""
    return "'" + value.replace("'", "''") + "'"


def _ensure_login(
    conn: Connection,
    name: str,
    database: str,
    password: str | None,
    new_password: Callable[[], str],
) -> tuple[bool, str | None]:
    quoted = _quote(conn, name)
    row = conn.execute(
        text("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = :n"),
        {"n": name},
    ).first()
    created = row is None
    if row is not None and row[0] != LOGIN_COMMENT:
        raise ForeignLogin(name)
    if created:
        password = password or new_password()
        conn.execute(text(f"CREATE ROLE {quoted} LOGIN NOINHERIT PASSWORD {_literal(password)}"))
        conn.execute(text(f"COMMENT ON ROLE {quoted} IS {_literal(LOGIN_COMMENT)}"))
    elif password:
        conn.execute(text(f"ALTER ROLE {quoted} PASSWORD {_literal(password)}"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {_quote(conn, database)} TO {quoted}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {quoted}"))
    _grant_tables(conn, quoted)
    return created, password


def _grant_tables(conn: Connection, quoted: str) -> None:
    """The login's privileges on the tables, sequences and lookup functions."""
    for table, privileges in GRANTS.items():
        conn.execute(text(f'GRANT {privileges} ON "{table}" TO {quoted}'))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}"))
    conn.execute(text(f"GRANT EXECUTE ON FUNCTION {FUNCTION_NAMES} TO {quoted}"))


def _apply_rules(conn: Connection) -> None:
    """Lookup functions and policies, replacing whatever policies the schema had."""
    conn.execute(text(FUNCTIONS))
    conn.execute(text(f"REVOKE EXECUTE ON FUNCTION {FUNCTION_NAMES} FROM PUBLIC"))
    _drop_policies(conn)
    _create_policies(conn)


def is_team_server(conn: Connection) -> bool:
    """``team init`` has run on this database (its lookup function exists)."""
    if conn.dialect.name != "postgresql":
        return False
    return (
        conn.execute(
            text(
                "SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE p.proname = 'annotator_me' AND n.nspname = 'public'"
            )
        ).first()
        is not None
    )


def _team_logins(conn: Connection) -> list[str]:
    """The logins ``team init`` made for people of this database."""
    rows = conn.execute(
        text(
            "SELECT a.name FROM annotator a JOIN pg_roles r ON r.rolname = a.name "
            "WHERE shobj_description(r.oid, 'pg_authid') = :c ORDER BY a.name"
        ),
        {"c": LOGIN_COMMENT},
    )
    return [name for (name,) in rows]


def _missing_tables(conn: Connection) -> list[str]:
    present = {
        name
        for (name,) in conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        )
    }
    return sorted(set(GRANTS) - present)


@contextmanager
def access_rules_kept(conn: Connection) -> Iterator[None]:
    """Run a schema migration on ``conn`` with the team server's access rules kept.

    On a team server the policies are dropped first (PostgreSQL refuses to drop or
    retype a table or column a policy names) and, after the migration, re-created with
    every team login's grants, in the caller's transaction: no moment exists at which a
    committed schema lacks them. Row-level security stays enabled throughout, and a
    table with RLS on and no policy shows a login nothing, so the rules fail closed.
    Elsewhere (SQLite, a plain PostgreSQL database) this does nothing.
    """
    team = is_team_server(conn)
    if team:
        _drop_policies(conn)
    yield
    if not team:
        return
    missing = _missing_tables(conn)
    if missing:  # an older schema (a downgrade): leave it closed until it is current again
        log.warning(
            "team server schema lacks %s: access rules not re-applied (logins see nothing)",
            ", ".join(missing),
        )
        return
    _apply_rules(conn)
    for name in _team_logins(conn):
        _grant_tables(conn, _quote(conn, name))


class TeamServerRepository(Repository):
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def apply(
        self,
        people: Sequence[tuple[str, str]],
        passwords: Mapping[str, str],
        new_password: Callable[[], str],
    ) -> list[tuple[bool, str | None]]:
        """Give each (name, role) its role, a login and the access rules, in one
        transaction; per person (login created, password set by this run)."""
        database = self.engine.url.database or ""
        result = []
        with self.engine.connect() as conn, conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(7201)"))  # one init at a time
            for name, role in people:
                conn.execute(update(ANNOTATOR).where(ANNOTATOR.c.name == name).values(role=role))
            _apply_rules(conn)
            conn.execute(text(f"REVOKE ALL ON DATABASE {_quote(conn, database)} FROM PUBLIC"))
            for name, _role in people:
                result.append(
                    _ensure_login(conn, name, database, passwords.get(name), new_password)
                )
        return result
