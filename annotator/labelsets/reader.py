"""The YAML node walker: shape checks that collect every problem instead of stopping.

Walking nodes gives us what ``yaml.safe_load`` hides: line numbers, and duplicate keys
(which YAML silently lets the last one win).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from annotator.labelsets import loading
from annotator.labelsets.loading import (
    _NULL_TAG,
    _SAFE_TAGS,
    _YAML_TAG,
    _join,
    _kind,
    _line,
    _tag_shorthand,
)
from annotator.labelsets.model import Problem

_LANG_RE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


class _Reader:
    """Walks a composed YAML tree, collecting every problem instead of stopping."""

    def __init__(self, source: str, filename: str):
        self.source = source
        self.filename = filename
        self.problems: list[Problem] = []
        self._bad: set[int] = set()  # ids of nodes already reported (unsafe tags)

    # -- reporting
    def problem(self, node_or_line: Node | int, path: str, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else _line(node_or_line)
        if len(self.problems) > loading.MAX_PROBLEMS:
            return
        if len(self.problems) == loading.MAX_PROBLEMS:
            message = f"more than {loading.MAX_PROBLEMS} problems; fix the ones listed first"
            path = ""
        self.problems.append(Problem(self.filename, line, path, message))

    def check_tags(self, root: Node) -> None:
        """Reject any explicit non-standard tag, and every alias, before anything reads
        the tree.

        An alias (``*name``) makes the composed tree a graph: the same node reached from
        several places, or from inside itself (``x: &r [*r]``). Walking it as a tree is
        exponential ("billion laughs") or endless, so each node is visited once; a node
        reached a second time is an alias and refused. Label sets have no use for them.
        The walk also stops at MAX_YAML_NODES.
        """
        # (node, path, line where it is used): an aliased node's own mark is its anchor's
        stack: list[tuple[Node, str, int]] = [(root, "", _line(root))]
        seen: set[int] = set()
        while stack:
            node, path, used_at = stack.pop()
            if id(node) in seen:
                self._bad.add(id(node))
                self.problem(
                    used_at,
                    path,
                    "YAML aliases (*name) are not supported in label "
                    f"sets; write the value out (it repeats line "
                    f"{_line(node)})",
                )
                continue
            seen.add(id(node))
            if len(seen) > loading.MAX_YAML_NODES:
                self._bad.add(id(root))
                self.problem(
                    node,
                    path,
                    f"the file has more than {loading.MAX_YAML_NODES:,} YAML "
                    "values; a label set is much smaller",
                )
                return
            if node.tag not in _SAFE_TAGS:
                self._bad.add(id(node))
                if node.tag == _YAML_TAG + "merge":
                    msg = "merge keys (<<) are not supported; write the fields out"
                else:
                    msg = (
                        f"YAML tag {_tag_shorthand(node.tag)!r} is not allowed; "
                        "label sets hold plain text, numbers, lists and mappings only"
                    )
                self.problem(node, path, msg)
                continue
            # children are pushed in reverse so they are visited in file order: the
            # anchor is met before its aliases, and the alias is what gets reported
            children: list[tuple[Node, str, int]] = []
            if isinstance(node, SequenceNode):
                # an alias item: the line of the item before it is the closest we know
                line = _line(node)
                for i, item in enumerate(node.value):
                    children.append((item, f"{path}[{i}]", line))
                    line = max(line, _line(item))
            elif isinstance(node, MappingNode):
                for key, value in node.value:
                    name = key.value if isinstance(key, ScalarNode) else "?"
                    children.append((key, path, _line(key)))
                    children.append((value, _join(path, name), _line(key)))
            stack.extend(reversed(children))

    def bad(self, node: Node) -> bool:
        return id(node) in self._bad

    # -- shapes
    def mapping(
        self, node: Node, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Node] | None:
        """Fields of a mapping node, first occurrence wins; problems for the rest."""
        if self.bad(node):
            return None
        if not isinstance(node, MappingNode):
            expected = ", ".join(required or allowed[:3])
            self.problem(node, path, f"expected a mapping (with {expected}), got {_kind(node)}")
            return None
        fields: dict[str, Node] = {}
        for key, value, name in self.keys_of(node, path):
            if name not in allowed:
                self.problem(key, _join(path, name), f"unknown field{_suggest(name, allowed)}")
                continue
            fields[name] = value
        for name in required:
            if name not in fields:
                self.problem(node, path, f"missing required field {name!r}")
        return fields

    def keys_of(self, node: MappingNode, path: str) -> list[tuple[Node, Node, str]]:
        """(key node, value node, key text) of a mapping, reporting duplicate keys (YAML
        itself would silently keep the last one)."""
        seen: dict[str, int] = {}
        result: list[tuple[Node, Node, str]] = []
        for key, value in node.value:
            if self.bad(key):
                continue
            if not isinstance(key, ScalarNode):
                self.problem(key, path, f"mapping keys must be plain text, got {_kind(key)}")
                continue
            name = key.value
            if name in seen:
                self.problem(
                    key, _join(path, name), f"duplicate key {name!r} (first at line {seen[name]})"
                )
                continue
            seen[name] = _line(key)
            result.append((key, value, name))
        return result

    def sequence(self, node: Node, path: str, what: str) -> list[Node] | None:
        if self.bad(node):
            return None
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            return []  # "terms:" with nothing after it means no terms
        if not isinstance(node, SequenceNode):
            self.problem(node, path, f"expected a list of {what}, got {_kind(node)}")
            return None
        return list(node.value)

    def text(self, node: Node, path: str, *, empty_ok: bool = False) -> str | None:
        """A scalar as the text the author typed: ``1``, ``yes`` and ``1.0`` stay as written."""
        if self.bad(node):
            return None
        if not isinstance(node, ScalarNode):
            self.problem(node, path, f"expected text, got {_kind(node)}")
            return None
        if node.tag == _NULL_TAG:
            self.problem(node, path, "missing value" + self._comment_hint(node))
            return None
        value = node.value
        if not empty_ok and not value.strip():
            self.problem(node, path, "must not be empty")
            return None
        return value

    def _comment_hint(self, node: Node) -> str:
        lines = self.source.splitlines()
        index = node.start_mark.line
        if 0 <= index < len(lines) and "#" in lines[index]:
            return '; an unquoted # starts a YAML comment, so quote colours: "#e4572e"'
        return ""

    def localized(self, node: Node, path: str) -> dict[str, str] | None:
        """``{lang: text}``; a bare string is taken as English (the lingua franca of schemes)."""
        if self.bad(node):
            return None
        if isinstance(node, ScalarNode) and node.tag != _NULL_TAG:
            plain = self.text(node, path)
            return {"en": plain} if plain is not None else None
        if not isinstance(node, MappingNode):
            self.problem(
                node,
                path,
                f"expected {{language: text}} (e.g. {{ar: …, en: …}}), got {_kind(node)}",
            )
            return None
        result: dict[str, str] = {}
        for key, value, lang in self.keys_of(node, path):
            if not _LANG_RE.fullmatch(lang):
                self.problem(
                    key, _join(path, lang), f"{lang!r} is not a language code (e.g. ar, en, fr)"
                )
                continue
            translated = self.text(value, _join(path, lang))
            if translated is not None:
                result[lang] = translated
        if not node.value:
            self.problem(node, path, "needs at least one language, e.g. {ar: …, en: …}")
        return result

    def text_list(self, node: Node, path: str, what: str) -> tuple[str, ...]:
        items = self.sequence(node, path, what)
        result: dict[str, None] = {}  # ordered de-duplication: repeats are harmless
        for i, item in enumerate(items or ()):
            value = self.text(item, f"{path}[{i}]")
            if value is not None:
                result.setdefault(value, None)
        return tuple(result)

    def keyed_list(
        self,
        node: Node,
        path: str,
        what: str,
        reader: Callable[[Node, str], Any],
        key_of: Callable[[Any], str],
    ) -> tuple[list[Any], dict[str, int], bool]:
        """Read a list of records that each carry a unique ``key``.

        Returns the records, the line of each key, and whether every item yielded a key
        (if not, cross-checks such as alias targets would report false problems)."""
        items = self.sequence(node, path, what)
        records: list[Any] = []
        lines: dict[str, int] = {}
        complete = items is not None
        for i, item in enumerate(items or ()):
            item_path = f"{path}[{i}]"
            record = reader(item, item_path)
            if record is None:
                complete = False
                continue
            key = key_of(record)
            if key in lines:
                self.problem(
                    item, f"{item_path}.key", f"duplicate key {key!r} (first at line {lines[key]})"
                )
                continue
            lines[key] = _line(item)
            records.append(record)
        return records, lines, complete


def _suggest(name: str, allowed: tuple[str, ...]) -> str:
    lowered = {a.lower(): a for a in allowed}
    match = lowered.get(name.lower()) or next(
        iter(difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)), None
    )
    if match:
        return f"; did you mean {lowered.get(match, match)!r}?"
    return f" (known fields: {', '.join(allowed)})"
