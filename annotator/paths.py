"""Where shipped data and the user's database live.

Shipped label sets and seeds are found next to the package when installed from a
wheel (``annotator/_data``) and at the repository root in a source checkout, so the
same code serves a developer and an installed user.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "annotator"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def shipped_labelsets_dir() -> Path:
    """Folder holding the YAML label sets that ship with the app."""
    return _data_dir("labelsets")


def seeds_dir() -> Path:
    """Folder holding the bundled sample corpus."""
    return _data_dir("seeds")


def user_data_dir() -> Path:
    """Per-user data folder (created on demand)."""
    import platformdirs  # only when no --db is given: not on every start-up

    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> str:
    """The database used when neither ``--db`` nor ``ANNOTATOR_DB`` is given."""
    env = os.environ.get("ANNOTATOR_DB")
    if env:
        return env
    return str(user_data_dir() / "annotator.db")
