"""Where a SemEval PTC data set keeps its files, as it is distributed.

The SemEval-2020 task 11 download is a ``datasets`` folder holding ``train-articles/``
(``article<ID>.txt``), one folder of technique labels per task
(``train-labels-task2-technique-classification/article<ID>.task2-TC.labels``: id,
technique, start, end) and one of span-only labels
(``train-labels-task1-span-identification/…task1-SI.labels``: id, start, end), or a
single ``train-task-flc-tc.labels`` beside the articles folder. Earlier versions of the
reader only looked for articles beside the labels, so the data set as downloaded read
as plain text without a single span. This module finds the folders; ``ptc.py`` reads
them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.formats._json_read import iter_lines
from annotator.formats.base import BadRecord

LABEL_SUFFIXES = (".tsv", ".labels")


def is_header(cells: list[str]) -> bool:
    lowered = [c.strip().lower() for c in cells]
    return any(c in ("start", "begin", "begin_offset", "start_offset") for c in lowered)


def first_row_columns(path: Path) -> int | None:
    """Tab-separated cells of the first data row (after an optional header), or None
    for a file without rows (an empty labels file: an article without techniques)."""
    for number, raw in iter_lines(path):
        if isinstance(raw, int):
            return None
        if not raw.strip():
            continue
        cells = raw.decode("utf-8", errors="replace").split("\t")
        if number == 1 and is_header(cells):
            continue
        return len(cells)
    return None


def looks_like_label_rows(path: Path) -> bool:
    """A .tsv whose first row (after an optional header) is id, technique, start, end."""
    for number, raw in iter_lines(path):
        if isinstance(raw, int):
            return False
        if not raw.strip():
            continue
        cells = raw.decode("utf-8", errors="replace").split("\t")
        if len(cells) != 4:
            return False
        if number == 1 and is_header(cells):
            continue
        return all(c.strip().lstrip("-").isdigit() for c in cells[2:])
    return False


def _has_articles(folder: Path) -> bool:
    return any(p.is_file() and p.stem != "article" for p in folder.glob("article*.txt"))


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())
    except OSError:
        return []


def article_folders(base: Path) -> list[Path]:
    """``base`` and its direct subfolders that hold ``article*.txt`` files."""
    return [f for f in [base, *_subfolders(base)] if _has_articles(f)]


def _is_labels_file(path: Path, top: bool) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".labels":
        return True
    # a .tsv beside the articles is the classic layout; deeper, only what looks like rows
    return suffix == ".tsv" and (top or looks_like_label_rows(path))


def label_files(folder: Path) -> list[Path]:
    """Labels files in ``folder`` and its direct subfolders."""
    found: list[Path] = []
    for depth, where in enumerate([folder, *_subfolders(folder)]):
        try:
            files = sorted(p for p in where.iterdir() if p.is_file())
        except OSError:
            continue
        found.extend(p for p in files if _is_labels_file(p, depth == 0))
    return found


def span_only(files: list[Path]) -> tuple[list[Path], list[Path]]:
    """(technique files, span-identification files). Three-column files carry no
    technique; they are left out when technique files are there too (the data set ships
    both for the same articles), and read (and refused row by row) when alone."""
    three = [f for f in files if first_row_columns(f) == 3]
    if len(three) == len(files) or not three:
        return files, []
    chosen = set(three)
    return [f for f in files if f not in chosen], three


def span_only_warning(skipped: list[Path]) -> str:
    return (
        f"left {len(skipped)} span-identification labels file(s) out (3 columns, no "
        f"technique; the technique labels were read), e.g. {skipped[0]}"
    )


@dataclass(slots=True)
class ArticleIndex:
    """Which folder holds each article; ids found in two folders are refused."""

    folders: list[Path]
    where: dict[str, Path] = field(default_factory=dict)
    twice: dict[str, list[Path]] = field(default_factory=dict)

    @classmethod
    def of(cls, folders: list[Path]) -> ArticleIndex:
        index = cls(folders)
        for folder in folders:
            for file in folder.glob("article*.txt"):
                if not file.is_file() or file.stem == "article":
                    continue
                article_id = file.stem[len("article") :]
                if article_id in index.where:
                    index.twice.setdefault(article_id, [index.where[article_id]]).append(folder)
                else:
                    index.where[article_id] = folder
        return index

    def folder_of(self, article_id: str, default: Path) -> Path:
        return self.where.get(article_id, self.folders[0] if self.folders else default)

    def duplicate(self, article_id: str, source: str, line: int) -> BadRecord | None:
        folders = self.twice.get(article_id)
        if not folders:
            return None
        named = ", ".join(str(f) for f in folders)
        return BadRecord(
            source, line, f"article{article_id}.txt is in more than one folder: {named}", article_id
        )
