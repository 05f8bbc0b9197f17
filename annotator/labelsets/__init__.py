"""YAML label sets: data classes, safe loading, validation with file:line errors.

The package splits the job in one-purpose modules; this file only re-exports the names
callers use (``from annotator.labelsets import LabelSet``):

- ``model``: the frozen dataclasses (LabelSet, Label, ...), Problem and LabelSetError;
- ``loading``: bounded, safe YAML composition (size and value caps, syntax problems);
- ``reader``: the node walker that collects every problem with its line;
- ``fields``: readers for each field (labels, hotkeys, aliases, ...);
- ``validation``: parse_labelset / load_labelset / validate_file;
- ``shipped``: the sets bundled with the app;
- ``dumping``: labelset_to_dict.
"""

from annotator.labelsets.dumping import labelset_to_dict
from annotator.labelsets.loading import MAX_LABELSET_BYTES, MAX_PROBLEMS, MAX_YAML_NODES
from annotator.labelsets.model import (
    ATTRIBUTE_TYPES,
    DEFAULT_LABELSET,
    DOCUMENT_LABEL_TYPES,
    AttributeSpec,
    DocLabelSpec,
    GroupSpec,
    Label,
    LabelSet,
    LabelSetError,
    Problem,
)
from annotator.labelsets.shipped import shipped_labelsets
from annotator.labelsets.validation import load_labelset, parse_labelset, validate_file

__all__ = [
    "ATTRIBUTE_TYPES",
    "MAX_LABELSET_BYTES",
    "MAX_PROBLEMS",
    "MAX_YAML_NODES",
    "DEFAULT_LABELSET",
    "DOCUMENT_LABEL_TYPES",
    "AttributeSpec",
    "DocLabelSpec",
    "GroupSpec",
    "Label",
    "LabelSet",
    "LabelSetError",
    "Problem",
    "labelset_to_dict",
    "load_labelset",
    "parse_labelset",
    "shipped_labelsets",
    "validate_file",
]
