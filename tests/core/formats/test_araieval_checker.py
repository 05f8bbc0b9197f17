"""ArAIEval 2024 Task 1 format checker: one file per failure mode, each reported with its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.araieval_checker import TECHNIQUES_23, check_file, main

TEXT_1 = "قوات الأسد تقصف حلب والثوار يصمدون"
TEXT_2 = "😀 الميليشيات الطائفية تهاجم المدنيين"


def _label(text: str, span: str, technique: str, with_text: bool = True) -> dict:
    s = text.index(span)
    out = {"start": s, "end": s + len(span), "technique": technique}
    if with_text:
        out["text"] = span
    return out


def _gold() -> list[dict]:
    return [
        {
            "id": "tw_001",
            "text": TEXT_1,
            "type": "tweet",
            "labels": [
                _label(TEXT_1, "قوات الأسد", "Name_Calling-Labeling"),
                _label(TEXT_1, "الثوار", "Loaded_Language"),
            ],
        },
        {
            "id": "par_002",
            "text": TEXT_2,
            "type": "paragraph",
            "labels": [_label(TEXT_2, "الميليشيات الطائفية", "Loaded_Language")],
        },
        {"id": "par_003", "text": "خبر عادي", "type": "paragraph", "labels": []},
    ]


def _write(path: Path, rows: list) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    return _write(tmp_path / "gold.jsonl", _gold())


def _predictions() -> list[dict]:
    return [
        {
            "id": r["id"],
            "labels": [{k: v for k, v in lab.items() if k != "text"} for lab in r["labels"]],
        }
        for r in _gold()
    ]


def test_23_techniques() -> None:
    assert len(TECHNIQUES_23) == 23
    assert "Loaded_Language" in TECHNIQUES_23
    assert "no_technique" not in TECHNIQUES_23


def test_good_files_pass(tmp_path: Path, gold: Path) -> None:
    assert check_file(gold) == []
    assert check_file(gold, reference=gold) == []
    pred = _write(tmp_path / "pred.jsonl", _predictions())
    assert check_file(pred) == []
    assert check_file(pred, reference=gold) == []
    assert main([str(pred), str(gold)]) == 0


def test_missing_id_is_reported_at_its_reference_line(tmp_path: Path, gold: Path) -> None:
    pred = _write(tmp_path / "pred.jsonl", [p for p in _predictions() if p["id"] != "par_002"])
    problems = check_file(pred, reference=gold)
    assert problems == [f"{gold}:2: id 'par_002' is missing from {pred}"]
    assert main([str(pred), str(gold)]) == 1


def test_duplicate_id(tmp_path: Path, gold: Path) -> None:
    rows = _predictions()
    rows.insert(2, rows[0])
    pred = _write(tmp_path / "pred.jsonl", rows)
    problems = check_file(pred, reference=gold)
    assert problems == [f"{pred}:3: duplicate id 'tw_001' (first on line 1)"]


def test_unknown_id_and_missing_id_field(tmp_path: Path, gold: Path) -> None:
    rows = _predictions() + [{"id": "zzz", "labels": []}, {"labels": []}]
    pred = _write(tmp_path / "pred.jsonl", rows)
    problems = check_file(pred, reference=gold)
    assert f"{pred}:4: id 'zzz' is not in the reference {gold}" in problems
    assert f"{pred}:5: missing or invalid 'id' (a string)" in problems
    assert len(problems) == 2


def test_unknown_technique(tmp_path: Path) -> None:
    rows = _gold()
    rows[1]["labels"][0]["technique"] = "Loaded Language"
    rows[0]["labels"][1]["technique"] = "Flag-Waving"
    rows[2]["labels"] = [{"start": 0, "end": 3, "technique": "no_technique"}]
    path = _write(tmp_path / "g.jsonl", rows)
    problems = check_file(path)
    assert len(problems) == 3
    assert problems[0].startswith(f"{path}:1: label 1: unknown technique 'Flag-Waving'")
    assert "'Flag_Waving'" in problems[0]
    assert problems[1] == f"{path}:2: label 0: unknown technique 'Loaded Language'"
    assert problems[2].startswith(f"{path}:3: label 0: unknown technique 'no_technique'")


def test_text_mismatch_against_own_text_and_reference(tmp_path: Path, gold: Path) -> None:
    rows = _gold()
    lab = rows[1]["labels"][0]
    lab["start"] += 1  # UTF-16 style: the emoji counted twice
    lab["end"] += 1
    path = _write(tmp_path / "g.jsonl", rows)
    problems = check_file(path)
    assert len(problems) == 1
    assert problems[0].startswith(
        f"{path}:2: label 0: text 'الميليشيات الطائفية' differs from text["
    )
    # A prediction without its own text, checked against the gold text.
    pred_rows = _predictions()
    pred_rows[0]["labels"][0]["text"] = "قوات النظام"
    pred = _write(tmp_path / "pred.jsonl", pred_rows)
    problems = check_file(pred, reference=gold)
    assert len(problems) == 1 and problems[0].startswith(f"{pred}:1: label 0: text 'قوات النظام'")


def test_bad_offsets(tmp_path: Path, gold: Path) -> None:
    rows = _predictions()
    rows[0]["labels"] = [
        {"start": 5, "end": 5, "technique": "Doubt"},
        {"start": -1, "end": 3, "technique": "Doubt"},
        {"start": 0, "end": 999, "technique": "Doubt"},
        {"start": "0", "end": 3, "technique": "Doubt"},
        {"end": 3, "technique": "Doubt"},
        {"start": 0, "end": 3, "technique": "Doubt"},
        {"start": 0, "end": 3, "technique": "Doubt"},
    ]
    pred = _write(tmp_path / "pred.jsonl", rows)
    problems = check_file(pred, reference=gold)
    where = f"{pred}:1:"
    assert problems == [
        f"{where} label 0: offsets must satisfy 0 <= start < end, got [5, 5)",
        f"{where} label 1: offsets must satisfy 0 <= start < end, got [-1, 3)",
        f"{where} label 2: end 999 is past the end of the text (length {len(TEXT_1)})",
        f"{where} label 3: 'start' must be an integer, got '0'",
        f"{where} label 4: missing 'start'",
        f"{where} label 6: duplicate label [0, 3) Doubt",
    ]
    # Without any text the range check cannot run, the rest still does.
    alone = check_file(pred)
    assert not any("past the end" in p for p in alone)
    assert len(alone) == 5


def test_unparseable_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "bad.jsonl",
        [
            '{"id": "a", "labels": []}',
            "{not json",
            "",
            "[1, 2]",
            '{"id": "b"}',
            '{"id": "c", "labels": {}}',
            '{"id": "d", "text": 5, "labels": []}',
        ],
    )
    problems = check_file(path)
    assert problems[0].startswith(f"{path}:2: invalid JSON")
    assert problems[1:] == [
        f"{path}:3: empty line",
        f"{path}:4: expected a JSON object, got list",
        f"{path}:5: missing 'labels' (use [] when there are none)",
        f"{path}:6: 'labels' must be a list",
        f"{path}:7: 'text' must be a string",
    ]


def test_encoding_problems(tmp_path: Path) -> None:
    bom = tmp_path / "bom.jsonl"
    bom.write_text('\ufeff{"id": "a", "labels": []}\n', encoding="utf-8")
    assert check_file(bom) == [f"{bom}:1: file starts with a UTF-8 byte order mark (BOM)"]
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"id": "a", "labels": []}\n{"id": "\xe9", "labels": []}\n')
    assert check_file(latin) == [f"{latin}:2: not UTF-8 (invalid byte at file offset 34)"]
    assert check_file(tmp_path / "nope.jsonl")[0].startswith(f"{tmp_path / 'nope.jsonl'}:0:")


def test_text_differing_from_reference(tmp_path: Path, gold: Path) -> None:
    rows = _gold()
    rows[0]["text"] = rows[0]["text"].replace("@", "") + " "
    path = _write(tmp_path / "g.jsonl", rows)
    assert check_file(path, reference=gold) == [f"{path}:1: 'text' differs from the reference text"]
