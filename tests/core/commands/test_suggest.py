"""``annotator suggest`` and ``annotator lexicon test`` through annotator.cli.main."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, insert, select

from annotator.cli import main
from annotator.models import utcnow
from annotator.store import DOC, SPAN, Store
from annotator.suggestions import SUGGESTION, suggestions_for
from annotator.textio import sha256_text


@pytest.fixture
def db(db_path, seed_text):
    store = Store.open(str(db_path))
    with store.engine.begin() as conn:
        for i, text in enumerate([seed_text, "وقال الثوار إن العصابات هاجمت", "لا شيء"]):
            conn.execute(
                insert(DOC).values(
                    corpus="default",
                    external_id=f"d{i}",
                    title="",
                    text=text,
                    sha256=sha256_text(text),
                    source="",
                    meta={},
                    imported_at=utcnow(),
                )
            )
    store.close()
    return str(db_path)


def count(db: str, table) -> int:
    store = Store.open(db)
    try:
        with store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        store.close()


def write(tmp_path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_suggest_from_labelset_terms_twice(db, capsys):
    assert main(["suggest", "--db", db]) == 0
    out = capsys.readouterr().out
    stored = count(db, SUGGESTION)
    assert stored > 0
    assert "documents: 3" in out and f"new suggestions: {stored}" in out
    # شهداء, الثوار… are terms of LOADED_TERM and of a more specific label: one suggestion
    # per range, and the specific label wins (LOADED_TERM has priority -1).
    assert re.search(r"GLORIFYING_TERM\t\d+", out)
    assert main(["suggest", "--db", db]) == 0
    assert "new suggestions: 0" in capsys.readouterr().out
    assert count(db, SUGGESTION) == stored
    assert count(db, SPAN) == 0


def test_suggest_plain_list_needs_label(db, tmp_path, capsys):
    lexicon = write(tmp_path, "terms.txt", "# rebels\nالثوار\n")
    assert main(["suggest", "--db", db, "--lexicon", lexicon]) == 2
    assert "--label" in capsys.readouterr().err
    assert main(["suggest", "--db", db, "--lexicon", lexicon, "--label", "NOPE"]) == 2
    assert "NOPE" in capsys.readouterr().err
    assert main(["suggest", "--db", db, "--lexicon", lexicon, "--label", "LOADED_TERM"]) == 0
    store = Store.open(db)
    try:
        listed = suggestions_for(store, 2, "amal")
    finally:
        store.close()
    assert [(s.text, s.term, s.label) for s in listed] == [("الثوار", "الثوار", "LOADED_TERM")]
    assert listed[0].source.endswith("terms.txt")


def test_suggest_accept_makes_spans_without_duplicates(db, tmp_path, capsys):
    assert main(["suggest", "--db", db, "--accept"]) == 2
    assert "--annotator" in capsys.readouterr().err
    lexicon = write(tmp_path, "lex.yaml", "LOADED_TERM: [الثوار, عصابات]\n")
    args = ["suggest", "--db", db, "--lexicon", lexicon, "--accept", "--annotator", "amal"]
    assert main(args) == 0
    out = capsys.readouterr().out
    spans = count(db, SPAN)
    assert spans > 0 and f"new spans for amal: {spans}" in out
    assert main(args) == 0
    assert count(db, SPAN) == spans
    assert count(db, SUGGESTION) == 0
    store = Store.open(db)
    try:
        assert [s.text for s in store.spans(2, "amal")] == ["الثوار", "العصابات"]
    finally:
        store.close()


def test_suggest_mode_and_label_filter(db, tmp_path, capsys):
    lexicon = write(tmp_path, "lex.yaml", "LOADED_TERM: [ثوار]\nGLORIFYING_TERM: [شهيد]\n")
    assert (
        main(
            [
                "suggest",
                "--db",
                db,
                "--lexicon",
                lexicon,
                "--mode",
                "exact",
                "--label",
                "LOADED_TERM",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    # exact: only the bare word "ثوار" (once in the seed), never الثوار / للثوار.
    assert "new suggestions: 1" in out and "GLORIFYING_TERM" not in out


def test_suggest_errors_are_clear(db, tmp_path, capsys):
    bad = write(tmp_path, "bad.yaml", "LOADED_TERM: [شهيد\n")
    assert main(["suggest", "--db", db, "--lexicon", bad]) == 2
    assert "bad.yaml:2" in capsys.readouterr().err
    unknown = write(tmp_path, "unknown.yaml", "NOT_A_LABEL: [شهيد]\n")
    assert main(["suggest", "--db", db, "--lexicon", unknown]) == 2
    assert "NOT_A_LABEL" in capsys.readouterr().err
    assert main(["suggest", "--db", db, "--labelset", "no-such-set"]) == 2
    assert "no-such-set" in capsys.readouterr().err
    assert main(["suggest", "--db", db, "--label", "NOT_A_LABEL"]) == 2
    assert count(db, SUGGESTION) == 0


def test_lexicon_test_prints_offsets_text_and_term(tmp_path, capsys):
    lexicon = write(tmp_path, "t.txt", "الميليشيات الطائفية\nشهيد\n")
    text = "هاجمت والميليشيات الطائفية القرية وسقط شهيداً"
    assert main(["lexicon", "test", lexicon, "--text", text, "--label", "LOADED_TERM"]) == 0
    lines = capsys.readouterr().out.splitlines()
    s = text.index("الميليشيات")
    assert lines[0] == f"{s}\t{s + 19}\tLOADED_TERM\tالميليشيات الطائفية\tالميليشيات الطائفية"
    s = text.index("شهيداً")
    assert lines[1] == f"{s}\t{s + 6}\tLOADED_TERM\tشهيداً\tشهيد"
    assert lines[2] == "2 matches (2 terms)"
    assert (
        main(["lexicon", "test", lexicon, "--text", text, "--label", "L", "--mode", "exact"]) == 0
    )
    assert capsys.readouterr().out.splitlines() == ["0 matches (2 terms)"]


def test_lexicon_test_errors(tmp_path, capsys):
    lexicon = write(tmp_path, "t.txt", "شهيد\n")
    assert main(["lexicon", "test", lexicon, "--text", "x"]) == 2
    assert "needs a label" in capsys.readouterr().err
    assert main(["lexicon", "test", str(tmp_path / "none.yaml"), "--text", "x"]) == 2
    assert "cannot read" in capsys.readouterr().err
