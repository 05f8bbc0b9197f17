"""``annotator assign``: balance, overlap sample, re-runs that only add, queues, stats."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from annotator.cli import main
from annotator.storage.tables import ASSIGNMENT
from annotator.store import Store
from annotator.team.assignment import assign, assignment_stats, queue
from annotator.team.errors import TeamError
from tests.core.team.conftest import add_doc


def assignments(store: Store) -> set[tuple[int, str]]:
    names = {store.annotator_id(n): n for n in store.annotators()}
    with store.engine.connect() as conn:
        rows = conn.execute(select(ASSIGNMENT.c.document_id, ASSIGNMENT.c.annotator_id)).all()
    return {(d, names[a]) for d, a in rows}


@pytest.fixture
def docs(store: Store) -> list[int]:
    return [add_doc(store, f"d{i}", f"نص رقم {i}") for i in range(20)]


def test_each_document_goes_to_k_annotators_balanced(store: Store, docs):
    report = assign(store, ["a", "b", "c"], 2, seed=1)
    per_doc = Counter(d for d, _ in assignments(store))
    assert set(per_doc.values()) == {2} and len(per_doc) == 20
    assert sorted(report.added.values()) == [13, 13, 14]


def test_overlap_fraction_goes_to_everyone_rest_to_one(store: Store, docs):
    report = assign(store, ["a", "b", "c"], 1, overlap=0.25, seed=3)
    per_doc = Counter(d for d, _ in assignments(store))
    assert report.overlap == 5
    assert Counter(per_doc.values()) == {3: 5, 1: 15}
    per_annotator = Counter(n for _, n in assignments(store))
    assert max(per_annotator.values()) - min(per_annotator.values()) <= 1


def test_same_seed_gives_same_assignment(tmp_path, docs, store: Store):
    assign(store, ["a", "b", "c"], 1, overlap=0.2, seed=42)
    first = assignments(store)
    other = Store.open(str(tmp_path / "other.db"))
    for i in range(20):
        add_doc(other, f"d{i}", f"نص رقم {i}")
    assign(other, ["a", "b", "c"], 1, overlap=0.2, seed=42)
    assert assignments(other) == first
    other.close()


def test_rerun_adds_nothing_and_moves_nothing(store: Store, docs):
    assign(store, ["a", "b"], 1, seed=1)
    before = assignments(store)
    report = assign(store, ["a", "b"], 1, seed=99)
    assert assignments(store) == before
    assert sum(report.added.values()) == 0 and report.kept == 20


def test_new_documents_and_new_annotator_only_add(store: Store, docs):
    assign(store, ["a", "b"], 1, seed=1)
    before = assignments(store)
    add_doc(store, "late", "نص متأخر")
    assign(store, ["a", "b", "c"], 1, seed=1)
    after = assignments(store)
    assert before <= after
    assert len(after - before) == 1


def test_started_work_stays_with_who_started_it(store: Store, docs):
    store.set_status(docs[0], "c", "in_progress")
    report = assign(store, ["a", "b", "c"], 1, seed=5)
    assert (docs[0], "c") in assignments(store)
    assert report.started == 1


def test_status_todo_selects_documents_nobody_listed_has_started(store: Store, docs):
    store.set_status(docs[0], "a", "done")
    report = assign(store, ["a", "b"], 1, seed=1, status="todo")
    assert report.selected == 19
    assert docs[0] not in {d for d, _ in assignments(store)}


@pytest.mark.parametrize("k, overlap", [(0, 0.0), (4, 0.0), (1, 1.5)])
def test_impossible_requests_are_refused(store: Store, docs, k, overlap):
    with pytest.raises(TeamError):
        assign(store, ["a", "b", "c"], k, overlap=overlap)
    assert assignments(store) == set()


def test_queue_is_assigned_and_not_done_in_order(store: Store, docs):
    assign(store, ["a"], 1)
    store.set_status(docs[1], "a", "done")
    store.set_status(docs[2], "a", "in_progress")
    assert queue(store, "a") == [d for d in docs if d != docs[1]]
    assert queue(store, "nobody") == []


def test_assignment_stats_count_assigned_finished_open(store: Store, docs):
    assign(store, ["a", "b"], 1, seed=2)
    mine = queue(store, "a")
    store.set_status(mine[0], "a", "done")
    stats = assignment_stats(store)
    assert stats["a"] == {"assigned": 10, "finished": 1, "open": 9}
    assert stats["b"]["assigned"] == 10


def test_assign_command_prints_a_summary(db_path, docs, capsys):
    assert (
        main(
            [
                "assign",
                "--db",
                str(db_path),
                "--annotators",
                "a,b,c",
                "--per-document",
                "2",
                "--overlap",
                "0.1",
                "--seed",
                "7",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "20 documents considered" in out and "2 documents to every annotator" in out
    assert main(["assign", "--db", str(db_path), "--annotators", "a,b", "--per-document", "3"]) == 2
