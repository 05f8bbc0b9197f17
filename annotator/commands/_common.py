"""Helpers shared by the CLI subcommands: the --db option, errors, progress bars."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from annotator.errors import AnnotatorError
from annotator.paths import default_database

T = TypeVar("T")


class CommandError(AnnotatorError):
    """A refusal to report on stderr with a non-zero exit status."""


class LazyChoices:
    """``choices=`` for argparse read from a module only when argparse needs them.

    Building the parser imports every command module; a module that imported its
    choices' home (the matcher, regex, YAML…) at the top would make every command,
    ``--help`` included, pay for it at start-up. Give the argument a ``metavar`` (argparse
    otherwise lists the choices while building the parser) and write ``%(choices)s`` in
    its help (expanded only when help is printed).
    """

    def __init__(self, module: str, name: str):
        self._module = module
        self._name = name

    def _values(self) -> Sequence[str]:
        import importlib

        return getattr(importlib.import_module(self._module), self._name)

    def __contains__(self, value: object) -> bool:
        return value in self._values()

    def __iter__(self) -> Iterator[str]:
        return iter(self._values())


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    # On subcommands the default is SUPPRESS so ``annotator --db X import …`` keeps X.
    parser.add_argument(
        "--db",
        default=None if top_level else argparse.SUPPRESS,
        help="database file or URL (default: $ANNOTATOR_DB, else the per-user data folder)",
    )


def db_target(args: argparse.Namespace) -> str:
    return getattr(args, "db", None) or default_database()


def open_store(args: argparse.Namespace):
    from annotator.db.target import DatabaseError
    from annotator.store import Store

    try:
        return Store.open(db_target(args))
    except DatabaseError as exc:
        raise CommandError(str(exc)) from exc


class SilentBar:
    """The progress bar of a command whose stderr is not a terminal: counts, draws nothing.

    tqdm disables itself there anyway, but importing it (with multiprocessing) costs a
    command run from a script or a pipe a tenth of a second before it starts.
    """

    def __init__(self, total: int | None = None):
        self.total = total
        self.n = 0

    def update(self, n: int = 1) -> None:
        self.n += n

    def close(self) -> None:
        """Nothing was drawn, so nothing to clear."""


def make_bar(*, desc: str = "", unit: str = "it", total: int | None = None):
    """A tqdm progress bar on an interactive terminal; silent when stderr is piped.

    A terminal that reports zero columns (some ptys, ``script`` without a real tty) would
    get an empty bar: fall back to 80 columns there.
    """
    if not sys.stderr.isatty():
        return SilentBar(total)
    import shutil

    from tqdm import tqdm

    columns = shutil.get_terminal_size((80, 24)).columns
    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        disable=None,
        file=sys.stderr,
        leave=False,
        dynamic_ncols=columns > 0,
        ncols=None if columns > 0 else 80,
    )


def progress(
    iterable: Iterable[T], *, total: int | None = None, desc: str = "", unit: str = "it"
) -> Iterator[T]:
    """Iterate with a progress bar (see :func:`make_bar`)."""
    bar = make_bar(desc=desc, unit=unit, total=total)
    try:
        for item in iterable:
            yield item
            bar.update(1)
    finally:
        bar.close()


def err(message: str) -> None:
    print(message, file=sys.stderr)


def add_offsets_option(parser: argparse.ArgumentParser, verb: str) -> None:
    """``--offsets``, the same on import and export (one list of units: text.units)."""
    parser.add_argument(
        "--offsets",
        choices=LazyChoices("annotator.text.units", "OFFSET_UNITS"),
        metavar="UNIT",
        default=None,
        help=f"how offsets of spans without their own text (doccano, PTC) are {verb}: "
        "codepoints (Python), utf16 (JavaScript, Java, Qt tools; doccano's web UI) or "
        "graphemes (user-perceived characters; doccano's grapheme-cluster option). "
        "Default: what the format's own tool writes (doccano: utf16; others: codepoints)",
    )


def add_annotator_map_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ls-annotator-map",
        default=None,
        metavar="NAME=EMAIL,…|FILE",
        help="Label Studio: annotator names and the emails of their Label Studio users "
        "(NAME=EMAIL pairs separated by commas, or a file with one pair a line; "
        "NAME=EMAIL=ID also gives the user id a Label Studio JSON export writes). "
        "Export: completed_by is written only for mapped annotators (Label Studio "
        "refuses unknown emails); import: users are read back to these names",
    )


def annotator_map(value: str | None) -> dict[str, str]:
    """Parse ``--ls-annotator-map`` (the core's parser, shared with the dialogs)."""
    from annotator.formats import FormatError, parse_annotator_map

    try:
        return parse_annotator_map(value)
    except FormatError as exc:
        raise CommandError(str(exc)) from exc
