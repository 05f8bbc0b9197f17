"""A small seeded sample of scripts/fuzz.py: hostile inputs to every importer and to the
label-set loader end in a refusal or an import, never a traceback, and a refused import
leaves the database as it was. The full-size run is ``python scripts/fuzz.py``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz.py"


@pytest.fixture(scope="module")
def fuzz_module():
    spec = importlib.util.spec_from_file_location("annotator_fuzz_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _failures(tally) -> dict[str, int]:
    return {
        "tracebacks": sum(tally.tracebacks.values()),
        "slow": sum(tally.slow.values()),
        "partial": sum(tally.partial.values()),
        "bad spans": sum(tally.bad_spans.values()),
    }


@pytest.mark.parametrize(
    "fmt",
    [
        "jsonl",
        "doccano",
        "prodigy",
        "labelstudio",
        "araieval",
        "ptc",
        "txt",
        "csv",
        "armpro",
        "semeval2021",
        "fields",
    ],
)
def test_fuzzed_imports_end_in_a_refusal_or_an_import(fuzz_module, fmt):
    tally = fuzz_module.fuzz(seed=20261203, imports=30, labelsets=0, formats=[fmt])
    assert tally.runs[fmt] == 30
    assert tally.refused[fmt] > 0  # the mutations do reach the refusals
    assert _failures(tally) == {"tracebacks": 0, "slow": 0, "partial": 0, "bad spans": 0}, (
        "\n".join(tally.examples[:3])
    )


def test_fuzzed_label_sets_end_in_a_label_set_or_a_list_of_problems(fuzz_module):
    tally = fuzz_module.fuzz(seed=20261203, imports=0, labelsets=300)
    assert tally.runs["labelset"] == 300 and tally.refused["labelset"] > 100
    assert _failures(tally) == {"tracebacks": 0, "slow": 0, "partial": 0, "bad spans": 0}, (
        "\n".join(tally.examples[:3])
    )
