"""Printing insight results as an aligned table, JSON or CSV (one place for all commands).

Rows are dicts; nested dicts (``labels``) are flattened for table and CSV into one column
per key (``labels.LOADED_TERM``), with the union of keys over all rows so every line has
the same columns. JSON keeps the nesting: it is the contract scripts read.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv")


def flatten(
    rows: Sequence[dict[str, Any]], inline: frozenset[str] = frozenset()
) -> tuple[list[str], list[list[Any]]]:
    """Columns (nested keys as ``parent.key``, sorted) and the values of each row.

    A nested dict named in ``inline`` stays one column written ``key n; key n`` (the
    outlets of a term: 180 columns would bury the table).
    """
    order: dict[str, None] = {}
    nested: dict[str, set[str]] = {}
    for row in rows:
        for key, value in row.items():
            order.setdefault(key, None)
            if isinstance(value, dict) and key not in inline:
                nested.setdefault(key, set()).update(map(str, value))
    columns: list[str] = []
    for key in order:
        if key in nested:
            columns.extend(f"{key}.{sub}" for sub in sorted(nested[key]))
        else:
            columns.append(key)
    values = []
    for row in rows:
        line: list[Any] = []
        for key in order:
            value = row.get(key, "")
            if key in nested:
                line.extend(
                    value.get(sub, 0) if isinstance(value, dict) else 0
                    for sub in sorted(nested[key])
                )
            elif isinstance(value, dict):
                line.append("; ".join(f"{k} {v}" for k, v in value.items()))
            else:
                line.append(value)
        values.append(line)
    return columns, values


def _width(text: str) -> int:
    """Terminal columns: combining marks (Arabic harakat) take none."""
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def render(rows: Sequence[dict[str, Any]], fmt: str, inline: frozenset[str] = frozenset()) -> str:
    """The rows in ``fmt`` (table, json or csv), ending with a newline."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"
    columns, values = flatten(rows, inline)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in values])
        return buffer.getvalue()
    if not rows:
        return "(nothing to show)\n"
    cells = [[_cell(v) for v in row] for row in values]
    widths = [
        max(_width(c) for c in [name, *(r[i] for r in cells)]) for i, name in enumerate(columns)
    ]
    lines = []
    for row in [columns, *cells]:
        lines.append(
            "  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)).rstrip()
        )
    return "\n".join(lines) + "\n"


__all__ = ["FORMATS", "flatten", "render"]
