"""Writing output files safely — the one place every command and dialog goes through.

Two rules, for every file the program writes (exports, ``--report`` files, PTC folders,
backups, statistics):

1. **Never write over what we read.** An output may not be the open database (nor its
   SQLite ``-wal``/``-shm``/``-journal`` siblings), an input file, or anything inside an
   input folder; a folder output may not contain any of them. Paths are compared after
   resolving symlinks *and* by inode, so a symlink or a hard link to the database is
   caught too. :func:`check_output` raises :class:`OutputError` naming the clash.
2. **Appear only when complete.** The output is written to a temporary name in the
   same folder and renamed into place on success (:class:`SafeOutput`), so a failed,
   cancelled or crashed run leaves the earlier file as it was. Temporary files and
   folders are created with the usual permissions (the umask applies, as for any file
   the user creates), and a replaced file keeps its mode.

Folder outputs (PTC) hold a small manifest, ``.annotator-export``, listing the files the
export wrote. A later export into the same folder replaces exactly those files; it never
deletes or overwrites a file it did not write, and refuses a non-empty folder that is not
an earlier export.

Usage (a file)::

    with SafeOutput(target, protected=outputs.database_files(store) + [input]) as out:
        write_everything(out.temp)        # rename on success, removal on error

or, for a stream written over a longer run, ``out = SafeOutput(...).open()`` …
``out.commit()`` / ``out.discard()``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

MANIFEST = ".annotator-export"
_SQLITE_SIBLINGS = ("-wal", "-shm", "-journal")


class OutputError(Exception):
    """An output path that must not (or cannot) be written; the message names it."""


# ------------------------------------------------------------------ what is protected
def database_files(store_or_target: Any) -> list[Path]:
    """The files of an SQLite database (main file and its siblings); [] for a server
    database. Accepts a Store, an Engine, or a path/URL string."""
    target: Any = store_or_target
    engine = getattr(store_or_target, "engine", None) or (
        store_or_target if hasattr(store_or_target, "url") else None
    )
    if engine is not None:
        if engine.url.get_backend_name() != "sqlite":
            return []
        target = engine.url.database
    elif isinstance(target, str) and "://" in target:
        if not target.startswith("sqlite"):
            return []
        target = target.split("///", 1)[-1]
    if not target or str(target) == ":memory:":
        return []
    main = Path(str(target)).expanduser()
    return [main] + [Path(f"{main}{suffix}") for suffix in _SQLITE_SIBLINGS]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _resolved(path: Path) -> Path:
    # os.path.realpath, not Path.resolve: a symbolic-link loop (a file linking to itself)
    # must reach the reader's clear refusal, and Path.resolve raises RuntimeError on it
    return Path(os.path.realpath(os.path.abspath(path.expanduser())))


def _inside(child: Path, folder: Path) -> bool:
    return child == folder or folder in child.parents


def check_output(
    target: str | Path, protected: Iterable[str | Path] = (), *, folder: bool = False
) -> Path:
    """Refuse ``target`` when writing it could touch a protected path.

    ``protected`` lists what the run reads: database files (see :func:`database_files`)
    and inputs (files or folders). Returns the target as a Path.
    """
    target = Path(target).expanduser()
    real = _resolved(target)
    ident = _identity(target)
    for item in protected:
        path = Path(item).expanduser()
        prot = _resolved(path)
        same = real == prot or (ident is not None and ident == _identity(path))
        if same:
            raise OutputError(
                f"{target}: refusing to write over {_what(path)} ({path}); choose another output"
            )
        if path.is_dir() and _inside(real, prot):
            raise OutputError(
                f"{target}: is inside the input folder {path}; choose an output outside it"
            )
        if folder and _inside(prot, real):
            raise OutputError(f"{target}: holds {_what(path)} ({path}); choose another folder")
    if target.is_symlink() and not folder:  # renaming over it would not write through it
        raise OutputError(f"{target}: is a symbolic link; give the real file name to write")
    if folder and real.exists() and ident is not None:
        # a folder we write may hold hard links to a protected file under another name
        ids = {_identity(Path(p).expanduser()) for p in protected} - {None}
        if ids and real.is_dir():
            for entry in real.iterdir():
                if entry.is_file() and _identity(entry) in ids:
                    raise OutputError(
                        f"{target}: holds {entry.name}, a link to a file this "
                        "command reads; choose another folder"
                    )
    return target


def _what(path: Path) -> str:
    name = str(path)
    if name.endswith(_SQLITE_SIBLINGS) or path.suffix.lower() in (".db", ".sqlite", ".sqlite3"):
        return "the database"
    return "a file or folder this command reads"


# ------------------------------------------------------------------ writing
class SafeOutput:
    """A file (or folder) written under a temporary name and renamed on success.

    The protection check runs when the output is opened and again just before the
    rename, so a path that changed meanwhile (a symlink swapped in) is still refused.
    """

    def __init__(
        self, target: str | Path, protected: Iterable[str | Path] = (), *, folder: bool = False
    ):
        self.target = Path(target).expanduser()
        self.protected = list(protected)
        self.folder = folder
        self.temp: Path = self.target  # set by open()
        self._opened = False

    # -- lifecycle
    def open(self) -> SafeOutput:
        check_output(self.target, self.protected, folder=self.folder)
        parent = self.target.parent if str(self.target.parent) else Path(".")
        if not parent.is_dir():
            raise OutputError(f"{self.target}: folder {parent} does not exist")
        if self.folder:
            self._check_folder_target()
        elif self.target.is_dir():
            raise OutputError(f"{self.target}: is a folder; give the name of the file to write")
        name = f".{self.target.name}.{secrets.token_hex(4)}.partial"
        self.temp = parent / name
        try:
            if self.folder:
                os.mkdir(self.temp, 0o777)  # the umask applies, as for any new folder
            else:
                fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                os.close(fd)
        except OSError as exc:
            raise OutputError(
                f"{self.target}: cannot write in {parent}: {exc.strerror or exc}"
            ) from exc
        self._opened = True
        return self

    def commit(self) -> None:
        """Move the finished output into place (raises OutputError, temp removed)."""
        if not self._opened:
            raise OutputError(f"{self.target}: output was not opened")
        try:
            check_output(self.target, self.protected, folder=self.folder)
            if self.folder:
                self._commit_folder()
            else:
                _fsync(self.temp)  # the data is on disk before the name points at it
                if self.target.exists():
                    os.chmod(self.temp, stat.S_IMODE(os.stat(self.target).st_mode))
                os.replace(self.temp, self.target)
        except OutputError:
            self.discard()
            raise
        except OSError as exc:
            self.discard()
            raise OutputError(f"{self.target}: cannot write: {exc.strerror or exc}") from exc
        self._opened = False

    def discard(self) -> None:
        """Remove the temporary output (the target is left as it was)."""
        if self.temp != self.target:
            if self.temp.is_dir() and not self.temp.is_symlink():
                shutil.rmtree(self.temp, ignore_errors=True)
            else:
                self.temp.unlink(missing_ok=True)
        self._opened = False

    def __enter__(self) -> SafeOutput:
        return self.open()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    # -- folders
    def _previous_files(self) -> set[str]:
        manifest = self.target / MANIFEST
        try:
            lines = manifest.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return set()
        return {line for line in lines if line and "/" not in line and line not in (".", "..")}

    def _check_folder_target(self) -> None:
        if not self.target.exists():
            return
        if not self.target.is_dir() or self.target.is_symlink():
            raise OutputError(f"{self.target}: exists and is not a folder")
        entries = [e.name for e in self.target.iterdir()]
        if entries and MANIFEST not in entries:
            raise OutputError(
                f"{self.target}: exists and is not an empty folder or an earlier "
                "export by annotator; choose a new or empty folder"
            )

    def _commit_folder(self) -> None:
        written = sorted(e.name for e in self.temp.iterdir() if e.name != MANIFEST)
        if any(not (self.temp / n).is_file() for n in written):
            raise OutputError(f"{self.target}: a folder export may only hold files")
        (self.temp / MANIFEST).write_text("".join(f"{n}\n" for n in written), encoding="utf-8")
        if not self.target.exists():
            os.replace(self.temp, self.target)
            return
        self._check_folder_target()
        previous = self._previous_files()
        for name in written:  # never overwrite a file an earlier export did not write
            if (self.target / name).exists() and name not in previous:
                raise OutputError(
                    f"{self.target}: holds {name}, which annotator did not write; "
                    "choose a new or empty folder"
                )
        for name in written + [MANIFEST]:
            os.replace(self.temp / name, self.target / name)
        for name in previous - set(written):  # ours, from the earlier export
            path = self.target / name
            if path.is_file() and not path.is_symlink():
                path.unlink()
        shutil.rmtree(self.temp, ignore_errors=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_text(target: str | Path, text: str, protected: Iterable[str | Path] = ()) -> Path:
    """Write ``text`` as UTF-8 to ``target`` safely (see the module docstring): for
    outputs made in memory, such as an HTML report."""
    with SafeOutput(target, protected) as out:
        with open(out.temp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return out.target


__all__ = ["MANIFEST", "OutputError", "SafeOutput", "check_output", "database_files", "write_text"]
