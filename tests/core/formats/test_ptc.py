"""SemEval PTC: TSV labels + article<ID>.txt, both directions."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats import detect_format, get_format
from annotator.formats.base import BadRecord, FormatError, InRecord, OutRecord, OutSpan

FMT = get_format("ptc")
TITLE = "عنوان المقال 😀"
TEXT = TITLE + "\n\nالميليشيات الطائفية ﻻ ١٢٣ 123 𝕏 نهاية"


def out(
    ext: str = "111111112",
    text: str = TEXT,
    annotator: str | None = "amal",
    spans: tuple[OutSpan, ...] | None = None,
) -> OutRecord:
    if spans is None:
        s = text.index("الميليشيات")
        spans = (
            OutSpan(0, 5, "Loaded_Language", text[:5]),
            OutSpan(s, s + 19, "Name_Calling,Labeling", text[s : s + 19]),
            OutSpan(len(text) - 5, len(text), "Repetition", "نهاية"),
        )
    return OutRecord(ext, text, "", "", {}, annotator, "done", "ptc", "1", spans)


def test_write_folder_and_read_back(tmp_path: Path):
    target = tmp_path / "export"
    target.mkdir()  # the export pipeline hands over an empty temp folder
    assert FMT.write([out(), out("2", "نص قصير", spans=())], target) == 3
    assert (target / "article111111112.txt").read_bytes() == TEXT.encode("utf-8")
    assert (target / "article2.txt").read_text(encoding="utf-8") == "نص قصير"
    rows = (target / "labels.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "111111112\tLoaded_Language\t0\t5"
    assert rows[2] == f"111111112\tRepetition\t{len(TEXT) - 5}\t{len(TEXT)}"
    assert detect_format(target) == "ptc"
    first, second = FMT.read(target)  # numeric id order: 2 before 111111112
    assert second.external_id == "111111112" and second.text == TEXT
    assert second.title == TITLE
    assert [(s.start, s.end, s.label) for s in second.spans] == [
        (s.start, s.end, s.label) for s in out().spans
    ]
    assert first.external_id == "2" and first.spans == []
    (again,) = FMT.read(target / "labels.tsv")  # only articles the TSV mentions
    assert again.external_id == "111111112" and len(again.spans) == 3


def test_merges_annotators_and_dedupes_rows(tmp_path: Path):
    target = tmp_path / "t"
    n = FMT.write([out(annotator="a"), out(annotator="b")], target, labels_file="gold.tsv")
    assert n == 3 and len((target / "gold.tsv").read_text(encoding="utf-8").splitlines()) == 3


def test_unsafe_ids_and_conflicts(tmp_path: Path):
    target = tmp_path / "t"
    FMT.write([out("a/b c", spans=())], target)
    assert (target / "articlea_b_c.txt").exists()
    with pytest.raises(FormatError, match="both"):
        FMT.write([out("a/b", spans=()), out("a b", spans=())], tmp_path / "u")
    with pytest.raises(FormatError, match="different texts"):
        FMT.write([out("x", spans=()), out("x", "other", spans=())], tmp_path / "v")
    with pytest.raises(FormatError):
        FMT.write([out(spans=(OutSpan(0, 3, "A", "xyz"),))], tmp_path / "w")


def test_reads_semeval_layout_with_articles_dir(tmp_path: Path):
    articles = tmp_path / "train-articles"
    articles.mkdir()
    raw = "Title\r\n\r\nBody with Loaded words\r\n"
    (articles / "article7.txt").write_bytes(raw.encode("utf-8"))
    labels = tmp_path / "train.labels"
    s = raw.index("Loaded")
    labels.write_text(
        f"article_id\ttechnique\tstart\tend\n7\tLoaded_Language\t{s}\t{s + 6}\n"
        f"article7\tDoubt\t0\t5\n",
        encoding="utf-8",
    )
    (rec,) = FMT.read(labels, articles_dir=articles)
    assert rec.text == "Title\n\nBody with Loaded words\n" and rec.title == "Title"
    assert [rec.text[s.start : s.end] for s in rec.spans] == ["Loaded", "Title"]
    assert rec.line == 2 and not rec.offsets_have_text


def test_bad_rows_missing_article_and_empty_file(tmp_path: Path):
    (tmp_path / "article1.txt").write_text("نص المقال", encoding="utf-8")
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        "1\tDoubt\t0\t2\n1\tDoubt\t0\n1\tDoubt\tx\t2\n9\tDoubt\t0\t1\n", encoding="utf-8"
    )
    got = list(FMT.read(labels))
    bads = [r for r in got if isinstance(r, BadRecord)]
    recs = [r for r in got if isinstance(r, InRecord)]
    assert [b.line for b in bads[:2]] == [2, 3]
    assert all(b.source_file == str(labels) for b in bads[:2])
    assert "4 tab-separated columns" in bads[0].reason and "not integers" in bads[1].reason
    assert "article9.txt" in bads[2].reason and bads[2].line == 4
    assert len(recs) == 1 and len(recs[0].spans) == 1


def test_empty_labels_file_means_no_technique(tmp_path: Path):
    # behaviour changed: an empty labels file was refused; in SemEval-2020 it is an
    # article without techniques (14 of the 371 train articles)
    (tmp_path / "article1.txt").write_text("نص المقال", encoding="utf-8")
    (tmp_path / "article2.txt").write_text("مقال آخر", encoding="utf-8")
    empty = tmp_path / "article1.task-flc-tc.labels"
    empty.write_text("", encoding="utf-8")
    (tmp_path / "article2.task-flc-tc.labels").write_text("2\tDoubt\t0\t3\n", encoding="utf-8")
    (rec,) = FMT.read(empty)
    assert isinstance(rec, InRecord) and rec.external_id == "1" and rec.spans == []
    got = list(FMT.read(tmp_path))
    assert [(r.external_id, len(r.spans)) for r in got] == [("1", 0), ("2", 1)]


def test_article_id_walking_out_of_the_folder_is_refused(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("سر", encoding="utf-8")
    inner = tmp_path / "in" / "deep"
    inner.mkdir(parents=True)
    labels = inner / "labels.tsv"
    labels.write_text("/../../outside/secret\tDoubt\t0\t1\n", encoding="utf-8")
    (bad,) = FMT.read(labels)
    assert isinstance(bad, BadRecord) and (bad.source_file, bad.line) == (str(labels), 1)
    assert "outside" in bad.reason


def test_invalid_utf8_in_article_names_line(tmp_path: Path):
    (tmp_path / "article1.txt").write_bytes(b"ok\nok\n\xff bad\n")
    (tmp_path / "l.tsv").write_text("1\tDoubt\t0\t2\n", encoding="utf-8")
    (bad,) = FMT.read(tmp_path / "l.tsv")
    assert isinstance(bad, BadRecord) and bad.line == 3 and "UTF-8" in bad.reason


def test_export_gives_back_the_original_rows_for_the_official_scorer(tmp_path: Path, store):
    from annotator.exporting import ExportOptions, export_to
    from annotator.importing import ImportOptions, import_path

    gold = tmp_path / "gold"
    gold.mkdir()
    text = "عنوان المقال\nقصفت الميليشيات الطائفية حي الشهداء"
    (gold / "article5.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # with a BOM
    (gold / "article6.txt").write_text(text, encoding="utf-8")
    s = text.index("الميليشيات")
    rows = [
        f"5\tLoaded_Language\t{s + 1}\t{s + 20}",  # the BOM counts one
        f"5\tDoubt\t{1}\t{6}",
        f"5\tLoaded_Language\t{s + 1}\t{s + 20}",  # duplicate row, kept
        f"6\tName_Calling-Labeling\t{s}\t{s + 10}",
        "6\tDoubt\t0\t5",
    ]
    (gold / "gold.labels").write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_path(store, gold, ImportOptions(annotator="gold"))
    doc = store.document_by_external_id("5")
    assert doc.text == text
    assert {sp.text for sp in store.spans(doc.id)} == {"الميليشيات الطائفية", "عنوان"}
    out = tmp_path / "out"
    export_to(store, out, ExportOptions(format="ptc"))
    assert (out / "labels.tsv").read_text(encoding="utf-8").splitlines() == rows
    assert (out / "article5.txt").read_bytes() == (gold / "article5.txt").read_bytes()


def test_refused_row_is_named_by_its_labels_file_line(tmp_path: Path, store):
    from annotator.importing import ImportFailed, ImportOptions, import_path

    (tmp_path / "article1.txt").write_text("نص المقال هنا", encoding="utf-8")
    labels = tmp_path / "l.labels"
    labels.write_text("1\tDoubt\t0\t2\n1\tNo_Such_Technique\t3\t8\n", encoding="utf-8")
    try:
        import_path(store, labels, ImportOptions())
    except ImportFailed as failure:
        [refusal] = failure.report.refusals
        assert (refusal.file, refusal.line, refusal.label) == (str(labels), 2, "No_Such_Technique")
    else:
        raise AssertionError("the unknown technique was not refused")
