"""The `annotator` command as users run it (the public interface)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotator.cli import main

TEXT = "قال ناشطون إن الميليشيات الطائفية قصفت المدينة"
TERM = "الميليشيات الطائفية"


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "in.jsonl"
    s = TEXT.index(TERM)
    lines = [
        {"id": "a", "text": TEXT, "label": [[s, s + len(TERM), "LOADED_TERM"]]},
        {"id": "b", "text": "نص بلا تسميات"},
    ]
    src.write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8"
    )
    return src


def test_import_export_stats(tmp_path, corpus, capsys):
    db = str(tmp_path / "study.db")
    assert main(["import", str(corpus), "--db", db, "--annotator", "amal"]) == 0
    assert "2 documents added" in capsys.readouterr().out
    out = tmp_path / "labels.jsonl"
    assert main(["export", "--db", db, "--format", "jsonl", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a"]
    assert records[0]["spans"][0]["text"] == TERM and records[0]["annotator"] == "amal"
    assert main(["export", "--db", db, "--format", "jsonl", "--all-docs", "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b"] and records[1]["spans"] == []
    capsys.readouterr()
    assert main(["stats", "--db", db]) == 0
    stats = capsys.readouterr().out
    assert "documents: 2" in stats and "LOADED_TERM\t1" in stats and "amal" in stats


def test_export_filters_by_annotator_and_status(tmp_path, corpus):
    db = str(tmp_path / "study.db")
    assert main(["import", str(corpus), "--db", db, "--annotator", "amal"]) == 0
    assert main(["import", str(corpus), "--db", db, "--annotator", "amal"]) == 0  # idempotent
    from annotator.store import Store

    store = Store.open(db)
    doc = store.document_by_external_id("a")
    store.add_span(doc.id, "bilal", store.labelset(), "LOADED_TERM", 0, 3)
    store.set_status(doc.id, "amal", "done")
    store.close()
    out = tmp_path / "amal.jsonl"
    assert (
        main(
            [
                "export",
                "--db",
                db,
                "--format",
                "jsonl",
                "--annotator",
                "amal",
                "--status",
                "done",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["annotator"], r["status"]) for r in records] == [("a", "amal", "done")]
    assert main(["export", "--db", db, "--annotator", "nobody", "-o", str(out)]) == 2


def test_db_from_environment(tmp_path, corpus, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("ANNOTATOR_DB", str(db))
    assert main(["import", str(corpus)]) == 0
    assert db.exists()


def test_refused_import_exits_non_zero(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "نص"}\n{oops\n', encoding="utf-8")
    assert main(["import", str(bad), "--db", str(tmp_path / "x.db")]) != 0
    assert "bad.jsonl:2" in capsys.readouterr().err


def test_labelset_list_validate_add(tmp_path, capsys):
    db = str(tmp_path / "study.db")
    assert main(["labelset", "list", "--db", db]) == 0
    listing = capsys.readouterr().out
    for name in (
        "media-bias-ar",
        "persuasion-techniques-23",
        "propaganda-semeval2020-14",
        "media-frames-15",
    ):
        assert name in listing
    good = tmp_path / "my-scheme.yaml"
    good.write_text(
        "name: my-scheme\nversion: 2\nlanguage: ar\ndescription: {en: test}\nlabels:\n"
        "  - key: A\n    name: {en: A, ar: أ}\n    color: '#123456'\n    hotkey: '1'\n",
        encoding="utf-8",
    )
    assert main(["labelset", "validate", str(good)]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nversion: 1\nlabels:\n  - key: A\n    color: red\n", encoding="utf-8")
    assert main(["labelset", "validate", str(bad)]) != 0
    assert "bad.yaml:5" in capsys.readouterr().err
    assert main(["labelset", "add", str(good), "--db", db]) == 0
    capsys.readouterr()
    assert main(["labelset", "list", "--db", db]) == 0
    assert "my-scheme\tversion 2" in capsys.readouterr().out


def test_seed_command(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    assert main(["seed", "--db", db]) == 0
    assert main(["seed", "--db", db]) == 0
    assert "already present" in capsys.readouterr().out


def test_help_and_module_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    for command in ("import", "export", "labelset", "stats", "seed"):
        assert command in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "import", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    for flag in (
        "--format",
        "--labelset",
        "--annotator",
        "--skip-invalid",
        "--update",
        "--strict",
        "--report",
        "--offsets",
        "--text-column",
        "--id-column",
    ):
        assert flag in result.stdout


def test_bare_command_without_display_explains_instead_of_crashing(monkeypatch, capsys):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main([]) == 1
    assert "no display" in capsys.readouterr().err


def test_import_report_file_has_every_entry_and_a_summary(tmp_path):
    src = tmp_path / "ara.jsonl"
    text = "😀 قصفت الميليشيات الطائفية المدينة"
    term = "الميليشيات الطائفية"
    s = text.index(term)
    src.write_text(
        json.dumps(
            {
                "id": "t",
                "text": text,
                "type": "tweet",
                "labels": [
                    {
                        "start": s + 1,
                        "end": s + 1 + len(term),
                        "technique": "Loaded_Language",
                        "text": term,
                    },
                    {"start": 0, "end": 3, "technique": "Loaded_Language", "text": "ليس هنا"},
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    report = tmp_path / "report.jsonl"
    db = str(tmp_path / "r.db")
    assert (
        main(
            [
                "import",
                str(src),
                "--db",
                db,
                "--format",
                "araieval",
                "--annotator",
                "gold",
                "--skip-invalid",
                "--report",
                str(report),
            ]
        )
        == 0
    )
    entries = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    kinds = [e["kind"] for e in entries]
    assert kinds == ["realigned", "refused", "summary"]
    assert entries[0]["rule"] == "utf16" and entries[0]["new"] == [s, s + len(term)]
    assert entries[1]["what"] == "span" and entries[1]["line"] == 1 and entries[1]["id"] == "t"
    assert entries[1]["label"] == "Loaded_Language" and entries[1]["old"] == [0, 3]
    summary = entries[2]
    assert summary["committed"] is True and summary["realigned"] == {"utf16": 1}
    assert summary["refused_spans"] == 1 and summary["spans_added"] == 1
