"""Flat rows of an agreement result, for the table and CSV outputs (and the app's lists)."""

from __future__ import annotations

from typing import Any

from annotator.team.measures import mean

BY_CHOICES = ("pair", "label", "document")


def rows(result: dict[str, Any], by: str) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of ``result`` grouped ``by`` pair, label or document."""
    if by == "pair":
        header = ["a", "b", "documents", "a_spans", "b_spans", "exact_f1", "partial_f1", "kappa"]
        return header, [[p[k] for k in header] for p in result["pairs"]]
    if by == "label":
        header = ["label", "alpha", "exact_f1", "partial_f1", "kappa", "spans"]
        body = []
        for label, alpha in result["alpha"]["labels"].items():
            per_pair = [p["labels"][label] for p in result["pairs"] if label in p["labels"]]
            spans = _spans_per_annotator(result, label)
            body.append(
                [
                    label,
                    alpha,
                    mean([x["exact_f1"] for x in per_pair]),
                    mean([x["partial_f1"] for x in per_pair]),
                    mean([x["kappa"] for x in per_pair]),
                    spans,
                ]
            )
        return header, body
    if by == "document":
        header = ["document", "a", "b", "a_spans", "b_spans", "exact_f1", "partial_f1"]
        body = [
            [
                d["document"],
                p["a"],
                p["b"],
                p["a_spans"],
                p["b_spans"],
                p["exact_f1"],
                p["partial_f1"],
            ]
            for d in result.get("by_document", [])
            for p in d["pairs"]
        ]
        if "gamma" in result:  # one figure per document, for all annotators: on each row
            header.append("gamma")
            gammas = [d["gamma"] for d in result["by_document"] for _ in d["pairs"]]
            for row, gamma in zip(body, gammas, strict=True):
                row.append(gamma)
        return header, body
    raise ValueError(f"--by must be one of {', '.join(BY_CHOICES)}")


def _spans_per_annotator(result: dict[str, Any], label: str) -> str:
    counts: dict[str, int] = {}
    for pair in result["pairs"]:
        entry = pair["labels"].get(label)
        counts.setdefault(pair["a"], entry["a_spans"] if entry else 0)
        counts.setdefault(pair["b"], entry["b_spans"] if entry else 0)
    return " ".join(f"{name}:{n}" for name, n in counts.items())


def cell(value: Any) -> str:
    """A figure as printed: 3 decimals, '-' for undefined."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
