"""``annotator stats`` — what is in a database."""

from __future__ import annotations

import argparse
import json

from annotator.commands._common import add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser("stats", help="documents, spans per label, per annotator, statuses")
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
