"""No command writes over the database, an input, or a file it reads; outputs appear whole."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

import pytest

from annotator.cli import main
from annotator.outputs import MANIFEST, OutputError, SafeOutput, check_output, database_files


def _lines(path, records):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


@pytest.fixture
def labelled(tmp_path):
    """A database holding one labelled document, and the JSONL it came from."""
    src = _lines(
        tmp_path / "in.jsonl",
        [
            {
                "id": "a",
                "text": "نص عن الحرب الشاملة",
                "spans": [{"start": 7, "end": 19, "label": "LOADED_TERM"}],
            }
        ],
    )
    db = tmp_path / "s.db"
    assert main(["import", str(src), "--db", str(db), "--labelset", "media-bias-ar"]) == 0
    return db, src


def _document_count(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from document").fetchone()[0]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_export_onto_the_database_is_refused_and_the_database_survives(labelled, capsys):
    db, _ = labelled
    before = db.read_bytes()
    assert main(["export", "--db", str(db), "-o", str(db)]) == 2
    assert "the database" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert _document_count(db) == 1


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
def test_export_onto_a_sqlite_sibling_file_is_refused(labelled, suffix, capsys):
    db, _ = labelled
    assert main(["export", "--db", str(db), "-o", f"{db}{suffix}"]) == 2
    assert "the database" in capsys.readouterr().err
    assert _document_count(db) == 1


def test_export_through_a_symlink_or_hard_link_to_the_database_is_refused(labelled, tmp_path):
    db, _ = labelled
    link = tmp_path / "link.jsonl"
    link.symlink_to(db)
    hard = tmp_path / "hard.jsonl"
    os.link(db, hard)
    assert main(["export", "--db", str(db), "-o", str(link)]) == 2
    assert main(["export", "--db", str(db), "-o", str(hard)]) == 2
    assert link.is_symlink() and os.stat(hard).st_ino == os.stat(db).st_ino
    assert _document_count(db) == 1


def test_export_with_a_relative_path_to_the_database_is_refused(labelled, monkeypatch):
    db, _ = labelled
    monkeypatch.chdir(db.parent / "..")
    relative = os.path.join(db.parent.name, ".", db.name)
    assert main(["export", "--db", str(db), "-o", relative]) == 2
    assert _document_count(db) == 1


def test_ptc_export_into_the_folder_holding_the_database_is_refused(labelled, capsys):
    db, _ = labelled
    assert main(["export", "--db", str(db), "--format", "ptc", "-o", str(db.parent)]) == 2
    assert "choose another folder" in capsys.readouterr().err
    assert _document_count(db) == 1


def test_report_onto_the_database_is_refused_before_anything_is_truncated(
    labelled, tmp_path, capsys
):
    db, _ = labelled
    before = db.read_bytes()
    src = _lines(tmp_path / "more.jsonl", [{"id": "b", "text": "نص آخر"}])
    assert main(["import", str(src), "--db", str(db), "--report", str(db)]) == 2
    assert "the database" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert _document_count(db) == 1


def test_report_onto_the_input_is_refused_and_the_input_kept(labelled, tmp_path):
    db, _ = labelled
    src = _lines(tmp_path / "more.jsonl", [{"id": "b", "text": "نص آخر"}])
    content = src.read_bytes()
    assert main(["import", str(src), "--db", str(db), "--report", str(src)]) == 2
    assert src.read_bytes() == content
    assert _document_count(db) == 1


def test_report_inside_an_imported_folder_is_refused(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "one.txt").write_text("عنوان\nنص", encoding="utf-8")
    db = tmp_path / "s.db"
    assert (
        main(["import", str(folder), "--db", str(db), "--report", str(folder / "report.txt")]) == 2
    )
    assert sorted(p.name for p in folder.iterdir()) == ["one.txt"]


def test_report_is_written_when_the_import_succeeds(tmp_path):
    src = _lines(tmp_path / "in.jsonl", [{"id": "b", "text": "نص آخر"}])
    report = tmp_path / "report.jsonl"
    assert main(["import", str(src), "--db", str(tmp_path / "s.db"), "--report", str(report)]) == 0
    entries = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert entries[-1]["kind"] == "summary" and entries[-1]["committed"] is True
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_a_failed_write_leaves_the_earlier_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("earlier\n", encoding="utf-8")
    with pytest.raises(RuntimeError), SafeOutput(target) as out:
        out.temp.write_text("half", encoding="utf-8")
        raise RuntimeError("writer failed")
    assert target.read_text(encoding="utf-8") == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_new_output_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_mode(tmp_path):
    fresh = tmp_path / "fresh.jsonl"
    with SafeOutput(fresh) as out:
        out.temp.write_text("x", encoding="utf-8")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~_umask()
    kept = tmp_path / "kept.jsonl"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    with SafeOutput(kept) as out:
        out.temp.write_text("new", encoding="utf-8")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert kept.read_text(encoding="utf-8") == "new"


def test_ptc_export_folder_has_normal_permissions_and_a_reexport_replaces_only_its_files(
    labelled, tmp_path
):
    db, _ = labelled
    out = tmp_path / "ptc"
    assert main(["export", "--db", str(db), "--format", "ptc", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~_umask()
    assert stat.S_IMODE((out / "labels.tsv").stat().st_mode) == 0o666 & ~_umask()
    (out / "notes.md").write_text("mine", encoding="utf-8")  # the user's own file
    stale = out / "articleold.txt"  # as if an earlier export had written it
    stale.write_text("old", encoding="utf-8")
    manifest = out / MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8") + "articleold.txt\n", encoding="utf-8")
    assert main(["export", "--db", str(db), "--format", "ptc", "-o", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([MANIFEST, "articlea.txt", "labels.tsv", "notes.md"])
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine"


def test_ptc_export_never_overwrites_a_file_it_did_not_write(labelled, tmp_path, capsys):
    db, _ = labelled
    out = tmp_path / "ptc"
    assert main(["export", "--db", str(db), "--format", "ptc", "-o", str(out)]) == 0
    (out / MANIFEST).write_text("", encoding="utf-8")  # labels.tsv is no longer ours
    (out / "labels.tsv").write_text("user's labels\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", "ptc", "-o", str(out)]) == 2
    assert "did not write" in capsys.readouterr().err
    assert (out / "labels.tsv").read_text(encoding="utf-8") == "user's labels\n"


def test_ptc_export_into_a_ptc_input_folder_is_refused_and_deletes_nothing(labelled, tmp_path):
    db, _ = labelled
    data = tmp_path / "shared-task"
    data.mkdir()
    (data / "article1.txt").write_text("نص", encoding="utf-8")
    (data / "labels.tsv").write_text("1\tX\t0\t1\n", encoding="utf-8")
    assert main(["export", "--db", str(db), "--format", "ptc", "-o", str(data)]) == 2
    assert sorted(p.name for p in data.iterdir()) == ["article1.txt", "labels.tsv"]


def test_check_output_accepts_an_unrelated_file(tmp_path):
    db = tmp_path / "s.db"
    db.write_bytes(b"")
    assert check_output(tmp_path / "out.jsonl", database_files(str(db))) == tmp_path / "out.jsonl"


def test_check_output_refuses_a_database_given_as_a_url(tmp_path):
    db = tmp_path / "s.db"
    with pytest.raises(OutputError):
        check_output(db, database_files(f"sqlite:///{db}"))
    assert database_files("postgresql://u@h/db") == []


def test_write_text_refuses_the_database_and_writes_whole_files(tmp_path):
    from annotator.outputs import write_text

    db = tmp_path / "s.db"
    db.write_bytes(b"SQLite format 3\x00")
    with pytest.raises(OutputError, match="refusing to write over the database"):
        write_text(db, "<html>", database_files(str(db)))
    assert db.read_bytes() == b"SQLite format 3\x00"
    report = write_text(tmp_path / "report.html", "<html>تقرير</html>", database_files(str(db)))
    assert report.read_text(encoding="utf-8") == "<html>تقرير</html>"


def test_a_report_that_cannot_be_written_never_undoes_or_hides_a_saved_import(
    tmp_path, monkeypatch, capsys
):
    import annotator.importing.report_file as importing

    real_open = open

    class FullDisk:
        def __init__(self, *args, **kwargs):
            self.handle = real_open(*args, **kwargs)

        def write(self, _text):
            raise OSError(28, "No space left on device")

        def close(self):
            self.handle.close()

    monkeypatch.setattr(importing, "open", FullDisk, raising=False)
    src = _lines(tmp_path / "in.jsonl", [{"id": "b", "text": "نص آخر"}])
    db = tmp_path / "s.db"
    report = tmp_path / "report.jsonl"
    assert main(["import", str(src), "--db", str(db), "--report", str(report)]) == 0
    out = capsys.readouterr()
    assert "saved" in out.out and "No space left on device" in out.err
    assert _document_count(db) == 1
    assert sorted(p.name for p in tmp_path.iterdir() if "report" in p.name) == []


def test_an_input_that_is_a_symlink_loop_is_refused_without_a_traceback(tmp_path, capsys):
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to(loop)
    assert check_output(tmp_path / "out.jsonl", [loop]) == tmp_path / "out.jsonl"
    assert main(["merge", "--into", str(tmp_path / "team.db"), str(loop)]) != 0
    assert "loop.jsonl" in capsys.readouterr().err
