"""``annotator agreement`` on a database: which documents and annotators are compared,
the output formats and the refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest

from annotator.cli import main
from annotator.store import Store
from tests.core.team.conftest import add_doc

TEXT = "قصفت الميليشيات الطائفية المدينة"
TERM = (5, 25)  # "الميليشيات الطائفية"


@pytest.fixture
def team_db(store: Store, db_path):
    ls = store.labelset()
    d1 = add_doc(store, "d1", TEXT)
    d2 = add_doc(store, "d2", TEXT)
    d3 = add_doc(store, "d3", TEXT)
    for name in ("amal", "bilal"):
        store.add_span(d1, name, ls, "LOADED_TERM", *TERM)
        store.set_status(d1, name, "done")
    store.add_span(d2, "amal", ls, "LOADED_TERM", *TERM)  # bilal never finished d2
    store.set_status(d2, "amal", "done")
    store.set_status(d2, "bilal", "in_progress")
    store.add_span(d3, "amal", ls, "LOADED_TERM", 0, 4)  # touched by amal only
    return db_path


def run_json(capsys, *argv: str) -> dict:
    assert main(list(argv) + ["--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_only_documents_every_annotator_marked_done_are_compared(team_db, capsys):
    result = run_json(capsys, "agreement", "--db", str(team_db))
    assert result["documents"] == 1
    assert result["annotators"] == ["amal", "bilal"]
    pair = result["pairs"][0]
    assert (pair["a"], pair["b"], pair["exact_f1"], pair["partial_f1"]) == (
        "amal",
        "bilal",
        1.0,
        1.0,
    )
    assert pair["labels"]["LOADED_TERM"]["kappa"] == 1.0
    assert result["alpha"]["labels"]["LOADED_TERM"] == pytest.approx(1.0)


def test_status_any_compares_documents_everyone_touched(team_db, capsys):
    result = run_json(capsys, "agreement", "--db", str(team_db), "--status", "any")
    assert result["documents"] == 2
    pair = result["pairs"][0]
    assert pair["exact_f1"] == pytest.approx(2 * 1 / 3)
    assert (pair["a_spans"], pair["b_spans"]) == (2, 1)


def test_json_holds_the_pinned_keys(team_db, capsys):
    result = run_json(capsys, "agreement", "--db", str(team_db))
    assert {"documents", "annotators", "pairs", "alpha"} <= set(result)
    assert {"a", "b", "documents", "exact_f1", "partial_f1", "kappa", "labels"} <= set(
        result["pairs"][0]
    )
    assert set(result["pairs"][0]["labels"]["LOADED_TERM"]) == {
        "exact_f1",
        "partial_f1",
        "kappa",
        "a_spans",
        "b_spans",
    }
    assert set(result["alpha"]) == {"overall", "labels"}


def test_csv_by_document_lists_each_document_pair(team_db, capsys):
    assert (
        main(
            [
                "agreement",
                "--db",
                str(team_db),
                "--status",
                "any",
                "--by",
                "document",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["document"], r["exact_f1"]) for r in table] == [("d1", "1.0"), ("d2", "0.0")]


def test_table_by_label_prints_alpha(team_db, capsys):
    assert main(["agreement", "--db", str(team_db), "--by", "label"]) == 0
    out = capsys.readouterr().out
    assert "LOADED_TERM" in out and "alpha" in out


def test_curators_are_left_out_unless_named(store: Store, team_db, capsys):
    from sqlalchemy import update

    from annotator.store import ANNOTATOR

    d1 = store.document_by_external_id("d1").id
    store.add_span(d1, "chief", store.labelset(), "LOADED_TERM", *TERM)
    store.set_status(d1, "chief", "done")
    with store.engine.begin() as conn:
        conn.execute(update(ANNOTATOR).where(ANNOTATOR.c.name == "chief").values(role="curator"))
    assert run_json(capsys, "agreement", "--db", str(team_db))["annotators"] == ["amal", "bilal"]
    named = run_json(capsys, "agreement", "--db", str(team_db), "--annotators", "amal,chief")
    assert named["annotators"] == ["amal", "chief"]


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--annotators", "amal,nobody"], "unknown annotator"),
        (["--annotators", "amal"], "at least two annotators"),
        (["--labelset", "no-such-set"], "no-such-set"),
    ],
)
def test_impossible_comparisons_are_refused_clearly(team_db, capsys, argv, words):
    assert main(["agreement", "--db", str(team_db), *argv]) == 2
    assert words in capsys.readouterr().err


def test_agreement_on_a_current_sqlite_file_never_imports_sqlalchemy(team_db):
    """Start-up is a third of the benchmark: the command reads through stdlib sqlite3."""
    import subprocess
    import sys

    code = (
        "import sys; from annotator.cli import main; "
        f"rc = main(['agreement', '--db', {str(team_db)!r}]); "
        "sys.exit(rc or (3 if 'sqlalchemy' in sys.modules else 0))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
