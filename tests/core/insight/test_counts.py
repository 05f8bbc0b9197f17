"""``stats --by …`` figures against the hand-counted corpus in corpus.py."""

from __future__ import annotations

import json

import pytest

from annotator.cli import main
from annotator.insight.counts import Filters, by_annotator, by_label, by_source, by_term
from annotator.insight.terms import term_key
from tests.core.insight.corpus import SOURCE_A, SOURCE_B, SOURCE_C, build


@pytest.fixture
def corpus(store):
    build(store)
    return store


def test_by_source_counts_documents_words_spans_and_density(corpus):
    rows = by_source(corpus)
    # ties on documents are ordered by name: سانا before عنب بلدي
    assert [r["source"] for r in rows] == [SOURCE_B, SOURCE_A, SOURCE_C]
    a = rows[1]
    assert a == {
        "source": SOURCE_A,
        "documents": 2,
        "words": 15,
        "spans": 5,
        "labels": {"DELEGITIMISING_LABEL": 1, "GLORIFYING_TERM": 1, "LOADED_TERM": 3},
        "per_1000_words": round(5 * 1000 / 15, 3),
    }
    b = rows[0]  # the suggestion on b2 does not count
    assert (b["documents"], b["words"], b["spans"], b["labels"]) == (2, 11, 2, {"LOADED_TERM": 2})
    assert b["per_1000_words"] == pytest.approx(181.818)
    assert (rows[2]["words"], rows[2]["spans"], rows[2]["per_1000_words"]) == (7, 2, 285.714)


def test_by_source_for_one_annotator_keeps_the_coverage_and_filters_spans(corpus):
    rows = {r["source"]: r for r in by_source(corpus, Filters(annotator="amal"))}
    assert rows[SOURCE_A]["spans"] == 4 and rows[SOURCE_A]["per_1000_words"] == 266.667
    assert rows[SOURCE_C]["spans"] == 1 and rows[SOURCE_C]["words"] == 7
    assert by_source(corpus, Filters(labelset="no-such-set"))[0]["spans"] == 0


def test_by_label_and_by_annotator(corpus):
    labels = {r["label"]: r for r in by_label(corpus)}
    loaded = labels["LOADED_TERM"]
    assert (loaded["spans"], loaded["documents"], loaded["sources"]) == (7, 4, 3)
    assert loaded["per_1000_words"] == round(7 * 1000 / 33, 3)
    people = {r["annotator"]: r for r in by_annotator(corpus)}
    assert people["omar"]["spans"] == 2 and people["omar"]["documents"] == 2
    assert people["omar"]["words"] == 8 + 7  # a1 and c1
    assert people["amal"]["labels"] == {
        "DELEGITIMISING_LABEL": 1,
        "GLORIFYING_TERM": 1,
        "LOADED_TERM": 5,
    }
    assert people["amal"]["documents"] == 4 and people["amal"]["words"] == 8 + 7 + 8 + 7


def test_terms_merge_clitics_and_spelling_and_count_per_source(corpus):
    assert term_key("والثوار") == term_key("الثوارِ") == term_key("للثوار") == "الثوار"
    assert term_key("وصول") == "وصول"  # a bare word is never cut
    rows = {(r["label"], r["term"]): r for r in by_term(corpus)}
    thuwar = rows[("LOADED_TERM", "الثوار")]
    assert thuwar["spans"] == 4
    assert thuwar["sources"] == {SOURCE_A: 3, SOURCE_C: 1}
    assert thuwar["forms"] == {"الثوار": 3, "والثوار": 1}
    assert rows[("LOADED_TERM", "الارهابيين")]["sources"] == {SOURCE_B: 2}
    assert rows[("DELEGITIMISING_LABEL", "قوات الاسد")]["spans"] == 1


def test_stats_cli_by_source_json_is_the_documented_list(corpus, db_path, capsys):
    assert main(["stats", "--db", str(db_path), "--by", "source", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [set(r) for r in rows] == [
        {"source", "documents", "words", "spans", "labels", "per_1000_words"}
    ] * 3
    assert rows[1]["labels"]["LOADED_TERM"] == 3


def test_stats_cli_table_and_csv_and_unchanged_summary(corpus, db_path, capsys):
    assert main(["stats", "--db", str(db_path), "--by", "source", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "source,documents,words,spans,labels.DELEGITIMISING_LABEL,"
        "labels.GLORIFYING_TERM,labels.LOADED_TERM,per_1000_words"
    )
    assert lines[2] == f"{SOURCE_A},2,15,5,1,1,3,333.333"
    assert main(["stats", "--db", str(db_path), "--by", "term", "--annotator", "omar"]) == 0
    table = capsys.readouterr().out
    assert "الثوار" in table and f"{SOURCE_C} 1; {SOURCE_A} 1" in table  # ties by name
    assert main(["stats", "--db", str(db_path)]) == 0
    summary = capsys.readouterr().out
    assert summary.startswith("documents: 5\nspans: 9\n")
