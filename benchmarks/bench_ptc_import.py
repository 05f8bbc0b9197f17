"""PTC import of one long article: 1,000 label rows on a 1,000,000-character article.

Prints the seconds the reader and the whole import take. The reader was O(rows ×
article length) (41 s for this case); it is now linear in the article plus its rows.
Run: PYTHONPATH=. python benchmarks/bench_ptc_import.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from annotator.formats import get_format
from annotator.importing import ImportOptions, import_path
from annotator.store import Store


def main() -> None:
    word = "الميليشيات "
    text = (word * (1_000_000 // len(word) + 1))[:1_000_000]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "ptc"
        folder.mkdir()
        (folder / "article1.txt").write_text(text, encoding="utf-8")
        step = len(word)
        rows = [f"1\tLoaded_Language\t{i * step}\t{i * step + 10}" for i in range(1000)]
        (folder / "labels.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        started = time.perf_counter()
        records = list(get_format("ptc").read(folder))
        read = time.perf_counter() - started
        store = Store.open(str(Path(tmp) / "b.db"))
        started = time.perf_counter()
        report = import_path(store, folder, ImportOptions(annotator="gold"))
        total = time.perf_counter() - started
        store.close()
    print(
        f"reader: {read:.2f} s for {len(records[0].spans)} rows; "
        f"import: {total:.2f} s ({report.spans_added} spans added)"
    )


if __name__ == "__main__":
    main()
