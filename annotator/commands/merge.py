"""``annotator merge`` — bring annotators' databases (or JSONL exports) into one."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands._common import CommandError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "merge",
        help="merge databases or JSONL exports into a team database",
        description=(
            "Merge annotation databases (SQLite files) or native JSONL exports into --into. "
            "Documents are matched by corpus and id and checked by their text's hash (same id, "
            "other text: reported, not merged). Spans, statuses, document labels, comments, "
            "rejections, assignments and curation are brought together per annotator; identical "
            "spans are kept once; the latest status change wins. Inputs are only read. Running "
            "the same merge twice changes nothing. Exit status 1 when anything was left out."
        ),
    )
    p.add_argument("inputs", nargs="+", type=Path, help="databases (.db) or JSONL exports")
    p.add_argument(
        "--into", required=True, help="the team database (file or URL), created if missing"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from contextlib import ExitStack

    from annotator.db.target import DatabaseError
    from annotator.errors import AnnotatorError
    from annotator.outputs import OutputError, check_output, database_files
    from annotator.store import Store
    from annotator.team.merge_sources import open_source
    from annotator.team.merging import merge_into

    if "://" not in args.into:  # a server database is never one of the input files
        protected = [f for path in args.inputs for f in [path, *database_files(str(path))]]
        try:
            check_output(args.into, protected)
        except OutputError as exc:
            raise CommandError(f"{exc} (an input of this merge)") from exc
    try:
        with ExitStack() as stack:
            sources = [stack.enter_context(open_source(path)) for path in args.inputs]
            try:
                target = Store.open(args.into)
            except DatabaseError as exc:
                raise CommandError(str(exc)) from exc
            try:
                report = merge_into(target, sources)
            finally:
                target.close()
    except AnnotatorError as exc:
        raise CommandError(str(exc)) from exc
    print(report.summary())
    for line in report.conflicts:
        print(f"  conflict: {line}")
    return 1 if report.left_out else 0
