"""Import, export and start-up through the CLI, each against a bare sqlite3 + json loop.

    python benchmarks/bench_import_export.py                 # 20,000 articles of ~5 KB, 10 spans
    python benchmarks/bench_import_export.py --articles 2000 --repeat 3

Every figure is measured in the same run as its baseline and printed with the ratio:
- import: ``annotator import corpus.jsonl --db X`` (a fresh process: start-up included)
  against a loop that reads the same file with ``json``, inserts documents and spans with
  ``sqlite3`` (WAL, synchronous=FULL, one transaction) and commits. Target ≤ 2×.
- export: ``annotator export --db X -o out.jsonl`` against a loop that reads the same
  rows with ``sqlite3`` and writes one ``json.dumps`` line per document. Target ≤ 1.2×.
- start-up: ``annotator labelset list --db X`` against ``python -c pass``: the price of
  a command that opens a database before doing anything. Target ≤ 0.3 s. Wall time and
  the child's CPU time are both printed (on a loaded machine the CPU time is the fairer).
The machine is often noisy: --repeat N keeps the best of N for every figure (the import
and its baseline run in turn; --median reports their median of N instead).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from _corpus import write_native_jsonl  # noqa: E402

PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its children) of ``run()``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    run()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
    cpu = sum(
        a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime
        for a, b in zip(after, before, strict=True)
    )
    return wall, cpu


def best(
    repeat: int, run: Callable[[], object], before: Callable[[], object] | None = None
) -> tuple[float, float]:
    results = []
    for _ in range(max(1, repeat)):
        if before is not None:
            before()
        results.append(timed(run))
    return min(r[0] for r in results), min(r[1] for r in results)


def alternating(
    repeat: int,
    runs: list[tuple[Callable[[], object], Callable[[], object]]],
    median: bool,
) -> list[tuple[float, float]]:
    """(wall, CPU) of each (before, run) pair, taken in turn N times: a load that comes and
    goes on a shared machine falls on the command and its baseline alike. Best of N, or
    the median with ``median``."""
    results: list[list[tuple[float, float]]] = [[] for _ in runs]
    for _ in range(max(1, repeat)):
        for i, (before, run) in enumerate(runs):
            before()
            results[i].append(timed(run))
    pick = statistics.median if median else min
    return [(pick(r[0] for r in rs), pick(r[1] for r in rs)) for rs in results]


def cli(*args: str) -> None:
    # in ROOT: ``python -m`` puts the working folder before PYTHONPATH
    subprocess.run(
        [PYTHON, "-m", "annotator", *args], check=True, env=ENV, stdout=subprocess.DEVNULL, cwd=ROOT
    )


# ---------------------------------------------------------------------- bare baselines
def bare_import(corpus: Path, db: Path) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute(
        "CREATE TABLE doc (id INTEGER PRIMARY KEY, external_id TEXT UNIQUE, text TEXT, meta TEXT)"
    )
    conn.execute(
        "CREATE TABLE span (id INTEGER PRIMARY KEY, doc_id INTEGER, start INTEGER, "
        '"end" INTEGER, label TEXT, text TEXT, UNIQUE (doc_id, label, start, "end"))'
    )
    conn.execute("BEGIN IMMEDIATE")
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            doc_id = conn.execute(
                "INSERT INTO doc (external_id, text, meta) VALUES (?, ?, ?)",
                (record["id"], record["text"], json.dumps(record["meta"], ensure_ascii=False)),
            ).lastrowid
            conn.executemany(
                'INSERT INTO span (doc_id, start, "end", label, text) VALUES (?, ?, ?, ?, ?)',
                [(doc_id, s["start"], s["end"], s["label"], s["text"]) for s in record["spans"]],
            )
    conn.execute("COMMIT")
    conn.close()


def bare_export(db: Path, out: Path) -> None:
    conn = sqlite3.connect(db)
    with out.open("w", encoding="utf-8") as handle:
        spans: dict[int, list] = {}
        last = 0
        while True:
            docs = conn.execute(
                "SELECT id, external_id, text, meta FROM doc WHERE id > ? ORDER BY id LIMIT 1000",
                (last,),
            ).fetchall()
            if not docs:
                break
            spans.clear()
            for doc_id, start, end, label, text in conn.execute(
                'SELECT doc_id, start, "end", label, text FROM span WHERE doc_id BETWEEN ? AND ? '
                'ORDER BY doc_id, start, "end"',
                (docs[0][0], docs[-1][0]),
            ):
                spans.setdefault(doc_id, []).append(
                    {"start": start, "end": end, "label": label, "text": text}
                )
            for doc_id, external_id, text, meta in docs:
                handle.write(
                    json.dumps(
                        {
                            "id": external_id,
                            "text": text,
                            "meta": json.loads(meta),
                            "spans": spans.get(doc_id, []),
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            last = docs[-1][0]
    conn.close()


def _remove(*paths: Path) -> None:
    for path in paths:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--spans-per-article", type=int, default=10)
    parser.add_argument("--chars", type=int, default=5_000, help="minimum article length")
    parser.add_argument("--repeat", type=int, default=1, help="best of N for every figure")
    parser.add_argument(
        "--median", action="store_true", help="the import's figures: median of N, not best"
    )
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args()

    work = Path(args.workdir or tempfile.mkdtemp(prefix="annotator-bench-"))
    corpus = work / "corpus.jsonl"
    spans = write_native_jsonl(corpus, args.articles, args.spans_per_article, min_chars=args.chars)
    print(
        f"corpus: {args.articles:,} articles, {spans:,} spans, {corpus.stat().st_size / 1e6:.1f} MB"
    )
    bare_db, db = work / "bare.db", work / "bench.db"
    cli("labelset", "list", "--db", str(work / "warm.db"))  # compile .pyc once

    rows = []
    (bare_wall, bare_cpu), (wall, cpu) = alternating(
        args.repeat,
        [
            (lambda: _remove(bare_db), lambda: bare_import(corpus, bare_db)),
            (lambda: _remove(db), lambda: cli("import", str(corpus), "--db", str(db))),
        ],
        args.median,
    )
    rows.append(("import", wall, bare_wall, cpu, bare_cpu, 2.0))

    out, bare_out = work / "export.jsonl", work / "bare-export.jsonl"
    bare_wall, bare_cpu = best(args.repeat, lambda: bare_export(bare_db, bare_out))
    wall, cpu = best(
        args.repeat,
        lambda: cli("export", "--db", str(db), "-o", str(out)),
        lambda: out.unlink(missing_ok=True),
    )
    rows.append(("export (native jsonl)", wall, bare_wall, cpu, bare_cpu, 1.2))

    repeat = max(5, args.repeat)
    bare_wall, bare_cpu = best(
        repeat, lambda: subprocess.run([PYTHON, "-c", "pass"], check=True, env=ENV)
    )
    wall, cpu = best(repeat, lambda: cli("labelset", "list", "--db", str(db)))

    print(
        f"{'':24}{'annotator':>12}{'bare loop':>12}{'ratio':>8}{'target':>8}"
        f"{'cpu':>9}{'bare cpu':>10}{'ratio':>7}"
    )
    for name, w, bw, c, bc, target in rows:
        print(
            f"{name:24}{w:11.2f}s{bw:11.2f}s{w / bw:7.2f}×{target:7.1f}×"
            f"{c:8.2f}s{bc:9.2f}s{c / bc:6.2f}×"
        )
    print(
        f"{'start-up (labelset list)':24}{wall:11.3f}s{bare_wall:11.3f}s"
        f"{'':8}{'':8}{cpu:8.3f}s{bare_cpu:9.3f}s"
    )
    print(
        f"start-up over `python -c pass`: {wall - bare_wall:.3f}s wall, "
        f"{cpu - bare_cpu:.3f}s CPU   (target <= 0.3 s)"
    )


if __name__ == "__main__":
    main()
