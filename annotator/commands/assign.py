"""``annotator assign`` — give documents to annotators, balanced, with an overlap sample."""

from __future__ import annotations

import argparse

from annotator.commands._common import CommandError, add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "assign",
        help="assign documents to annotators (balanced, with an overlap sample)",
        description=(
            "Give each selected document to K annotators, always the least loaded. With "
            "--overlap F, that fraction of the newly assigned documents goes to every annotator "
            "(the sample agreement is measured on) and the rest to K each. Re-running only "
            "adds: nothing assigned is moved or removed, and a document someone has already "
            "started stays theirs."
        ),
    )
    add_db_option(p)
    p.add_argument("--annotators", required=True, help="comma-separated names")
    p.add_argument(
        "--per-document",
        type=int,
        default=1,
        metavar="K",
        help="annotators per document (default 1)",
    )
    p.add_argument(
        "--overlap",
        type=float,
        default=0.0,
        metavar="FRACTION",
        help="share of documents for every annotator, 0–1 (default 0)",
    )
    p.add_argument("--seed", type=int, default=None, help="make the draw repeatable")
    p.add_argument(
        "--status",
        default=None,
        help="only documents with this status for every listed annotator (e.g. todo)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.errors import AnnotatorError
    from annotator.team.assignment import assign

    store = open_store(args)
    try:
        report = assign(
            store,
            args.annotators.split(","),
            args.per_document,
            overlap=args.overlap,
            seed=args.seed,
            status=args.status,
        )
    except AnnotatorError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()
    print(report.summary())
    return 0
