"""SIGKILL at random moments during span actions: nothing acknowledged may be lost.

    python scripts/crash_test.py --kills 100              # a new temp database
    python scripts/crash_test.py --db /tmp/c.db --kills 5 --seed 3

A child process runs scripted span actions through the core API (add, relabel, move,
delete a span; set a status), and after each action returns it appends the action and
its outcome to an acknowledgement log (flushed and fsynced) — the moment a user would
see the change on screen. The parent kills the child with SIGKILL after a random delay,
then checks the database (SQLite integrity and foreign keys, every span's text against
its document) and replays the log: every acknowledged state must be in the database.
Reports kills, acknowledged actions and lost ones; exit status 1 if anything was lost
or the database is damaged.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ANNOTATOR = "crash-test"


def _prepare(target: str) -> None:
    from annotator.seed import seed
    from annotator.store import Store

    store = Store.open(target)
    if store.document_count() == 0:
        seed(store)
    store.close()


def child(target: str, log_path: str, seed: int) -> None:
    """Act until killed; one fsynced log line per acknowledged action."""
    from annotator.errors import DuplicateSpanError
    from annotator.store import Store

    rng = random.Random(seed)
    store = Store.open(target)
    labelset = store.labelset()
    doc_id = store.first_document_id()
    words = [m.span() for m in re.finditer(r"\S+", store.document(doc_id).text)]
    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - open until killed
    print("ready", flush=True)  # the parent's clock starts now: kills land mid-action

    def ack(entry: dict) -> None:
        log.write(json.dumps(entry) + "\n")
        log.flush()
        os.fsync(log.fileno())

    while True:
        mine = store.spans(doc_id, ANNOTATOR)
        roll = rng.random()
        try:
            if roll < 0.45 or not mine:
                start, end = rng.choice(words)
                span = store.add_span(
                    doc_id, ANNOTATOR, labelset, rng.choice(labelset.keys), start, end
                )
                ack({"op": "put", "id": span.id, "state": [span.start, span.end, span.label]})
            elif roll < 0.6:
                target_span = rng.choice(mine)
                store.delete_span(target_span.id)
                ack({"op": "delete", "id": target_span.id})
            elif roll < 0.75:
                target_span = rng.choice(mine)
                span = store.update_span(target_span.id, label=rng.choice(labelset.keys))
                ack({"op": "put", "id": span.id, "state": [span.start, span.end, span.label]})
            elif roll < 0.9:
                target_span = rng.choice(mine)
                start, end = rng.choice(words)
                span = store.update_span(target_span.id, start=start, end=end)
                ack({"op": "put", "id": span.id, "state": [span.start, span.end, span.label]})
            else:
                status = rng.choice(["todo", "in_progress", "done", "skipped"])
                store.set_status(doc_id, ANNOTATOR, status)
                ack({"op": "status", "doc": doc_id, "status": status})
        except DuplicateSpanError:
            continue


def _acknowledged(log_path: Path) -> list[dict]:
    entries = []
    if log_path.exists():
        for line in log_path.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                break  # the line being written when the child died: never acknowledged
    return entries


def verify(target: str, entries: list[dict]) -> tuple[list[dict], list[str]]:
    """After a kill: (the acknowledged states the database does not hold, as log entries
    of what it holds instead; the database's problems)."""
    from annotator.storage.maintenance import check_database
    from annotator.store import Store

    problems = check_database(target).problems
    expected: dict[int, list | None] = {}
    status: dict[int, str] = {}
    for entry in entries:
        if entry["op"] == "put":
            expected[entry["id"]] = entry["state"]
        elif entry["op"] == "delete":
            expected[entry["id"]] = None
        else:
            status[entry["doc"]] = entry["status"]
    store = Store.open(target)
    try:
        doc_id = store.first_document_id()
        assert doc_id is not None
        stored = {s.id: [s.start, s.end, s.label] for s in store.spans(doc_id, ANNOTATOR)}
        actual: list[dict] = []
        for span_id, state in expected.items():
            now = stored.get(span_id)
            if now != state:
                actual.append(
                    {"op": "put", "id": span_id, "state": now}
                    if now is not None
                    else {"op": "delete", "id": span_id}
                )
        for doc, st in status.items():
            now_status = store.status(doc, ANNOTATOR)
            if now_status != st:
                actual.append({"op": "status", "doc": doc, "status": now_status})
    finally:
        store.close()
    return actual, problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="database (default: a new temp SQLite file)")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--min-delay", type=float, default=0.0, help="seconds of actions before a kill, at least"
    )
    parser.add_argument("--max-delay", type=float, default=1.0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--log", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.log, args.seed)
        return 0
    work = Path(tempfile.mkdtemp(prefix="annotator-crash-"))
    target = args.db or str(work / "crash.db")
    log_path = work / "acknowledged.jsonl"
    _prepare(target)
    rng = random.Random(args.seed)
    kills = lost = 0
    damaged: list[str] = []
    for round_ in range(args.kills):
        process = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--child",
                "--db",
                target,
                "--log",
                str(log_path),
                "--seed",
                str(args.seed * 100_003 + round_),
            ],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        process.stdout.readline()  # "ready" (or "" if it died while starting)
        time.sleep(rng.uniform(args.min_delay, args.max_delay))
        if process.poll() is not None:
            print(f"round {round_}: the child exited by itself ({process.returncode})")
            damaged.append(f"round {round_}: child exited with {process.returncode}")
            continue
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += 1
        differences, problems = verify(target, _acknowledged(log_path))
        # The action in flight at the kill may have committed before its log line was
        # written: one difference is that action, more are acknowledged work lost.
        lost += max(0, len(differences) - 1)
        with log_path.open("a", encoding="utf-8") as log:  # adopt what is stored
            for entry in differences:
                log.write(json.dumps({**entry, "sync": True}) + "\n")
        damaged += [f"after kill {kills}: {p}" for p in problems]
    acknowledged = sum(1 for e in _acknowledged(log_path) if not e.get("sync"))
    print(
        json.dumps(
            {
                "kills": kills,
                "acknowledged": acknowledged,
                "lost": lost,
                "database_problems": damaged[:10],
                "database": target,
            },
            indent=2,
        )
    )
    return 1 if lost or damaged else 0


if __name__ == "__main__":
    sys.exit(main())
