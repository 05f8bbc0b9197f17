"""Writing a report safely: never over the database or an input, never half a file.

Until the project's shared output helper exists, this is the one place insight writes
files: the text goes to a temporary file in the target's folder, which is renamed over the
target only once complete, so a crash leaves the old file or the new one, never a torn one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written; the message names the file."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_target(target: str | Path, *, protected: Iterable[str | Path] = ()) -> Path:
    """Refuse an output that is a protected file, a folder, or in a missing folder (checked
    before any long work, so the user hears it at once)."""
    path = Path(target)
    for guard in protected:
        if _same_file(path, Path(guard)):
            raise OutputError(f"{path}: refusing to write over the database or an input")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name such as report.html")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: folder {path.parent} does not exist")
    return path


def write_text_safely(
    target: str | Path, text: str, *, protected: Iterable[str | Path] = ()
) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically, refusing any ``protected`` path
    (the database file and its -wal/-shm companions are passed by the caller)."""
    path = check_target(target, protected=protected)
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise
    return path


def database_files(target: str) -> list[Path]:
    """The files an SQLite database target lives in (none for a server URL)."""
    if "://" in target and not target.startswith("sqlite"):
        return []
    raw = target.split("///", 1)[-1] if "://" in target else target
    base = Path(raw).expanduser()
    return [base, Path(f"{base}-wal"), Path(f"{base}-shm"), Path(f"{base}-journal")]


__all__ = ["OutputError", "check_target", "database_files", "write_text_safely"]
