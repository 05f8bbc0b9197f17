"""Import-only corpora: .txt files / folders and CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats import get_format
from annotator.formats.base import BadRecord, FormatError, InRecord

TXT = get_format("txt")
CSV = get_format("csv")


# ---------------------------------------------------------------- txt
def test_single_file_with_bom_and_crlf(tmp_path: Path, seed_text: str):
    p = tmp_path / "مقال-1.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ("\r\n  عنوان 😀\r\n" + seed_text).encode("utf-8"))
    (rec,) = TXT.read(p)
    assert rec.external_id == "مقال-1" and rec.title == "عنوان 😀"
    assert rec.text == "\n  عنوان 😀\n" + seed_text.replace("\r\n", "\n")
    assert rec.source_file == str(p) and rec.spans == []


def test_folder_recursive_sorted_with_relative_ids(tmp_path: Path):
    (tmp_path / "b.txt").write_text("ب", encoding="utf-8")
    (tmp_path / "a.txt").write_text("أ", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("ج", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    recs = list(TXT.read(tmp_path))
    assert [r.external_id for r in recs] == ["a", "b", "sub/a"]
    assert [r.text for r in recs] == ["أ", "ب", "ج"]


def test_txt_bad_files(tmp_path: Path):
    (tmp_path / "bad.txt").write_bytes(b"one\ntwo\n\xd8\xff three\n")
    (tmp_path / "empty.txt").write_bytes(b"\xef\xbb\xbf \n")
    (tmp_path / "good.txt").write_text("ok", encoding="utf-8")
    bad, empty, good = TXT.read(tmp_path)
    assert isinstance(bad, BadRecord) and bad.line == 3 and "UTF-8" in bad.reason
    assert "bad.txt:3" in str(bad)
    assert isinstance(empty, BadRecord) and empty.reason == "file is empty"
    assert isinstance(good, InRecord)
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    with pytest.raises(FormatError, match="no .txt"):
        list(TXT.read(nothing))


# ---------------------------------------------------------------- csv
def write_csv(tmp_path: Path, content: str, name: str = "corpus.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(content.encode("utf-8"))
    return p


def test_csv_columns_multiline_fields_and_lines(tmp_path: Path):
    p = write_csv(
        tmp_path,
        '\ufeffid,title,body,lang\r\n1,عنوان,"سطر أول\r\nسطر ثان 😀",ar\r\n\r\n2,,نص ٢ 123,ar\r\n',
    )
    a, b = CSV.read(p, text_column="body", id_column="id", title_column="title")
    assert (a.external_id, a.title, a.text, a.meta, a.line) == (
        "1",
        "عنوان",
        "سطر أول\nسطر ثان 😀",
        {"lang": "ar"},
        2,
    )
    assert (b.external_id, b.title, b.line) == ("2", "", 5)


def test_csv_defaults_and_none_options(tmp_path: Path):
    p = write_csv(tmp_path, "text,x\nنص,1\n")
    (rec,) = CSV.read(p, text_column="text", id_column=None, title_column=None)
    assert rec.external_id is None and rec.meta == {"x": "1"}


def test_csv_huge_field(tmp_path: Path):
    big = "كلمة " * 60_000  # past csv's default 128 KiB field limit
    p = write_csv(tmp_path, f'text\n"{big}"\n')
    (rec,) = CSV.read(p)
    assert rec.text == big


def test_csv_missing_column_names_file_and_columns(tmp_path: Path):
    p = write_csv(tmp_path, "body,lang\nنص,ar\n")
    with pytest.raises(FormatError) as exc:
        list(CSV.read(p))
    message = str(exc.value)
    assert "corpus.csv" in message and "'text'" in message and "'body', 'lang'" in message
    with pytest.raises(FormatError, match="id column 'nope'"):
        list(CSV.read(p, text_column="body", id_column="nope"))


def test_csv_bad_rows(tmp_path: Path):
    p = tmp_path / "c.csv"
    p.write_bytes('id,text\n1,good\n2,\xff\n3,a,extra\n4,\n5,"ok"\n'.encode("latin-1"))
    got = list(CSV.read(p, id_column="id"))
    kinds = [(type(r).__name__, r.line) for r in got]
    assert kinds == [
        ("InRecord", 2),
        ("BadRecord", 3),
        ("BadRecord", 4),
        ("BadRecord", 5),
        ("InRecord", 6),
    ]
    assert "UTF-8" in got[1].reason and got[1].record_id == "2"
    assert "3 fields" in got[2].reason and "empty text" in got[3].reason


def test_csv_empty_and_header_only(tmp_path: Path):
    (bad,) = CSV.read(write_csv(tmp_path, "\n\n", "e.csv"))
    assert isinstance(bad, BadRecord) and bad.reason == "file is empty"
    (bad,) = CSV.read(write_csv(tmp_path, "text\n", "h.csv"))
    assert isinstance(bad, BadRecord) and "no rows" in bad.reason


# ---------------------------------------------------------------- CSV as spreadsheets read it
def test_csv_field_starting_with_a_quote_is_read_literally(tmp_path: Path):
    p = tmp_path / "fig.tsv"
    p.write_text(
        "id\ttext\tlabel\n"
        '1\t"ده مش معتقل".. جدل حول الصورة\tUnbiased\n'
        '2\t"مقتبس" كاملاً\tBiased\n'
        '3\t"حقل\tبين علامتين"\tUnclear\n',
        encoding="utf-8",
    )
    got = list(CSV.read(p, id_column="id", delimiter="tab"))
    assert [(r.external_id, r.text) for r in got] == [
        ("1", '"ده مش معتقل".. جدل حول الصورة'),
        ("2", '"مقتبس" كاملاً'),
        ("3", "حقل\tبين علامتين"),
    ]


def test_csv_broken_record_is_reported_and_reading_goes_on(tmp_path: Path, store):
    from annotator.importing import ImportOptions, import_path

    p = tmp_path / "c.csv"
    p.write_text('id,text\n1,أول\n2,ثان,زائد\n3,"متعدد\nالأسطر"\n4,رابع\n', encoding="utf-8")
    got = list(CSV.read(p, id_column="id"))
    assert [(type(r).__name__, r.line) for r in got] == [
        ("InRecord", 2),
        ("BadRecord", 3),
        ("InRecord", 4),
        ("InRecord", 6),
    ]
    assert "3 fields" in got[1].reason and got[2].text == "متعدد\nالأسطر"
    report = import_path(store, p, ImportOptions(id_column="id", skip_invalid=True))
    assert (report.records, report.rows, report.bad_records) == (4, 5, 1)
    assert "4 records in 5 rows" in report.summary()


def test_csv_with_cr_only_line_ends_is_read(tmp_path: Path):
    p = tmp_path / "mac.csv"
    p.write_bytes("id,text\r1,أول\r2,ثان\r".encode())
    got = list(CSV.read(p, id_column="id"))
    assert [(r.external_id, r.text, r.line) for r in got] == [("1", "أول", 2), ("2", "ثان", 3)]


def test_csv_column_names_match_whatever_their_case(tmp_path: Path):
    # FIGNEWS 2024 names its columns "ID" and "Text"
    src = tmp_path / "fignews.tsv"
    src.write_text('Batch\tID\tText\nB01\t61\tكيف سيطرت حركة "#حماس" على غزة؟\n', encoding="utf-8")
    (rec,) = CSV.read(src, id_column="id")
    assert isinstance(rec, InRecord)
    assert (rec.external_id, rec.text) == ("61", 'كيف سيطرت حركة "#حماس" على غزة؟')
    assert rec.meta == {"Batch": "B01"}


def test_csv_column_names_differing_only_in_case_must_be_chosen_exactly(tmp_path: Path):
    src = tmp_path / "two.csv"
    src.write_text("Text,TEXT\na,b\n", encoding="utf-8")
    with pytest.raises(FormatError, match="--text-column"):
        list(CSV.read(src))
    (rec,) = CSV.read(src, text_column="TEXT")
    assert isinstance(rec, InRecord) and rec.text == "b"
