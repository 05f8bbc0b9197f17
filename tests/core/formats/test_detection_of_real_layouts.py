"""Detection on files shaped like the real public data sets, not like our own exports.

Real files often start with a record that says nothing about the format (an unlabelled
meme text, a tweet without techniques); detection must look past it.
"""

from __future__ import annotations

import json
from pathlib import Path

from annotator.formats import detect_format
from annotator.importing import ImportOptions, import_path
from annotator.store import Store


def _semeval2021_records() -> list[dict]:
    # the SemEval-2021 task 6 dev set opens with an unlabelled meme, pretty-printed
    return [
        {"id": "62_batch_2", "text": "*President* Biden?\n\nPlease, no.\n", "labels": []},
        {
            "id": "33_batch_2",
            "text": "OH, LOOK... ACTING LIKE A MORON IS GENETIC",
            "labels": [
                {
                    "start": 26,
                    "end": 31,
                    "technique": "Loaded Language",
                    "text_fragment": "MORON",
                }
            ],
        },
    ]


def test_semeval2021_array_opening_with_an_unlabelled_record_is_detected(tmp_path: Path):
    src = tmp_path / "dev_set_task2.txt"
    src.write_text(json.dumps(_semeval2021_records(), indent=4), encoding="utf-8")
    assert detect_format(src) == "semeval2021"


def test_semeval2021_array_opening_with_an_unlabelled_record_imports_its_spans(
    store: Store, tmp_path: Path
):
    src = tmp_path / "dev_set_task2.txt"
    src.write_text(json.dumps(_semeval2021_records(), indent=4), encoding="utf-8")
    report = import_path(store, src, ImportOptions(annotator="gold"))
    assert report.refused_spans == 0 and report.spans_exact == 1
    [span] = store.spans(store.document_by_external_id("33_batch_2").id)
    assert (span.text, span.label) == ("MORON", "Loaded_Language")


def test_plain_text_lines_stay_doccano_when_no_later_record_says_otherwise(tmp_path: Path):
    src = tmp_path / "plain.jsonl"
    lines = [{"text": "نص أول"}, {"text": "نص ثان", "label": [[0, 2, "X"]]}]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    assert detect_format(src) == "doccano"


def test_jsonl_opening_with_an_unlabelled_line_is_read_by_the_later_spans(tmp_path: Path):
    src = tmp_path / "wanlp.jsonl"
    lines = _semeval2021_records()
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    assert detect_format(src) == "semeval2021"
