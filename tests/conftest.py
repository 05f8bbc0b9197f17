"""Test isolation: offscreen Qt, temp user dirs, a fresh database per test."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports Qt or platformdirs: never touch the real user's files or display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_tmp_home = tempfile.mkdtemp(prefix="annotator-tests-")
os.environ["XDG_DATA_HOME"] = os.path.join(_tmp_home, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_tmp_home, "config")
os.environ["XDG_CACHE_HOME"] = os.path.join(_tmp_home, "cache")
os.environ.pop("ANNOTATOR_DB", None)

import pytest  # noqa: E402

from annotator.paths import seeds_dir  # noqa: E402
from annotator.store import Store  # noqa: E402


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "study.db"


@pytest.fixture
def store(db_path: Path):
    s = Store.open(str(db_path))
    yield s
    s.close()


@pytest.fixture(scope="session")
def seed_text() -> str:
    path = next(iter(sorted(seeds_dir().glob("*.txt"))))
    return path.read_text(encoding="utf-8")
