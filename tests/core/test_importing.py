"""The import pipeline: all-or-nothing, skip-invalid, idempotence, realignment reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.importing import ImportCancelled, ImportFailed, ImportOptions, import_path
from annotator.store import Store

TEXT = "قال ناشطون إن الميليشيات الطائفية قصفت المدينة"
TERM = "الميليشيات الطائفية"
S = TEXT.index(TERM)
E = S + len(TERM)


def write_lines(path: Path, *records) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(
                (record if isinstance(record, str) else json.dumps(record, ensure_ascii=False))
                + "\n"
            )
    return path


def doccano(i, text=TEXT, labels=((S, E, "LOADED_TERM"),)):
    return {"id": f"d{i}", "text": text, "label": [list(x) for x in labels]}


def snapshot(store: Store):
    return store.stats()


def test_doccano_import_stores_documents_and_spans(store: Store, tmp_path):
    src = write_lines(tmp_path / "in.jsonl", doccano(1), doccano(2))
    report = import_path(store, src, ImportOptions(annotator="amal"))
    assert report.committed and report.documents_added == 2 and report.spans_added == 2
    doc = store.document_by_external_id("d1")
    [span] = store.spans(doc.id)
    assert (span.start, span.end, span.text, span.annotator) == (S, E, TERM, "amal")


def test_all_or_nothing_reports_every_bad_line(store: Store, tmp_path):
    import_path(
        store, write_lines(tmp_path / "first.jsonl", doccano(0)), ImportOptions(annotator="amal")
    )
    before = snapshot(store)
    src = write_lines(
        tmp_path / "bad.jsonl",
        doccano(1),
        "{not json",
        {"id": "x"},
        doccano(3, labels=((5, 2, "LOADED_TERM"),)),
        doccano(4, labels=((0, 10_000, "LOADED_TERM"),)),
        doccano(5, labels=((S, E, "NO_SUCH_LABEL"),)),
        doccano(6),
    )
    with pytest.raises(ImportFailed) as failure:
        import_path(store, src, ImportOptions(annotator="amal"))
    problems = "\n".join(failure.value.report.problems)
    for line in (2, 3, 4, 5, 6):
        assert f"bad.jsonl:{line}" in problems, problems
    assert "bad.jsonl:1" not in problems and "bad.jsonl:7" not in problems
    assert "NO_SUCH_LABEL" in problems and "end ≤ start" in problems
    assert snapshot(store) == before  # nothing already stored lost or changed, nothing added


def test_skip_invalid_keeps_the_good_records(store: Store, tmp_path):
    src = write_lines(
        tmp_path / "bad.jsonl",
        doccano(1),
        "{not json",
        doccano(3),
        doccano(4, labels=((S, E, "LOADED_TERM"), (0, 10_000, "LOADED_TERM"))),
    )
    report = import_path(store, src, ImportOptions(annotator="amal", skip_invalid=True))
    assert report.documents_added == 3
    assert report.spans_added == 3 and report.refused_spans == 1 and report.bad_records == 1
    assert any("bad.jsonl:2" in p for p in report.problems)
    assert any("bad.jsonl:4" in p for p in report.problems)


def test_reimport_is_a_no_op_and_changed_text_needs_update(store: Store, tmp_path):
    src = write_lines(tmp_path / "in.jsonl", doccano(1))
    import_path(store, src, ImportOptions(annotator="amal"))
    again = import_path(store, src, ImportOptions(annotator="amal"))
    assert again.documents_added == 0 and again.documents_unchanged == 1
    assert again.spans_added == 0 and again.spans_existing == 1
    assert store.stats()["spans"] == 1 and store.document_count() == 1

    changed = write_lines(tmp_path / "changed.jsonl", {"id": "d1", "text": TEXT + "!"})
    with pytest.raises(ImportFailed, match="different text"):
        import_path(store, changed, ImportOptions())
    # --update may not rewrite a text that has spans
    with pytest.raises(ImportFailed, match="never rewritten"):
        import_path(store, changed, ImportOptions(update=True))
    plain = write_lines(tmp_path / "plain.jsonl", {"id": "p", "text": "نص"})
    import_path(store, plain, ImportOptions())
    write_lines(plain, {"id": "p", "text": "نص جديد"})
    report = import_path(store, plain, ImportOptions(update=True))
    assert report.documents_updated == 1
    assert store.document_by_external_id("p").text == "نص جديد"


def test_same_id_twice_in_one_file_with_different_text_is_refused(store: Store, tmp_path):
    src = write_lines(tmp_path / "dup.jsonl", {"id": "a", "text": "أ"}, {"id": "a", "text": "ب"})
    with pytest.raises(ImportFailed, match="appears twice"):
        import_path(store, src, ImportOptions())
    assert store.document_count() == 0


def test_cancel_rolls_back(store: Store, tmp_path):
    src = write_lines(tmp_path / "in.jsonl", *[doccano(i) for i in range(2500)])
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 1  # cancel after the first batch was written

    with pytest.raises(ImportCancelled):
        import_path(store, src, ImportOptions(annotator="amal"), cancel=cancel)
    assert store.document_count() == 0 and store.stats()["spans"] == 0
    # the store still works afterwards (no stale cached ids)
    report = import_path(store, src, ImportOptions(annotator="amal"))
    assert report.documents_added == 2500


def test_araieval_realignment_reported_and_strict_refuses(store: Store, tmp_path):
    text = "😀😀 " + TEXT
    s, e = text.index(TERM), text.index(TERM) + len(TERM)
    record = {
        "id": "t1",
        "text": text,
        "type": "tweet",
        "labels": [{"start": s + 2, "end": e + 2, "technique": "Loaded_Language", "text": TERM}],
    }
    src = write_lines(tmp_path / "ara.jsonl", record)
    with pytest.raises(ImportFailed, match="ara.jsonl:1"):
        import_path(store, src, ImportOptions(format="araieval", annotator="gold", strict=True))
    sink: list[dict] = []
    report = import_path(
        store, src, ImportOptions(format="araieval", annotator="gold"), report_sink=sink.append
    )
    assert report.realigned == {"utf16": 1}
    [realignment] = report.realignments
    assert (realignment.old, realignment.new, realignment.rule) == ((s + 2, e + 2), (s, e), "utf16")
    assert realignment.line == 1 and realignment.record_id == "t1"
    assert realignment.label == "Loaded_Language"
    assert sink and sink[0]["rule"] == "utf16"
    [span] = store.spans(store.document_by_external_id("t1").id)
    assert (span.start, span.end, span.text, span.labelset) == (
        s,
        e,
        TERM,
        "persuasion-techniques-23",
    )


def test_missing_file_and_empty_file(store: Store, tmp_path):
    with pytest.raises(ImportFailed, match="no such file"):
        import_path(store, tmp_path / "nope.jsonl", ImportOptions())
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(Exception, match="empty"):
        import_path(store, empty, ImportOptions(format="doccano"))


def test_invalid_utf8_names_the_line(store: Store, tmp_path):
    src = tmp_path / "bytes.jsonl"
    good = json.dumps(doccano(1), ensure_ascii=False).encode("utf-8")
    src.write_bytes(good + b"\n" + b'{"text": "\xff\xfe bad"}\n')
    with pytest.raises(ImportFailed) as failure:
        import_path(store, src, ImportOptions(annotator="amal"))
    assert any("bytes.jsonl:2" in p and "UTF-8" in p for p in failure.value.report.problems)


def test_seed_corpus_and_txt_folder(store: Store, tmp_path):
    from annotator.seed import ensure_seeded

    assert ensure_seeded(store) is True
    assert ensure_seeded(store) is False
    assert store.document_count() == 1
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_bytes("\ufeffعنوان\r\nسطر أول\r\n".encode())
    (folder / "b.txt").write_text("عنوان ب\nنص", encoding="utf-8")
    report = import_path(store, folder, ImportOptions())
    assert report.documents_added == 2
    a = store.document_by_external_id("a")
    assert a.text == "عنوان\nسطر أول\n" and a.title == "عنوان"


def test_oversized_records_are_refused_by_line(store: Store, tmp_path, monkeypatch):
    """A runaway record (e.g. a 200 MB line) is refused naming file and line, without
    being loaded whole; the limit is lowered here so the test stays small."""
    import annotator.formats._json_read as json_read
    import annotator.formats.plaintext as plaintext

    monkeypatch.setattr(json_read, "MAX_RECORD_BYTES", 10_000)
    monkeypatch.setattr(plaintext, "MAX_RECORD_BYTES", 10_000)
    src = write_lines(
        tmp_path / "big.jsonl", doccano(1), {"id": "huge", "text": "ن" * 20_000}, doccano(3)
    )
    with pytest.raises(ImportFailed) as failure:
        import_path(store, src, ImportOptions(annotator="amal"))
    [problem] = failure.value.report.problems
    assert "big.jsonl:2" in problem and "at most" in problem
    report = import_path(store, src, ImportOptions(annotator="amal", skip_invalid=True))
    assert report.documents_added == 2
    big_txt = tmp_path / "big.txt"
    big_txt.write_text("ن" * 20_000, encoding="utf-8")
    with pytest.raises(ImportFailed, match="big.txt:1"):
        import_path(store, big_txt, ImportOptions())


def test_skip_invalid_stores_no_span_of_a_refused_repeat_with_another_text(store: Store, tmp_path):
    other = "نص مختلف تماما عن الأول"
    src = write_lines(
        tmp_path / "in.jsonl",
        doccano(1, text="abc def"),
        doccano(1, text=other, labels=((4, 9, "LOADED_TERM"),)),
    )
    report = import_path(store, src, ImportOptions(annotator="amal", skip_invalid=True))
    assert report.committed and report.bad_records == 1
    assert "in.jsonl:2" in report.problems[0] and "first at line 1" in report.problems[0]
    doc = store.document_by_external_id("d1")
    assert doc.text == "abc def"
    # line 1's own span (the TERM offsets fall outside "abc def") is refused too
    for span in store.spans(doc.id):
        assert doc.text[span.start : span.end] == span.text
    assert [s for s in store.spans(doc.id) if (s.start, s.end) == (4, 9)] == []


def test_skip_invalid_refused_repeat_in_a_later_batch_stores_none_of_its_spans(
    store: Store, tmp_path, monkeypatch
):
    import annotator.importing.importer as importing

    monkeypatch.setattr(importing, "BATCH_SIZE", 1)
    first = {"id": "x", "text": "abc def", "label": [[0, 3, "LOADED_TERM"]]}
    second = {"id": "x", "text": "xyz uvw", "label": [[4, 7, "LOADED_TERM"]]}
    src = write_lines(tmp_path / "in.jsonl", first, second)
    report = import_path(store, src, ImportOptions(annotator="amal", skip_invalid=True))
    assert report.bad_records == 1
    doc = store.document_by_external_id("x")
    assert [(s.start, s.end, s.text) for s in store.spans(doc.id)] == [(0, 3, "abc")]


# ------------------------------------------------------------------ hostile inputs
def _refused_with_line(store: Store, src: Path, fmt: str, expected: str) -> None:
    before = snapshot(store)
    with pytest.raises(ImportFailed) as info:
        import_path(store, src, ImportOptions(format=fmt, annotator="amal"))
    problems = "\n".join(info.value.report.problems)
    assert f"{src}:1" in problems and expected in problems, problems
    assert snapshot(store) == before


@pytest.mark.parametrize("fmt", ["jsonl", "doccano", "prodigy"])
def test_json_nested_beyond_the_recursion_limit_is_refused_by_line(store: Store, tmp_path, fmt):
    src = tmp_path / "deep.jsonl"
    src.write_text(
        '{"id": "a", "text": "x", "meta": ' + "[" * 5000 + "]" * 5000 + "}\n", encoding="utf-8"
    )
    _refused_with_line(store, src, fmt, "nested too deeply")


def test_nested_line_with_an_escaped_emoji_is_refused_by_line(store: Store, tmp_path):
    src = tmp_path / "deep.jsonl"
    src.write_text(
        '{"id": "a", "text": "x \\ud83d\\ude00", "meta": ' + "[" * 900 + "]" * 900 + "}\n",
        encoding="utf-8",
    )
    _refused_with_line(store, src, "jsonl", "nested")


def test_integer_over_the_digit_limit_is_refused_by_line(store: Store, tmp_path):
    src = tmp_path / "big.jsonl"
    src.write_text('{"id": ' + "9" * 5000 + ', "text": "x"}\n', encoding="utf-8")
    _refused_with_line(store, src, "jsonl", "digits")


def test_labelstudio_array_nested_too_deeply_is_refused(store: Store, tmp_path):
    src = tmp_path / "tasks.json"
    src.write_text(
        '[{"data": {"text": "x"}, "meta": ' + "[" * 5000 + "]" * 5000 + "}]", encoding="utf-8"
    )
    _refused_with_line(store, src, "labelstudio", "nested too deeply")


def test_meta_nested_600_deep_is_refused_so_exports_never_break(store: Store, tmp_path):
    src = tmp_path / "meta.jsonl"
    src.write_text(
        '{"id": "a", "text": "abc", "meta": {"k": ' + '{"a": ' * 600 + "1" + "}" * 600 + "}}\n",
        encoding="utf-8",
    )
    _refused_with_line(store, src, "jsonl", "nested more than")


@pytest.mark.parametrize("where", ["record", "span"])
def test_blank_annotator_name_is_refused_by_line(store: Store, tmp_path, where):
    span = {"start": 0, "end": 3, "label": "LOADED_TERM"}
    record = {"id": "a", "text": "abc def", "spans": [span]}
    (record if where == "record" else span)["annotator"] = "   "
    src = write_lines(tmp_path / "in.jsonl", record)
    _refused_with_line(store, src, "jsonl", "annotator name is blank")


def test_blank_annotator_option_is_refused_before_reading(store: Store, tmp_path):
    src = write_lines(tmp_path / "in.jsonl", doccano(1))
    with pytest.raises(ImportFailed, match="annotator name is blank"):
        import_path(store, src, ImportOptions(annotator=" "))


def test_txt_file_name_that_is_not_utf8_is_refused_by_name(store: Store, tmp_path):
    import os

    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "good.txt").write_text("عنوان\nنص", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"\xff\xfe.txt"), "w", encoding="utf-8") as f:
        f.write("title\nbody")
    with pytest.raises(ImportFailed) as info:
        import_path(store, folder, ImportOptions(format="txt"))
    assert "\\xff\\xfe.txt: file name is not valid UTF-8" in "\n".join(info.value.report.problems)
    report = import_path(store, folder, ImportOptions(format="txt", skip_invalid=True))
    assert report.documents_added == 1 and report.bad_records == 1


@pytest.mark.parametrize("article_id", ["²", "١٢"])
def test_ptc_article_id_that_is_not_a_plain_number_is_no_traceback(
    store: Store, tmp_path, article_id
):
    folder = tmp_path / "ptc"
    folder.mkdir()
    (folder / "article1.txt").write_text("نص عن الحرب", encoding="utf-8")
    (folder / "labels.tsv").write_text(
        f"1\tLoaded_Language\t0\t2\n{article_id}\tLoaded_Language\t0\t1\n", encoding="utf-8"
    )
    with pytest.raises(ImportFailed):
        import_path(store, folder, ImportOptions(format="ptc"))
    report = import_path(store, folder, ImportOptions(format="ptc", skip_invalid=True))
    assert report.documents_added == 1


def test_ptc_article_id_too_long_for_a_file_name_is_refused_by_line(store: Store, tmp_path):
    folder = tmp_path / "ptc"
    folder.mkdir()
    (folder / "article1.txt").write_text("نص عن الحرب", encoding="utf-8")
    (folder / "labels.tsv").write_text(
        "1\tLoaded_Language\t0\t2\n" + "9" * 5000 + "\tLoaded_Language\t0\t1\n", encoding="utf-8"
    )
    with pytest.raises(ImportFailed) as info:
        import_path(store, folder, ImportOptions(format="ptc"))
    assert any("labels.tsv:2" in p and "not found" in p for p in info.value.report.problems)
