"""Adjudication into the gold layer, curation status, decisions and threaded comments."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.store import Store
from annotator.team.adjudication import (
    adjudicate,
    curation_status,
    required_votes,
    set_curation_status,
)
from annotator.team.comments import add_comment, comments
from annotator.team.decisions import decisions
from annotator.team.errors import TeamError
from annotator.team.roles import role
from tests.core.team.conftest import add_doc

TEXT = "قصفت الميليشيات الطائفية المدينة وقتل الثوار"


@pytest.fixture
def doc(store: Store) -> int:
    d = add_doc(store, "d1", TEXT)
    ls = store.labelset()
    for name in ("a", "b", "c"):
        store.add_span(d, name, ls, "LOADED_TERM", 5, 25, attributes={"target": "x"})
        store.set_status(d, name, "done")
    store.add_span(d, "a", ls, "GLORIFYING_TERM", 38, 44)
    store.add_span(d, "b", ls, "GLORIFYING_TERM", 38, 44)
    store.add_span(d, "c", ls, "LOADED_TERM", 26, 32)
    return d


def gold(store: Store, doc: int) -> list[tuple[str, int, int]]:
    return [(s.label, s.start, s.end) for s in store.spans(doc, "chief")]


def test_spans_all_agree_on_become_gold_others_wait(store: Store, doc):
    report = adjudicate(store, "chief")
    assert gold(store, doc) == [("LOADED_TERM", 5, 25)]
    assert (report.accepted, report.waiting) == (1, 2)
    assert store.spans(doc, "chief")[0].attributes == {"target": "x"}
    assert role(store, "chief") == "curator"


def test_majority_accepts_two_of_three(store: Store, doc):
    adjudicate(store, "chief", min_agree="majority")
    assert gold(store, doc) == [("LOADED_TERM", 5, 25), ("GLORIFYING_TERM", 38, 44)]


def test_adjudication_is_idempotent(store: Store, doc):
    adjudicate(store, "chief", min_agree="2")
    again = adjudicate(store, "chief", min_agree="2")
    assert (again.accepted, again.already) == (0, 2)
    assert len(gold(store, doc)) == 2


def test_document_under_curation_is_left_alone(store: Store, doc):
    adjudicate(store, "chief")
    store.delete_spans([s.id for s in store.spans(doc, "chief")])  # the curator rejected it
    set_curation_status(store, doc, "chief", "in_progress")
    report = adjudicate(store, "chief")
    assert gold(store, doc) == [] and report.skipped == ["d1"]
    assert curation_status(store, doc, "chief") == "in_progress"


def test_document_done_by_one_annotator_only_is_not_adjudicated(store: Store):
    d = add_doc(store, "solo", TEXT)
    store.add_span(d, "a", store.labelset(), "LOADED_TERM", 5, 25)
    store.set_status(d, "a", "done")
    assert adjudicate(store, "chief").documents == 0


def test_an_annotator_cannot_be_the_curator(store: Store, doc):
    with pytest.raises(TeamError, match="spans of their own"):
        adjudicate(store, "a")


@pytest.mark.parametrize("value", ["some", "0", "-1"])
def test_bad_min_agree_is_refused(value):
    with pytest.raises(TeamError):
        required_votes(value, 3)


def test_decisions_tell_an_annotator_what_became_of_their_spans(store: Store, doc):
    adjudicate(store, "chief")
    ls = store.labelset()
    store.add_span(doc, "chief", ls, "GLORIFYING_TERM", 38, 43)  # the curator's edit
    verdicts = {
        (s.label, s.start): decisions(store, doc, "c", "chief")[s.id] for s in store.spans(doc, "c")
    }
    # left out of gold while the curation is not done: pending, rejected once it is
    assert verdicts == {("LOADED_TERM", 5): "accepted", ("LOADED_TERM", 26): "pending"}
    assert set(decisions(store, doc, "a", "chief").values()) == {"accepted", "changed"}
    set_curation_status(store, doc, "chief", "done")
    verdicts = {(s.label, s.start): decisions(store, doc, "c")[s.id] for s in store.spans(doc, "c")}
    assert verdicts == {("LOADED_TERM", 5): "accepted", ("LOADED_TERM", 26): "rejected"}


def test_gold_layer_exports_like_an_annotator(store: Store, doc, db_path, tmp_path):
    adjudicate(store, "chief")
    out = tmp_path / "gold.jsonl"
    assert (
        main(
            [
                "export",
                "--db",
                str(db_path),
                "--annotator",
                "chief",
                "--format",
                "jsonl",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert [(s["start"], s["end"], s["label"]) for s in record["spans"]] == [(5, 25, "LOADED_TERM")]


def test_adjudicate_command_reports(db_path, doc, capsys):
    assert main(["adjudicate", "--db", str(db_path), "--curator", "chief"]) == 0
    assert "1 agreed spans added" in capsys.readouterr().out
    assert main(["adjudicate", "--db", str(db_path), "--curator", "chief", "--min-agree", "x"]) == 2


def test_comment_threads_are_visible_to_curator_and_span_author_only(store: Store, doc):
    adjudicate(store, "chief")
    span_c = next(s for s in store.spans(doc, "c") if s.start == 26)
    root = add_comment(store, doc, "chief", "لماذا هذا؟", span_id=span_c.id)
    add_comment(store, doc, "c", "لأنه مصطلح محمّل", parent_id=root)
    add_comment(store, doc, "a", "سؤال عن الوثيقة")
    everything = comments(store, doc)
    assert [(c.author, c.depth) for c in everything] == [("chief", 0), ("c", 1), ("a", 0)]
    assert everything[1].span_id == span_c.id
    assert [c.author for c in comments(store, doc, viewer="c")] == ["chief", "c"]
    assert [c.author for c in comments(store, doc, viewer="b")] == []
    assert [c.author for c in comments(store, doc, viewer="a")] == ["a"]
    assert len(comments(store, doc, viewer="chief")) == 3


def test_empty_comment_and_reply_to_nothing_are_refused(store: Store, doc):
    with pytest.raises(TeamError):
        add_comment(store, doc, "a", "   ")
    with pytest.raises(TeamError):
        add_comment(store, doc, "a", "رد", parent_id=999)
