"""``annotator merge``: databases and JSONL exports brought together, conflicts reported,
idempotent, inputs never written."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store import Store
from annotator.team.adjudication import set_curation_status
from annotator.team.assignment import assign
from annotator.team.comments import add_comment, comments
from tests.core.team.conftest import add_doc

TEXT = "قصفت الميليشيات الطائفية المدينة"


def make_db(
    path: Path,
    annotator: str,
    *,
    text: str = TEXT,
    status: str = "done",
    span: tuple[int, int] = (5, 25),
    note: str = "",
) -> Path:
    store = Store.open(str(path))
    d = add_doc(store, "d1", text)
    store.add_span(d, annotator, store.labelset(), "LOADED_TERM", *span, note=note)
    store.set_status(d, annotator, status)
    store.set_document_label(
        d,
        annotator,
        store.labelset(),
        store.labelset().document_labels[0].key,
        store.labelset().document_labels[0].choices[0]
        if store.labelset().document_labels[0].choices
        else "",
    )
    store.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def team_spans(path: Path) -> list[tuple[str, int, int, str]]:
    store = Store.open(str(path))
    try:
        doc = store.document_by_external_id("d1")
        return [(s.annotator, s.start, s.end, s.label) for s in store.spans(doc.id)]
    finally:
        store.close()


def test_two_annotators_merge_into_one_team_database(tmp_path, capsys):
    a = make_db(tmp_path / "a.db", "amal")
    b = make_db(tmp_path / "b.db", "bilal", span=(26, 32))
    before = (digest(a), digest(b))
    team = tmp_path / "team.db"
    assert main(["merge", str(a), str(b), "--into", str(team)]) == 0
    assert team_spans(team) == [("amal", 5, 25, "LOADED_TERM"), ("bilal", 26, 32, "LOADED_TERM")]
    out = capsys.readouterr().out
    assert "1 documents" in out and "2 spans" in out
    assert (digest(a), digest(b)) == before  # inputs only read
    store = Store.open(str(team))
    doc = store.document_by_external_id("d1").id
    assert store.status(doc, "amal") == store.status(doc, "bilal") == "done"
    assert store.document_labels(doc, "bilal")
    store.close()


def test_merging_twice_changes_nothing(tmp_path, capsys):
    a = make_db(tmp_path / "a.db", "amal")
    team = tmp_path / "team.db"
    main(["merge", str(a), "--into", str(team)])
    first = team_spans(team)
    capsys.readouterr()
    assert main(["merge", str(a), str(a), "--into", str(team)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added: nothing")
    assert team_spans(team) == first


def test_same_id_other_text_is_reported_not_merged(tmp_path, capsys):
    a = make_db(tmp_path / "a.db", "amal")
    b = make_db(tmp_path / "b.db", "bilal", text=TEXT + " اليوم")
    team = tmp_path / "team.db"
    assert main(["merge", str(a), str(b), "--into", str(team)]) == 1
    out = capsys.readouterr().out
    assert "document d1: same id, different text" in out and "records left out" in out
    assert [s[0] for s in team_spans(team)] == ["amal"]


def test_latest_status_change_wins(tmp_path):
    old = make_db(tmp_path / "old.db", "amal", status="in_progress")
    time.sleep(0.01)
    new = make_db(tmp_path / "new.db", "amal", status="done")
    team = tmp_path / "team.db"
    main(["merge", str(new), str(old), "--into", str(team)])
    store = Store.open(str(team))
    assert store.status(store.document_by_external_id("d1").id, "amal") == "done"
    store.close()


def test_same_span_with_other_note_is_a_reported_conflict(tmp_path, capsys):
    a = make_db(tmp_path / "a.db", "amal", note="first")
    time.sleep(0.01)
    b = make_db(tmp_path / "b.db", "amal", note="second")
    team = tmp_path / "team.db"
    main(["merge", str(a), str(b), "--into", str(team)])
    out = capsys.readouterr().out
    assert "attributes/note differ; the newer change (this input) won" in out
    store = Store.open(str(team))
    (span,) = store.spans(store.document_by_external_id("d1").id)
    assert span.note == "second"
    store.close()


def test_comments_assignments_and_curation_travel_with_threads_intact(tmp_path):
    a = make_db(tmp_path / "a.db", "amal")
    store = Store.open(str(a))
    doc = store.document_by_external_id("d1").id
    span_id = store.spans(doc)[0].id
    root = add_comment(store, doc, "chief", "لماذا؟", span_id=span_id)
    add_comment(store, doc, "amal", "لأن", parent_id=root)
    assign(store, ["amal"], 1)
    set_curation_status(store, doc, "chief", "in_progress")
    store.close()
    team = tmp_path / "team.db"
    for _ in range(2):
        assert main(["merge", str(a), "--into", str(team)]) == 0
    store = Store.open(str(team))
    doc = store.document_by_external_id("d1").id
    thread = comments(store, doc)
    assert [(c.author, c.depth) for c in thread] == [("chief", 0), ("amal", 1)]
    assert thread[0].span_id == store.spans(doc)[0].id
    from annotator.team.adjudication import curation_status
    from annotator.team.assignment import queue

    assert curation_status(store, doc, "chief") == "in_progress"
    assert queue(store, "amal") == []  # assigned, but done
    store.close()


def test_jsonl_export_is_accepted_as_input(tmp_path):
    a = make_db(tmp_path / "a.db", "amal")
    exported = tmp_path / "amal.jsonl"
    assert main(["export", "--db", str(a), "--format", "jsonl", "--output", str(exported)]) == 0
    b = make_db(tmp_path / "b.db", "bilal", span=(26, 32))
    team = tmp_path / "team.db"
    assert main(["merge", str(exported), str(b), "--into", str(team)]) == 0
    assert [s[0] for s in team_spans(team)] == ["amal", "bilal"]


def test_input_as_target_and_missing_or_bad_inputs_are_refused(tmp_path, capsys):
    a = make_db(tmp_path / "a.db", "amal")
    before = digest(a)
    assert main(["merge", str(a), "--into", str(a)]) == 2
    assert "choose another output" in capsys.readouterr().err
    link = tmp_path / "link.db"
    link.symlink_to(a)
    assert main(["merge", str(a), "--into", str(link)]) == 2
    assert main(["merge", str(tmp_path / "nope.db"), "--into", str(tmp_path / "t.db")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert main(["merge", str(bad), "--into", str(tmp_path / "t2.db")]) == 2
    assert "bad.jsonl" in capsys.readouterr().err
    assert digest(a) == before


@pytest.mark.parametrize("older_first", [True, False])
def test_merge_order_does_not_change_the_result(tmp_path, older_first):
    old = make_db(tmp_path / "old.db", "amal", status="in_progress")
    time.sleep(0.01)
    new = make_db(tmp_path / "new.db", "amal", status="done")
    team = tmp_path / "team.db"
    order = [old, new] if older_first else [new, old]
    main(["merge", *map(str, order), "--into", str(team)])
    store = Store.open(str(team))
    assert store.status(store.document_by_external_id("d1").id, "amal") == "done"
    store.close()


def _doc_label_key(store: Store) -> tuple[str, list[str]]:
    first = store.labelset().document_labels[0]
    return first.key, list(first.choices or [])


def test_document_labels_merge_per_annotator_and_the_latest_change_wins(tmp_path, capsys):
    paths = {}
    for name, annotator, choice in (("old", "amal", 0), ("new", "amal", 1), ("b", "bilal", 0)):
        path = make_db(tmp_path / f"{name}.db", annotator)
        store = Store.open(str(path))
        key, choices = _doc_label_key(store)
        assert len(choices) >= 2  # the default set's first document label is a choice
        doc = store.document_by_external_id("d1").id
        store.set_document_label(doc, annotator, store.labelset(), key, choices[choice])
        store.close()
        paths[name] = path
        time.sleep(0.01)
    team = tmp_path / "team.db"
    argv = ["merge", str(paths["new"]), str(paths["old"]), str(paths["b"]), "--into", str(team)]
    assert main(argv) == 0
    assert "2 document labels" in capsys.readouterr().out.splitlines()[0]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("added: nothing")
    store = Store.open(str(team))
    doc = store.document_by_external_id("d1").id
    assert store.document_labels(doc, "amal") == {key: choices[1]}
    assert store.document_labels(doc, "bilal") == {key: choices[0]}
    store.close()


def _reject(path: Path, annotator: str, start: int, end: int) -> None:
    """A rejected lexicon suggestion on d1, as the app stores it."""
    from sqlalchemy import insert

    from annotator.models import utcnow
    from annotator.suggestions import REJECTION, SUGGESTION

    store = Store.open(str(path))
    doc = store.document_by_external_id("d1").id
    label_id = store.label_id(store.labelset(), "LOADED_TERM")
    with store.engine.begin() as conn:
        values = dict(document_id=doc, label_id=label_id, start=start, end=end)
        conn.execute(insert(SUGGESTION).values(**values, text=TEXT[start:end], created_at=utcnow()))
        conn.execute(
            insert(REJECTION).values(
                **values, annotator_id=store.annotator_id(annotator), created_at=utcnow()
            )
        )
    store.close()


def test_rejected_suggestions_merge_once_per_annotator(tmp_path, capsys):
    from annotator.suggestions import rejected_ranges

    a = make_db(tmp_path / "a.db", "amal")
    _reject(a, "amal", 0, 4)
    b = make_db(tmp_path / "b.db", "bilal", span=(26, 32))
    _reject(b, "bilal", 0, 4)
    _reject(b, "bilal", 26, 32)
    team = tmp_path / "team.db"
    assert main(["merge", str(a), str(b), "--into", str(team)]) == 0
    assert "3 rejections" in capsys.readouterr().out
    assert main(["merge", str(a), str(b), "--into", str(team)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added: nothing") and "3 rejections" in out
    store = Store.open(str(team))
    doc = store.document_by_external_id("d1").id
    assert rejected_ranges(store, "amal", [doc]) == {(doc, 0, 4)}
    assert rejected_ranges(store, "bilal", [doc]) == {(doc, 0, 4), (doc, 26, 32)}
    store.close()


TINY = "name: tiny\nversion: 1\nlabels:\n  - {key: %s, name: %s, color: '#123456'}\n"


def test_work_under_a_label_set_that_cannot_be_merged_is_reported_not_dropped(tmp_path, capsys):
    from sqlalchemy import insert

    from annotator.labelsets import parse_labelset
    from annotator.models import utcnow
    from annotator.suggestions import REJECTION

    a = make_db(tmp_path / "a.db", "amal")
    store = Store.open(str(a))
    tiny = parse_labelset(TINY % ("X", "X"), "tiny.yaml")
    doc = store.document_by_external_id("d1").id
    store.add_span(doc, "amal", tiny, "X", 0, 4)
    with store.engine.begin() as conn:
        conn.execute(
            insert(REJECTION).values(
                document_id=doc,
                label_id=store.label_id(tiny, "X"),
                start=26,
                end=32,
                annotator_id=store.annotator_id("amal"),
                created_at=utcnow(),
            )
        )
    store.close()
    team = tmp_path / "team.db"
    store = Store.open(str(team))  # the team already has tiny@1 with other labels
    store.register_labelset(parse_labelset(TINY % ("Z", "Z"), "tiny.yaml"))
    store.close()
    assert main(["merge", str(a), "--into", str(team)]) == 1
    out = capsys.readouterr().out
    assert "label set tiny@1 not merged" in out
    assert "span 0–4 left out: its label set could not be merged" in out
    assert "one of the rejections left out" in out
    assert "records left out: 2" in out
    assert team_spans(team) == [("amal", 5, 25, "LOADED_TERM")]  # the rest did merge


def test_a_refused_document_counts_every_record_it_leaves_out(tmp_path, capsys):
    a = make_db(tmp_path / "a.db", "amal", text=TEXT + " اليوم")
    store = Store.open(str(a))
    doc = store.document_by_external_id("d1").id
    add_comment(store, doc, "amal", "سؤال")
    assign(store, ["amal"], 1)
    set_curation_status(store, doc, "chief", "in_progress")
    store.close()
    team = make_db(tmp_path / "team.db", "bilal")
    assert main(["merge", str(a), "--into", str(team)]) == 1
    out = capsys.readouterr().out
    # span, status, document label, comment, assignment, curation status
    assert "not merged, 6 records left out" in out and "records left out: 6" in out
