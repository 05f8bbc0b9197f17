"""What a command imports before it works: read-only commands on a current SQLite file
leave SQLAlchemy and alembic unloaded (half a second of start-up), building the parser
loads no command's machinery, and an outdated database still migrates, backup first.
A command whose stderr is not a terminal draws no progress bar and so never loads tqdm."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.db.engine import create_db_engine
from annotator.db.migrate import upgrade
from annotator.db.schema import head_revision
from annotator.formats import export_formats, get_format
from annotator.store import Store
from tests.core.formats.rich_corpus import fill_rich_store

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("sqlalchemy", "alembic", "tqdm")

# Runs the CLI in a fresh interpreter and reports the heavy modules it loaded.
RUNNER = (
    "import json, sys\n"
    "from annotator.cli import main\n"
    "code = main(sys.argv[1:])\n"
    f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)})\n"
    "print(json.dumps({'code': code, 'loaded': loaded}), file=sys.stderr)\n"
)


def run_cli(*args: str) -> tuple[int, list[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], report["loaded"], done.stdout


@pytest.fixture(scope="module")
def current_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("current")
    path = folder / "rich.db"
    store = Store.open(str(path))
    fill_rich_store(store, folder)
    store.close()
    return path


@pytest.mark.parametrize(
    "args",
    [("labelset", "list"), ("stats",), ("stats", "--json")],
    ids=lambda a: " ".join(a),
)
def test_reading_commands_leave_sqlalchemy_and_alembic_unloaded(current_db: Path, args):
    code, loaded, out = run_cli(*args, "--db", str(current_db))
    assert code == 0
    assert out.strip()  # it did its job
    assert loaded == []


@pytest.mark.parametrize("fmt", sorted(export_formats()))
def test_export_of_every_format_leaves_sqlalchemy_and_alembic_unloaded(
    current_db: Path, tmp_path: Path, fmt: str
):
    target = tmp_path / f"out-{fmt}"
    extra = ["--annotator", "amal"] if get_format(fmt).single_annotator else []
    code, loaded, _out = run_cli(
        "export", "--db", str(current_db), "--format", fmt, "-o", str(target), *extra
    )
    assert code == 0
    assert target.exists()
    assert loaded == []


def test_building_the_parser_imports_no_command_machinery():
    code = (
        "import sys\n"
        "from annotator.cli import build_parser\n"
        "build_parser()\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('annotator')"
        " or m.split('.')[0] in ('sqlalchemy', 'alembic', 'yaml', 'regex'))))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    machinery = {"formats", "importing", "exporting", "insight", "team", "text", "store"}
    machinery |= {"storage", "db", "labelsets", "models"}
    heavy = [
        m
        for m in loaded
        if m.split(".")[0] in ("sqlalchemy", "alembic", "yaml", "regex")
        or (m.startswith("annotator.") and m.split(".")[1] in machinery)
    ]
    assert heavy == []
    assert "annotator.cli" in loaded


def test_an_outdated_database_is_migrated_with_a_backup_by_a_reading_command(tmp_path: Path):
    path = tmp_path / "old.db"
    engine = create_db_engine(str(path))
    upgrade(engine, "0001")  # a database written by an older release
    engine.dispose()
    code, loaded, _out = run_cli("labelset", "list", "--db", str(path))
    assert code == 0
    assert "alembic" in loaded  # the migration needed it
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
        (head_revision(),)
    ]
    conn.close()
    backup = sqlite3.connect(tmp_path / "old.db.bak-before-upgrade")
    assert backup.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    backup.close()
    code, loaded, _out = run_cli("labelset", "list", "--db", str(path))
    assert (code, loaded) == (0, [])  # current now: the next command is light again


def test_a_database_from_a_newer_release_is_refused_by_a_reading_command(
    current_db: Path, tmp_path: Path
):
    path = tmp_path / "newer.db"
    path.write_bytes(current_db.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "stats", "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert "newer annotator (schema 0099)" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "newer.db.bak-before-upgrade").exists()
