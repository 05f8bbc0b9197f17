"""The outlet of a document: set on import from each layout, edited, renamed, exported."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert, select, text

from annotator.cli import main
from annotator.db.engine import create_db_engine
from annotator.db.migrate import upgrade
from annotator.insight.sources import (
    document_ids_for_source,
    find_document,
    list_sources,
    rename_source,
    set_source,
)
from annotator.models import utcnow
from annotator.store import DOC, Store, StoreError
from annotator.textio import sha256_text


def _sources(db: str) -> dict[str, str]:
    store = Store.open(db)
    try:
        with store.engine.connect() as conn:
            return dict(conn.execute(select(DOC.c.external_id, DOC.c.source)).all())
    finally:
        store.close()


def test_native_jsonl_meta_source_is_imported_and_exported(tmp_path):
    db = str(tmp_path / "s.db")
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps(
            {"id": "a", "text": "قال الثوار", "meta": {"source": "عنب بلدي"}, "spans": []},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["import", str(src), "--db", db]) == 0
    assert _sources(db) == {"a": "عنب بلدي"}
    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", db, "--format", "jsonl", "--all-docs", "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["source"] == "عنب بلدي"


def test_csv_source_column_sets_the_outlet_and_leaves_meta(tmp_path):
    db = str(tmp_path / "s.db")
    src = tmp_path / "in.csv"
    src.write_text(
        "id,outlet,text,lang\n1,  SANA ,نص أول,ar\n2,Enab Baladi,نص ثان,ar\n", encoding="utf-8"
    )
    assert (
        main(["import", str(src), "--db", db, "--id-column", "id", "--source-column", "outlet"])
        == 0
    )
    assert _sources(db) == {"1": "SANA", "2": "Enab Baladi"}
    store = Store.open(db)
    try:
        assert store.document(find_document(store, "1")).meta == {"lang": "ar"}
    finally:
        store.close()


def test_csv_unknown_source_column_is_refused_naming_the_header(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,نص\n", encoding="utf-8")
    assert main(["import", str(src), "--db", db, "--source-column", "outlet"]) == 2
    assert "no source column 'outlet'" in capsys.readouterr().err


def test_txt_source_from_folder_names_each_outlet_by_its_folder(tmp_path):
    root = tmp_path / "corpus"
    for outlet, name in (("sana", "a"), ("enab", "b")):
        (root / outlet).mkdir(parents=True)
        (root / outlet / f"{name}.txt").write_text("عنوان\nقال الثوار", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert main(["import", str(root), "--db", db, "--source-from-folder"]) == 0
    assert _sources(db) == {"sana/a": "sana", "enab/b": "enab"}
    db2 = str(tmp_path / "s2.db")
    assert main(["import", str(root), "--db", db2]) == 0
    assert set(_sources(db2).values()) == {""}  # a file name is not an outlet


@pytest.fixture
def two_docs(tmp_path) -> str:
    db = str(tmp_path / "s.db")
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps(
                {"id": i, "text": "نص", "meta": {"source": s}, "format": "annotator-jsonl/1"},
                ensure_ascii=False,
            )
            + "\n"
            for i, s in (("a", "aljazeera.net"), ("b", "الجزيرة"))
        ),
        encoding="utf-8",
    )
    assert main(["import", str(src), "--db", db]) == 0
    return db


def test_source_set_changes_one_document_from_the_cli(two_docs, capsys):
    assert main(["source", "set", "--db", two_docs, "--document", "a", "  SANA\n"]) == 0
    assert _sources(two_docs) == {"a": "SANA", "b": "الجزيرة"}
    assert "aljazeera.net → SANA" in capsys.readouterr().out
    assert main(["source", "set", "--db", two_docs, "--document", "zz", "x"]) == 2
    assert "no document with id 'zz'" in capsys.readouterr().err


def test_rename_merges_spellings_and_list_counts_documents(two_docs, capsys):
    store = Store.open(two_docs)
    try:
        assert rename_source(store, "aljazeera.net", "الجزيرة") == 1
        assert [(i.source, i.documents) for i in list_sources(store)] == [("الجزيرة", 2)]
        assert document_ids_for_source(store, "الجزيرة") == [
            find_document(store, "a"),
            find_document(store, "b"),
        ]
        assert set_source(store, find_document(store, "b"), "") == "الجزيرة"
        with pytest.raises(StoreError):
            set_source(store, 999, "x")
    finally:
        store.close()
    assert main(["source", "list", "--db", two_docs]) == 0
    assert capsys.readouterr().out.splitlines() == ["1\t(none)", "1\tالجزيرة"]  # ties by name


def test_word_count_is_stored_on_import_and_on_update(tmp_path):
    db = str(tmp_path / "s.db")
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "قال  الثوار\nاليوم\t"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert main(["import", str(src), "--db", db]) == 0
    store = Store.open(db)
    with store.engine.connect() as conn:
        assert conn.execute(select(DOC.c.word_count)).scalar() == 3
    store.close()
    src.write_text(
        json.dumps({"id": "a", "text": "نص واحد"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    assert main(["import", str(src), "--db", db, "--update"]) == 0
    store = Store.open(db)
    with store.engine.connect() as conn:
        assert conn.execute(select(DOC.c.word_count)).scalar() == 2
    store.close()


def test_upgrade_counts_the_words_of_documents_stored_before(tmp_path):
    engine = create_db_engine(str(tmp_path / "old.db"))
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO document (corpus, external_id, title, text, sha256, source, meta, "
                "imported_at) VALUES ('default', 'x', '', :t, :h, '', '{}', :now)"
            ),
            {"t": "واحد اثنان ثلاثة", "h": sha256_text("واحد اثنان ثلاثة"), "now": utcnow()},
        )
    engine.dispose()
    store = Store.open(str(tmp_path / "old.db"))
    try:
        with store.engine.connect() as conn:
            assert conn.execute(select(DOC.c.word_count)).scalar() == 3
        with store.engine.begin() as conn:  # a Core insert without a count gets one
            conn.execute(
                insert(DOC).values(
                    corpus="default",
                    external_id="y",
                    title="",
                    text="a b",
                    sha256="0",
                    source="",
                    meta={},
                )
            )
            assert (
                conn.execute(select(DOC.c.word_count).where(DOC.c.external_id == "y")).scalar() == 2
            )
    finally:
        store.close()
