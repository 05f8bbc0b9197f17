"""Optional γ (Mathet et al.) per document through pygamma-agreement.

The figures themselves are the library's; what is ours is what it is given (every
compared annotator's spans as units with label and code-point range, one continuum per
document), where γ lands in the output, that a document nobody marked has no γ, and a
clear refusal when the package is missing. The library is heavy (numba, cvxpy): its
import must never be paid by a command that does not ask for γ.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from annotator.cli import main
from annotator.store import Store
from annotator.team.agreement import Comparison
from tests.core.team.conftest import add_doc

TEXT = "قصفت الميليشيات الطائفية المدينة"


@pytest.fixture
def gamma_db(store: Store, db_path):
    """d1: both mark the same two spans; d2: they disagree; d3: nobody marks anything."""
    ls = store.labelset()
    docs = [add_doc(store, name, TEXT) for name in ("d1", "d2", "d3")]
    for name in ("amal", "bilal"):
        store.add_span(docs[0], name, ls, "LOADED_TERM", 5, 25)
        store.add_span(docs[0], name, ls, "LOADED_TERM", 26, 32)
    store.add_span(docs[1], "amal", ls, "LOADED_TERM", 0, 4)
    store.add_span(docs[1], "bilal", ls, "LOADED_TERM", 16, 32)
    for doc in docs:
        for name in ("amal", "bilal"):
            store.set_status(doc, name, "done")
    return db_path


def test_gamma_without_the_package_names_the_extra_to_install(gamma_db, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pygamma_agreement", None)  # import fails as if absent
    assert main(["agreement", "--db", str(gamma_db), "--gamma"]) != 0
    err = capsys.readouterr().err
    assert "pygamma-agreement" in err and "annotator[gamma]" in err
    assert "Traceback" not in err


def test_agreement_without_gamma_never_imports_the_library(gamma_db):
    code = (
        "import sys; from annotator.cli import main; "
        f"main(['agreement', '--db', {str(gamma_db)!r}]); "
        "sys.exit(2 if any(m.split('.')[0] in ('pygamma_agreement', 'numba', 'cvxpy') "
        "for m in sys.modules) else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_gamma_is_one_for_identical_spans_lower_when_they_differ_none_when_empty(gamma_db, capsys):
    pytest.importorskip("pygamma_agreement")
    assert main(["agreement", "--db", str(gamma_db), "--gamma", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    gammas = {d["document"]: d["gamma"] for d in result["by_document"]}
    assert gammas["d1"] == pytest.approx(1.0)
    assert gammas["d2"] < 0.5
    assert gammas["d3"] is None
    assert result["gamma"]["documents"] == 2
    assert result["gamma"]["mean"] == pytest.approx((gammas["d1"] + gammas["d2"]) / 2)


def test_gamma_counts_labels_and_every_annotator(gamma_db, capsys):
    pytest.importorskip("pygamma_agreement")
    from annotator.team.gamma import document_gamma

    same = {"a": {1: {(0, 4, "X"), (5, 15, "Y")}}, "b": {1: {(0, 4, "X"), (5, 15, "Y")}}}
    relabelled = {"a": same["a"], "b": {1: {(0, 4, "Y"), (5, 15, "X")}}}
    third_differs = {**same, "c": {1: {(20, 30, "X")}}}
    texts = {1: "x" * 40}
    assert document_gamma(Comparison.from_spans(["a", "b"], texts, same), 1) == pytest.approx(1)
    assert document_gamma(Comparison.from_spans(["a", "b"], texts, relabelled), 1) < 1
    assert document_gamma(Comparison.from_spans(["a", "b", "c"], texts, third_differs), 1) < 1


def test_gamma_column_in_the_per_document_table(gamma_db, capsys):
    pytest.importorskip("pygamma_agreement")
    assert main(["agreement", "--db", str(gamma_db), "--gamma", "--by", "document"]) == 0
    out, err = capsys.readouterr()
    assert "CBC" not in err  # the library's solver chatter stays out of the terminal
    header = next(line for line in out.splitlines() if line.split()[:3] == ["document", "a", "b"])
    assert header.split()[-1] == "gamma"
    assert "gamma (Mathet et al.), mean over 2 documents" in out
