"""``annotator agreement`` — inter-annotator agreement on spans and document labels."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from annotator.commands._common import CommandError, LazyChoices, add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "agreement",
        help="agreement between annotators (F1, κ, α)",
        description=(
            "Compare annotators on the documents every one of them marked done (--status any: "
            "touched). Exact F1 on (start, end, label); partial F1 crediting each covered "
            "character once; Cohen's κ per label over non-space characters (the pair's κ is the "
            "mean over labels either used); Krippendorff's α (nominal) per label for all "
            "annotators at once; document labels: κ per pair, α per key. Undefined figures "
            "(nothing to compare) print as '-' and as null in JSON."
        ),
    )
    add_db_option(p)
    p.add_argument(
        "--labelset", help="compare spans of this label set (needed when several are used)"
    )
    p.add_argument(
        "--annotators", help="comma-separated names (default: every annotator with such documents)"
    )
    p.add_argument(
        "--status",
        choices=("done", "any"),
        default="done",
        help="documents every annotator marked done (default) or touched at all",
    )
    p.add_argument(
        "--by",
        choices=LazyChoices("annotator.team.agreement_table", "BY_CHOICES"),
        metavar="ROWS",
        default="pair",
        help="rows of the table/CSV: %(choices)s (default: %(default)s)",
    )
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument(
        "--gamma",
        action="store_true",
        help="also γ (Mathet et al.) per document over all compared annotators' spans; "
        "needs the optional package pygamma-agreement (pip install 'annotator[gamma]'); slow",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.team.agreement import compute_agreement
    from annotator.team.agreement_table import cell, rows
    from annotator.team.dataset import AgreementInputError, load_comparison

    names = (
        [n.strip() for n in args.annotators.split(",") if n.strip()] if args.annotators else None
    )
    if args.gamma:
        from annotator.team.gamma import available

        if not available():  # said before any reading
            from annotator.team.gamma import MISSING

            raise CommandError(MISSING)
    store = open_store(args)
    try:
        with store.database.reading() as reader:  # stdlib sqlite3 on a file: no SQLAlchemy
            comparison, labelset = load_comparison(
                reader, annotators=names, labelset=args.labelset, status=args.status
            )
    except AgreementInputError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()
    result = compute_agreement(comparison, by_document=args.by == "document" or args.gamma)
    if args.gamma:
        from annotator.team.gamma import add_gamma

        add_gamma(result, comparison)
    result["labelset"] = labelset
    result["status"] = args.status
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    header, body = rows(result, args.by)
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(header)
        writer.writerows([["" if v is None else v for v in row] for row in body])
        return 0
    print(
        f"documents compared: {result['documents']} ({args.status} by all of "
        f"{', '.join(result['annotators'])}); label set: {labelset or '-'}"
    )
    _print_table(header, [[cell(v) for v in row] for row in body])
    alpha = result["alpha"]
    print(
        f"\nKrippendorff's alpha (nominal): overall {cell(alpha['overall'])}"
        + "".join(f"; {label} {cell(v)}" for label, v in alpha["labels"].items())
    )
    if "gamma" in result:
        gamma = result["gamma"]
        print(
            f"gamma (Mathet et al.), mean over {gamma['documents']} documents: "
            f"{cell(gamma['mean'])}"
            + ("" if args.by == "document" else " (per document: --by document)")
        )
    doc_alpha = result["document_labels"]["alpha"]
    if doc_alpha:
        print("document labels alpha: " + "; ".join(f"{k} {cell(v)}" for k, v in doc_alpha.items()))
    return 0


def _print_table(header: list[str], body: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *body, strict=False)]
    for row in [header, *body]:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
