"""Writing Label Studio tasks: one task per document, one annotation per annotator.

Split from :mod:`annotator.formats.labelstudio` (the reader, the annotator map and the
format object) so each module has one job; the names of the controls and of the ``data``
keys we add live here, where tasks are built, and the reader imports them.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from annotator.formats._json_write import canonical, checked_spans
from annotator.formats.base import OutRecord

if TYPE_CHECKING:
    from annotator.formats.labelstudio import Users

FROM_NAME = "label"
TO_NAME = "text"
DOC_LABEL_FROM_NAME = "doc_label"
ANNOTATORS_KEY = "annotators"  # data key: [{"name", "status"}] in annotation order
DOCUMENT_ID_KEY = "document_id"  # data key: our id, which JSON-MIN's "id" hides


def _result_id(record: OutRecord, start: int, end: int, label: str) -> str:
    key = f"{record.external_id}\x1f{record.annotator}\x1f{start}\x1f{end}\x1f{label}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _annotation(record: OutRecord, users: Users) -> dict[str, Any]:
    result: list[dict[str, Any]] = []
    for span in checked_spans(record):
        item: dict[str, Any] = {
            "id": _result_id(record, span.start, span.end, span.label),
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {
                "start": span.start,
                "end": span.end,
                "text": span.text,
                "labels": [span.label],
            },
        }
        if span.note:
            item["meta"] = {"text": [span.note]}
        result.append(item)
    if record.doc_labels:
        result.append(
            {
                "id": _result_id(record, -1, -1, "\x1e".join(record.doc_labels)),
                "from_name": DOC_LABEL_FROM_NAME,
                "to_name": TO_NAME,
                "type": "choices",
                "value": {"choices": list(record.doc_labels)},
            }
        )
    annotation: dict[str, Any] = {}
    email = users.email.get(record.annotator or "")
    if email:
        # Label Studio matches an object with "email" against its users and refuses the
        # whole file for an unknown one: only mapped annotators are named here
        annotation["completed_by"] = {"email": email}
    annotation["result"] = result
    if record.status == "skipped":
        annotation["was_cancelled"] = True
    return annotation


def _task(group: list[OutRecord], users: Users) -> dict[str, Any]:
    first = group[0]
    data: dict[str, Any] = {
        "text": first.text,
        "id": first.external_id,
        DOCUMENT_ID_KEY: first.external_id,
    }
    if first.title:
        data["title"] = first.title
    if first.source:
        data["source"] = first.source
    for key, value in canonical(first.meta or {}).items():
        data.setdefault(key, value)
    kept = [r for r in group if r.annotator is not None or r.spans or r.doc_labels]
    if kept:
        data[ANNOTATORS_KEY] = [{"name": r.annotator, "status": r.status} for r in kept]
    return {"data": data, "annotations": [_annotation(r, users) for r in kept]}
