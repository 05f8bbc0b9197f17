"""The label sets bundled with the app."""

from __future__ import annotations

import functools

from annotator.labelsets.model import LabelSet
from annotator.labelsets.validation import load_labelset
from annotator.paths import shipped_labelsets_dir


@functools.cache
def shipped_labelsets() -> dict[str, LabelSet]:
    """Label sets bundled with the app, by name (file name without .yaml)."""
    result = {}
    for path in sorted(shipped_labelsets_dir().glob("*.yaml")):
        result[path.stem] = load_labelset(path)
    return result
