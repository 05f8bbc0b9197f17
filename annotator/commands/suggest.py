"""``annotator suggest`` — run a lexicon over the corpus: suggestions to review, or spans.

Without ``--lexicon`` the label set's own ``terms`` are used, so a fresh project gets
pre-annotation from the default label set with no extra file.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING

from annotator.commands._common import (
    CommandError,
    LazyChoices,
    add_db_option,
    open_store,
    progress,
)

if TYPE_CHECKING:
    from annotator.lexicon import Lexicon


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "suggest",
        help="pre-annotate the corpus from a lexicon (suggestions or spans)",
        description=(
            "Match a lexicon against every document, through Arabic clitics and spelling "
            "variants. Matches are stored as suggestions to review in the app, or with "
            "--accept directly as an annotator's spans. Safe to run again: nothing is "
            "stored twice."
        ),
    )
    add_db_option(p)
    p.add_argument(
        "--lexicon",
        metavar="FILE",
        help="YAML (label key → terms) or a plain list, one term per line "
        "(# comments; needs --label). Default: the label set's terms",
    )
    p.add_argument(
        "--label",
        metavar="KEY",
        help="label for a plain list; with YAML or the label set, use only this label's terms",
    )
    p.add_argument("--labelset", metavar="NAME", help="label set (default: media-bias-ar)")
    # SUPPRESS keeps a top-level ``annotator --annotator X suggest`` value.
    p.add_argument(
        "--annotator",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="whose spans --accept creates",
    )
    p.add_argument(
        "--accept",
        action="store_true",
        help="store matches as the annotator's spans instead of suggestions",
    )
    p.add_argument(
        "--mode",
        choices=LazyChoices("annotator.text.matching", "MODES"),
        metavar="MODE",
        help="override the lexicon's matching mode: %(choices)s (default: clitics)",
    )
    p.set_defaults(func=run)


def build_lexicon(args: argparse.Namespace, labelset) -> Lexicon:
    """The lexicon the arguments ask for, checked against the label set."""
    from annotator.lexicon import LexiconError, lexicon_from_labelset, load_lexicon

    try:
        if args.lexicon:
            lexicon = load_lexicon(args.lexicon, label=args.label, mode=args.mode)
        else:
            if args.label and labelset.resolve(args.label) is None:
                raise CommandError(_unknown(args.label, labelset))
            lexicon = lexicon_from_labelset(
                labelset,
                mode=args.mode,
                label=(labelset.resolve(args.label) if args.label else None),
            )
    except LexiconError as exc:
        raise CommandError(str(exc)) from exc
    for key in lexicon.labels:
        if labelset.resolve(key) is None:
            raise CommandError(_unknown(key, labelset))
    if not lexicon.entries:
        raise CommandError(
            f"no terms to match (label set {labelset.name!r} has no terms"
            + (f" for {args.label!r})" if args.label else ")")
        )
    return lexicon


def _unknown(key: str, labelset) -> str:
    return (
        f"label {key!r} is not in label set {labelset.name!r} (labels: {', '.join(labelset.keys)})"
    )


def run(args: argparse.Namespace) -> int:
    from annotator.store import StoreError
    from annotator.suggestions import iter_accept_corpus, iter_suggest_corpus
    from annotator.text.matching import Matcher

    annotator = (getattr(args, "annotator", None) or "").strip()
    if args.accept and not annotator:
        raise CommandError("--accept stores spans for an annotator: give --annotator NAME")
    store = open_store(args)
    try:
        try:
            labelset = store.labelset(args.labelset)
        except StoreError as exc:
            raise CommandError(str(exc)) from exc
        lexicon = build_lexicon(args, labelset)
        matcher = Matcher(lexicon.entries)
        total = store.document_count()
        if args.accept:
            stream = iter_accept_corpus(store, matcher, labelset, annotator)
            what = f"spans for {annotator}"
        else:
            stream = iter_suggest_corpus(store, matcher, labelset, source=lexicon.name)
            what = "suggestions"
        per_label: Counter[str] = Counter()
        documents = with_matches = 0
        try:
            for counts in progress(stream, total=total, desc="suggest", unit="doc"):
                documents += 1
                if counts:
                    with_matches += 1
                per_label.update(counts)
        except StoreError as exc:
            raise CommandError(str(exc)) from exc
    finally:
        store.close()
    print(f"documents: {documents} ({with_matches} with new {what})")
    print(f"terms: {len(lexicon)} from {lexicon.name}")
    print(f"new {what}: {sum(per_label.values())}")
    for key in sorted(per_label):
        print(f"  {key}\t{per_label[key]}")
    return 0
