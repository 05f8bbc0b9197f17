"""``annotator export`` — write labels out in our JSONL or another tool's format."""

from __future__ import annotations

import argparse

from annotator.commands._common import (
    CommandError,
    add_annotator_map_option,
    add_db_option,
    add_offsets_option,
    annotator_map,
    err,
    make_bar,
    open_store,
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export",
        help="export labels (jsonl doccano prodigy labelstudio araieval ptc)",
        description=(
            "Export documents with their spans. One record per (document, annotator, label "
            "set). Only documents somebody labelled (spans, status or document labels), unless "
            "--all-docs; araieval always lists every document once. ptc writes a folder "
            "(article<ID>.txt files + labels.tsv)."
        ),
    )
    add_db_option(p)
    p.add_argument(
        "--format",
        default="jsonl",
        help="jsonl (native), doccano, prodigy, labelstudio, araieval, ptc",
    )
    p.add_argument("-o", "--output", required=True, help="output file (folder for ptc)")
    p.add_argument("--annotator", default=None, help="only this annotator's labels")
    p.add_argument(
        "--status",
        default=None,
        help="only (document, annotator) pairs with this status: todo, in_progress, done, skipped",
    )
    p.add_argument("--labelset", default=None, help="only spans of this label set")
    p.add_argument(
        "--all-docs", action="store_true", help="also documents nobody labelled, with empty spans"
    )
    p.add_argument("--corpus", default=None, help="only documents of this corpus")
    add_offsets_option(p, "written")
    add_annotator_map_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.exporting import ExportError, ExportOptions, export_to
    from annotator.formats import export_formats
    from annotator.formats.base import FormatError
    from annotator.store import StoreError

    if args.format not in export_formats():
        raise CommandError(
            f"unknown export format {args.format!r} (choose from {', '.join(export_formats())})"
        )
    options = ExportOptions(
        format=args.format,
        annotator=args.annotator,
        status=args.status,
        labelset=args.labelset,
        all_docs=args.all_docs,
        corpus=args.corpus,
        offsets=args.offsets,
        annotator_map=annotator_map(args.ls_annotator_map),
    )
    store = open_store(args)
    bar = make_bar(desc="exporting", unit=" docs")

    def progress(done: int, total: int | None) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        report = export_to(store, args.output, options, progress=progress)
    except (ExportError, StoreError, FormatError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        bar.close()
        store.close()
    for notice in report.notices:
        err(f"warning: {notice}")
    print(report.summary())
    return 0
