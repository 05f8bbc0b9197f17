"""``annotator team init`` — make a PostgreSQL database a team server with real access rules."""

from __future__ import annotations

import argparse
import os

from annotator.commands._common import CommandError, add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser("team", help="team server on PostgreSQL (logins, access rules)")
    sub = p.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    init = sub.add_parser(
        "init",
        help="create one login per person and row-level security",
        description=(
            "Run with the database owner's URL. Creates a PostgreSQL login per person (named "
            "like the annotator) and row-level security: an annotator's connection sees only "
            "the documents assigned to them and only their own spans (blind annotation enforced "
            "by the server); a curator reads everything and writes the gold layer. New logins "
            "get a generated password, printed once, unless given in --password-file (lines "
            "name:password) or $ANNOTATOR_TEAM_PASSWORD_<NAME>. Idempotent: run it again to add "
            "people; a schema upgrade keeps the access rules by itself."
        ),
    )
    add_db_option(init)
    init.add_argument("--annotators", default="", help="comma-separated annotator names")
    init.add_argument("--curators", default="", help="comma-separated curator names")
    init.add_argument("--password-file", help="name:password per line (kept out of shell history)")
    init.add_argument(
        "--labelset",
        action="append",
        default=[],
        help="label set(s) to register for the team (default: the default set)",
    )
    init.set_defaults(func=run_init)


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


def run_init(args: argparse.Namespace) -> int:
    from annotator.errors import AnnotatorError
    from annotator.team.server import init_team, read_password_file

    annotators, curators = _names(args.annotators), _names(args.curators)
    try:
        passwords = read_password_file(args.password_file) if args.password_file else {}
    except AnnotatorError as exc:
        raise CommandError(str(exc)) from exc
    for name in annotators + curators:
        env = os.environ.get(f"ANNOTATOR_TEAM_PASSWORD_{name.upper()}")
        if env and name not in passwords:
            passwords[name] = env
    store = open_store(args)
    try:
        report = init_team(
            store, annotators, curators, passwords=passwords, labelsets=args.labelset
        )
    except AnnotatorError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()
    for line in report.lines():
        print(line)
    print(
        "Give each person their own URL with the password filled in; the server enforces "
        "who sees and changes what."
    )
    return 0
