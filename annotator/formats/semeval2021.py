"""SemEval-2021 task 6 / WANLP-2022 task 2 propaganda: a JSON array (often named .txt).

``[{"id", "text", "labels": [{"start", "end", "technique", "text_fragment"}]}]``:
``text_fragment`` is the span's own text and is checked (and realigned) like any span
text. The techniques are spelled as the 2021 task spelled them; the
persuasion-techniques-23 label set maps them through its aliases.
"""

from __future__ import annotations

from typing import Any

from annotator.formats.mapped import FieldMap, MappedFormat


class Semeval2021Format(MappedFormat):
    name = "semeval2021"
    description = "SemEval-2021 task 6 / WANLP-2022 JSON array (labels with text_fragment)"
    sniff_priority = 15  # before araieval, whose spans also name a technique
    default_labelset = "persuasion-techniques-23"
    spans_carry_text = True

    def sniff(self, first: Any) -> bool:
        if not isinstance(first, dict) or not isinstance(first.get("text"), str):
            return False
        labels = first.get("labels")
        if not isinstance(labels, list):
            return False
        # an unlabelled first record says nothing: doccano lines look the same
        return bool(labels) and all(isinstance(x, dict) and "text_fragment" in x for x in labels)


FORMAT = Semeval2021Format(
    FieldMap(text="text", id="id", spans="labels", label="technique", span_text="text_fragment")
)
