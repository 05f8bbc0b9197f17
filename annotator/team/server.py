"""A PostgreSQL team server whose access rules hold in the database itself.

``team init`` (run with the owner's URL) gives every person a database login of their
own and turns on row-level security, so the rules do not depend on the app behaving:

* an **annotator**'s connection sees only the documents assigned to them, and reads and
  writes only their own spans, statuses, document labels and rejections (blind
  annotation, enforced by the server); they read suggestions and label sets, and the
  comment threads they wrote in or that are on their own spans;
* a **curator** reads everything and writes only their own layer (the gold spans) and
  curation statuses; no one but the owner changes documents, assignments or roles.

The login's name is the person's annotator name, so ``session_user`` identifies the row
in ``annotator``; two small SECURITY DEFINER functions look it up for the policies. Every
statement is idempotent: run ``team init`` again after a schema upgrade or to add people.
Logins this module did not create (no ``annotator team login`` comment) are never
touched, so the owner's own role cannot be taken over by a person called the same.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, text, update
from sqlalchemy.engine import make_url

from annotator.store import ANNOTATOR, Store
from annotator.team.errors import TeamError

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
"""


@dataclass
class TeamLogin:
    name: str
    role: str
    created: bool
    password: str | None  # set when generated or changed by this run
    url: str = ""


@dataclass
class TeamInitReport:
    logins: list[TeamLogin] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for login in self.logins:
            what = "created" if login.created else "exists"
            secret = f" password {login.password}" if login.password else " (password unchanged)"
            out.append(
                f"{login.role:9} {login.name}: login {what};{secret}; connect with {login.url}"
            )
        return out


def _policies(conn: Connection) -> list[str]:
    """The row-level security statements (dropped and re-created: idempotent)."""
    doc = VISIBLE_DOC.format
    rules: dict[str, list[tuple[str, str, str | None, str | None]]] = {
        # table: [(policy, command, USING, WITH CHECK)]
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
                "annotator_is_curator() OR author_id = annotator_me() OR "
                "EXISTS (SELECT 1 FROM span s WHERE s.id = comment.span_id AND s.annotator_id = annotator_me())",
                None,
            ),
            (
                "comment_add",
                "INSERT",
                None,
                f"author_id = annotator_me() AND {doc(col='comment.document_id')}",
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
    statements = []
    existing = conn.execute(
        text("SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'")
    ).all()
    for table, name in existing:
        statements.append(f'DROP POLICY "{name}" ON "{table}"')
    for table, policies in rules.items():
        statements.append(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
        for name, command, using, check in policies:
            sql = f'CREATE POLICY "{name}" ON "{table}" FOR {command}'
            if using:
                sql += f" USING ({using})"
            if check:
                sql += f" WITH CHECK ({check})"
            statements.append(sql)
    return statements


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
    "comment": "SELECT, INSERT",
}


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _literal(value: str) -> str:
    if "\x00" in value:
        raise TeamError("a password must not contain a NUL character")
    return "'" + value.replace("'", "''") + "'"


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise TeamError("an empty name in --annotators/--curators")
    if len(name.encode("utf-8")) > 63:
        raise TeamError(f"{name!r}: a database login name is at most 63 bytes")
    if name.lower().startswith("pg_"):
        raise TeamError(f"{name!r}: names starting with pg_ are reserved by PostgreSQL")
    return name


def _ensure_login(
    conn: Connection, name: str, database: str, password: str | None
) -> tuple[bool, str | None]:
    quoted = _quote(conn, name)
    row = conn.execute(
        text("SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = :n"),
        {"n": name},
    ).first()
    created = row is None
    if row is not None and row[0] != LOGIN_COMMENT:
        raise TeamError(
            f"a database role {name!r} exists and was not made by team init; "
            "refusing to change it (choose another name)"
        )
    if created:
        password = password or secrets.token_urlsafe(18)
        conn.execute(text(f"CREATE ROLE {quoted} LOGIN NOINHERIT PASSWORD {_literal(password)}"))
        conn.execute(text(f"COMMENT ON ROLE {quoted} IS {_literal(LOGIN_COMMENT)}"))
    elif password:
        conn.execute(text(f"ALTER ROLE {quoted} PASSWORD {_literal(password)}"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {_quote(conn, database)} TO {quoted}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {quoted}"))
    for table, privileges in GRANTS.items():
        conn.execute(text(f'GRANT {privileges} ON "{table}" TO {quoted}'))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}"))
    conn.execute(
        text(f"GRANT EXECUTE ON FUNCTION annotator_me(), annotator_is_curator() TO {quoted}")
    )
    return created, password


def init_team(
    store: Store,
    annotators: Sequence[str],
    curators: Sequence[str],
    *,
    passwords: Mapping[str, str] | None = None,
    labelsets: Sequence[str] = (),
) -> TeamInitReport:
    """Create logins and access rules (see the module docstring); run as the database owner."""
    engine = store.engine
    if engine.dialect.name != "postgresql":
        raise TeamError(
            "team init needs a PostgreSQL database URL (postgresql+psycopg://…); "
            "SQLite files are shared by merging them: annotator merge"
        )
    people = [(_check_name(n), "annotator") for n in annotators] + [
        (_check_name(n), "curator") for n in curators
    ]
    names = [n for n, _ in people]
    if len(set(names)) != len(names):
        raise TeamError("a person is named twice (or both annotator and curator)")
    if not people:
        raise TeamError("name the team: --annotators a,b and/or --curators c")
    wanted: list[str | None] = list(labelsets) or [None]  # None: the default set
    for set_name in wanted:  # the app registers sets on use; annotators cannot
        store.register_labelset(store.labelset(set_name))
    for name, _role in people:
        store.annotator_id(name)
    passwords = dict(passwords or {})
    database = engine.url.database or ""
    report = TeamInitReport()
    with engine.connect() as conn, conn.begin():
        conn.execute(text("SELECT pg_advisory_xact_lock(7201)"))  # one init at a time
        for name, role in people:
            conn.execute(update(ANNOTATOR).where(ANNOTATOR.c.name == name).values(role=role))
        conn.execute(text(FUNCTIONS))
        conn.execute(
            text("REVOKE EXECUTE ON FUNCTION annotator_me(), annotator_is_curator() FROM PUBLIC")
        )
        conn.execute(text(f"REVOKE ALL ON DATABASE {_quote(conn, database)} FROM PUBLIC"))
        for statement in _policies(conn):
            conn.execute(text(statement))
        for name, role in people:
            created, password = _ensure_login(conn, name, database, passwords.get(name))
            url = make_url(str(engine.url)).set(username=name, password=None)
            report.logins.append(
                TeamLogin(name, role, created, password, url.render_as_string(hide_password=False))
            )
    return report


def read_password_file(path: str) -> dict[str, str]:
    """``name<TAB>password`` or ``name:password`` per line; # comments and blank lines skipped."""
    result: dict[str, str] = {}
    try:
        lines = open(path, encoding="utf-8").read().splitlines()  # noqa: SIM115
    except OSError as exc:
        raise TeamError(f"{path}: cannot read the password file: {exc.strerror}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        sep = "\t" if "\t" in line else ":"
        name, found, password = line.partition(sep)
        if not found or not name.strip() or not password:
            raise TeamError(f"{path}:{number}: expected name:password")
        result[name.strip()] = password
    return result
