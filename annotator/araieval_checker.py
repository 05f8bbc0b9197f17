"""Format checker for ArAIEval 2024 Task 1 span files (predictions or gold), written from the
task's format description.

Why our own: exports must pass the organisers' checker before anyone can score them, and a
problem is far cheaper to fix when it is reported with its line here than as a rejected
submission. It also audits gold files: a label whose ``text`` is not ``text[start:end]`` is
exactly what :mod:`annotator.realign` repairs on import.

Each line is a JSON object ``{"id", "labels": [{"start", "end", "technique", "text"?}],
"text"?, "type"?}``. Problems are returned as ``"file:line: message"`` (1-based lines).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

TECHNIQUES_23: frozenset[str] = frozenset(
    {
        # Attack_on_Reputation
        "Name_Calling-Labeling",
        "Guilt_by_Association",
        "Doubt",
        "Appeal_to_Hypocrisy",
        "Questioning_the_Reputation",
        # Justification
        "Flag_Waving",
        "Appeal_to_Authority",
        "Appeal_to_Popularity",
        "Appeal_to_Values",
        "Appeal_to_Fear-Prejudice",
        # Distraction
        "Straw_Man",
        "Red_Herring",
        "Whataboutism",
        # Simplification
        "Causal_Oversimplification",
        "False_Dilemma-No_Choice",
        "Consequential_Oversimplification",
        # Call
        "Slogans",
        "Conversation_Killer",
        "Appeal_to_Time",
        # Manipulative_Wording
        "Loaded_Language",
        "Obfuscation-Vagueness-Confusion",
        "Exaggeration-Minimisation",
        "Repetition",
    }
)

# Older (SemEval-2020 PTC) names, only to make the "unknown technique" message actionable.
_OLD_NAMES = {
    "Name_Calling,Labeling": "Name_Calling-Labeling",
    "Black-and-White_Fallacy": "False_Dilemma-No_Choice",
    "Thought-terminating_Cliches": "Conversation_Killer",
    "Bandwagon": "Appeal_to_Popularity",
    "Reductio_ad_hitlerum": "Guilt_by_Association",
    "Smears": "Questioning_the_Reputation",
    "Flag-Waving": "Flag_Waving",
    "Appeal_to_fear-prejudice": "Appeal_to_Fear-Prejudice",
    "Exaggeration,Minimisation": "Exaggeration-Minimisation",
    "Obfuscation,Intentional_Vagueness,Confusion": "Obfuscation-Vagueness-Confusion",
}


@dataclass(slots=True)
class _Line:
    """One parsed JSON object and the line it came from."""

    line: int
    obj: dict[str, Any]


@dataclass(slots=True)
class _Parsed:
    lines: list[_Line] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _read_jsonl(path: Path) -> _Parsed:
    """Parse every line; what cannot be parsed becomes a problem, the rest is returned."""
    out = _Parsed()
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.problems.append(f"{path}:0: cannot read file: {exc.strerror or exc}")
        return out
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        out.problems.append(f"{path}:{line}: not UTF-8 (invalid byte at file offset {exc.start})")
        return out
    if content.startswith("\ufeff"):
        out.problems.append(f"{path}:1: file starts with a UTF-8 byte order mark (BOM)")
        content = content[1:]
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline does not open another line
    for number, raw in enumerate(lines, start=1):
        raw = raw.removesuffix("\r")
        if not raw.strip():
            out.problems.append(f"{path}:{number}: empty line")
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            out.problems.append(f"{path}:{number}: invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            out.problems.append(
                f"{path}:{number}: expected a JSON object, got {type(obj).__name__}"
            )
            continue
        out.lines.append(_Line(number, obj))
    return out


def _record_id(obj: dict[str, Any]) -> str | None:
    """The id as a string; ints are accepted because JSON writers differ, other types are not."""
    rid = obj.get("id")
    if isinstance(rid, bool) or not isinstance(rid, str | int):
        return None
    return str(rid)


def _is_int(value: Any) -> TypeGuard[int]:
    """An integer, but not a bool (``True`` is an int to Python, never an offset to us)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _check_label(
    where: str, k: int, label: Any, text: str | None, seen: set[tuple[int, int, str]]
) -> list[str]:
    """Problems of one label; ``text`` is the document text when known (reference or own)."""
    tag = f"{where}: label {k}"
    if not isinstance(label, dict):
        return [f"{tag}: expected an object with start, end, technique"]
    problems: list[str] = []
    start, end, technique = label.get("start"), label.get("end"), label.get("technique")
    for name, value in (("start", start), ("end", end)):
        if name not in label:
            problems.append(f"{tag}: missing '{name}'")
        elif not _is_int(value):
            problems.append(f"{tag}: '{name}' must be an integer, got {value!r}")
    if "technique" not in label:
        problems.append(f"{tag}: missing 'technique'")
    elif not isinstance(technique, str):
        problems.append(f"{tag}: 'technique' must be a string, got {technique!r}")
    elif technique not in TECHNIQUES_23:
        hint = ""
        if technique == "no_technique":
            hint = " (a text without techniques has an empty 'labels' list)"
        elif isinstance(technique, str) and technique in _OLD_NAMES:
            hint = f" (old name; use {_OLD_NAMES[technique]!r})"
        problems.append(f"{tag}: unknown technique {technique!r}{hint}")
    # a missing or non-integer offset is always among ``problems`` already
    if not (_is_int(start) and _is_int(end)):
        return problems
    if not 0 <= start < end:
        problems.append(f"{tag}: offsets must satisfy 0 <= start < end, got [{start}, {end})")
        return problems
    if text is not None and end > len(text):
        problems.append(f"{tag}: end {end} is past the end of the text (length {len(text)})")
        return problems
    span_text = label.get("text")
    if "text" in label and not isinstance(span_text, str):
        problems.append(f"{tag}: 'text' must be a string")
    elif isinstance(span_text, str) and text is not None and text[start:end] != span_text:
        problems.append(
            f"{tag}: text {span_text!r} differs from text[{start}:{end}] = {text[start:end]!r}"
        )
    key = (start, end, str(technique))
    if key in seen:
        problems.append(f"{tag}: duplicate label [{start}, {end}) {technique}")
    seen.add(key)
    return problems


def _reference_texts(reference: Path) -> tuple[dict[str, tuple[int, str | None]], list[str]]:
    """id -> (line, text) of the reference, plus problems that make it unusable in part."""
    parsed = _read_jsonl(reference)
    problems = list(parsed.problems)
    texts: dict[str, tuple[int, str | None]] = {}
    for item in parsed.lines:
        rid = _record_id(item.obj)
        if rid is None:
            problems.append(f"{reference}:{item.line}: missing or invalid 'id'")
            continue
        if rid in texts:
            problems.append(
                f"{reference}:{item.line}: duplicate id {rid!r} (first on line {texts[rid][0]})"
            )
            continue
        text = item.obj.get("text")
        texts[rid] = (item.line, text if isinstance(text, str) else None)
    return texts, problems


def check_file(path: str | Path, reference: str | Path | None = None) -> list[str]:
    """All format problems of an ArAIEval 2024 Task 1 JSONL file, each "file:line: message".

    With ``reference`` (the gold file of the same split), every reference id must appear
    exactly once, no other id may appear, and offsets are checked against the reference text;
    without it, against the record's own "text" when it has one. An empty list means the
    file is fine.
    """
    path = Path(path)
    parsed = _read_jsonl(path)
    problems = list(parsed.problems)
    ref_texts: dict[str, tuple[int, str | None]] | None = None
    if reference is not None:
        ref_texts, ref_problems = _reference_texts(Path(reference))
        problems.extend(ref_problems)

    first_line: dict[str, int] = {}
    for item in parsed.lines:
        obj, where = item.obj, f"{path}:{item.line}"
        rid = _record_id(obj)
        if rid is None:
            problems.append(f"{where}: missing or invalid 'id' (a string)")
        elif rid in first_line:
            problems.append(f"{where}: duplicate id {rid!r} (first on line {first_line[rid]})")
        else:
            first_line[rid] = item.line

        own_text = obj.get("text")
        if "text" in obj and not isinstance(own_text, str):
            problems.append(f"{where}: 'text' must be a string")
            own_text = None
        text = own_text
        if ref_texts is not None and rid is not None:
            if rid not in ref_texts:
                problems.append(f"{where}: id {rid!r} is not in the reference {reference}")
            else:
                ref_text = ref_texts[rid][1]
                if ref_text is not None:
                    if own_text is not None and own_text != ref_text:
                        problems.append(f"{where}: 'text' differs from the reference text")
                    text = ref_text

        labels = obj.get("labels")
        if "labels" not in obj:
            problems.append(f"{where}: missing 'labels' (use [] when there are none)")
            continue
        if not isinstance(labels, list):
            problems.append(f"{where}: 'labels' must be a list")
            continue
        seen: set[tuple[int, int, str]] = set()
        for k, label in enumerate(labels):
            problems.extend(_check_label(where, k, label, text, seen))

    if ref_texts is not None:
        for rid, (ref_line, _text) in ref_texts.items():
            if rid not in first_line:
                problems.append(f"{reference}:{ref_line}: id {rid!r} is missing from {path}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """``python -m annotator.araieval_checker FILE [REFERENCE]``: exit 1 when problems."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print("usage: python -m annotator.araieval_checker FILE [REFERENCE]", file=sys.stderr)
        return 2
    problems = check_file(args[0], args[1] if len(args) == 2 else None)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
