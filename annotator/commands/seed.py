"""``annotator seed`` — add the bundled sample article and default label set."""

from __future__ import annotations

import argparse

from annotator.commands._common import add_db_option, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "seed",
        help="add the bundled sample article and default label set",
        description=(
            "Add the bundled sample article (corpus 'default') and register the default "
            "label set, as the desktop app does on first run. Running it again adds "
            "nothing. 'annotator import' never adds the sample."
        ),
    )
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from annotator.seed import seed

    store = open_store(args)
    try:
        added = seed(store)
    finally:
        store.close()
    print(f"seed corpus: {added} document(s) added" if added else "seed corpus already present")
    return 0
