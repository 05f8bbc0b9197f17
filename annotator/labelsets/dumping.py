"""A label set back to plain data in its YAML's own shape."""

from __future__ import annotations

from typing import Any

from annotator.labelsets.model import AttributeSpec, Label, LabelSet
from annotator.text.clitics import DEFAULT_PROCLITICS


def labelset_to_dict(labelset: LabelSet) -> dict[str, Any]:
    """Plain data in the YAML's own shape (empty optional parts left out), e.g. for JSON
    exports or a CLI ``show``; the verbatim ``source`` stays the archival copy."""

    def localized(mapping: dict[str, str]) -> dict[str, str]:
        return dict(mapping)

    def attribute(a: AttributeSpec) -> dict[str, Any]:
        out: dict[str, Any] = {"key": a.key, "type": a.type}
        if a.choices:
            out["choices"] = list(a.choices)
        if a.name:
            out["name"] = localized(a.name)
        if a.help:
            out["help"] = localized(a.help)
        return out

    def label(lb: Label) -> dict[str, Any]:
        out: dict[str, Any] = {"key": lb.key, "name": localized(lb.name), "color": lb.color}
        for attr in ("hotkey", "group"):
            if getattr(lb, attr) is not None:
                out[attr] = getattr(lb, attr)
        if lb.priority:
            out["priority"] = lb.priority
        if lb.help:
            out["help"] = localized(lb.help)
        for attr in ("terms", "examples", "counter_examples"):
            if getattr(lb, attr):
                out[attr] = list(getattr(lb, attr))
        if lb.attributes:
            out["attributes"] = [attribute(a) for a in lb.attributes]
        return out

    out: dict[str, Any] = {
        "name": labelset.name,
        "version": labelset.version,
        "language": labelset.language,
    }
    if labelset.description:
        out["description"] = localized(labelset.description)
    if labelset.reference:
        out["reference"] = labelset.reference
    if labelset.proclitics != DEFAULT_PROCLITICS:
        out["proclitics"] = labelset.proclitics
    if labelset.groups:
        out["groups"] = [
            {
                "key": g.key,
                **({"name": g.name} if g.name else {}),
                **({"help": g.help} if g.help else {}),
            }
            for g in labelset.groups
        ]
    out["labels"] = [label(lb) for lb in labelset.labels]
    if labelset.document_labels:
        out["document_labels"] = [
            {
                "key": d.key,
                "type": d.type,
                **({"choices": list(d.choices)} if d.choices else {}),
                **({"name": localized(d.name)} if d.name else {}),
                **({"help": localized(d.help)} if d.help else {}),
            }
            for d in labelset.document_labels
        ]
    if labelset.aliases:
        out["aliases"] = dict(labelset.aliases)
    return out
