"""Desktop-app figures: article open, hotkey-to-span, scrolling, cold start, next article,
memory.

    python benchmarks/bench_gui.py                 # 50 KB article / 2,000 spans, 100,000 documents
    python benchmarks/bench_gui.py --documents 20000

Runs offscreen unless DISPLAY is set (QT_QPA_PLATFORM may override). Targets: cold start
<= 1.5 s, next article <= 50 ms, span <= 16 ms median, memory <= 300 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def isolate(work: Path) -> None:
    os.environ.setdefault(
        "QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb"
    )
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["XDG_DATA_HOME"] = str(work / "data")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def big_article_db(work: Path) -> tuple[str, int]:
    from _corpus import seed_sentences
    from sqlalchemy import insert

    from annotator.models import utcnow
    from annotator.store import DOC, Store
    from annotator.textio import sha256_text

    rng = random.Random(3)
    sentences = seed_sentences()
    paragraphs, size = [], 0
    while size < 50_000:
        paragraph = " ".join(rng.choice(sentences) for _ in range(4))
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    text = "\n".join(paragraphs)
    db = str(work / "big-article.db")
    store = Store.open(db)
    with store.engine.begin() as conn:
        doc_id = conn.execute(
            insert(DOC).values(
                corpus="default",
                external_id="big",
                title="50 KB",
                text=text,
                sha256=sha256_text(text),
                source="",
                meta={},
                imported_at=utcnow(),
            )
        ).inserted_primary_key[0]
    labelset = store.labelset()
    words = [m.span() for m in re.finditer(r"\S+", text)]
    chosen = set()
    while len(chosen) < 2000:
        i = rng.randrange(len(words) - 3)
        length = rng.choice((1, 1, 1, 2, 3))
        key = labelset.labels[rng.randrange(len(labelset.labels))].key
        chosen.add((words[i][0], words[i + length - 1][1], key))
    store.add_spans(
        [
            dict(document_id=doc_id, annotator="bench", labelset=labelset, label=k, start=s, end=e)
            for s, e, k in sorted(chosen)
        ]
    )
    store.close()
    return db, doc_id


def bench_article(work: Path, trials: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.store import Store
    from ui.app import load_fonts, make_application
    from ui.mainwindow import MainWindow

    db, doc_id = big_article_db(work)
    app = make_application()
    load_fonts()
    store = Store.open(db)
    window = MainWindow(store, "bench", restore=False)
    window.resize(1300, 850)
    window.show()
    QApplication.processEvents()

    def paint() -> None:
        window.view.viewport().repaint()
        QApplication.processEvents()

    t0 = time.perf_counter()
    window.open_document(doc_id)
    paint()
    open_ms = (time.perf_counter() - t0) * 1000
    print(f"50 KB article with 2,000 spans: open {open_ms:.0f} ms")

    text = store.document(doc_id).text
    words = [m.span() for m in re.finditer(r"\S+", text[:20_000])]
    rng = random.Random(5)
    hotkey = window.session.labelset.labels[-1].hotkey or "1"
    timings, cpu, full, full_cpu = [], [], [], []
    for _ in range(trials):
        start, end = rng.choice(words)
        window.view.select_range(start, end)
        QApplication.processEvents()
        before = len(store.spans(doc_id))
        t0, c0 = time.perf_counter(), time.process_time()
        QTest.keyClick(window.view, hotkey)
        # What the running app paints: the regions the key marked dirty, painted when the
        # event loop runs (Qt merges them into one paint per window).
        QApplication.processEvents()
        t1, c1 = time.perf_counter(), time.process_time()
        # The earlier figure, for comparison: the whole article viewport forced on top.
        paint()
        t2, c2 = time.perf_counter(), time.process_time()
        if len(store.spans(doc_id)) != before + 1:
            window.undo_stack.undo()  # the range already had that label: not a valid trial
            continue
        timings.append((t1 - t0) * 1000)
        cpu.append((c1 - c0) * 1000)
        full.append((t2 - t0) * 1000)
        full_cpu.append((c2 - c0) * 1000)
    print(
        f"hotkey -> span stored and repainted: median {statistics.median(timings):.1f} ms, "
        f"p95 {percentile(timings, 0.95):.1f} ms over {len(timings)} spans (target <= 16 ms median)"
    )
    # CPU time of this process only: comparable between runs on a machine shared with other
    # work (wall time there includes waiting for a core).
    print(
        f"  (CPU time of that path: median {statistics.median(cpu):.1f} ms; load average "
        f"{os.getloadavg()[0]:.1f})"
    )
    print(
        f"  with a forced repaint of the whole article viewport (earlier runs' method): median "
        f"{statistics.median(full):.1f} ms wall, {statistics.median(full_cpu):.1f} ms CPU"
    )

    bar = window.view.verticalScrollBar()
    bar.setValue(0)
    paint()
    steps = []
    for _ in range(60):
        t0 = time.perf_counter()
        QTest.keyClick(window.view, Qt.Key.Key_PageDown)
        paint()
        steps.append((time.perf_counter() - t0) * 1000)
    print(
        f"scrolling (page down + repaint): median {statistics.median(steps):.1f} ms, "
        f"p95 {percentile(steps, 0.95):.1f} ms per page"
    )
    window.close()
    store.close()
    del app


CHILD = textwrap.dedent("""
    import os, resource, sys, time
    t_start = float(sys.argv[2])
    from PySide6.QtWidgets import QApplication
    from annotator.store import Store
    from ui.app import load_fonts, make_application
    from ui.mainwindow import MainWindow
    app = make_application()
    load_fonts()
    store = Store.open(sys.argv[1])
    window = MainWindow(store, "bench", restore=False)
    window.resize(1300, 850)
    window.show()
    window.go_neighbour(1) if window.session.document_id is None else None
    window.view.viewport().repaint()
    QApplication.processEvents()
    cold = time.time() - t_start
    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        window.go_neighbour(1)
        window.view.viewport().repaint()
        QApplication.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{cold:.3f} {times[len(times)//2]:.1f} {times[int(len(times)*0.95)]:.1f} {rss:.0f}")
""")


def corpus_db(work: Path, documents: int) -> str:
    from _corpus import write_native_jsonl

    from annotator.importing import ImportOptions, import_path
    from annotator.store import Store

    source = work / "corpus.jsonl"
    write_native_jsonl(source, documents, 3)
    db = str(work / "corpus.db")
    store = Store.open(db)
    t0 = time.perf_counter()
    import_path(store, source, ImportOptions(format="jsonl"))
    store.close()
    print(f"(built a {documents:,}-document database in {time.perf_counter() - t0:.0f} s)")
    return db


def bench_corpus(work: Path, documents: int) -> None:
    db = corpus_db(work, documents)
    runs = []
    for _ in range(3):
        start = time.time()
        result = subprocess.run(
            [sys.executable, "-c", CHILD, db, repr(start)],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            timeout=300,
        )
        if result.returncode != 0:
            print(result.stderr[-2000:])
            raise SystemExit("child failed")
        runs.append([float(x) for x in result.stdout.split()[-4:]])
    best = min(runs, key=lambda r: r[0])
    print(
        f"{documents:,} documents: cold start to first article {best[0]:.2f} s (best of 3; "
        f"target <= 1.5 s), next article median {best[1]:.1f} ms, p95 {best[2]:.1f} ms "
        f"(target <= 50 ms), memory {best[3]:.0f} MB (target <= 300 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--trials", type=int, default=60)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="annotator-gui-bench-"))
    isolate(work)
    bench_article(work, args.trials)
    bench_corpus(work, args.documents)


if __name__ == "__main__":
    main()
