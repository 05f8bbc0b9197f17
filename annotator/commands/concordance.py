"""``annotator concordance`` — every occurrence of a term, labelled or missed."""

from __future__ import annotations

import argparse
import sys

from annotator.commands._common import CommandError, add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "concordance",
        help="every occurrence of a term with context, source and its labels",
        description=(
            "Find TERM in every document (diacritics, letter variants and attached clitics "
            "و ف ب ك ل ال forgiven, as the lexicon suggestions match) and show each occurrence "
            "with its context, its source and who labelled it with which label; an empty "
            "labels column is an occurrence nobody labelled."
        ),
    )
    add_db_option(p)
    p.add_argument("term", help="the word or phrase to look for")
    p.add_argument(
        "--sort",
        choices=("source", "document"),
        default="source",
        help="order: by source (default) or by document",
    )
    p.add_argument("--source", default=None, help="only documents of this source")
    p.add_argument("--unlabelled", action="store_true", help="only occurrences nobody labelled")
    p.add_argument("--context", type=int, default=50, help="characters of context each side")
    p.add_argument("--limit", type=int, default=None, help="at most this many occurrences")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.insight.concordance import concordance
    from annotator.insight.output import render

    if not args.term.strip():
        raise CommandError("the term is empty")
    if args.context < 0 or (args.limit is not None and args.limit < 0):
        raise CommandError("--context and --limit must not be negative")
    store = open_store(args)
    try:
        found = concordance(
            store,
            args.term,
            context=args.context,
            source=args.source,
            sort=args.sort,
            unlabelled_only=args.unlabelled,
            limit=args.limit,
        )
    finally:
        store.close()
    if args.format == "json":
        rows = [
            {
                **o.as_row(),
                "labels": [
                    {"annotator": lb.annotator, "label": lb.label, "start": lb.start, "end": lb.end}
                    for lb in o.labels
                ],
            }
            for o in found
        ]
    else:
        rows = [o.as_row() for o in found]
    sys.stdout.write(render(rows, args.format))
    if args.format == "table":
        missed = sum(1 for o in found if not o.labelled)
        print(f"{len(found)} occurrences, {missed} unlabelled", file=sys.stderr)
    return 0
