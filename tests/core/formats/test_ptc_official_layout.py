"""The SemEval-2020 task 11 data set as distributed: articles and labels in sibling folders.

``datasets/train-articles/article<ID>.txt`` with one labels file per article in
``datasets/train-labels-task2-technique-classification/`` (4 columns) and
``datasets/train-labels-task1-span-identification/`` (3 columns, no technique), or one
``train-task-flc-tc.labels`` file beside the articles folder.
"""

from __future__ import annotations

from pathlib import Path

from annotator.formats import detect_format, get_format
from annotator.formats.base import BadRecord, InRecord
from annotator.importing import ImportOptions, import_path
from annotator.store import Store

FMT = get_format("ptc")
ARTICLE = "Plague could be 'stronger': WHO\n\nThe outbreak appeared to be under control.\n"
S = ARTICLE.index("appeared")


def _dataset(root: Path) -> Path:
    articles = root / "train-articles"
    tc = root / "train-labels-task2-technique-classification"
    si = root / "train-labels-task1-span-identification"
    for folder in (articles, tc, si):
        folder.mkdir(parents=True)
    (articles / "article111111111.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "article111111112.txt").write_text("No technique here.\n", encoding="utf-8")
    (tc / "article111111111.task2-TC.labels").write_text(
        f"111111111\tDoubt\t{S}\t{S + 8}\n", encoding="utf-8"
    )
    (tc / "article111111112.task2-TC.labels").write_text("", encoding="utf-8")
    (si / "article111111111.task1-SI.labels").write_text(
        f"111111111\t{S}\t{S + 8}\n", encoding="utf-8"
    )
    (si / "article111111112.task1-SI.labels").write_text("", encoding="utf-8")
    return root


def test_dataset_folder_with_articles_and_labels_in_subfolders_is_ptc(tmp_path: Path):
    root = _dataset(tmp_path / "datasets")
    assert detect_format(root) == "ptc"


def test_dataset_folder_reads_the_technique_labels_and_says_it_left_span_only_files(
    tmp_path: Path,
):
    root = _dataset(tmp_path / "datasets")
    got = list(FMT.read(root))
    assert not [r for r in got if isinstance(r, BadRecord)]
    first, second = got
    assert isinstance(first, InRecord) and isinstance(second, InRecord)
    assert [(s.start, s.end, s.label) for s in first.spans] == [(S, S + 8, "Doubt")]
    assert first.text[S : S + 8] == "appeared"
    assert (second.external_id, second.spans) == ("111111112", [])
    assert any("task1-SI" in w and "no technique" in w for w in first.warnings)


def test_dataset_folder_imports_every_article_with_its_spans(store: Store, tmp_path: Path):
    root = _dataset(tmp_path / "datasets")
    report = import_path(store, root, ImportOptions(annotator="gold"))
    assert report.refused_spans == 0
    [span] = store.spans(store.document_by_external_id("111111111").id)
    assert (span.text, span.label) == ("appeared", "Doubt")
    assert store.document_by_external_id("111111112") is not None


def test_one_labels_file_of_a_labels_folder_finds_its_article_in_the_sibling_folder(
    tmp_path: Path,
):
    root = _dataset(tmp_path / "datasets")
    labels = (
        root / "train-labels-task2-technique-classification" / ("article111111111.task2-TC.labels")
    )
    (rec,) = FMT.read(labels)
    assert isinstance(rec, InRecord) and rec.text[rec.spans[0].start : rec.spans[0].end] == (
        "appeared"
    )


def test_single_labels_file_beside_the_articles_folder(tmp_path: Path):
    root = tmp_path / "datasets"
    (root / "dev-articles").mkdir(parents=True)
    (root / "dev-articles" / "article5.txt").write_text(ARTICLE, encoding="utf-8")
    labels = root / "dev-task-flc-tc.labels"
    labels.write_text(f"5\tDoubt\t{S}\t{S + 8}\n", encoding="utf-8")
    assert detect_format(labels) == "ptc" and detect_format(root) == "ptc"
    (rec,) = FMT.read(labels)
    assert isinstance(rec, InRecord) and rec.external_id == "5" and len(rec.spans) == 1
    (again,) = FMT.read(root)
    assert isinstance(again, InRecord) and len(again.spans) == 1


def test_an_article_id_in_two_article_folders_is_refused_by_name(tmp_path: Path):
    root = tmp_path / "datasets"
    for name in ("train-articles", "dev-articles"):
        (root / name).mkdir(parents=True)
        (root / name / "article5.txt").write_text(name, encoding="utf-8")
    (root / "labels.tsv").write_text("5\tDoubt\t0\t3\n", encoding="utf-8")
    got = list(FMT.read(root))
    bad = [r for r in got if isinstance(r, BadRecord)]
    assert len(bad) == 1 and "train-articles" in bad[0].reason and "dev-articles" in bad[0].reason
