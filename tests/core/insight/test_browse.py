"""The documents behind a figure (what the Statistics window opens on a click)."""

from __future__ import annotations

from annotator.insight.browse import documents_behind
from tests.core.insight.corpus import SOURCE_A, SOURCE_B, build


def test_documents_behind_a_source_label_term_and_annotator(store):
    build(store)
    assert [(d.external_id, d.spans) for d in documents_behind(store, source=SOURCE_B)] == [
        ("b1", 2),
        ("b2", 0),
    ]  # every document of the outlet, the suggestion not counted
    loaded = documents_behind(store, label="LOADED_TERM")
    assert [(d.external_id, d.spans) for d in loaded] == [
        ("a1", 2),
        ("a2", 1),
        ("b1", 2),
        ("c1", 2),
    ]
    # «والثوار» on a2 is the term «الثوار»; omar's spans only
    assert [d.external_id for d in documents_behind(store, term="الثوار")] == ["a1", "a2", "c1"]
    assert [
        (d.external_id, d.spans)
        for d in documents_behind(store, term="الثوار", annotator="omar", source=SOURCE_A)
    ] == [("a1", 1)]
    assert documents_behind(store, label="LOADED_TERM", limit=1)[0].external_id == "a1"
