"""Small runs of the reliability scripts kept in scripts/ (full-size runs are manual)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(script: str, *args: str) -> tuple[int, dict]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    out = done.stdout
    return done.returncode, json.loads(out[out.index("{") :])


def test_killed_span_actions_lose_nothing_acknowledged(tmp_path):
    code, result = _run(
        "crash_test.py",
        "--db",
        str(tmp_path / "crash.db"),
        "--kills",
        "3",
        "--max-delay",
        "0.6",
        "--seed",
        "5",
    )
    assert result["kills"] == 3 and result["acknowledged"] > 0
    assert (code, result["lost"], result["database_problems"]) == (0, 0, [])


def test_concurrent_writers_and_readers_lose_nothing(tmp_path):
    code, result = _run(
        "concurrency_test.py",
        "--db",
        str(tmp_path / "c.db"),
        "--writers",
        "3",
        "--readers",
        "1",
        "--seconds",
        "3",
    )
    assert result["writes"] > 0 and result["reads"] > 0
    assert (code, result["errors"], result["lost"], result["crashed_processes"]) == (0, 0, 0, 0)
