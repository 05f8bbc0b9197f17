"""The ``annotator`` command. Bare ``annotator`` opens the desktop app."""

from __future__ import annotations

import argparse
import os
import sys

from annotator import __version__
from annotator.commands import register_all
from annotator.commands._common import add_db_option, db_target, err
from annotator.errors import AnnotatorError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description=(
            "Label media bias in Arabic news. Without a subcommand, opens the desktop app "
            "on the database (--db, $ANNOTATOR_DB, or the per-user default)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    add_db_option(parser, top_level=True)
    parser.add_argument(
        "--annotator", help="annotator name for the desktop app (asked on first run)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(sub)
    return parser


def _no_display() -> bool:
    """On Linux without X11/Wayland (ssh, CI) Qt would abort the process: say so instead."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def launch_gui(args: argparse.Namespace) -> int:
    if _no_display():
        err(
            "annotator: no display to open the desktop app on (DISPLAY and WAYLAND_DISPLAY "
            "are unset). Run it in a desktop session, or use the subcommands: "
            "annotator --help"
        )
        return 1
    try:
        from ui.app import run_app  # the one lazy import of the Qt front end
    except ImportError as exc:
        err(f"annotator: the desktop app is not available ({exc}).")
        return 1
    return run_app(db=db_target(args), annotator=args.annotator)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return launch_gui(args)
        return int(args.func(args) or 0)
    except AnnotatorError as exc:  # CommandError and every refusal the core words for the user
        err(f"annotator: {exc}")
        return 2
    except KeyboardInterrupt:
        err("annotator: interrupted; nothing half-done was saved")
        return 130
    except BrokenPipeError:
        return 1


if __name__ == "__main__":
    sys.exit(main())
