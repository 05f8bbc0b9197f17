"""SQLite and PostgreSQL refuse the same values with the same messages, and concurrent
first opens and imports are safe on both."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.errors import AnnotatorError
from annotator.importing import ImportFailed, ImportOptions, import_path
from annotator.store import Store


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "study.db")
    return request.getfixturevalue("pg_url")


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "text": "نص\\u0000فيه"}', "NUL"),
        ('{"id": "' + "x" * 1001 + '", "text": "نص"}', "at most 1,000"),
        ('{"id": "a", "title": "' + "t" * 2001 + '", "text": "نص"}', "at most 2,000"),
    ],
)
def test_values_the_database_cannot_hold_are_refused_with_file_and_line(
    target: str, tmp_path: Path, line: str, message: str
):
    store = Store.open(target)
    src = _write(tmp_path / "in.jsonl", ['{"id": "ok", "text": "سليم"}', line])
    with pytest.raises(ImportFailed) as caught:
        import_path(store, src, ImportOptions())
    refusals = caught.value.report.refusals
    assert [(r.line, message in r.reason) for r in refusals] == [(2, True)]
    assert store.document_count() == 0  # all or nothing
    store.close()


def test_long_annotator_name_is_refused_alike(target: str):
    store = Store.open(target)
    with pytest.raises(AnnotatorError, match="at most 200"):
        store.annotator_id("n" * 201)
    store.close()


def _together(n: int, action: Callable[[int], object]) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def run(i: int) -> None:
        try:
            barrier.wait()
            action(i)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_first_opens_all_succeed(target: str):
    def open_and_write(i: int) -> None:
        store = Store.open(target)
        store.annotator_id(f"a{i}")
        store.close()

    assert _together(6, open_and_write) == []
    store = Store.open(target)
    assert len(store.annotators()) == 6
    store.close()


def test_concurrent_imports_of_one_file_store_it_once(target: str, tmp_path: Path):
    lines = [
        f'{{"id": "d{i}", "text": "قصفت الميليشيات الطائفية المدينة {i}", '
        f'"label": [[5, 24, "LOADED_TERM"]], "annotator": "amal"}}'
        for i in range(50)
    ]
    src = _write(tmp_path / "in.jsonl", lines)
    Store.open(target).close()

    def import_once(_i: int) -> None:
        store = Store.open(target)
        import_path(store, src, ImportOptions())
        store.close()

    assert _together(4, import_once) == []
    store = Store.open(target)
    assert store.document_count() == 50
    assert store.stats()["spans"] == 50
    store.close()
