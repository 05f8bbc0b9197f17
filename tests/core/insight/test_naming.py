"""Fightin' Words log-odds and z against hand computation (corpus.py)."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest

from annotator.cli import main
from annotator.insight.naming import fightin_words, naming_divergence
from tests.core.insight.corpus import SOURCE_A, SOURCE_B, SOURCE_C, build


def test_log_odds_and_z_match_the_hand_computed_case():
    # Outlet i uses term x 3 times of 3; the rest use x once and y 3 times (n_j = 4).
    # Pooled: x 4, y 3, n = 7; prior scale 1: α_x = 4, α_y = 3, α_0 = 7.
    counts = {"i": Counter({"x": 3}), "j": Counter({"x": 1, "y": 3})}
    scores = {(s.source, s.term): s for s in fightin_words(counts)}
    x = scores[("i", "x")]
    # δ = ln((3+4)/(3+7-3-4)) - ln((1+4)/(4+7-1-4)) = ln(7/3) - ln(5/6) = 1.02962
    assert x.log_odds == pytest.approx(math.log(7 / 3) - math.log(5 / 6))
    assert x.log_odds == pytest.approx(1.02962, abs=1e-5)
    # σ² = 1/(3+4) + 1/(1+4) = 0.342857; z = 1.02962 / 0.585540 = 1.75841
    assert x.z == pytest.approx(1.75841, abs=1e-5)
    y = scores[("i", "y")]
    # δ = ln((0+3)/(3+7-0-3)) - ln((3+3)/(4+7-3-3)) = ln(3/7) - ln(6/5) = -1.02962
    assert y.log_odds == pytest.approx(-1.02962, abs=1e-5)
    # σ² = 1/3 + 1/6 = 0.5; z = -1.02962 / 0.707107 = -1.45611
    assert y.z == pytest.approx(-1.45611, abs=1e-5)
    assert (x.count, x.rest) == (3, 1)


def test_a_smaller_prior_shrinks_less():
    counts = {"i": Counter({"x": 3}), "j": Counter({"x": 1, "y": 3})}
    strong = {(s.source, s.term): s.log_odds for s in fightin_words(counts, 1.0)}
    weak = {(s.source, s.term): s.log_odds for s in fightin_words(counts, 0.1)}
    # prior 0.1: α_x = 0.4, α_0 = 0.7: δ = ln(3.4/0.3) - ln(1.4/3.3)
    assert weak[("i", "x")] == pytest.approx(math.log(3.4 / 0.3) - math.log(1.4 / 3.3))
    assert weak[("i", "x")] > strong[("i", "x")]


def test_nothing_to_compare_with_one_term_or_one_source():
    assert fightin_words({"i": Counter({"x": 2}), "j": Counter({"x": 5})}) == []
    assert fightin_words({"i": Counter({"x": 2, "y": 1})}) == []


def test_naming_of_the_fighters_per_outlet_from_the_database(store):
    build(store)
    naming = naming_divergence(store, "LOADED_TERM", target="fighters")
    # counts: A الثوار 3; B الارهابيين 2; C الثوار 1, المسلحين 1 (pooled 4, 2, 1; n = 7)
    assert naming.counts == {
        SOURCE_A: Counter({"الثوار": 3}),
        SOURCE_B: Counter({"الارهابيين": 2}),
        SOURCE_C: Counter({"الثوار": 1, "المسلحين": 1}),
    }
    assert naming.display["الارهابيين"] == "الإرهابيين"  # shown as written
    scores = {(s.source, s.term): s for s in naming.scores}
    assert len(scores) == 3 * 3
    # A vs rest for الثوار: y_i 3, n_i 3, y_j 1, n_j 4, α 4, α0 7 → the case above
    assert scores[(SOURCE_A, "الثوار")].z == pytest.approx(1.75841, abs=1e-5)
    # B vs rest for الارهابيين: y_i 2, n_i 2, y_j 0, n_j 5, α 2, α0 7
    # δ = ln(4/(2+7-2-2)) - ln(2/(5+7-0-2)) = ln(4/5) - ln(2/10)
    b = scores[(SOURCE_B, "الارهابيين")]
    assert b.log_odds == pytest.approx(math.log(4 / 5) - math.log(2 / 10))
    assert b.z == pytest.approx(b.log_odds / math.sqrt(1 / 4 + 1 / 2))
    assert naming_divergence(store, "LOADED_TERM", target="nobody").counts == {}


def test_naming_cli_json_and_error(store, db_path, capsys):
    build(store)
    assert (
        main(
            [
                "naming",
                "--db",
                str(db_path),
                "--label",
                "LOADED_TERM",
                "--target",
                "fighters",
                "--format",
                "json",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    top = next(r for r in rows if r["source"] == SOURCE_A)
    assert (top["term"], top["form"], top["count"], top["z"]) == ("الثوار", "الثوار", 3, 1.7584)
    assert main(["naming", "--db", str(db_path), "--label", "EUPHEMISM"]) == 2
    assert "no spans of EUPHEMISM" in capsys.readouterr().err
