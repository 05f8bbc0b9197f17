"""``annotator stats`` — what is in a database, and by outlet, label, annotator or term."""

from __future__ import annotations

import argparse
import json
import sys

from annotator.commands._common import add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "stats",
        help="documents and spans, by label, source, annotator or term",
        description=(
            "Without --by: the number of documents and spans, spans per label (with its "
            "label set), and per annotator the spans, the documents they labelled and their "
            "status counts (a document an annotator never touched counts as todo). "
            "--by source: per outlet the documents, words (whitespace-separated tokens), "
            "accepted spans, spans per label and spans per 1,000 words. --by label, "
            "--by annotator likewise; --by term: the normalised terms labelled, per label, "
            "with their count per source («والثوار» and «الثوار» are one term). "
            "Suggestions never count."
        ),
    )
    add_db_option(p)
    p.add_argument("--labelset", default=None, help="count only spans of this label set")
    p.add_argument("--annotator", default=None, help="count only this annotator's spans")
    p.add_argument(
        "--by",
        choices=("label", "source", "annotator", "term"),
        default=None,
        help="group the figures (default: the overall summary)",
    )
    p.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table)",
    )
    p.add_argument("--json", action="store_true", help="the summary as JSON (as --format json)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    fmt = "json" if args.json else args.format
    by = args.by
    if by is None and (args.labelset or args.annotator or fmt == "csv"):
        by = "label"  # the summary is unfiltered; filters need a grouping
    store = open_store(args)
    try:
        if by is None:
            stats = store.stats()  # plain counts: no statistics module, no SQLAlchemy
        else:
            from annotator.insight.counts import BY, Filters

            rows = BY[by](store, Filters(labelset=args.labelset, annotator=args.annotator))
    finally:
        store.close()
    if by is not None:
        from annotator.insight.output import render

        sys.stdout.write(render(rows, fmt, frozenset({"sources", "forms"})))
        return 0
    if fmt == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"documents: {stats['documents']}")
    print(f"spans: {stats['spans']}")
    if stats["spans_per_label"]:
        print("\nspans per label:")
        for row in stats["spans_per_label"]:
            print(f"  {row['labelset']}\t{row['label']}\t{row['spans']}")
    if stats["annotators"]:
        print("\nper annotator:")
        for row in stats["annotators"]:
            statuses = ", ".join(f"{k} {v}" for k, v in row["status"].items())
            print(
                f"  {row['annotator']}\t{row['spans']} spans in {row['documents']} documents"
                f"\t{statuses}"
            )
    return 0
