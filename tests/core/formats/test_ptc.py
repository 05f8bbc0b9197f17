"""SemEval PTC: TSV labels + article<ID>.txt, both directions."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats import detect_format, get_format
from annotator.formats.base import BadRecord, FormatError, InRecord, OutRecord, OutSpan

FMT = get_format("ptc")
TITLE = "عنوان المقال 😀"
TEXT = TITLE + "\n\nالميليشيات الطائفية ﻻ ١٢٣ 123 𝕏 نهاية"


def out(ext: str = "111111112", text: str = TEXT, annotator: str | None = "amal",
        spans: tuple[OutSpan, ...] | None = None) -> OutRecord:
    if spans is None:
        s = text.index("الميليشيات")
        spans = (OutSpan(0, 5, "Loaded_Language", text[:5]),
                 OutSpan(s, s + 19, "Name_Calling,Labeling", text[s:s + 19]),
                 OutSpan(len(text) - 5, len(text), "Repetition", "نهاية"))
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
        (s.start, s.end, s.label) for s in out().spans]
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
    labels.write_text(f"article_id\ttechnique\tstart\tend\n7\tLoaded_Language\t{s}\t{s + 6}\n"
                      f"article7\tDoubt\t0\t5\n", encoding="utf-8")
    (rec,) = FMT.read(labels, articles_dir=articles)
    assert rec.text == "Title\n\nBody with Loaded words\n" and rec.title == "Title"
    assert [rec.text[s.start:s.end] for s in rec.spans] == ["Loaded", "Title"]
    assert rec.line == 2 and not rec.offsets_have_text


def test_bad_rows_missing_article_and_empty_file(tmp_path: Path):
    (tmp_path / "article1.txt").write_text("نص المقال", encoding="utf-8")
    labels = tmp_path / "labels.tsv"
    labels.write_text("1\tDoubt\t0\t2\n1\tDoubt\t0\n1\tDoubt\tx\t2\n9\tDoubt\t0\t1\n",
                      encoding="utf-8")
    got = list(FMT.read(labels))
    bads = [r for r in got if isinstance(r, BadRecord)]
    recs = [r for r in got if isinstance(r, InRecord)]
    assert [b.line for b in bads[:2]] == [2, 3]
    assert all(b.source_file == str(labels) for b in bads[:2])
    assert "4 tab-separated columns" in bads[0].reason and "not integers" in bads[1].reason
    assert "article9.txt" in bads[2].reason and bads[2].line == 4
    assert len(recs) == 1 and len(recs[0].spans) == 1
    labels.write_text("", encoding="utf-8")
    (bad,) = FMT.read(labels)
    assert bad.reason == "file is empty"


def test_invalid_utf8_in_article_names_line(tmp_path: Path):
    (tmp_path / "article1.txt").write_bytes(b"ok\nok\n\xff bad\n")
    (tmp_path / "l.tsv").write_text("1\tDoubt\t0\t2\n", encoding="utf-8")
    (bad,) = FMT.read(tmp_path / "l.tsv")
    assert isinstance(bad, BadRecord) and bad.line == 3 and "UTF-8" in bad.reason
