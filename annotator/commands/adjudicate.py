"""``annotator adjudicate`` — agreed spans into the curator's gold layer, the rest waits."""

from __future__ import annotations

import argparse

from annotator.commands._common import CommandError, add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "adjudicate",
        help="copy spans annotators agree on into the curator's gold layer",
        description=(
            "For each document at least two annotators marked done, spans (range and label) "
            "that enough of them marked exactly become the curator's spans; everything else "
            "waits for the curator in the app. Idempotent; documents whose curation has "
            "started are left alone. The gold layer exports like any annotator's: "
            "annotator export --annotator CURATOR."
        ),
    )
    add_db_option(p)
    p.add_argument("--curator", required=True, help="name of the curator (the gold layer)")
    p.add_argument("--labelset", help="only spans of this label set")
    p.add_argument(
        "--min-agree",
        default="all",
        metavar="all|majority|N",
        help="annotators who must agree: all (default), majority, or a number",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.errors import AnnotatorError
    from annotator.team.adjudication import adjudicate, required_votes

    try:
        required_votes(args.min_agree, 2)  # refuse a bad value before opening anything
    except AnnotatorError as exc:
        raise CommandError(str(exc)) from exc
    store = open_store(args)
    try:
        report = adjudicate(store, args.curator, labelset=args.labelset, min_agree=args.min_agree)
    except AnnotatorError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()
    print(report.summary())
    for name in report.skipped[:20]:
        print(f"  under curation, untouched: {name}")
    return 0
