"""Record-level checks every format shares: blank names, broken Unicode, span attributes."""

from __future__ import annotations

from typing import Any

from annotator.formats._json_read import MAX_JSON_DEPTH, has_lone_surrogate, json_depth_exceeds
from annotator.formats.base import InRecord
from annotator.labelsets import LabelSet


def _attribute_problem(labelset: LabelSet, key: str, attributes: dict[str, Any]) -> str | None:
    """Why a span's attributes do not fit its label's definition (None when they do)."""
    label = labelset.label(key)
    specs = {spec.key: spec for spec in label.attributes} if label else {}
    for name, value in attributes.items():
        spec = specs.get(name)
        if spec is None:
            known = ", ".join(specs) or "none"
            return (
                f"attribute {name!r} is not defined for {key} in label set "
                f"{labelset.name!r} (defined: {known})"
            )
        if spec.type == "choice" and value not in spec.choices:
            return f"attribute {name}: {value!r} is not one of {', '.join(spec.choices)}"
        if spec.type == "bool" and not isinstance(value, bool):
            return f"attribute {name}: {value!r} is not true or false"
        if spec.type == "text" and not isinstance(value, str):
            return f"attribute {name}: {value!r} is not text"
    return None


def _blank(name: str | None) -> bool:
    """A name given but made of spaces only ("" counts as not given, as before)."""
    return name is not None and name != "" and not name.strip()


def _record_problem(record: InRecord, *, text_encodes: bool = False) -> str | None:
    """Why a record that its format read cannot be stored, whatever the format: blank
    annotator names, text that is not valid Unicode (unpaired surrogates, e.g. from a
    file name that is not UTF-8), a meta nested beyond what exports can write.
    ``text_encodes``: the caller has encoded the text as UTF-8 already (to hash it), so
    it holds no unpaired surrogate and is not encoded a second time to find out."""
    if _blank(record.annotator):
        return "annotator name is blank"
    for span in record.spans:
        if _blank(span.annotator):
            return f"span {span.start}–{span.end}: annotator name is blank"
    fields = {
        "id": record.external_id,
        "text": record.text,
        "title": record.title,
        "source": record.source,
        "annotator": record.annotator,
        "label set": record.labelset,
        "status": record.status,
        "meta": record.meta,
    }
    if text_encodes:
        del fields["text"]
    # One encode of every plain string together settles them all in the usual case
    # (UTF-8 refuses any surrogate code point, so joining two fields cannot hide one).
    try:
        "".join(v for v in fields.values() if type(v) is str).encode("utf-8")
        strings_encode = True
    except UnicodeEncodeError:
        strings_encode = False
    for what, value in fields.items():
        if value is None or (strings_encode and type(value) is str):
            continue
        if has_lone_surrogate(value):
            return f"{what} is not valid Unicode text (an unpaired surrogate)"
    if record.meta and json_depth_exceeds(record.meta):
        return f"meta is nested more than {MAX_JSON_DEPTH} levels deep"
    return None
