"""``annotator report`` — one self-contained HTML file about the coverage."""

from __future__ import annotations

import argparse

from annotator.commands._common import CommandError, add_db_option, db_target, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="write a self-contained HTML report (statistics, naming, concordance)",
        description=(
            "Write one HTML file that opens offline in any browser (no network, no script): "
            "corpus overview, progress per annotator over time, label distribution, density "
            "per source, top terms per label and source, naming divergence, and a "
            "concordance of the top terms. Arabic, right to left, with English headings."
        ),
    )
    add_db_option(p)
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--labelset", default=None, help="only spans of this label set")
    p.add_argument("--annotator", default=None, help="only this annotator's spans")
    p.add_argument("--title", default="", help="the report's title")
    p.add_argument(
        "--no-font",
        action="store_true",
        help="do not embed the Arabic font (smaller file; uses the reader's fonts)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.insight.counts import Filters
    from annotator.insight.files import (
        OutputError,
        check_target,
        database_files,
        write_text_safely,
    )
    from annotator.insight.html import render_report
    from annotator.insight.report import gather

    target = db_target(args)
    protected = database_files(target)
    try:
        check_target(args.output, protected=protected)
    except OutputError as exc:
        raise CommandError(str(exc)) from exc
    store = open_store(args)
    try:
        data = gather(
            store, Filters(labelset=args.labelset, annotator=args.annotator), title=args.title
        )
    finally:
        store.close()
    try:
        path = write_text_safely(
            args.output, render_report(data, embed_font=not args.no_font), protected=protected
        )
    except OutputError as exc:
        raise CommandError(str(exc)) from exc
    print(f"report written to {path}")
    return 0
