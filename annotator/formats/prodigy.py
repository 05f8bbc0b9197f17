"""Prodigy / spaCy-style JSONL: ``{"text", "spans": [{"start", "end", "label"}], "meta"}``.

The id is ``meta.id`` (Prodigy keeps user fields in meta) or a top-level ``id``.
Prodigy's own bookkeeping (``answer``, ``_input_hash``, ``_session_id``…) is kept in
meta, and ``_annotator_id`` names the annotator. ``tokens`` and the spans'
``token_start``/``token_end`` are dropped: they are derived from the text by a
tokenizer and would go stale the moment spans are edited here. They are read once, as
evidence: a span whose own ``text`` disagrees with its offsets while its tokens agree
with them keeps its offsets (real Prodigy exports carry such stale texts), with a
warning, instead of being realigned onto a nearby copy of the stale text.

``answer`` (Prodigy's documentation: annotated tasks carry ``"accept"``, ``"reject"``
or ``"ignore"``; a task without one is not annotated yet). Reading: ``"accept"`` is
finished work — the spans are imported and the document is ``done`` for its annotator;
a ``"reject"``ed or ``"ignore"``d example is the annotator saying its spans are wrong or
not worth labelling, so its document is imported with status ``skipped`` and no spans
(``answer`` stays in meta); no answer (a source file, pre-annotations) imports the spans
with no status. Writing mirrors it at the top level, where Prodigy reads it:
``accept`` for a ``done`` record, the answer a skipped document was imported with
(``reject``/``ignore``, default ``ignore``), and no answer for unfinished work or a
document nobody annotated — an ``accept`` there would tell Prodigy the text is fully
annotated (a document without spans would train as "nothing here"). Spans are written
with character offsets and their text only: ``token_start``/``token_end`` index
Prodigy's own tokens, which its recipes compute from the text with the pipeline in use.
Document labels travel as Prodigy's choice fields: ``options`` and the chosen
``accept`` ids (read back as document labels).
"""

from __future__ import annotations

from typing import Any

from annotator.formats._fields import (
    RecordError,
    as_external_id,
    as_label,
    as_offset,
    get_or,
    opt_str,
    record_text,
    text_field,
)
from annotator.formats._json_write import canonical, meta_without
from annotator.formats._jsonl import JsonlFormat
from annotator.formats.base import InRecord, InSpan, OutRecord

_DROPPED = ("text", "spans", "meta", "tokens", "id", "_annotator_id", "accept", "options")


def _token_edge(tokens: Any, index: Any, key: str) -> Any:
    """``tokens[index][key]`` when the file has it, else None (never raises)."""
    if not isinstance(tokens, list) or not isinstance(index, int) or isinstance(index, bool):
        return None
    if not 0 <= index < len(tokens) or not isinstance(tokens[index], dict):
        return None
    return tokens[index].get(key)


def _parse_span(item: Any, index: int, omap, raw: str, tokens: Any, warnings: list[str]) -> InSpan:
    if not isinstance(item, dict):
        raise RecordError(f"spans[{index}] is not an object")
    start = as_offset(item.get("start"), f"spans[{index}].start")
    end = as_offset(item.get("end"), f"spans[{index}].end")
    label = as_label(item.get("label"), f"spans[{index}].label")
    text = opt_str(item.get("text"), f"spans[{index}].text")
    if (
        text is not None
        and text != raw[start:end]
        and _token_edge(tokens, item.get("token_start"), "start") == start
        and _token_edge(tokens, item.get("token_end"), "end") == end
    ):
        # Prodigy and spaCy place a span by its offsets and tokens; a "text" that
        # disagrees with both is stale (edited in the UI after it was written), so the
        # offsets are kept rather than moved onto a nearby copy of the stale text
        warnings.append(
            f"spans[{index}] {label} {start}–{end}: its text {text!r} is not the "
            f"{raw[start:end]!r} its offsets and tokens cover; kept the offsets"
        )
        text = raw[start:end]
    return InSpan(omap.start(start), omap.end(end), label, omap.span_text(text, start))


def parse_record(obj: dict[str, Any], source: str, line: int) -> InRecord:
    text, omap = record_text(obj.get("text"))
    meta_in = get_or(obj, "meta", {})
    if not isinstance(meta_in, dict):
        raise RecordError("meta must be an object")
    spans_in = get_or(obj, "spans", [])
    if not isinstance(spans_in, list):
        raise RecordError("spans must be a list")
    warnings: list[str] = []
    raw = obj["text"]  # record_text has checked it is a string
    tokens = obj.get("tokens")
    spans = [_parse_span(item, i, omap, raw, tokens, warnings) for i, item in enumerate(spans_in)]
    answer = obj.get("answer")
    status = None
    if answer in ("reject", "ignore"):
        spans, status = [], "skipped"
    elif answer == "accept":
        status = "done"
    accepted = obj.get("accept")
    doc_labels = (
        [str(a) for a in accepted if isinstance(a, str | int) and not isinstance(a, bool)]
        if isinstance(accepted, list) and status != "skipped"
        else []
    )
    ext = meta_in.get("id", obj.get("id"))
    title = text_field(meta_in, "title")
    src = text_field(meta_in, "source")
    meta = meta_without(meta_in, "id", *(["title"] if title else []), *(["source"] if src else []))
    for key, value in obj.items():
        if key not in _DROPPED and not (key == "answer" and status != "skipped"):
            meta.setdefault(key, value)  # a reject/ignore answer is kept for re-export
    return InRecord(
        source_file=source,
        line=line,
        external_id=as_external_id(ext),
        text=text,
        title=title,
        source=src,
        meta=meta,
        annotator=opt_str(obj.get("_annotator_id"), "_annotator_id"),
        status=status,
        spans=spans,
        doc_labels=doc_labels,
        offsets_have_text=any(s.text is not None for s in spans),
        warnings=warnings,
    )


def build_line(record: OutRecord) -> dict[str, Any]:
    meta: dict[str, Any] = {"id": record.external_id}
    if record.title:
        meta["title"] = record.title
    if record.source:
        meta["source"] = record.source
    answer: str | None = "accept" if record.status == "done" else None
    for key, value in canonical(record.meta or {}).items():
        if key == "answer":
            if record.status == "skipped" and value in ("reject", "ignore"):
                answer = value
            continue
        meta.setdefault(key, value)
    if record.status == "skipped" and answer is None:
        answer = "ignore"
    line: dict[str, Any] = {
        "text": record.text,
        "spans": [
            {"start": s.start, "end": s.end, "label": s.label, "text": s.text} for s in record.spans
        ],
        "meta": meta,
    }
    if record.doc_labels:
        line["options"] = [{"id": label, "text": label} for label in record.doc_labels]
        line["accept"] = list(record.doc_labels)
    if answer is not None:
        line["answer"] = answer
    if record.annotator:
        line["_annotator_id"] = record.annotator
    return line


class ProdigyFormat(JsonlFormat):
    name = "prodigy"
    description = 'Prodigy / spaCy-style JSONL ({"text", "spans": [...], "meta"})'
    sniff_priority = 40
    spans_carry_text = True

    def sniff(self, first: Any) -> bool:
        return (
            isinstance(first, dict)
            and isinstance(first.get("text"), str)
            and isinstance(first.get("spans"), list)
        )

    def parse(
        self, obj: dict[str, Any], source: str, line: int, options: dict[str, Any]
    ) -> InRecord:
        return parse_record(obj, source, line)

    def build(self, record: OutRecord, options: dict[str, Any]) -> dict[str, Any]:
        return build_line(record)


FORMAT = ProdigyFormat()
