"""Concordance: occurrences through clitics and spelling, with who labelled them how."""

from __future__ import annotations

import json

from annotator.cli import main
from annotator.insight.concordance import concordance
from tests.core.insight.corpus import SOURCE_A, SOURCE_C, build


def test_every_occurrence_with_its_labels_and_the_missed_ones(store):
    build(store)
    found = concordance(store, "الثوار")
    # a1 الثوار (amal, omar), a2 «والثوار» → الثوار (amal's span «والثوار» overlaps), c1 الثوار (omar)
    assert [(o.external_id, o.match) for o in found] == [
        ("c1", "الثوار"),
        ("a1", "الثوار"),
        ("a2", "الثوار"),
    ]
    assert [o.source for o in found] == [SOURCE_C, SOURCE_A, SOURCE_A]  # sorted by source
    a1 = found[1]
    assert [(lb.annotator, lb.label) for lb in a1.labels] == [
        ("amal", "LOADED_TERM"),
        ("omar", "LOADED_TERM"),
    ]
    assert a1.left == "قال ناشطون إن " and a1.right.startswith(" صدوا")
    # «الجيش» was only suggested on b2: both occurrences are unlabelled
    army = concordance(store, "الجيش", sort="document")
    assert [o.external_id for o in army] == ["b1", "b2"] and not any(o.labelled for o in army)


def test_spelling_and_diacritics_are_forgiven(store):
    build(store)
    assert [o.match for o in concordance(store, "الإرْهابيين")] == ["الإرهابيين"] * 2
    assert concordance(store, "المسلحين", unlabelled_only=True) == []
    assert [o.external_id for o in concordance(store, "الثوار", source=SOURCE_A)] == ["a1", "a2"]


def test_concordance_cli(store, db_path, capsys):
    build(store)
    assert main(["concordance", "--db", str(db_path), "الجيش", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["document"], r["labels"]) for r in rows] == [("b1", []), ("b2", [])]
    assert main(["concordance", "--db", str(db_path), "قوات الأسد"]) == 0
    captured = capsys.readouterr()
    assert "amal:DELEGITIMISING_LABEL" in captured.out
    assert "2 occurrences, 1 unlabelled" in captured.err
