"""``annotator stats`` — what is in a database."""

from __future__ import annotations

import argparse
import json

from annotator.commands._common import add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "stats", help="documents, spans per label, per annotator, statuses",
        description=(
            "Print what a database holds: the number of documents and spans, spans per "
            "label (with its label set), and per annotator the spans, the documents they "
            "labelled and their status counts (todo / in_progress / done / skipped; a "
            "document an annotator never touched counts as todo)."))
    add_db_option(p)
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        stats = store.stats()
    finally:
        store.close()
    if args.json:
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
            print(f"  {row['annotator']}\t{row['spans']} spans in {row['documents']} documents"
                  f"\t{statuses}")
    return 0
