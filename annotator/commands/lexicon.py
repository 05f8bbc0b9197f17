"""``annotator lexicon test`` — see what a lexicon matches in a sentence, and where.

The quickest way to debug a term list: offsets, the matched raw text and the term that
fired, before running it over a whole corpus.
"""

from __future__ import annotations

import argparse

from annotator.commands._common import CommandError, LazyChoices


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "lexicon",
        help="check a lexicon file against sample text",
        description="Work with lexicon files (term lists).",
    )
    sub = p.add_subparsers(dest="lexicon_command", metavar="ACTION", required=True)
    test = sub.add_parser(
        "test", help="print every match of a lexicon in a text: start, end, label, text, term"
    )
    test.add_argument("file", help="YAML (label key → terms) or plain list (one term a line)")
    test.add_argument("--text", required=True, help="the text to search")
    test.add_argument(
        "--label",
        metavar="KEY",
        help="label for a plain list (required then); with YAML, only this label",
    )
    test.add_argument(
        "--mode",
        choices=LazyChoices("annotator.text.matching", "MODES"),
        metavar="MODE",
        help="override the lexicon's matching mode: %(choices)s",
    )
    test.set_defaults(func=run_test)


def run_test(args: argparse.Namespace) -> int:
    from annotator.lexicon import LexiconError, load_lexicon
    from annotator.text.matching import Matcher

    try:
        lexicon = load_lexicon(args.file, label=args.label, mode=args.mode)
    except LexiconError as exc:
        raise CommandError(str(exc)) from exc
    matches = Matcher(lexicon.entries).find(args.text)
    for m in matches:
        print(f"{m.start}\t{m.end}\t{m.label}\t{args.text[m.start : m.end]}\t{m.term}")
    noun = "match" if len(matches) == 1 else "matches"
    print(f"{len(matches)} {noun} ({len(lexicon)} terms)")
    return 0
