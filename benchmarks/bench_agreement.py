"""``annotator agreement`` on 10,000 documents × 3 annotators × 10 spans each.

Target: the whole command (process start, reading, computing, printing) in ≤ 3 s.
Prints the median (of ``--repeat`` runs) wall and CPU time of the command run as a
subprocess, the in-process CPU time of reading and of computing, and the sizes.

    PYTHONPATH=. python benchmarks/bench_agreement.py [--documents 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import articles  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from annotator.models import utcnow  # noqa: E402
from annotator.store import DOC, SPAN, STATUS, Store  # noqa: E402
from annotator.textio import sha256_text  # noqa: E402

ANNOTATORS = ("amal", "bilal", "carim")
LABELS = ("LOADED_TERM", "GLORIFYING_TERM", "DELEGITIMISING_LABEL")


def build(path: Path, documents: int, spans_per_annotator: int) -> int:
    store = Store.open(str(path))
    ls = store.labelset()
    label_ids = [store.label_id(ls, key) for key in LABELS if ls.label(key)]
    annotator_ids = [store.annotator_id(name) for name in ANNOTATORS]
    rng = random.Random(3)
    now = utcnow()
    docs, spans, statuses = [], [], []
    for doc_id, (external_id, text) in enumerate(articles(documents), start=1):
        docs.append(
            dict(
                id=doc_id,
                corpus="default",
                external_id=external_id,
                title="",
                text=text,
                sha256=sha256_text(text),
                source="",
                meta={},
                imported_at=now,
            )
        )
        words = [m.span() for m in re.finditer(r"\S+(?:\s+\S+)?", text)]
        shared = rng.sample(words, min(len(words), spans_per_annotator + 4))
        for aid in annotator_ids:
            chosen: set[tuple[int, int, int]] = set()
            while len(chosen) < spans_per_annotator:
                start, end = rng.choice(shared) if rng.random() < 0.7 else rng.choice(words)
                if rng.random() < 0.15:  # a boundary disagreement
                    end = max(start + 1, end - rng.randrange(1, 4))
                chosen.add((start, end, rng.choice(label_ids)))
            for start, end, label_id in chosen:
                spans.append(
                    dict(
                        document_id=doc_id,
                        annotator_id=aid,
                        label_id=label_id,
                        start=start,
                        end=end,
                        text=text[start:end],
                        attributes={},
                        note="",
                        created_at=now,
                        updated_at=now,
                    )
                )
            statuses.append(
                dict(document_id=doc_id, annotator_id=aid, status="done", updated_at=now)
            )
    with store.engine.begin() as conn:
        conn.execute(insert(DOC), docs)
        conn.execute(insert(SPAN), spans)
        conn.execute(insert(STATUS), statuses)
    store.close()
    return len(spans)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--spans", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "team.db"
        t0 = time.perf_counter()
        n_spans = build(path, args.documents, args.spans)
        print(
            f"built {args.documents} documents, {len(ANNOTATORS)} annotators, {n_spans} spans "
            f"in {time.perf_counter() - t0:.1f} s"
        )
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
        for fmt in ("table", "json"):
            walls, cpus = [], []
            for _ in range(args.repeat):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "annotator",
                        "agreement",
                        "--db",
                        str(path),
                        "--format",
                        fmt,
                    ],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                walls.append(time.perf_counter() - t0)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
                if done.returncode:
                    raise SystemExit(done.stderr)
            # CPU time too: on a shared machine the wall time mostly measures the neighbours
            print(
                f"annotator agreement --format {fmt}: median of {args.repeat}: "
                f"{statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
                "(target ≤ 3 s)"
            )
        from annotator.team.agreement import compute_agreement
        from annotator.team.dataset import load_comparison

        store = Store.open(str(path))
        reads, computes = [], []
        for _ in range(args.repeat):
            t0 = time.process_time()
            with store.database.reading() as reader:
                comparison, _ = load_comparison(reader)
            t1 = time.process_time()
            compute_agreement(comparison)
            reads.append(t1 - t0)
            computes.append(time.process_time() - t1)
        store.close()
        print(
            f"in process (CPU, median of {args.repeat}): read {statistics.median(reads):.2f} s, "
            f"compute {statistics.median(computes):.2f} s"
        )


if __name__ == "__main__":
    main()
