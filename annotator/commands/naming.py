"""``annotator naming`` — how each outlet names what a label covers (Fightin' Words)."""

from __future__ import annotations

import argparse
import sys

from annotator.commands._common import CommandError, add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "naming",
        help="which terms are distinctive of each outlet for a label (log-odds, z)",
        description=(
            "For the spans of one label (and, with --target, only those whose target "
            "attribute has this value: every naming of the same actor), count the terms "
            "each source uses and score each term per source against all other sources: "
            "the weighted log-odds ratio with an informative Dirichlet prior (Monroe, "
            "Colaresi & Quinn 2008), with z-scores. Positive z: the source favours the term; "
            "|z| > 1.96 is about 95 % sure."
        ),
    )
    add_db_option(p)
    p.add_argument("--label", required=True, help="label key, e.g. LOADED_TERM")
    p.add_argument("--target", default=None, help="only spans whose target attribute is this")
    p.add_argument("--labelset", default=None, help="only spans of this label set")
    p.add_argument("--annotator", default=None, help="only this annotator's spans")
    p.add_argument(
        "--prior",
        type=float,
        default=1.0,
        help="prior size as a multiple of the pooled counts (default 1.0)",
    )
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.insight.naming import naming_divergence, naming_rows
    from annotator.insight.output import render

    if args.prior <= 0:
        raise CommandError("--prior must be positive")
    store = open_store(args)
    try:
        naming = naming_divergence(
            store,
            args.label,
            target=args.target,
            labelset=args.labelset,
            annotator=args.annotator,
            prior_scale=args.prior,
        )
    finally:
        store.close()
    if not naming.counts:
        what = f"{args.label}" + (f" with target {args.target!r}" if args.target else "")
        raise CommandError(f"no spans of {what} in this database")
    sys.stdout.write(render(naming_rows(naming), args.format))
    if not naming.scores and args.format == "table":
        print("(one source or one term only: nothing to compare)", file=sys.stderr)
    return 0
