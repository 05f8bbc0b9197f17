"""A PostgreSQL team server whose access rules hold in the database itself.

``team init`` (run with the owner's URL) gives every person a database login of their
own and turns on row-level security, so the rules do not depend on the app behaving:

* an **annotator**'s connection sees only the documents assigned to them, and reads and
  writes only their own spans, statuses, document labels and rejections (blind
  annotation, enforced by the server); they read suggestions and label sets, and the
  comment threads they wrote in or that are on their own spans, and the curator's gold
  spans of a document once they marked it done (to see the decisions on their work);
* a **curator** reads everything and writes only their own layer (the gold spans) and
  curation statuses; no one but the owner changes documents, assignments or roles.

The login's name is the person's annotator name, so ``session_user`` identifies the row
in ``annotator``; two small SECURITY DEFINER functions look it up for the policies. Every
statement is idempotent: run ``team init`` again to add people. A schema upgrade needs no
re-run: every migration re-applies the same rules to the new schema
(:func:`annotator.storage.team_server.access_rules_kept`).
Logins this module did not create (no ``annotator team login`` comment) are never
touched, so the owner's own role cannot be taken over by a person called the same.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from annotator.storage.team_server import LOGIN_COMMENT, ForeignLogin
from annotator.store import Store
from annotator.team.errors import TeamError

__all__ = ["LOGIN_COMMENT", "TeamInitReport", "TeamLogin", "init_team", "read_password_file"]


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


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise TeamError("an empty name in --annotators/--curators")
    if len(name.encode("utf-8")) > 63:
        raise TeamError(f"{name!r}: a database login name is at most 63 bytes")
    if name.lower().startswith("pg_"):
        raise TeamError(f"{name!r}: names starting with pg_ are reserved by PostgreSQL")
    return name


def init_team(
    store: Store,
    annotators: Sequence[str],
    curators: Sequence[str],
    *,
    passwords: Mapping[str, str] | None = None,
    labelsets: Sequence[str] = (),
) -> TeamInitReport:
    """Create logins and access rules (see the module docstring); run as the database owner."""
    server = store.team.server
    if not server.is_postgresql():
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
    passwords = dict(passwords or {})
    if any("\x00" in p for p in passwords.values()):
        raise TeamError("a password must not contain a NUL character")
    wanted: list[str | None] = list(labelsets) or [None]  # None: the default set
    for set_name in wanted:  # the app registers sets on use; annotators cannot
        store.register_labelset(store.labelset(set_name))
    for name, _role in people:
        store.annotator_id(name)
    try:
        logins = server.apply(people, passwords, lambda: secrets.token_urlsafe(18))
    except ForeignLogin as exc:
        raise TeamError(
            f"a database role {exc.args[0]!r} exists and was not made by team init; "
            "refusing to change it (choose another name)"
        ) from None
    report = TeamInitReport()
    for (name, role), (created, password) in zip(people, logins, strict=True):
        url = store.engine.url.set(username=name, password=None)
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
