"""``annotator check`` finds what is wrong; ``annotator backup`` copies safely."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from annotator.cli import main
from annotator.store import Store


def _seeded(db: Path) -> Store:
    from annotator.seed import seed

    store = Store.open(str(db))
    seed(store)
    doc_id = store.first_document_id()
    text = store.document(doc_id).text
    start = text.index("الميليشيات")
    store.add_span(doc_id, "amal", store.labelset(), "LOADED_TERM", start, start + 10)
    return store


def test_check_passes_a_sound_database(db_path: Path, capsys):
    _seeded(db_path).close()
    assert main(["check", "--db", str(db_path)]) == 0
    assert "ok (schema" in capsys.readouterr().out


def test_check_lists_a_span_whose_text_does_not_match_and_an_orphan(db_path: Path, capsys):
    _seeded(db_path).close()
    conn = sqlite3.connect(db_path)
    # as another program (or an older release) could leave it: no trigger, no foreign keys
    conn.execute("DROP TRIGGER span_text_matches_document_update")
    conn.execute("UPDATE span SET text = 'wrong'")
    conn.execute("INSERT INTO label (labelset_id, key, color) VALUES (999, 'X', '#000000')")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "its text is not the document's text[start:end]" in out
    assert "label without its label set" in out
    assert "foreign key: label" in out


def test_check_reports_a_newer_schema_without_changing_it(db_path: Path, capsys):
    _seeded(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '0999_future'")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(db_path)]) == 1
    assert "newer annotator" in capsys.readouterr().out
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0999_future",)]
    conn.close()


def test_check_of_a_missing_file_is_a_refusal_not_a_new_database(tmp_path: Path, capsys):
    missing = tmp_path / "nope.db"
    assert main(["check", "--db", str(missing)]) == 2
    assert "no such database file" in capsys.readouterr().err
    assert not missing.exists()


def test_backup_is_a_complete_database_even_while_another_writer_works(db_path, tmp_path):
    store = _seeded(db_path)
    stop = threading.Event()

    def writer() -> None:
        doc_id = store.first_document_id()
        i = 0
        while not stop.is_set():
            store.set_status(doc_id, f"w{i % 5}", "in_progress" if i % 2 else "done")
            i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        out = tmp_path / "copy.db"
        assert main(["backup", "--db", str(db_path), "-o", str(out)]) == 0
    finally:
        stop.set()
        thread.join()
    store.close()
    copy = Store.open(str(out))
    assert copy.stats()["spans"] == 1
    copy.close()
    assert main(["check", "--db", str(out)]) == 0


def test_backup_never_writes_over_the_database_or_an_existing_file(db_path, tmp_path, capsys):
    _seeded(db_path).close()
    before = db_path.read_bytes()
    assert main(["backup", "--db", str(db_path), "-o", str(db_path), "--force"]) == 2
    assert db_path.read_bytes() == before
    existing = tmp_path / "old.db"
    existing.write_text("keep me")
    assert main(["backup", "--db", str(db_path), "-o", str(existing)]) == 2
    assert existing.read_text() == "keep me"
    assert "--force" in capsys.readouterr().err
    assert main(["backup", "--db", str(db_path), "-o", str(existing), "--force"]) == 0
    assert existing.read_bytes()[:15] == b"SQLite format 3"


def test_backup_of_postgres_prints_pg_dump_guidance(capsys):
    url = "postgresql+psycopg://team:secret@db.example/annotations"
    assert main(["backup", "--db", url, "-o", "team.dump"]) == 1
    out = capsys.readouterr().out
    assert "pg_dump --format=custom --file team.dump" in out
    assert "secret" not in out
