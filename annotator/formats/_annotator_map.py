"""``--ls-annotator-map``: our annotator names and the tool's users, read once for the
CLI and the dialogs alike.

The value is ``NAME=EMAIL`` pairs separated by commas, or the path of a file with one
pair a line (``#`` starts a comment line); ``NAME=EMAIL=ID`` also gives the numeric user
id that Label Studio's JSON export writes in ``completed_by``. The result maps each name
to ``"EMAIL"`` or ``"EMAIL=ID"`` (what ``labelstudio.Users`` reads).
"""

from __future__ import annotations

import os

from annotator.formats.base import FormatError


def parse_annotator_map(value: str | None) -> dict[str, str]:
    """The map a ``--ls-annotator-map`` value names; a bad item is a FormatError naming
    its place (``file:line`` or ``--ls-annotator-map item N``)."""
    if not value or not value.strip():
        return {}
    value = value.strip()
    if os.path.isfile(value):
        try:
            with open(value, encoding="utf-8") as handle:
                lines = list(enumerate(handle, 1))
        except (OSError, UnicodeDecodeError) as exc:
            raise FormatError(f"{value}: cannot read the annotator map: {exc}") from exc
        items = [
            (f"{value}:{n}", line.strip())
            for n, line in lines
            if line.strip() and not line.lstrip().startswith("#")
        ]
    else:
        items = [
            (f"--ls-annotator-map item {n}", part.strip())
            for n, part in enumerate(value.split(","), 1)
            if part.strip()
        ]
    mapping: dict[str, str] = {}
    for where, item in items:
        name, sep, rest = item.partition("=")
        if not sep or not name.strip() or "@" not in rest:
            raise FormatError(f"{where}: {item!r} is not NAME=EMAIL (or NAME=EMAIL=ID)")
        mapping[name.strip()] = rest.strip()
    return mapping
