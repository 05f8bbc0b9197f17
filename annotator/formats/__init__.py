"""Registry of interchange formats: one module per format, found by discovery.

Every module in this package that defines a module-level ``FORMAT`` (satisfying
``base.Format``) is registered under ``FORMAT.name``, so adding a format is adding one
file; modules whose name starts with ``_`` and ``base`` are plumbing. Optional
attributes on a format: ``can_write`` (False for import-only formats, default True),
``sniff_priority`` (lower is asked first when detecting JSON lines, default 50) and
``writes_folder`` (the export target is a folder).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path
from typing import Any

from annotator.formats._jsonl import first_json_item
from annotator.formats.base import BadRecord, Format, FormatError

__all__ = ["Format", "FormatError", "all_formats", "detect_format", "export_formats",
           "get_format", "import_formats"]

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


def all_formats() -> dict[str, Format]:
    """Every registered format by name (registration order is alphabetical by module)."""
    return dict(_registry())


def get_format(name: str) -> Format:
    try:
        return _registry()[name]
    except KeyError:
        known = ", ".join(sorted(_registry()))
        raise FormatError(f"unknown format {name!r} (known formats: {known})") from None


def import_formats() -> list[str]:
    return sorted(_registry())


def export_formats() -> list[str]:
    return sorted(n for n, f in _registry().items() if getattr(f, "can_write", True))


def _json_formats() -> list[Any]:
    formats = [f for f in _registry().values() if f.name not in ("txt", "csv", "ptc")]
    return sorted(formats, key=lambda f: (getattr(f, "sniff_priority", 50), f.name))


def _is_ptc_folder(path: Path) -> bool:
    has_labels = any(p.suffix.lower() in (".tsv", ".labels") for p in path.iterdir()
                     if p.is_file())
    return has_labels and any(p.is_file() for p in path.glob("article*.txt"))


def detect_format(path: str | Path) -> str:
    """Name of the format a file or folder is in, from its extension or first record."""
    path = Path(path)
    if path.is_dir():
        return "ptc" if _is_ptc_folder(path) else "txt"
    if not path.is_file():
        raise FormatError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return "txt"
    if suffix == ".csv":
        return "csv"
    if suffix in (".tsv", ".labels"):
        return "ptc"
    first = first_json_item(path)
    if first is None or isinstance(first, BadRecord):
        if _is_blank(path):
            raise FormatError(f"{path}: file is empty, cannot tell its format")
        if isinstance(first, BadRecord) and first.line > 0 and "invalid JSON:" not in first.reason:
            # valid JSON syntax that cannot be read (too deep, a number too long): say why
            raise FormatError(f"{first}; cannot tell the format")
        raise FormatError(f"{path}: cannot tell the format (not JSON lines or a JSON array; "
                          "choose one with --format)")
    if isinstance(first, list):  # first line was a whole one-line JSON array
        first = first[0] if first else None
    if suffix == ".json" and _starts_with_bracket(path):
        if get_format("labelstudio").sniff(first) or _is_plain_task(first):
            return "labelstudio"
    for fmt in _json_formats():
        if fmt.sniff(first):
            return fmt.name
    keys = ", ".join(sorted(first)) if isinstance(first, dict) else type(first).__name__
    raise FormatError(f"{path}: no format recognises the first record (keys: {keys}); "
                      "choose one with --format")


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


def _starts_with_bracket(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"[")


def _is_plain_task(first: Any) -> bool:
    """A JSON array of flat ``{"text": ...}`` objects: Label Studio's import shape."""
    return isinstance(first, dict) and isinstance(first.get("text"), str)
