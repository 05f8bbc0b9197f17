"""Writing a report safely: never over the database or an input, never half a file.

A thin layer over :mod:`annotator.outputs`, the one place that checks output paths
(resolved paths and inodes, SQLite siblings, symlinks) and writes through a temporary file
renamed when complete; this module keeps the names the report command uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from annotator import outputs
from annotator.outputs import OutputError


def check_target(target: str | Path, *, protected: Iterable[str | Path] = ()) -> Path:
    """Refuse an output that is a protected file, a folder, or in a missing folder (checked
    before any long work, so the user hears it at once)."""
    path = outputs.check_output(target, protected)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name such as report.html")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: folder {path.parent} does not exist")
    return path


def write_text_safely(
    target: str | Path, text: str, *, protected: Iterable[str | Path] = ()
) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically, refusing any ``protected`` path."""
    return outputs.write_text(target, text, protected)


def database_files(target: str) -> list[Path]:
    """The files an SQLite database target lives in (none for a server URL)."""
    return outputs.database_files(target)


__all__ = ["OutputError", "check_target", "database_files", "write_text_safely"]
