"""``annotator backup`` — a consistent copy of the database, even while the app runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands._common import CommandError, add_db_option, db_target

PG_GUIDANCE = (
    "{target} is a PostgreSQL database: back it up with PostgreSQL's own tool, e.g.\n"
    "  pg_dump --format=custom --file {output} '{url}'\n"
    "and restore it with pg_restore --dbname URL {output}. Nothing was written."
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "backup",
        help="copy the database to a file (consistent while the app is running)",
        description=(
            "Copy an SQLite database through SQLite's online backup API: one consistent "
            "snapshot, safe while annotators keep working. The copy is written under a "
            "temporary name and moved into place when complete. Refuses to write over the "
            "database itself, and over an existing file unless --force. For PostgreSQL it "
            "prints the pg_dump command to use."
        ),
    )
    add_db_option(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the backup file")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.db.target import database_url
    from annotator.storage.maintenance import backup_sqlite

    target = db_target(args)
    url = database_url(target)
    if not url.startswith("sqlite"):
        from sqlalchemy.engine import make_url

        shown = make_url(url).set(drivername="postgresql").render_as_string(hide_password=True)
        print(
            PG_GUIDANCE.format(
                target=make_url(url).render_as_string(hide_password=True),
                output=args.output,
                url=shown,
            )
        )
        return 1
    source = Path(url.split("///", 1)[-1])
    try:
        size = backup_sqlite(source, Path(args.output), force=args.force)
    except OSError as exc:
        from annotator.errors import is_disk_full

        reason = "disk full" if is_disk_full(exc) else exc.strerror
        raise CommandError(f"{args.output}: cannot write the backup: {reason}") from exc
    print(f"backed up {source} to {args.output} ({size:,} bytes)")
    return 0
