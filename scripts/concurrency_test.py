"""N writers and M readers on one database at once: errors, lost writes, write latency.

    python scripts/concurrency_test.py --db /tmp/c.db --writers 8 --readers 2 --seconds 60
    python scripts/concurrency_test.py --db postgresql+psycopg://user@host/db --writers 8

Each writer is a process acting as its own annotator through the core API (add a span,
now and then delete one of its own, set a status); it records the latency of every
write and the spans it was told were stored or deleted. Readers list documents, spans
and export-like pages meanwhile. At the end every acknowledged span must be present
(and every acknowledged delete absent): "lost" counts the ones that are not. Prints
errors, lost, and p50/p99/max write latency; exit status 1 if anything was lost or
failed. A new SQLite file (or an empty PostgreSQL database) is seeded first.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DOCUMENTS = 20


def _seed(target: str) -> None:
    from annotator.importing import ImportOptions, import_path
    from annotator.store import Store

    store = Store.open(target)
    if store.document_count() < DOCUMENTS:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
        from _corpus import articles

        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "docs.jsonl"
            with src.open("w", encoding="utf-8") as out:
                for external_id, text in articles(DOCUMENTS, min_chars=3000):
                    out.write(
                        json.dumps({"id": external_id, "text": text}, ensure_ascii=False) + "\n"
                    )
            import_path(store, src, ImportOptions())
    store.close()


def writer(target: str, index: int, seconds: float, out: str) -> None:
    from annotator.errors import DuplicateSpanError
    from annotator.store import Store

    rng = random.Random(index)
    store = Store.open(target)
    name = f"writer-{index}"
    labelset = store.labelset()
    keys = labelset.keys
    docs = [row.id for row in store.document_rows(limit=DOCUMENTS)]
    words = {d: [m.span() for m in re.finditer(r"\S+", store.document(d).text)] for d in docs}
    present: dict[int, list] = {}
    deleted: list[int] = []
    latencies: list[float] = []
    errors: list[str] = []
    duplicates = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        action = rng.random()
        t0 = time.perf_counter()
        try:
            if action < 0.15 and present:
                span_id = rng.choice(list(present))
                store.delete_span(span_id)
                del present[span_id]
                deleted.append(span_id)
            elif action < 0.25:
                store.set_status(rng.choice(docs), name, rng.choice(["in_progress", "done"]))
            else:
                doc = rng.choice(docs)
                start, end = rng.choice(words[doc])
                span = store.add_span(doc, name, labelset, rng.choice(keys), start, end)
                present[span.id] = [span.document_id, span.start, span.end, span.label]
        except DuplicateSpanError:
            duplicates += 1
        except Exception as exc:  # noqa: BLE001 - every failure is a finding
            errors.append(f"{type(exc).__name__}: {exc}")
        latencies.append(time.perf_counter() - t0)
    store.close()
    Path(out).write_text(
        json.dumps(
            {
                "name": name,
                "present": present,
                "deleted": deleted,
                "latencies": latencies,
                "errors": errors,
                "duplicates": duplicates,
            }
        )
    )


def reader(target: str, index: int, seconds: float, out: str) -> None:
    from annotator.store import Store

    rng = random.Random(1000 + index)
    store = Store.open(target)
    errors: list[str] = []
    reads = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            rows = store.document_rows(limit=DOCUMENTS)
            doc = rng.choice(rows).id
            store.spans(doc)
            store.stats()
            reads += 1
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{type(exc).__name__}: {exc}")
    store.close()
    Path(out).write_text(json.dumps({"reads": reads, "errors": errors}))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def run(target: str, writers: int, readers: int, seconds: float) -> dict:
    _seed(target)
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for i in range(writers):
            jobs.append(
                (
                    ctx.Process(target=writer, args=(target, i, seconds, f"{tmp}/w{i}.json")),
                    f"{tmp}/w{i}.json",
                )
            )
        for i in range(readers):
            jobs.append(
                (
                    ctx.Process(target=reader, args=(target, i, seconds, f"{tmp}/r{i}.json")),
                    f"{tmp}/r{i}.json",
                )
            )
        for process, _ in jobs:
            process.start()
        for process, _ in jobs:
            process.join()
        results = []
        crashed = 0
        for process, out in jobs:
            if process.exitcode != 0 or not Path(out).exists():
                crashed += 1
                continue
            results.append(json.loads(Path(out).read_text()))
    from annotator.store import Store

    store = Store.open(target)
    lost = 0
    lost_examples: list[str] = []
    latencies: list[float] = []
    errors: list[str] = []
    writes = reads = duplicates = 0
    for result in results:
        errors += result["errors"]
        if "latencies" not in result:
            reads += result["reads"]
            continue
        latencies += result["latencies"]
        writes += len(result["latencies"])
        duplicates += result["duplicates"]
        stored = {
            (s.id, s.document_id, s.start, s.end, s.label)
            for d in {v[0] for v in result["present"].values()}
            for s in store.spans(d, result["name"])
        }
        for span_id, (doc, start, end, label) in result["present"].items():
            if (int(span_id), doc, start, end, label) not in stored:
                lost += 1
                lost_examples.append(f"{result['name']}: span {span_id} {start}-{end} {label}")
        for span_id in result["deleted"]:
            try:
                store.span(span_id)
                lost += 1  # an acknowledged delete came back
                lost_examples.append(f"{result['name']}: deleted span {span_id} is back")
            except Exception:  # noqa: BLE001 - StoreError: gone, as acknowledged
                pass
    store.close()
    return {
        "writers": writers,
        "readers": readers,
        "seconds": seconds,
        "writes": writes,
        "reads": reads,
        "duplicates": duplicates,
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "crashed_processes": crashed,
        "lost": lost,
        "lost_examples": lost_examples[:5],
        "p50_ms": 1000 * _percentile(latencies, 0.5),
        "p99_ms": 1000 * _percentile(latencies, 0.99),
        "max_ms": 1000 * max(latencies, default=0.0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="SQLite file or PostgreSQL URL (default: a new temp file)")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    target = args.db or str(Path(tempfile.mkdtemp(prefix="annotator-conc-")) / "c.db")
    result = run(target, args.writers, args.readers, args.seconds)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 1 if result["lost"] or result["errors"] or result["crashed_processes"] else 0


if __name__ == "__main__":
    sys.exit(main())
