"""``annotator check`` — is this database sound? Exit 0, or 1 with a list of problems."""

from __future__ import annotations

import argparse

from annotator.commands._common import add_db_option, db_target


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check",
        help="check a database: integrity, foreign keys, span texts, orphans, schema",
        description=(
            "Read-only checks of a database as it is (nothing is migrated or repaired): "
            "SQLite's integrity and foreign-key checks, every span's text against its "
            "document's text[start:end], rows whose document, annotator or label is "
            "missing, and the schema version. Exit status 0 when all is well, 1 with one "
            "line per problem otherwise."
        ),
    )
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.storage.maintenance import check_database

    target = db_target(args)
    report = check_database(target)
    if not report.problems:
        print(f"{target}: ok (schema {report.schema})")
        return 0
    for problem in report.problems:
        print(f"{target}: {problem}")
    print(f"{len(report.problems)} problem(s)")
    return 1
