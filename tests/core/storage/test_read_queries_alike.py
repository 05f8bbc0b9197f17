"""The read queries of the read seam (annotator.storage.connection) are one SQL text for
both engines: an SQLite file read through stdlib sqlite3 and through SQLAlchemy, and a
PostgreSQL database holding the same rows, give the same answers and the same exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.exporting import ExportOptions, export_to
from annotator.formats import export_formats, get_format
from annotator.storage import summary
from annotator.storage.connection import AlchemyReader, SqliteReader
from annotator.storage.exports import ExportRepository, document_filter, id_maps
from annotator.store import Store
from tests.core.formats.rich_corpus import fill_rich_store


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(str(tmp_path / "rich.db"))
    fill_rich_store(store, tmp_path)
    yield store
    store.close()


@pytest.fixture
def pg_store(pg_url: str, tmp_path: Path) -> Iterator[Store]:
    store = Store.open(pg_url)
    fill_rich_store(store, tmp_path)
    yield store
    store.close()


FILTERS = [
    (None, False, None, None),
    (None, True, None, None),
    ("default", False, None, None),
    (None, False, "amal", None),
    (None, False, None, "todo"),
    (None, False, "bilal", "todo"),
    (None, False, None, "done"),
    (None, True, "amal", "done"),
]


def _answers(store: Store) -> dict[str, object]:
    """Everything the moved queries answer, with the ids they use turned into names."""
    answers: dict[str, object] = {
        "stats": store.stats(),
        "documents": store.document_count(),
        "documents of corpus": store.document_count(corpus="default"),
        "annotators": store.annotators(),
        "label sets": store.labelsets(),
        "custom set": store.labelset("zz-custom").keys,
    }
    with store.database.reading() as reader:
        maps = id_maps(reader)
        names = {i: maps.annotators[i] for i in maps.annotators}
        for corpus, include_all, who, status in FILTERS:
            who_id = store.annotator_id(who, create=False) if who else None
            condition = document_filter(corpus, include_all, who_id, status)
            docs = [
                d.external_id
                for batch in ExportRepository.document_batches(reader, condition, batch_size=2)
                for d in batch
            ]
            answers[f"documents {corpus} {include_all} {who} {status}"] = docs
    answers["annotator names"] = sorted(names.values())
    answers["label keys"] = sorted(key for _ls, key in maps.labels.values())
    return answers


def test_stdlib_and_sqlalchemy_readers_agree_on_sqlite(sqlite_store: Store):
    seam = sqlite_store.database
    assert seam.file is not None
    with seam.reading() as stdlib, seam.engine.connect() as conn:
        assert isinstance(stdlib, SqliteReader)
        alchemy = AlchemyReader(conn)
        assert summary.stats(stdlib) == summary.stats(alchemy)
        assert id_maps(stdlib) == id_maps(alchemy)
        condition = document_filter(None, False, None, None)
        assert list(ExportRepository.document_batches(stdlib, condition)) == [
            [tuple(d) for d in batch]
            for batch in ExportRepository.document_batches(alchemy, condition)
        ]


def test_a_current_sqlite_store_reads_without_making_an_engine(sqlite_store: Store, tmp_path):
    again = Store.open(sqlite_store.database.url.split("///", 1)[1])
    try:
        assert again.stats() == sqlite_store.stats()
        assert [i.name for i in again.labelsets()] == [i.name for i in sqlite_store.labelsets()]
        export_to(again, tmp_path / "out.jsonl", ExportOptions(annotator="amal"))
        assert not again.database.engine_created
    finally:
        again.close()


def test_postgresql_answers_the_read_queries_as_sqlite(sqlite_store: Store, pg_store: Store):
    assert _answers(pg_store) == _answers(sqlite_store)


@pytest.mark.parametrize("fmt", sorted(export_formats()))
def test_postgresql_exports_every_format_as_sqlite(
    sqlite_store: Store, pg_store: Store, tmp_path: Path, fmt: str
):
    options = ExportOptions(format=fmt, all_docs=True)
    if get_format(fmt).single_annotator:
        options.annotator = "amal"
    outputs = []
    for name, store in (("sqlite", sqlite_store), ("pg", pg_store)):
        target = tmp_path / name / f"{fmt}.out"
        target.parent.mkdir()
        export_to(store, target, options)
        files = sorted(target.rglob("*")) if target.is_dir() else [target]
        outputs.append({str(f.relative_to(tmp_path / name)): f.read_bytes() for f in files})
    assert outputs[0] == outputs[1]
    assert outputs[0]
