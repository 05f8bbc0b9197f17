"""Defects found in review, each reproduced end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.importing import ImportFailed, ImportOptions, import_path
from annotator.store import Store

TERM = "الميليشيات الطائفية"


def write(path: Path, *records) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def test_update_with_an_id_twice_in_one_batch_is_refused_not_corrupting(tmp_path):
    db = str(tmp_path / "t.db")
    assert (
        main(
            [
                "import",
                str(write(tmp_path / "a.jsonl", {"id": "X", "text": "نص قديم هنا"})),
                "--db",
                db,
            ]
        )
        == 0
    )
    text1 = TERM + " هاجمت"
    b = write(
        tmp_path / "b.jsonl",
        {"id": "X", "text": text1, "label": [[0, len(TERM), "LOADED_TERM"]]},
        {"id": "X", "text": "كلام آخر تماما ومختلف جدا"},
    )
    assert main(["import", str(b), "--db", db, "--update", "--annotator", "amal"]) != 0
    store = Store.open(db)
    assert store.document_by_external_id("X").text == "نص قديم هنا"  # nothing changed
    store.close()
    # the same id twice with the same text is one document, updated once
    c = write(
        tmp_path / "c.jsonl",
        {"id": "X", "text": text1, "label": [[0, len(TERM), "LOADED_TERM"]]},
        {"id": "X", "text": text1},
    )
    assert main(["import", str(c), "--db", db, "--update", "--annotator", "amal"]) == 0
    store = Store.open(db)
    doc = store.document_by_external_id("X")
    [span] = store.spans(doc.id)
    assert doc.text[span.start : span.end] == span.text == TERM
    store.close()
    assert main(["export", "--db", db, "-o", str(tmp_path / "out.jsonl")]) == 0


def test_ptc_with_2020_names_lands_in_the_2020_label_set(tmp_path, store: Store):
    folder = tmp_path / "ptc"
    folder.mkdir()
    text = "قال إن الآخرين فعلوا أسوأ من ذلك بكثير"
    (folder / "article111.txt").write_text(text, encoding="utf-8")
    (folder / "labels.tsv").write_text(
        "111\tWhataboutism,Straw_Men,Red_Herring\t7\t26\n111\tLoaded_Language\t0\t3\n",
        encoding="utf-8",
    )
    report = import_path(store, folder, ImportOptions(format="ptc", annotator="gold"))
    spans = store.spans(store.document_by_external_id("111").id)
    assert {s.labelset for s in spans} == {"propaganda-semeval2020-14"}
    assert {s.label for s in spans} == {"Whataboutism,Straw_Men,Red_Herring", "Loaded_Language"}
    assert any("propaganda-semeval2020-14" in w for w in report.warning_messages)


def test_span_attributes_are_checked_against_the_label_set(tmp_path, store: Store):
    ls = store.labelset()
    label = next(lb for lb in ls.labels if any(a.type == "choice" for a in lb.attributes))
    choice = next(a for a in label.attributes if a.type == "choice")
    text = "نص فيه " + TERM
    s = text.index(TERM)

    def line(attributes):
        return {
            "id": "n",
            "text": text,
            "annotator": "amal",
            "format": "annotator-jsonl/1",
            "labelset": {"name": ls.name, "version": ls.version},
            "spans": [
                {
                    "start": s,
                    "end": s + len(TERM),
                    "label": label.key,
                    "text": TERM,
                    "attributes": attributes,
                }
            ],
        }

    for bad in ({choice.key: "bogus-choice"}, {"undefined_attr": [1]}):
        with pytest.raises(ImportFailed, match="attribute"):
            import_path(store, write(tmp_path / "bad.jsonl", line(bad)), ImportOptions())
    good = {choice.key: choice.choices[0]}
    import_path(store, write(tmp_path / "good.jsonl", line(good)), ImportOptions())
    [span] = store.spans(store.document_by_external_id("n").id)
    assert span.attributes == good


def test_a_bad_document_label_is_refused_alone(tmp_path, store: Store):
    text = "نص فيه " + TERM
    s = text.index(TERM)
    record = {
        "id": "d",
        "text": text,
        "annotator": "amal",
        "status": "done",
        "format": "annotator-jsonl/1",
        "labelset": {"name": "media-bias-ar"},
        "spans": [{"start": s, "end": s + len(TERM), "label": "LOADED_TERM", "text": TERM}],
        "doc_labels": ["NOPE"],
    }
    src = write(tmp_path / "dl.jsonl", record)
    with pytest.raises(ImportFailed, match="document label 'NOPE'"):
        import_path(store, src, ImportOptions())
    report = import_path(store, src, ImportOptions(skip_invalid=True))
    assert report.refused_doc_labels == 1 and report.bad_records == 0
    assert "refused document labels: 1" in report.summary()
    assert store.stats()["spans"] == 1


def test_reimporting_a_multi_annotator_export_raises_no_merge_warning(tmp_path, store: Store):
    from annotator.exporting import ExportOptions, export_to

    src = write(
        tmp_path / "in.jsonl",
        {"id": "d1", "text": "نص " + TERM, "label": [[3, 3 + len(TERM), "LOADED_TERM"]]},
    )
    import_path(store, src, ImportOptions(annotator="amal"))
    import_path(store, src, ImportOptions(annotator="bilal"))
    out = tmp_path / "out.jsonl"
    export_to(store, out, ExportOptions())
    fresh = Store.open(str(tmp_path / "fresh.db"))
    report = import_path(fresh, out, ImportOptions())
    assert not any("merged" in w for w in report.warning_messages)
    assert report.spans_added == 2
    fresh.close()


def test_undo_and_relabel_stay_in_the_spans_label_set_version(tmp_path, store: Store):
    from sqlalchemy import insert

    from annotator.labelsets import parse_labelset
    from annotator.models import utcnow
    from annotator.store import DOC
    from annotator.textio import sha256_text

    text = "نص " + TERM
    with store.engine.begin() as conn:
        doc = conn.execute(
            insert(DOC).values(
                corpus="default",
                external_id="v",
                title="",
                text=text,
                sha256=sha256_text(text),
                source="",
                meta={},
                imported_at=utcnow(),
            )
        ).inserted_primary_key[0]
    v1 = store.labelset()
    span = store.add_span(doc, "amal", v1, "GLORIFYING_TERM", 3, 3 + len(TERM))
    assert span.labelset_version == v1.version
    yaml = (
        "name: media-bias-ar\nversion: 9\nlanguage: ar\ndescription: {en: newer}\nlabels:\n"
        "  - key: LOADED_TERM\n    name: {en: Loaded, ar: مشحون}\n    color: '#e4572e'\n"
        "    hotkey: '1'\n"
    )
    store.add_labelset(parse_labelset(yaml, "v9.yaml"))
    assert store.labelset().version == "9"  # the newest version no longer has the key
    store.delete_span(span.id)
    [restored] = store.restore_spans([span])  # the undo of a delete still works
    assert restored == span
    relabelled = store.update_span(span.id, label="LOADED_TERM")
    assert relabelled.labelset_version == v1.version  # not moved to version 9


def test_export_status_todo_without_annotator_keeps_other_annotators_todo(tmp_path, store):
    from annotator.exporting import ExportOptions, export_to

    src = write(
        tmp_path / "in.jsonl",
        {"id": "d1", "text": "نص " + TERM, "label": [[3, 3 + len(TERM), "LOADED_TERM"]]},
    )
    import_path(store, src, ImportOptions(annotator="amal"))
    import_path(store, src, ImportOptions(annotator="bob"))
    doc = store.document_by_external_id("d1").id
    store.set_status(doc, "amal", "done")
    store.set_status(doc, "bob", "todo")
    out = tmp_path / "todo.jsonl"
    for fmt in ("jsonl", "doccano"):
        export_to(store, out, ExportOptions(format=fmt, status="todo"))
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1, fmt
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == "d1"
    export_to(store, out, ExportOptions(format="jsonl", status="todo"))
    assert json.loads(out.read_text(encoding="utf-8"))["annotator"] == "bob"


def test_araieval_export_counts_only_annotators_with_technique_spans(tmp_path, store):
    from annotator.exporting import ExportOptions, export_to
    from annotator.seed import seed

    seed(store)
    doc = store.first_document_id()
    store.add_span(doc, "amal", store.labelset(), "LOADED_TERM", 0, 5)  # media-bias-ar
    text = "نص " + TERM
    src = write(
        tmp_path / "ara.jsonl",
        {
            "id": "a1",
            "text": text,
            "type": "tweet",
            "labels": [
                {"start": 3, "end": 3 + len(TERM), "technique": "Loaded_Language", "text": TERM}
            ],
        },
    )
    import_path(store, src, ImportOptions(format="araieval", annotator="gold"))
    out = tmp_path / "out.jsonl"
    report = export_to(store, out, ExportOptions(format="araieval"))  # no --annotator needed
    assert report.spans == 1
