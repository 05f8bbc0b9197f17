"""Start-up of commands that open a database, against bare Python.

    python benchmarks/bench_startup.py            # median of 9 runs each
    python benchmarks/bench_startup.py --runs 21

Each figure is the median wall time (and the child's CPU time) of N fresh processes:
``python -c pass``, ``python -c "import sqlite3"``, and the CLI commands that open a
small current SQLite database and read it (``labelset list``, ``stats``, ``export``).
Target (issue 8): a command that opens a database starts in <= 0.3 s. The machine is
shared, so runs alternate between the commands and the median is printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its .pyc files
# (every child runs in ROOT: ``python -m`` puts the working folder before PYTHONPATH)


def timed(argv: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, check=True, env=ENV, stdout=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def make_database(folder: Path) -> Path:
    """A small current database with the seed corpus."""
    db = folder / "startup.db"
    subprocess.run(
        [PYTHON, "-m", "annotator", "seed", "--db", str(db)],
        check=True,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    return db


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9, help="processes per figure (median)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="annotator-startup-"))
    db = make_database(work)
    out = work / "out.jsonl"
    cli = [PYTHON, "-m", "annotator"]
    cases = {
        "python -c pass": [PYTHON, "-c", "pass"],
        'python -c "import sqlite3"': [PYTHON, "-c", "import sqlite3"],
        "annotator labelset list": [*cli, "labelset", "list", "--db", str(db)],
        "annotator stats": [*cli, "stats", "--db", str(db)],
        "annotator export (1 doc)": [*cli, "export", "--db", str(db), "-o", str(out)],
    }
    for argv in cases.values():
        timed(argv)  # compile .pyc files, warm the page cache
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(max(1, args.runs)):
        for name, argv in cases.items():  # interleaved: load changes hit every case alike
            out.unlink(missing_ok=True)
            results[name].append(timed(argv))

    bare = statistics.median(w for w, _c in results["python -c pass"])
    print(f"median of {args.runs} runs{'':16}{'wall':>9}{'cpu':>9}{'over pass':>11}")
    for name, runs in results.items():
        wall = statistics.median(w for w, _c in runs)
        cpu = statistics.median(c for _w, c in runs)
        print(f"{name:41}{wall:8.3f}s{cpu:8.3f}s{wall - bare:+10.3f}s")
    worst = max(
        statistics.median(w for w, _c in runs)
        for name, runs in results.items()
        if name.startswith("annotator")
    )
    print(f"slowest database-opening command: {worst:.3f}s wall (target <= 0.3 s)")


if __name__ == "__main__":
    main()
