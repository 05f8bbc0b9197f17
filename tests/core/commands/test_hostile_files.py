"""The commands that read files (import, labelset add, merge) on hostile files.

Whatever the bytes, the command ends with an exit status and a message naming the file,
never a traceback; a refused run leaves the database as it was and no input changes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.cli import main

GOOD_LINE = json.dumps({"text": "نص جيد", "label": []}, ensure_ascii=False).encode() + b"\n"
CUTS = st.sampled_from(
    [
        b"",
        b"\n\n",
        b'{"text": "abc", "label": [[0, 2, "X"]',
        b'[{"data": {"text": "abc"}',
        b"\xef\xbb\xbf" + GOOD_LINE + b"\xef\xbb\xbf" + GOOD_LINE,
        GOOD_LINE.decode().encode("utf-16"),
        b'{"text": "a\\ud800b"}\n',
        b'{"text": "a\x00b"}\n',
        b"[" * 5000,
        b"name: &a [x]\nlabels: [*a, *a]\n",
        b"!!python/object/apply:os.system ['true']\n",
    ]
)
FILES = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _state(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("document", "span", "labelset")
        )


def _run(capsys, args: list[str], src: Path, db: Path) -> None:
    before, digest = _state(db), hashlib.sha256(src.read_bytes()).hexdigest()
    code = main(args)  # anything but a refusal escapes here as an exception
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code != 0:
        assert src.name in err or "nothing was imported" in err
        assert _state(db) == before
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest


def _setup(tmp: Path, capsys) -> Path:
    db = tmp / "t.db"
    good = tmp / "good.jsonl"
    good.write_bytes(GOOD_LINE)
    assert main(["import", "--db", str(db), str(good)]) == 0
    capsys.readouterr()
    return db


@FILES
@given(
    head=CUTS,
    tail=st.binary(max_size=60),
    suffix=st.sampled_from([".jsonl", ".json", ".txt", ".csv", ".tsv", ".labels"]),
)
def test_import_of_any_file_refuses_cleanly_or_imports(capsys, head, tail, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        db = _setup(Path(tmp), capsys)
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(head + tail)
        _run(capsys, ["import", "--db", str(db), str(src)], src, db)


@FILES
@given(head=CUTS, tail=st.binary(max_size=60))
def test_labelset_add_of_any_file_refuses_cleanly(capsys, head, tail):
    with tempfile.TemporaryDirectory() as tmp:
        db = _setup(Path(tmp), capsys)
        src = Path(tmp) / "hostile.yaml"
        src.write_bytes(head + tail)
        _run(capsys, ["labelset", "add", "--db", str(db), str(src)], src, db)


@FILES
@given(head=CUTS, tail=st.binary(max_size=60), suffix=st.sampled_from([".jsonl", ".db"]))
def test_merge_of_any_input_refuses_cleanly_or_merges(capsys, head, tail, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        db = _setup(Path(tmp), capsys)
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(head + tail)
        _run(capsys, ["merge", "--into", str(db), str(src)], src, db)


def test_a_folder_or_a_link_loop_where_a_file_is_expected_is_refused(tmp_path, capsys):
    db = _setup(tmp_path, capsys)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to(loop)
    for args in (
        ["labelset", "add", "--db", str(db), str(folder)],
        ["import", "--db", str(db), "--format", "doccano", str(folder)],
        ["import", "--db", str(db), str(loop)],
        ["merge", "--into", str(db), str(folder)],
        ["merge", "--into", str(db), str(loop)],
    ):
        assert main(args) != 0, args
        err = capsys.readouterr().err
        assert "Traceback" not in err and Path(args[-1]).name in err
