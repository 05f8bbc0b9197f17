"""Review pass on the headless core: defects found by using the CLI as a researcher."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.formats import detect_format
from annotator.formats.base import FormatError
from annotator.formats.csvfile import FORMAT as CSV
from annotator.importing import ImportFailed, ImportOptions, import_path
from annotator.store import Store

LABELSET_YAML = """\
name: good
version: 1
language: ar
labels:
  - key: X
    name: {ar: "س", en: "X"}
    color: "#112233"
    hotkey: "x"
"""


def _lines(path, records):
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


# ------------------------------------------------------------------ labelset add
def test_labelset_add_of_an_edited_file_replaces_the_stored_yaml(tmp_path, capsys):
    db = str(tmp_path / "study.db")
    yaml_file = tmp_path / "good.yaml"
    yaml_file.write_text(LABELSET_YAML, encoding="utf-8")
    assert main(["labelset", "add", str(yaml_file), "--db", db]) == 0
    assert "added good version 1" in capsys.readouterr().out
    assert main(["labelset", "add", str(yaml_file), "--db", db]) == 0
    assert "unchanged" in capsys.readouterr().out

    # same version, new colour and a new label: the edit must take effect, not be ignored
    edited = LABELSET_YAML.replace("#112233", "#445566") + (
        '  - key: Y\n    name: {en: "Y"}\n    color: "#000000"\n'
    )
    yaml_file.write_text(edited, encoding="utf-8")
    assert main(["labelset", "add", str(yaml_file), "--db", db]) == 0
    assert "updated" in capsys.readouterr().out
    store = Store.open(db)
    try:
        labelset = store.labelset("good")
        assert labelset.source == edited
        assert labelset.keys == ("X", "Y") and labelset.label("X").color == "#445566"
        doc = _lines(tmp_path / "d.jsonl", [{"id": "a", "text": "abc"}])
        import_path(store, doc)
        span = store.add_span(store.document_by_external_id("a").id, "amal", labelset, "Y", 0, 2)
        assert span.label == "Y"
    finally:
        store.close()


def test_labelset_add_refuses_dropping_a_key_under_the_same_version(tmp_path, capsys):
    db = str(tmp_path / "study.db")
    yaml_file = tmp_path / "good.yaml"
    yaml_file.write_text(LABELSET_YAML, encoding="utf-8")
    assert main(["labelset", "add", str(yaml_file), "--db", db]) == 0
    yaml_file.write_text(LABELSET_YAML.replace("key: X", "key: Z"), encoding="utf-8")
    assert main(["labelset", "add", str(yaml_file), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "good.yaml" in err and "drops" in err and "raise its version" in err
    store = Store.open(db)
    try:
        assert store.labelset("good").keys == ("X",)  # nothing changed
    finally:
        store.close()


# ------------------------------------------------------------------ CSV
def test_csv_semicolon_delimiter_is_detected(tmp_path):
    path = tmp_path / "c.csv"
    path.write_bytes('\ufeffurl;title;body\r\nhttp://a;ع;"سطر; أول\r\nسطر ثان"\r\n'.encode("utf-8"))
    [record] = list(CSV.read(path, text_column="body", id_column="url", title_column="title"))
    assert record.external_id == "http://a" and record.title == "ع"
    assert record.text == "سطر; أول\nسطر ثان"


def test_csv_tab_delimiter_option_and_clear_error_for_the_wrong_one(tmp_path, store, capsys):
    path = tmp_path / "c.csv"
    path.write_text("url\tbody\nhttp://t\tنص\n", encoding="utf-8")
    [record] = list(CSV.read(path, text_column="body", delimiter="tab"))
    assert record.text == "نص"
    with pytest.raises(FormatError) as exc:
        list(CSV.read(path, text_column="body", delimiter=","))
    assert f"{path}:1:" in str(exc.value) and "--delimiter" in str(exc.value)
    db = str(tmp_path / "cli.db")
    assert (
        main(
            [
                "import",
                str(path),
                "--text-column",
                "body",
                "--id-column",
                "url",
                "--delimiter",
                "tab",
                "--db",
                db,
            ]
        )
        == 0
    )


def test_csv_unclosed_quote_is_read_literally_not_a_silent_merge(tmp_path, store):
    # behaviour changed: a quote that never closes is read literally, as spreadsheet
    # programs do, instead of refusing the file; the following rows are still their own
    path = tmp_path / "c.csv"
    path.write_text('id,text\n1,"good"\n2,"never closed\n3,swallowed\n4,too\n', encoding="utf-8")
    items = list(CSV.read(path, id_column="id"))
    assert [(i.external_id, i.text, i.line) for i in items] == [
        ("1", "good", 2),
        ("2", '"never closed', 3),
        ("3", "swallowed", 4),
        ("4", "too", 5),
    ]
    import_path(store, path, ImportOptions(id_column="id"))
    assert store.document_count() == 4


# ------------------------------------------------------------------ messages
def test_refused_import_summary_never_claims_documents_were_added(tmp_path, store):
    path = _lines(tmp_path / "bad.jsonl", [{"id": "a", "text": "نص"}])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{broken\n")
    with pytest.raises(ImportFailed) as exc:
        import_path(store, path)
    message = str(exc.value)
    assert f"{path}:2: invalid JSON" in message
    assert "added" not in message and "nothing was imported" in message
    assert store.document_count() == 0


def test_invalid_utf8_line_is_named_once(tmp_path, store):
    path = tmp_path / "u.jsonl"
    path.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "u", "text": "\xff"}\n')
    with pytest.raises(ImportFailed) as exc:
        import_path(store, path)
    problem = exc.value.report.problems[0]
    assert problem == f"{path}:2: invalid UTF-8 at byte 21 of the line"


def test_whole_file_problems_have_no_line_zero(tmp_path, store):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("عنوان\nنص", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(ImportFailed) as exc:
        import_path(store, folder)
    assert exc.value.report.problems == [f"{folder / 'empty.txt'}: file is empty"]
    report = import_path(store, folder, ImportOptions(skip_invalid=True))
    assert report.documents_added == 1 and report.bad_records == 1


def test_file_of_blank_lines_is_reported_as_empty(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\xef\xbb\xbf\n  \r\n\n")
    with pytest.raises(FormatError, match="file is empty"):
        detect_format(path)


# ------------------------------------------------------------------ Prodigy answers
def test_prodigy_rejected_and_ignored_examples_import_no_spans(tmp_path, store):
    text = "قصفت الميليشيات الطائفية حي الشعار"
    span = {"start": 5, "end": 24, "label": "LOADED_TERM", "token_start": 1, "token_end": 2}
    path = _lines(
        tmp_path / "p.jsonl",
        [
            {
                "text": text,
                "spans": [span],
                "answer": "accept",
                "_annotator_id": "ds-amal",
                "_input_hash": 1,
                "tokens": [],
                "meta": {"id": "acc"},
            },
            {
                "text": text + ".",
                "spans": [span],
                "answer": "reject",
                "_annotator_id": "ds-amal",
                "_input_hash": 2,
                "meta": {"id": "rej"},
            },
            {
                "text": text + "!",
                "spans": [span],
                "answer": "ignore",
                "_annotator_id": "ds-amal",
                "_input_hash": 3,
                "meta": {"id": "ign"},
            },
        ],
    )
    report = import_path(store, path)
    assert report.format == "prodigy" and report.documents_added == 3
    acc, rej, ign = (store.document_by_external_id(i) for i in ("acc", "rej", "ign"))
    assert [s.text for s in store.spans(acc.id)] == ["الميليشيات الطائفية"]
    assert store.spans(rej.id) == [] and store.spans(ign.id) == []
    assert (
        store.status(rej.id, "ds-amal") == "skipped" and store.status(acc.id, "ds-amal") == "done"
    )
    assert rej.meta["answer"] == "reject"


# ------------------------------------------------------------------ repeated ids
def test_same_id_with_other_text_in_a_later_batch_is_refused_not_updated(
    tmp_path, store, monkeypatch
):
    import annotator.importing.importer as importing

    monkeypatch.setattr(importing, "BATCH_SIZE", 2)
    path = _lines(
        tmp_path / "dup.jsonl",
        [
            {"id": "z", "text": "first"},
            {"id": "a", "text": "a"},
            {"id": "b", "text": "b"},
            {"id": "z", "text": "second"},
            {"id": "z", "text": "first"},
        ],
    )
    with pytest.raises(ImportFailed) as exc:
        import_path(store, path, ImportOptions(update=True))
    assert exc.value.report.problems == [
        f"{path}:4 (id z): id 'z' appears twice in this file with different texts "
        "(first earlier in the file)"
    ]
    assert store.document_count() == 0
    report = import_path(store, path, ImportOptions(update=True, skip_invalid=True))
    assert report.documents_added == 3 and report.documents_updated == 0
    assert store.document_by_external_id("z").text == "first"


# ------------------------------------------------------------------ PTC rows
def test_ptc_bad_rows_are_named_by_their_labels_file_line(tmp_path, store):
    folder = tmp_path / "ptc"
    folder.mkdir()
    (folder / "article11.txt").write_text("عنوان\nنص المقال هنا\n", encoding="utf-8")
    (folder / "labels.tsv").write_text(
        "11\tLoaded_Language\t6\t9\n11\tDoubt\t5\t5\n11\tDoubt\t3\t400\n", encoding="utf-8"
    )
    with pytest.raises(ImportFailed) as exc:
        import_path(store, folder)
    labels = folder / "labels.tsv"
    assert exc.value.report.problems == [
        f"{labels}:2 (id 11): Doubt 5–5: end ≤ start",
        f"{labels}:3 (id 11): Doubt 3–400: end 400 is past the end of article11.txt "
        "(20 characters)",
    ]
    report = import_path(store, folder, ImportOptions(skip_invalid=True))
    doc = store.document_by_external_id("11")
    assert report.spans_added == 1 and [s.text for s in store.spans(doc.id)] == ["نص "]


# ------------------------------------------------------------------ export targets
@pytest.fixture
def labelled_db(tmp_path):
    db = str(tmp_path / "study.db")
    text = "قصفت الميليشيات الطائفية حي الشعار"
    src = _lines(
        tmp_path / "in.jsonl", [{"id": "a", "text": text, "label": [[5, 24, "LOADED_TERM"]]}]
    )
    assert main(["import", str(src), "--db", db, "--annotator", "amal"]) == 0
    return db


def test_export_to_an_existing_folder_is_a_clear_refusal(tmp_path, labelled_db, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    capsys.readouterr()
    assert main(["export", "--db", labelled_db, "-o", str(folder)]) == 2
    assert f"{folder}: is a folder" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_ptc_export_replaces_an_earlier_export_but_not_other_folders(tmp_path, labelled_db, capsys):
    out = tmp_path / "ptc"
    for _ in range(2):  # re-running the same export works
        assert main(["export", "--db", labelled_db, "--format", "ptc", "-o", str(out)]) == 0
    # plus the hidden list of what the export wrote (annotator.outputs.MANIFEST)
    assert sorted(p.name for p in out.iterdir()) == [
        ".annotator-export",
        "articlea.txt",
        "labels.tsv",
    ]
    assert (out / "labels.tsv").read_text(encoding="utf-8") == "a\tLOADED_TERM\t5\t24\n"
    other = tmp_path / "notes"
    other.mkdir()
    (other / "thesis.docx").write_bytes(b"x")
    capsys.readouterr()
    assert main(["export", "--db", labelled_db, "--format", "ptc", "-o", str(other)]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in other.iterdir()] == ["thesis.docx"]


def test_export_write_error_is_a_message_and_leaves_no_partial_file(
    tmp_path, labelled_db, monkeypatch, capsys
):
    from annotator.formats import get_format

    fmt = get_format("jsonl")

    def failing_write(records, target, **options):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fmt, "write", failing_write)
    target = tmp_path / "labels.jsonl"
    target.write_text("earlier export\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "--db", labelled_db, "-o", str(target)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "labels.jsonl", "study.db"]


def test_import_refused_before_any_record_gives_just_the_reason(tmp_path, store):
    src = _lines(tmp_path / "in.jsonl", [{"id": "a", "text": "نص"}])
    with pytest.raises(ImportFailed) as exc:
        import_path(store, src, ImportOptions(labelset="nope"))
    lines = str(exc.value).splitlines()
    assert lines[0].startswith("unknown label set 'nope'") and lines[1:] == ["nothing was imported"]


# ------------------------------------------------------------------ legacy encodings
def test_windows_1256_article_gets_an_encoding_hint(tmp_path, store):
    path = tmp_path / "old.txt"
    path.write_bytes("عنوان المقال\nقصفت الميليشيات الطائفية\n".encode("cp1256"))
    with pytest.raises(ImportFailed) as exc:
        import_path(store, path)
    [problem] = exc.value.report.problems
    assert problem.startswith(f"{path}:1: invalid UTF-8 at byte 0")
    assert "Windows-1256" in problem and "iconv -f CP1256 -t UTF-8" in problem


def test_windows_1256_csv_header_gets_an_encoding_hint(tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes("النص,المعرف\nقصفت الميليشيات,1\n".encode("cp1256"))
    with pytest.raises(FormatError, match="Windows-1256"):
        list(CSV.read(path))


def test_every_subcommand_help_has_a_description(capsys):
    for command in ("import", "export", "stats", "seed", "labelset"):
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        # a description paragraph between the usage block and the options
        body = out.split("\n\n")
        assert len(body) >= 3 and len(body[1].split()) >= 4, out
