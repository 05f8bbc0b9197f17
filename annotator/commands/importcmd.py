"""``annotator import`` — bring a corpus (and any labels it carries) into a database."""

from __future__ import annotations

import argparse

from annotator.commands._common import (
    CommandError,
    add_annotator_map_option,
    add_db_option,
    add_offsets_option,
    annotator_map,
    db_target,
    err,
    make_bar,
    open_store,
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import",
        help="import documents (and their spans) from .txt files, JSONL, JSON or CSV",
        description=(
            "Import a file or folder. Formats: txt (a .txt file or a folder of them; title = "
            "first line), csv, jsonl (our native JSONL), doccano, prodigy, labelstudio, "
            "araieval, armpro, semeval2021, ptc, fields (see the field options); detected "
            "automatically unless --format is given. The import is "
            "all-or-nothing unless --skip-invalid; every bad line is reported as file:line. "
            "Re-importing a document (same id and text) changes nothing; the same id with "
            "another text is refused unless --update. Spans whose offsets do not match their own "
            "text are realigned (UTF-16 offsets, nearest occurrence, Arabic normalisation) and "
            "reported; --strict refuses them instead."
        ),
    )
    p.add_argument("path", help="file or folder to import")
    add_db_option(p)
    p.add_argument("--format", default=None, help="input format (default: detect)")
    p.add_argument("--labelset", default=None, help="label set the file's labels belong to")
    p.add_argument(
        "--annotator",
        default=None,
        help="annotator for spans whose record names none (default: 'imported')",
    )
    p.add_argument("--corpus", default="default", help="corpus name (ids are unique per corpus)")
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the good records and spans, report the rest",
    )
    p.add_argument(
        "--update",
        action="store_true",
        help="replace the text of documents re-imported with a different text "
        "(only when they have no spans)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse spans whose offsets do not match their text instead of realigning",
    )
    add_offsets_option(p, "read")
    fields = p.add_argument_group(
        "field mapping",
        "JSON lines or a JSON array of any layout (format 'fields', chosen "
        "by giving any of these): which key holds each part; dotted paths reach into nested "
        "objects; every other key is kept as document metadata",
    )
    for name, default, what in (
        ("text", "text", "the document text"),
        ("id", "id", "the document id"),
        ("spans", "labels", "the list of spans"),
        ("label", "label", "a span's label"),
        ("start", "start", "a span's start offset"),
        ("end", "end", "a span's end offset"),
        ("span-text", "text", "a span's own text (checked against the offsets)"),
        ("source", None, "the outlet (the document's source; statistics group by it)"),
        ("title", None, "the title"),
    ):
        fields.add_argument(
            f"--{name}-field",
            default=None,
            metavar="KEY",
            help=f"key holding {what}" + (f" (default {default})" if default else ""),
        )
    add_annotator_map_option(p)
    p.add_argument(
        "--report",
        metavar="FILE",
        default=None,
        help="write every realignment, refusal and warning as JSONL",
    )
    p.add_argument("--text-column", default="text", help="CSV: column holding the text")
    p.add_argument("--id-column", default=None, help="CSV: column holding the document id")
    p.add_argument("--title-column", default=None, help="CSV: column holding the title")
    p.add_argument(
        "--delimiter",
        default=None,
        help="CSV: field separator (',', ';' or 'tab'; default: detected from the header row)",
    )
    p.add_argument(
        "--source-column",
        default=None,
        help="CSV: column holding the source (outlet) of each document",
    )
    p.add_argument(
        "--source-from-folder",
        action="store_true",
        help="txt: the source (outlet) of each file is the name of its folder",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.formats.base import FormatError
    from annotator.importing import (
        ImportCancelled,
        ImportFailed,
        ImportOptions,
        import_path,
        write_report,
    )
    from annotator.outputs import OutputError, database_files

    field_map = {
        name: value
        for name in ("text", "id", "spans", "label", "start", "end", "span_text", "source", "title")
        if (value := getattr(args, f"{name}_field"))
    }
    options = ImportOptions(
        format=args.format or ("fields" if field_map else None),
        fields=field_map,
        labelset=args.labelset,
        annotator=args.annotator,
        corpus=args.corpus,
        skip_invalid=args.skip_invalid,
        update=args.update,
        strict=args.strict,
        offsets=args.offsets,
        text_column=args.text_column,
        id_column=args.id_column,
        title_column=args.title_column,
        delimiter=args.delimiter,
        source_column=args.source_column,
        source_from_folder=args.source_from_folder,
        annotator_map=annotator_map(args.ls_annotator_map),
    )
    sink, close = (None, None)
    if args.report:
        # checked before the database is opened: the report is never the database, a
        # sibling of it, the input or a file inside an input folder
        protected = [*database_files(db_target(args)), args.path]
        try:
            sink, close = write_report(args.report, protected)
        except OutputError as exc:
            raise CommandError(f"{args.report}: cannot write report: {exc}") from exc
        except OSError as exc:
            raise CommandError(f"{args.report}: cannot write report: {exc}") from exc
    try:
        store = open_store(args)
    except BaseException:
        if close:
            close()
        raise
    bar = make_bar(desc="importing", unit=" records")

    def progress(done: int, _total: int | None) -> None:
        bar.update(done - bar.n)

    try:
        report = import_path(store, args.path, options, progress=progress, report_sink=sink)
    except ImportFailed as exc:
        bar.close()
        if sink:
            sink(exc.report.as_dict())
        err(f"annotator: import refused, nothing was imported:\n{exc}")
        return 1
    except ImportCancelled:
        bar.close()
        err("annotator: import cancelled, nothing was imported")
        return 1
    except FormatError as exc:
        bar.close()
        raise CommandError(str(exc)) from exc
    else:
        if sink:
            sink(report.as_dict())
    finally:
        store.close()
        if close:
            try:
                close()
            except (OutputError, OSError) as exc:  # the import's own outcome stands
                err(f"annotator: {args.report}: report not written: {exc}")
    bar.close()
    for realignment in report.realignments[:50]:
        err(f"realigned: {realignment}")
    if len(report.realignments) > 50:
        err(f"… {len(report.realignments) - 50} more realignments (see --report)")
    for notice in report.notices[:50]:
        err(f"warning: {notice}")
    if report.warnings > 50:
        err(f"… {report.warnings - 50} more warnings (see --report)")
    for problem in report.problems:
        err(f"skipped: {problem}")
    print(report.summary())
    return 0
