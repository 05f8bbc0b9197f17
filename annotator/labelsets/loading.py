"""Bounded, safe YAML composition for label sets.

Loading never constructs Python objects from YAML: the text is *composed* into a
node tree (no constructor runs, so ``!!python/object`` tags cannot execute). Size and
value-count caps are checked before composing, so a hostile file costs a moment at most.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from annotator.labelsets.model import Problem

# The C parser composes the default set several times faster; both give line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Bounds that keep a hostile or broken file from costing more than a moment; the shipped
# sets are far below them (~900 YAML values, 35 KB each). Values are counted on the
# parser's event stream, which stops at the cap, before anything is composed.
MAX_LABELSET_BYTES = 1024 * 1024
MAX_YAML_NODES = 20_000
MAX_PROBLEMS = 200  # listed; a file with more is broken throughout

_YAML_TAG = "tag:yaml.org,2002:"
_SAFE_TAGS = frozenset(
    _YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
_NULL_TAG = _YAML_TAG + "null"


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL_TAG:
        return "nothing"
    return f"{node.value!r}"


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _tag_shorthand(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def _yaml_problem(exc: yaml.YAMLError, source: str, filename: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line = mark.line + 1
    elif isinstance(exc, yaml.reader.ReaderError):  # reader errors carry a char position
        line = source.count("\n", 0, exc.position) + 1
    else:
        line = 1
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character
        shown = f"#x{char:04x}" if isinstance(char, int) else repr(char)
        return Problem(
            filename, line, "", f"YAML syntax error: unacceptable character {shown}: {exc.reason}"
        )
    detail = getattr(exc, "problem", None) or str(exc)
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context:
        # An unclosed quote or bracket is reported where the parser gave up (often the end
        # of the file); where it was opened is what the author needs to find.
        if context_mark is not None and context_mark.line + 1 != line:
            context += f" started at line {context_mark.line + 1}"
        detail += f" ({context})"
    lines = source.splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in text[: len(text) - len(text.lstrip())]:
        detail += "; indent with spaces, YAML does not allow tabs there"
    return Problem(filename, line, "", f"YAML syntax error: {detail}")


def _compose(source: str, filename: str) -> tuple[Node | None, list[Problem]]:
    size = len(source.encode("utf-8", "surrogatepass"))
    if size > MAX_LABELSET_BYTES:
        return None, [
            Problem(
                filename,
                1,
                "",
                f"the file is {size:,} bytes; a label set may "
                f"be at most {MAX_LABELSET_BYTES:,} bytes",
            )
        ]
    try:
        for count, event in enumerate(yaml.parse(source, Loader=_LOADER)):
            if count >= MAX_YAML_NODES:
                return None, [
                    Problem(
                        filename,
                        event.start_mark.line + 1 if event.start_mark else 1,
                        "",
                        f"the file has more than {MAX_YAML_NODES:,} YAML values; "
                        "a label set is much smaller",
                    )
                ]
        root = yaml.compose(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        return None, [_yaml_problem(exc, source, filename)]
    except RecursionError:  # the pure-Python composer on deep nesting (libyaml stops at 1000)
        return None, [Problem(filename, 1, "", "YAML nested too deeply")]
    if root is None:
        return None, [
            Problem(
                filename,
                1,
                "",
                "the file is empty; a label set needs at least name, version and labels",
            )
        ]
    return root, []
