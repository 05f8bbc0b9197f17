"""Registry of interchange formats: one module per format, found by discovery.

Every module in this package that defines a module-level ``FORMAT`` (a
``base.FormatSpec``) is registered under ``FORMAT.name``, so adding a format is adding
one file; modules whose name starts with ``_`` and ``base`` are plumbing. What a
format is (its default label set, offset unit, whether it holds one annotator, writes a
folder, how it is recognised) is declared on its object, never listed here or in the
pipelines.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path
from typing import Any

from annotator.formats._annotator_map import parse_annotator_map
from annotator.formats._json_array import first_json_item, leading_json_items
from annotator.formats.base import BadRecord, Format, FormatError, FormatSpec

__all__ = [
    "Format",
    "FormatError",
    "FormatSpec",
    "all_formats",
    "detect_format",
    "export_formats",
    "get_format",
    "import_formats",
    "parse_annotator_map",
]

_JSON_SUFFIXES = (".jsonl", ".json", ".ndjson", ".jsonlines")


@cache
def _registry() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        fmt = getattr(module, "FORMAT", None)
        if fmt is None:
            continue
        if fmt.name in found:
            raise RuntimeError(f"two format modules register the name {fmt.name!r}")
        found[fmt.name] = fmt
    return found


def all_formats() -> dict[str, FormatSpec]:
    """Every registered format by name (registration order is alphabetical by module)."""
    return dict(_registry())


def get_format(name: str) -> FormatSpec:
    try:
        return _registry()[name]
    except KeyError:
        known = ", ".join(sorted(_registry()))
        raise FormatError(f"unknown format {name!r} (known formats: {known})") from None


def import_formats() -> list[str]:
    return sorted(_registry())


def export_formats() -> list[str]:
    return sorted(n for n, f in _registry().items() if f.can_write)


def _by_priority() -> list[Any]:
    return sorted(_registry().values(), key=lambda f: (f.sniff_priority, f.name))


_JSON_HEAD = (b"[", b"{")


def detect_format(path: str | Path) -> str:
    """Name of the format a file or folder is in: by its name and layout for the formats
    recognised that way (folders, .csv, .tsv, .labels, .txt), else by its first record.
    A ``.txt`` file holding JSON (SemEval-2021 task 6 ships JSON arrays as .txt) is
    judged by its content first."""
    path = Path(path)
    if not path.exists():
        raise FormatError(f"{path}: no such file or folder")
    formats = _by_priority()
    if path.is_dir():
        for fmt in formats:
            if fmt.sniff_path(path):
                return fmt.name
        raise FormatError(f"{path}: no format reads this folder")
    json_like = path.suffix.lower() in _JSON_SUFFIXES or _head(path).startswith(_JSON_HEAD)
    if json_like:
        found = _detect_json(path, formats)
        if found is not None:
            return found
    for fmt in formats:
        if fmt.sniff_path(path):
            return fmt.name
    first = first_json_item(path)
    if first is None or isinstance(first, BadRecord):
        if _is_blank(path):
            raise FormatError(f"{path}: file is empty, cannot tell its format")
        if isinstance(first, BadRecord) and first.line > 0 and "invalid JSON:" not in first.reason:
            # valid JSON syntax that cannot be read (too deep, a number too long): say why
            raise FormatError(f"{first}; cannot tell the format")
        raise FormatError(
            f"{path}: cannot tell the format (not JSON lines or a JSON array; "
            "choose one with --format)"
        )
    if isinstance(first, list):
        first = first[0] if first else None
    keys = ", ".join(sorted(first)) if isinstance(first, dict) else type(first).__name__
    raise FormatError(
        f"{path}: no format recognises the first record (keys: {keys}); choose one with --format"
    )


def _detect_json(path: Path, formats: list[Any]) -> str | None:
    first = first_json_item(path)
    if isinstance(first, BadRecord):
        return None
    if isinstance(first, list):  # first line was a whole one-line JSON array
        first = first[0] if first else None
    if first is None:
        return None
    array = _head(path).startswith(b"[")
    found = _claimant(first, formats)
    if found is not None and found.sniff_is_fallback:
        # the first record says nothing (an unlabelled meme opens SemEval-2021's dev
        # set): a later record that a specific format claims decides
        for item in leading_json_items(path, _SNIFF_RECORDS):
            later = _claimant(item, formats)
            if later is not None and not later.sniff_is_fallback:
                found = later
                break
    if found is None:
        return None
    if array and found.name == "doccano":
        # doccano files are JSON lines; an array of plain {"text"} tasks is the
        # shape Label Studio imports
        return "labelstudio"
    return str(found.name)


#: records read to settle a file whose first record only the fallback format claims
_SNIFF_RECORDS = 200


def _claimant(item: Any, formats: list[Any]) -> Any:
    """The first format (by priority) that claims this record, or None."""
    if isinstance(item, list):  # a whole one-line JSON array
        item = item[0] if item else None
    if item is None:
        return None
    return next((fmt for fmt in formats if fmt.sniff(item)), None)


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")


def _is_blank(path: Path) -> bool:
    """Nothing but a BOM and whitespace (blank lines) in the file; read in chunks."""
    with open(path, "rb") as handle:
        first = True
        while chunk := handle.read(1 << 16):
            if first and chunk.startswith(b"\xef\xbb\xbf"):
                chunk = chunk[3:]
            first = False
            if chunk.strip(b" \t\r\n\f\v"):
                return False
    return True
