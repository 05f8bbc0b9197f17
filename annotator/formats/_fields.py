"""Checks on the fields of one imported record (offsets, labels, ids, text).

Every reader must refuse the same bad values with the same words (a boolean offset,
an empty label, an id that is an object), so each rule lives here once; a failure is
a RecordError, which the reader turns into a BadRecord naming file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotator.formats._newlines import NewlineMap, stored_text_and_map


class RecordError(Exception):
    """One record cannot be read; the caller turns it into a BadRecord."""


def as_offset(value: Any, what: str) -> int:
    """An integer offset; integral floats (12.0) pass because some tools write them."""
    if isinstance(value, bool):
        raise RecordError(f"{what} is not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise RecordError(f"{what} is not an integer: {value!r}")


def as_label(value: Any, what: str = "span label") -> str:
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"{what} is missing or not a non-empty string: {value!r}")
    return value


def as_external_id(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise RecordError(f"id must be a string or an integer, not {value!r}")
    if isinstance(value, int | str):
        text = str(value)
        return text if text != "" else None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    raise RecordError(f"id must be a string or an integer, not {type(value).__name__}")


def get_or(obj: Mapping[str, Any], key: str, default: Any) -> Any:
    """``obj[key]`` unless missing or null; unlike ``or`` it keeps a wrong-typed falsy
    value ([] for an object, {} for a list) so the type check still catches it."""
    value = obj.get(key)
    return default if value is None else value


def text_field(obj: Mapping[str, Any], key: str) -> str:
    """``obj[key]`` when it is a string, else "" (a title or source of another type is
    not one: it stays in meta)."""
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def opt_str(value: Any, what: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise RecordError(f"{what} must be a string, not {type(value).__name__}")


def record_text(value: Any, what: str = "text") -> tuple[str, NewlineMap]:
    """The record's text in stored form, refusing what cannot be a document."""
    if value is None:
        raise RecordError(f"missing {what}")
    if not isinstance(value, str):
        raise RecordError(f"{what} is not a string ({type(value).__name__})")
    stored, omap = stored_text_and_map(value)
    if stored == "":
        raise RecordError(f"{what} is empty")
    return stored, omap


def record_id_of(obj: Any) -> str | None:
    """Best-effort id for naming a bad record in messages."""
    if isinstance(obj, dict):
        for key in ("id", "_id"):
            value = obj.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool):
                return str(value)
        meta = obj.get("meta")
        if isinstance(meta, dict) and isinstance(meta.get("id"), str | int):
            return str(meta["id"])
    return None
