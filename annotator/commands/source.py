"""``annotator source`` — the outlet of each document: list, set, rename."""

from __future__ import annotations

import argparse

from annotator.commands._common import CommandError, add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "source",
        help="list, set or rename the source (outlet) of documents",
        description=(
            "A document's source is the outlet that published it; statistics, "
            "naming divergence and the report group by it. Imports set it from "
            "meta.source (JSONL), --source-column (CSV) or --source-from-folder (.txt)."
        ),
    )
    sub = p.add_subparsers(dest="source_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="every source with its number of documents")
    add_db_option(ls)
    ls.set_defaults(func=run_list)
    st = sub.add_parser("set", help="set the source of one document")
    add_db_option(st)
    st.add_argument(
        "--document", required=True, metavar="ID", help="the document's id as in the imported file"
    )
    st.add_argument("--corpus", default="default", help="corpus of the document")
    st.add_argument("source", help="the outlet (an empty string clears it)")
    st.set_defaults(func=run_set)
    rn = sub.add_parser("rename", help="rename a source on every document that has it")
    add_db_option(rn)
    rn.add_argument("old")
    rn.add_argument("new")
    rn.set_defaults(func=run_rename)


def run_list(args: argparse.Namespace) -> int:
    from annotator.insight.sources import list_sources

    store = open_store(args)
    try:
        for info in list_sources(store):
            print(f"{info.documents}\t{info.source or '(none)'}")
    finally:
        store.close()
    return 0


def run_set(args: argparse.Namespace) -> int:
    from annotator.insight.sources import find_document, set_source
    from annotator.store import StoreError

    store = open_store(args)
    try:
        doc_id = find_document(store, args.document, args.corpus)
        old = set_source(store, doc_id, args.source)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()
    print(
        f"{args.document}: source {old or '(none)'} → {' '.join(args.source.split()) or '(none)'}"
    )
    return 0


def run_rename(args: argparse.Namespace) -> int:
    from annotator.insight.sources import rename_source
    from annotator.store import StoreError

    store = open_store(args)
    try:
        changed = rename_source(store, args.old, args.new)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()
    print(f"{changed} documents renamed from {args.old or '(none)'} to {args.new}")
    return 0
