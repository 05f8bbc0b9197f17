"""ArMPro (Arabic propaganda corpus; the text source of ArAIEval 2024) JSON lines.

``{"paragraph_id", "paragraph", "labels": [{"technique", "text", "start", "end"}],
"page_id", "page_domain", "page_url", "page_title", "page_date"}``: code points; the
outlet (``page_domain``) becomes the document's source, ``page_title`` its title, and
the URL, date and page id stay in meta. Read through a field map (mapped.py).
"""

from __future__ import annotations

from typing import Any

from annotator.formats.mapped import FieldMap, MappedFormat


class ArmproFormat(MappedFormat):
    name = "armpro"
    description = "ArMPro JSONL (paragraph_id, paragraph, labels, page_domain…; Arabic)"
    sniff_priority = 15
    default_labelset = "persuasion-techniques-23"
    spans_carry_text = True

    def sniff(self, first: Any) -> bool:
        return (
            isinstance(first, dict)
            and isinstance(first.get("paragraph"), str)
            and "paragraph_id" in first
        )


FORMAT = ArmproFormat(
    FieldMap(
        text="paragraph",
        id="paragraph_id",
        spans="labels",
        label="technique",
        span_text="text",
        source="page_domain",
        title="page_title",
    )
)
