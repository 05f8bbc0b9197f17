"""Prodigy's JSONL as its documentation describes it: ``answer`` (accept / reject /
ignore) is what an annotator did with a task; a task without it is not annotated yet
(its spans are pre-annotations, as in a source file for ner.manual)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.exporting import ExportOptions, export_to
from annotator.formats import get_format
from annotator.formats.base import OutRecord, OutSpan
from annotator.importing import ImportOptions, import_path

FMT = get_format("prodigy")
TEXT = "قصفت الميليشيات الطائفية حي الشهداء"
WORDS = "الميليشيات الطائفية"


def out(annotator: str | None, status: str | None, labelled: bool = True) -> OutRecord:
    s = TEXT.index(WORDS)
    spans = (OutSpan(s, s + len(WORDS), "LOADED_TERM", WORDS),) if labelled else ()
    return OutRecord("d1", TEXT, "", "", {}, annotator, status, None, None, spans)


def written(tmp_path: Path, *records: OutRecord) -> list[dict]:
    target = tmp_path / "out.jsonl"
    FMT.write(list(records), target)
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_a_document_nobody_annotated_is_written_as_a_task_without_an_answer(tmp_path: Path):
    # an "accept" here would tell Prodigy the text was annotated and holds no span
    [line] = written(tmp_path, out(None, None, labelled=False))
    assert "answer" not in line and line["spans"] == []


def test_only_finished_work_is_accepted_unfinished_spans_are_pre_annotations(tmp_path: Path):
    lines = written(tmp_path, out("amal", "done"), out("omar", "in_progress"), out("sara", "todo"))
    assert [line.get("answer") for line in lines] == ["accept", None, None]
    assert [len(line["spans"]) for line in lines] == [1, 1, 1]


def test_an_accepted_task_is_read_back_as_done_and_one_without_answer_as_not_done(
    tmp_path: Path,
):
    written(tmp_path, out("amal", "done"), out("omar", "todo"))
    done, todo = FMT.read(tmp_path / "out.jsonl")
    assert (done.annotator, done.status, len(done.spans)) == ("amal", "done", 1)
    assert (todo.annotator, todo.status, len(todo.spans)) == ("omar", None, 1)


def test_statuses_survive_an_export_and_import_through_prodigy(store, tmp_path: Path):
    (tmp_path / "d1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d2.txt").write_text("نص لم يعلّمه أحد", encoding="utf-8")
    import_path(store, tmp_path / "d1.txt", ImportOptions(format="txt"))
    import_path(store, tmp_path / "d2.txt", ImportOptions(format="txt"))
    doc = store.document_by_external_id("d1")
    s = TEXT.index(WORDS)
    store.add_span(doc.id, "amal", store.labelset(), "LOADED_TERM", s, s + len(WORDS))
    store.set_status(doc.id, "amal", "done")
    store.add_span(doc.id, "omar", store.labelset(), "LOADED_TERM", 0, 4)
    target = tmp_path / "prodigy.jsonl"
    export_to(store, target, ExportOptions(format="prodigy", all_docs=True))
    lines = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert [(x["meta"]["id"], x.get("_annotator_id"), x.get("answer")) for x in lines] == [
        ("d1", "amal", "accept"),
        ("d1", "omar", None),
        ("d2", None, None),
    ]
    from annotator.store import Store

    again = Store.open(str(tmp_path / "again.sqlite"))
    try:
        import_path(again, target, ImportOptions(format="prodigy"))
        doc = again.document_by_external_id("d1")
        assert (again.status(doc.id, "amal"), again.status(doc.id, "omar")) == ("done", "todo")
        assert {(sp.annotator, sp.text) for sp in again.spans(doc.id)} == {
            ("amal", WORDS),
            ("omar", "قصفت"),
        }
    finally:
        again.close()
