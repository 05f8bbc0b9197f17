"""PTC gold → ``annotator import`` → ``annotator export`` → the official task scorer
(SemEval-2020 task 11, ``task-TC_scorer.py``), not run in CI.

The scorer is not part of this repository (its licence is the GPL, and it needs
scikit-learn): give the folder of a checkout of its ``tools/`` with ``--scorer`` and the
Python that has scikit-learn with ``--scorer-python``. The gold is a PTC folder or
labels file as ``annotator import`` reads it (articles beside or in a sibling folder);
``--gold-labels`` is the single labels file the scorer compares with (e.g.
``train-task2-TC.labels``; default: the gold path when it is a file).

    python scripts/ptc_scorer_check.py GOLD --scorer DIR --scorer-python PY \\
        [--gold-labels FILE] [--labelset propaganda-semeval2020-14]

Prints the scorer's output, whether the exported labels file is byte-identical to the
gold, and which exported article files differ from the originals. Exit status 1 when the
scorer refuses the export or the scores are not all 1.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TECHNIQUES = "data/propaganda-techniques-names-semeval2020task11.txt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="PTC folder or labels file to import")
    parser.add_argument("--scorer", type=Path, required=True, help="the scorer's tools/ folder")
    parser.add_argument("--scorer-python", default=sys.executable, help="Python with sklearn")
    parser.add_argument("--gold-labels", type=Path, default=None)
    parser.add_argument("--labelset", default="propaganda-semeval2020-14")
    args = parser.parse_args(argv)

    from annotator.exporting import ExportOptions, export_to
    from annotator.importing import ImportOptions, import_path
    from annotator.store import Store

    gold_labels = args.gold_labels or (args.gold if args.gold.is_file() else None)
    if gold_labels is None:
        parser.error("--gold-labels is needed when the gold is a folder")
    with tempfile.TemporaryDirectory(prefix="ptc-scorer-") as scratch:
        work = Path(scratch)
        store = Store.open(str(work / "check.sqlite"))
        try:
            report = import_path(
                store, args.gold, ImportOptions(annotator="gold", labelset=args.labelset)
            )
            print(report.summary())
            export_to(store, work / "out", ExportOptions(format="ptc", annotator="gold"))
        finally:
            store.close()
        exported = work / "out" / "labels.tsv"
        same = exported.read_bytes() == gold_labels.read_bytes()
        print(f"labels file byte-identical to {gold_labels.name}: {'yes' if same else 'no'}")
        articles = _original_articles(args.gold)
        differ = [
            p.name for p in articles if (work / "out" / p.name).read_bytes() != p.read_bytes()
        ]
        print(
            f"article files identical to the originals: {len(articles) - len(differ)} of "
            f"{len(articles)}" + (f" (differ: {', '.join(differ[:10])})" if differ else "")
        )
        run = subprocess.run(
            [
                args.scorer_python,
                "task-TC_scorer.py",
                "-s",
                str(exported),
                "-r",
                str(gold_labels.resolve()),
                "-p",
                TECHNIQUES,
            ],
            cwd=args.scorer,
            capture_output=True,
            text=True,
        )
    output = run.stdout + run.stderr
    print(output)
    scores = re.findall(r"^(F1|Precision|Recall)=([0-9.]+)$", output, re.M)
    perfect = len(scores) == 3 and all(float(v) == 1.0 for _, v in scores)
    return 0 if perfect and "OK: submission file format" in output else 1


def _original_articles(gold: Path) -> list[Path]:
    """The article files the import read: beside the labels, or in the folder (or its
    sibling folders, as the data set is downloaded)."""
    folder = gold if gold.is_dir() else gold.parent
    found = sorted(folder.glob("article*.txt"))
    if not found:
        found = sorted(folder.glob("*/article*.txt"))
    return found


if __name__ == "__main__":
    sys.exit(main())
