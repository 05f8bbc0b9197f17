"""Label Studio JSON: one JSON array of tasks (Text object + Labels control).

Offsets and astral characters (emoji): Label Studio's own frontend tests ("NER - Emoji
- Text: should calculate offsets by code points in text") pin today's behaviour:
``value.start``/``value.end`` count Unicode code points, the same as Python str
indices and our stored offsets. Exports from 2021-era versions counted JavaScript
UTF-16 code units instead (label-studio issue #1347: every offset after an emoji was
one too high). So the writer writes code points, and the reader passes offsets through
as given together with ``value.text``: the import pipeline checks them against the
text and, for old exports, its realignment (or ``--offsets utf16``) repairs them.
CRLF counts as two characters in Label Studio, which our CRLF offset map handles.

Annotators: Label Studio refuses a whole import whose ``completed_by`` names an email
that is not one of its users, and its own JSON export gives ``completed_by`` as an
integer user id. So the writer leaves ``completed_by`` out unless option
``annotator_map`` (``--ls-annotator-map NAME=EMAIL[=ID],…``) maps the annotator to a
Label Studio user, and always records who made each annotation, with its status, in the
task's ``data.annotators`` (Label Studio keeps ``data`` as given) and our document id
in ``data.document_id`` too (JSON-MIN puts Label Studio's task id in ``id``). The
reader maps ``completed_by`` (email, id, or an object with either) back through the
same map, else through ``data.annotators``, and warns about a user it cannot map.

Reading: every annotation (``annotations``, or ``completions`` in exports before
1.0) becomes one record for its annotator;
``predictions`` are model output, not annotations, and are ignored. ``labels``
results become spans (one per label in ``value.labels``), ``choices`` results become
document labels, a region's ``meta.text`` becomes its note. A task without
annotations is one unlabelled record. The JSON-MIN export (flat objects with the text
and region lists under the control's name) is read too. Option ``text_key`` names the
data field holding the text (default ``text``, else the only string field).

Writing streams ``[``, tasks joined by ``",\\n"``, ``]``; consecutive records of the
same document (one per annotator) become one task with several annotations.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.formats._fields import (
    RecordError,
    as_external_id,
    as_label,
    as_offset,
    get_or,
    opt_str,
    record_id_of,
    record_text,
    text_field,
)
from annotator.formats._json_array import first_json_value, iter_json_array
from annotator.formats._json_write import dumps, meta_without
from annotator.formats._labelstudio_tasks import (
    ANNOTATORS_KEY,
    DOCUMENT_ID_KEY,
    _task,
)
from annotator.formats.base import BadRecord, FormatError, FormatSpec, InRecord, InSpan, OutRecord

_MIN_RESERVED = ("id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time")


def _pick_text_key(data: dict[str, Any], text_key: str | None) -> str:
    if text_key:
        return text_key
    if "text" in data:
        return "text"
    strings = [k for k, v in data.items() if isinstance(v, str) and k not in ("id", "title")]
    if len(strings) == 1:
        return strings[0]
    raise RecordError("missing data.text (name the text field with the text_key option)")


class Users:
    """Annotator names and Label Studio users (``NAME=EMAIL`` or ``NAME=EMAIL=ID``)."""

    def __init__(self, mapping: dict[str, str] | None) -> None:
        self.email: dict[str, str] = {}
        self.name: dict[str, str] = {}  # email or id (as text) -> annotator name
        for name, target in (mapping or {}).items():
            email, _, user_id = target.partition("=")
            self.email[name] = email.strip()
            self.name[email.strip().lower()] = name
            if user_id.strip():
                self.name[user_id.strip()] = name

    def who(self, value: Any) -> tuple[str | None, str | None]:
        """(annotator name, what could not be mapped) for a ``completed_by`` value."""
        keys: list[str] = []
        if isinstance(value, dict):
            keys = [str(value[k]) for k in ("email", "id") if value.get(k) not in (None, "")]
        elif isinstance(value, int | str) and not isinstance(value, bool) and value != "":
            keys = [str(value)]
        for key in keys:
            found = self.name.get(key.lower()) or self.name.get(key)
            if found:
                return found, None
        return None, (keys[0] if keys else None)


def _annotators_in(data: dict[str, Any]) -> list[dict[str, Any]]:
    value = data.get(ANNOTATORS_KEY)
    if not isinstance(value, list):
        return []
    return [v if isinstance(v, dict) else {} for v in value]


def _who(
    users: Users, completed_by: Any, index: int, ours: list[dict[str, Any]], warnings: list[str]
) -> tuple[str | None, str | None]:
    """(annotator, status) of the annotation at ``index``."""
    name, unmapped = users.who(completed_by)
    status = None
    if index < len(ours):
        mine = ours[index]
        status = mine.get("status") if isinstance(mine.get("status"), str) else None
        if name is None and isinstance(mine.get("name"), str):
            name = mine["name"]
            unmapped = None
    if name is None and unmapped is not None:
        warnings.append(
            f"Label Studio user {unmapped!r} is not in --ls-annotator-map: its "
            f"annotations are imported under the name {unmapped!r}"
        )
        name = unmapped
    return name, status


def _region_spans(item: dict[str, Any], where: str, omap) -> list[InSpan]:
    value = item.get("value")
    if not isinstance(value, dict):
        raise RecordError(f"{where}.value is not an object")
    start = as_offset(value.get("start"), f"{where}.value.start")
    end = as_offset(value.get("end"), f"{where}.value.end")
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels:
        raise RecordError(f"{where}.value.labels is missing or empty")
    text = opt_str(value.get("text"), f"{where}.value.text")
    note = ""
    meta = item.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("text"), list):
        note = "\n".join(str(t) for t in meta["text"])
    return [
        InSpan(
            omap.start(start),
            omap.end(end),
            as_label(label, f"{where}.value.labels"),
            omap.span_text(text, start),
            note=note,
        )
        for label in labels
    ]


def _parse_annotation(ann: Any, where: str, omap) -> tuple[list[InSpan], list[str]]:
    if not isinstance(ann, dict):
        raise RecordError(f"{where} is not an object")
    result = get_or(ann, "result", [])
    if not isinstance(result, list):
        raise RecordError(f"{where}.result is not a list")
    spans: list[InSpan] = []
    doc_labels: list[str] = []
    for j, item in enumerate(result):
        if not isinstance(item, dict):
            raise RecordError(f"{where}.result[{j}] is not an object")
        kind = item.get("type")
        if kind == "labels":
            spans.extend(_region_spans(item, f"{where}.result[{j}]", omap))
        elif kind == "choices":
            value = item.get("value")
            choices = value.get("choices") if isinstance(value, dict) else None
            if isinstance(choices, str | int | float) and not isinstance(choices, bool):
                choices = [choices]  # a single choice written as a bare value
            if not isinstance(choices, list):
                raise RecordError(
                    f"{where}.result[{j}].value.choices is not a list of choices: {choices!r}"
                )
            doc_labels.extend(
                str(c)
                for c in choices
                if isinstance(c, str | int | float) and not isinstance(c, bool)
            )
    return spans, doc_labels


def _parse_task(
    obj: dict[str, Any], source: str, number: int, text_key: str | None, users: Users
) -> list[InRecord]:
    data = obj.get("data")
    if not isinstance(data, dict):
        return [_parse_min(obj, source, number, text_key, users)]
    key = _pick_text_key(data, text_key)
    text, omap = record_text(data.get(key), f"data.{key}")
    ext = as_external_id(data.get(DOCUMENT_ID_KEY, data.get("id", obj.get("id"))))
    title = text_field(data, "title")
    src = text_field(data, "source")
    ours = _annotators_in(data)
    meta = meta_without(
        data,
        key,
        "id",
        DOCUMENT_ID_KEY,
        ANNOTATORS_KEY,
        *(["title"] if title else []),
        *(["source"] if src else []),
    )
    task_meta = obj.get("meta")
    if isinstance(task_meta, dict):  # Label Studio's own task meta, kept
        for name, value in task_meta.items():
            meta.setdefault(name, value)
    annotations = get_or(obj, "annotations", get_or(obj, "completions", []))
    if not isinstance(annotations, list):
        raise RecordError("annotations is not a list")
    base: dict[str, Any] = {
        "source_file": source,
        "line": number,
        "external_id": ext,
        "text": text,
        "title": title,
        "source": src,
        "offsets_have_text": True,
    }
    if not annotations:
        return [InRecord(meta=meta, **base)]
    records = []
    for i, ann in enumerate(annotations):
        spans, doc_labels = _parse_annotation(ann, f"annotations[{i}]", omap)
        warnings: list[str] = []
        annotator, status = _who(users, ann.get("completed_by"), i, ours, warnings)
        if ann.get("was_cancelled"):
            status = "skipped"
        elif status is None:
            status = "done"  # a submitted Label Studio annotation
        records.append(
            InRecord(
                meta=dict(meta),
                annotator=annotator,
                status=status,
                spans=spans,
                doc_labels=doc_labels,
                warnings=warnings,
                **base,
            )
        )
    return records


def _parse_min(
    obj: dict[str, Any], source: str, number: int, text_key: str | None, users: Users
) -> InRecord:
    """JSON-MIN: data fields at top level, regions as lists under the control name."""
    key = text_key or "text"
    text, omap = record_text(obj.get(key), key)
    spans: list[InSpan] = []
    doc_labels: list[str] = []
    region_keys = []
    for name, value in obj.items():
        if (
            isinstance(value, list)
            and value
            and all(isinstance(v, dict) and "start" in v and "end" in v for v in value)
        ):
            region_keys.append(name)
            for j, region in enumerate(value):
                spans.extend(_region_spans({"value": region}, f"{name}[{j}]", omap))
    title = text_field(obj, "title")
    src = text_field(obj, "source")
    ours = _annotators_in(obj)
    meta = meta_without(
        obj,
        key,
        *_MIN_RESERVED,
        *region_keys,
        DOCUMENT_ID_KEY,
        ANNOTATORS_KEY,
        *(["title"] if title else []),
        *(["source"] if src else []),
    )
    warnings: list[str] = []
    # JSON-MIN has one row per annotation: our list helps only when it names one annotator
    annotator, status = _who(
        users, obj.get("annotator"), 0, ours if len(ours) == 1 else [], warnings
    )
    ext = as_external_id(obj.get(DOCUMENT_ID_KEY, obj.get("id")))
    return InRecord(
        source_file=source,
        line=number,
        external_id=ext,
        text=text,
        title=title,
        source=src,
        meta=meta,
        annotator=annotator,
        status=status or ("done" if annotator else None),
        spans=spans,
        doc_labels=doc_labels,
        offsets_have_text=True,
        warnings=warnings,
    )


def sniff_labelstudio(first: Any) -> bool:
    if isinstance(first, list):
        first = first[0] if first else None
    if not isinstance(first, dict):
        return False
    if isinstance(first.get("data"), dict):
        return True
    if "annotation_id" in first and "annotator" in first:
        return True  # a JSON-MIN export row
    return any(k in first for k in ("annotations", "completions", "predictions"))


class LabelStudioFormat(FormatSpec):
    name = "labelstudio"
    description = "Label Studio JSON task list (Text + Labels; JSON-MIN read too)"
    extensions = (".json",)
    sniff_priority = 10
    spans_carry_text = True  # value.text; regions without it are checked like doccano's
    maps_annotators = True  # --ls-annotator-map: our names <-> its users' emails and ids

    def sniff(self, first: Any) -> bool:
        return sniff_labelstudio(first)

    def read(self, path: Path, **options: Any) -> Iterator[InRecord | BadRecord]:
        path = Path(path)
        if path.is_dir():
            raise FormatError(f"{path}: is a folder, expected a Label Studio JSON file")
        source = str(path)
        text_key = options.get("text_key")
        users = Users(options.get("annotator_map"))
        for item in iter_json_array(path):
            if isinstance(item, BadRecord):
                yield item
                continue
            number, obj = item
            if not isinstance(obj, dict):
                yield BadRecord(source, number, f"task {number} is not a JSON object")
                continue
            try:
                records = _parse_task(obj, source, number, text_key, users)
            except RecordError as exc:
                yield BadRecord(
                    source,
                    number,
                    f"task {number}: {exc}",
                    record_id_of(obj.get("data") if isinstance(obj.get("data"), dict) else obj),
                )
                continue
            yield from records

    def write(self, records: Iterable[OutRecord], target: Path, **options: Any) -> int:
        spans = 0
        count = 0
        users = Users(options.get("annotator_map"))
        with open(Path(target), "w", encoding="utf-8", newline="\n") as handle:
            handle.write("[")
            group: list[OutRecord] = []

            def flush() -> None:
                nonlocal count
                if group:
                    handle.write(",\n" if count else "\n")
                    handle.write(dumps(_task(group, users)))
                    count += 1
                    group.clear()

            for record in records:
                if group and (
                    record.external_id != group[0].external_id or record.text != group[0].text
                ):
                    flush()
                group.append(record)
                spans += len(record.spans)
            flush()
            handle.write("\n]\n")
        return spans


def looks_like_labelstudio(path: Path) -> bool:
    """Used by detection for ``.json`` files."""
    return sniff_labelstudio(first_json_value(path))


FORMAT = LabelStudioFormat()
