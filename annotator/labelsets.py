"""YAML label sets: data classes, safe loading, validation with file:line errors.

Label sets are written by hand by researchers, so the loader's job is mostly to
catch their mistakes early and say exactly where they are: every problem found is
reported at once (file, line, dotted field path), instead of the first one only.

Loading never constructs Python objects from YAML: the text is *composed* into a
node tree (no constructor runs, so ``!!python/object`` tags cannot execute) and the
tree is walked by hand. Walking nodes also gives us what ``yaml.safe_load`` hides:
line numbers, and duplicate keys (which YAML silently lets the last one win).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from annotator.errors import AnnotatorError
from annotator.paths import shipped_labelsets_dir
from annotator.text.clitics import DEFAULT_PROCLITICS, PROCLITIC_RULES

DEFAULT_LABELSET = "media-bias-ar"

ATTRIBUTE_TYPES = ("text", "choice", "bool")
DOCUMENT_LABEL_TYPES = ("choice", "flag", "text")

# The C parser composes the default set several times faster; both give line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Bounds that keep a hostile or broken file from costing more than a moment; the shipped
# sets are far below them (~900 YAML values, 35 KB each). Values are counted on the
# parser's event stream, which stops at the cap, before anything is composed.
MAX_LABELSET_BYTES = 1024 * 1024
MAX_YAML_NODES = 20_000
MAX_PROBLEMS = 200  # listed; a file with more is broken throughout


# ---------------------------------------------------------------------------- data
def _pick(texts: dict[str, str], lang: str) -> str:
    """``lang`` if present, else English (every shipped set has it), else any language:
    a label must never show up blank because one translation is missing."""
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """A per-span attribute an annotator may fill in (e.g. the target of a loaded term)."""

    key: str
    type: str  # "text" | "choice" | "bool"
    choices: tuple[str, ...] = ()
    name: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    name: dict[str, str]
    color: str  # always "#rrggbb", lower case, whatever short form the file used
    hotkey: str | None = None
    group: str | None = None
    help: dict[str, str] = field(default_factory=dict)
    terms: tuple[str, ...] = ()
    attributes: tuple[AttributeSpec, ...] = ()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    # Which suggestion wins when terms of several labels cover the same range: the
    # highest priority, then the label listed first (see annotator.suggestions).
    priority: int = 0

    def display_name(self, lang: str = "en") -> str:
        return _pick(self.name, lang) or self.key

    def help_text(self, lang: str = "en") -> str:
        """Guideline text in ``lang``, falling back to English, then any language."""
        return _pick(self.help, lang)


@dataclass(frozen=True, slots=True)
class DocLabelSpec:
    key: str
    type: str  # "choice" | "flag" | "text"
    choices: tuple[str, ...] = ()
    name: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)

    def display_name(self, lang: str = "en") -> str:
        return _pick(self.name, lang) or self.key


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """Display metadata for a ``group`` value (labels still carry the group key)."""

    key: str
    name: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)

    def display_name(self, lang: str = "en") -> str:
        return _pick(self.name, lang) or self.key


@dataclass(frozen=True, slots=True)
class LabelSet:
    name: str
    version: str
    language: str
    description: dict[str, str]
    labels: tuple[Label, ...]
    document_labels: tuple[DocLabelSpec, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    source: str = ""  # the YAML text, verbatim
    path: Path | None = None
    groups: tuple[GroupSpec, ...] = ()
    reference: str = ""  # where the scheme comes from (paper, shared task), for citing
    proclitics: str = DEFAULT_PROCLITICS  # joined و ف ب ك ل: "outside" or "inside" spans

    def label(self, key: str) -> Label | None:
        """The label for ``key`` or for an alias of it."""
        key = self.aliases.get(key, key)
        for label in self.labels:
            if label.key == key:
                return label
        return None

    def resolve(self, key: str) -> str | None:
        label = self.label(key)
        return label.key if label else None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(label.key for label in self.labels)

    def label_for_hotkey(self, char: str) -> Label | None:
        """Hotkeys are unique ignoring case, so Shift or Caps Lock must not change the label."""
        char = char.casefold()
        for label in self.labels:
            if label.hotkey is not None and label.hotkey.casefold() == char:
                return label
        return None

    def document_label(self, key: str) -> DocLabelSpec | None:
        return next((d for d in self.document_labels if d.key == key), None)

    def group(self, key: str) -> GroupSpec | None:
        return next((g for g in self.groups if g.key == key), None)


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{where} {self.message}"


class LabelSetError(AnnotatorError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# ---------------------------------------------------------------------------- schema
# Field tables drive both the unknown-field check (with "did you mean") and the
# required-field check, so adding a field means adding it here and reading it below.
_TOP_FIELDS = ("name", "version", "language", "description", "labels", "document_labels",
               "aliases", "groups", "reference", "proclitics")
_TOP_REQUIRED = ("name", "version", "labels")
_LABEL_FIELDS = ("key", "name", "color", "hotkey", "group", "help", "terms", "attributes",
                 "examples", "counter_examples", "priority")
_LABEL_REQUIRED = ("key", "name", "color")
_ATTR_FIELDS = ("key", "type", "choices", "name", "help")
_DOCLABEL_FIELDS = ("key", "type", "choices", "name", "help")
_GROUP_FIELDS = ("key", "name", "help")
_KEYED_REQUIRED = ("key", "type")

_YAML_TAG = "tag:yaml.org,2002:"
_SAFE_TAGS = frozenset(_YAML_TAG + t for t in
                       ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
_NULL_TAG = _YAML_TAG + "null"

_COLOR_RE = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_LANG_RE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_KEY_RE = re.compile(r"[^\s\x00-\x1f\x7f]+")  # exports need one token: no spaces/controls
_HOTKEY_RE = re.compile(r"[0-9A-Za-z]")


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
    return "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag


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
        if len(self.problems) > MAX_PROBLEMS:
            return
        if len(self.problems) == MAX_PROBLEMS:
            message = f"more than {MAX_PROBLEMS} problems; fix the ones listed first"
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
                self.problem(used_at, path, "YAML aliases (*name) are not supported in label "
                                            f"sets; write the value out (it repeats line "
                                            f"{_line(node)})")
                continue
            seen.add(id(node))
            if len(seen) > MAX_YAML_NODES:
                self._bad.add(id(root))
                self.problem(node, path, f"the file has more than {MAX_YAML_NODES:,} YAML "
                                         "values; a label set is much smaller")
                return
            if node.tag not in _SAFE_TAGS:
                self._bad.add(id(node))
                if node.tag == _YAML_TAG + "merge":
                    msg = "merge keys (<<) are not supported; write the fields out"
                else:
                    msg = (f"YAML tag {_tag_shorthand(node.tag)!r} is not allowed; "
                           "label sets hold plain text, numbers, lists and mappings only")
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
    def mapping(self, node: Node, path: str, allowed: tuple[str, ...],
                required: tuple[str, ...] = ()) -> dict[str, Node] | None:
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
        result = []
        for key, value in node.value:
            if self.bad(key):
                continue
            if not isinstance(key, ScalarNode):
                self.problem(key, path, f"mapping keys must be plain text, got {_kind(key)}")
                continue
            name = key.value
            if name in seen:
                self.problem(key, _join(path, name),
                             f"duplicate key {name!r} (first at line {seen[name]})")
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
            return ('; an unquoted # starts a YAML comment, so quote colours: "#e4572e"')
        return ""

    def localized(self, node: Node, path: str) -> dict[str, str] | None:
        """``{lang: text}``; a bare string is taken as English (the lingua franca of schemes)."""
        if self.bad(node):
            return None
        if isinstance(node, ScalarNode) and node.tag != _NULL_TAG:
            value = self.text(node, path)
            return {"en": value} if value is not None else None
        if not isinstance(node, MappingNode):
            self.problem(node, path, f"expected {{language: text}} (e.g. {{ar: …, en: …}}), "
                                     f"got {_kind(node)}")
            return None
        result: dict[str, str] = {}
        for key, value, lang in self.keys_of(node, path):
            if not _LANG_RE.fullmatch(lang):
                self.problem(key, _join(path, lang),
                             f"{lang!r} is not a language code (e.g. ar, en, fr)")
                continue
            text = self.text(value, _join(path, lang))
            if text is not None:
                result[lang] = text
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

    def keyed_list(self, node: Node, path: str, what: str, reader: Callable[[Node, str], Any],
                   key_of: Callable[[Any], str]) -> tuple[list[Any], dict[str, int], bool]:
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
                self.problem(item, f"{item_path}.key",
                             f"duplicate key {key!r} (first at line {lines[key]})")
                continue
            lines[key] = _line(item)
            records.append(record)
        return records, lines, complete


def _suggest(name: str, allowed: tuple[str, ...]) -> str:
    lowered = {a.lower(): a for a in allowed}
    match = lowered.get(name.lower()) or next(
        iter(difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)), None)
    if match:
        return f"; did you mean {lowered.get(match, match)!r}?"
    return f" (known fields: {', '.join(allowed)})"


# ---------------------------------------------------------------------------- readers
def _read_key(r: _Reader, fields: dict[str, Node], path: str) -> str | None:
    if "key" not in fields:
        return None
    key = r.text(fields["key"], _join(path, "key"))
    if key is not None and not _KEY_RE.fullmatch(key):
        r.problem(fields["key"], _join(path, "key"),
                  f"{key!r} is not a usable key: keys are exported as-is and must not contain "
                  "spaces or control characters")
        return None
    return key


def _read_choices(r: _Reader, fields: dict[str, Node], path: str, type_: str | None,
                  owner_node: Node) -> tuple[str, ...]:
    node = fields.get("choices")
    if type_ != "choice":
        if node is not None and type_ is not None:
            r.problem(node, _join(path, "choices"), f"choices only apply to type 'choice', "
                                                     f"not {type_!r}")
        return ()
    if node is None:
        r.problem(owner_node, path, "type 'choice' needs a non-empty 'choices' list")
        return ()
    items = r.sequence(node, _join(path, "choices"), "choices")
    if items is None:
        return ()
    choices: list[str] = []
    for i, item in enumerate(items):
        value = r.text(item, f"{_join(path, 'choices')}[{i}]")
        if value is None:
            continue
        if value in choices:
            r.problem(item, f"{_join(path, 'choices')}[{i}]", f"duplicate choice {value!r}")
            continue
        choices.append(value)
    if not items:
        r.problem(node, _join(path, "choices"), "type 'choice' needs a non-empty 'choices' list")
    return tuple(choices)


def _read_type(r: _Reader, fields: dict[str, Node], path: str,
               allowed: tuple[str, ...]) -> str | None:
    if "type" not in fields:
        return None
    value = r.text(fields["type"], _join(path, "type"))
    if value is None:
        return None
    if value not in allowed:
        hint = _suggest(value, allowed) if difflib.get_close_matches(value, allowed, n=1) else ""
        r.problem(fields["type"], _join(path, "type"),
                  f"{value!r} is not a type here (one of: {', '.join(allowed)}){hint}")
        return None
    return value


def _read_attribute(r: _Reader, node: Node, path: str) -> AttributeSpec | None:
    fields = r.mapping(node, path, _ATTR_FIELDS, _KEYED_REQUIRED)
    if fields is None:
        return None
    key = _read_key(r, fields, path)
    type_ = _read_type(r, fields, path, ATTRIBUTE_TYPES)
    choices = _read_choices(r, fields, path, type_, node)
    name = r.localized(fields["name"], _join(path, "name")) if "name" in fields else {}
    help_ = r.localized(fields["help"], _join(path, "help")) if "help" in fields else {}
    if key is None:
        return None
    return AttributeSpec(key, type_ or "text", choices, name or {}, help_ or {})


def _read_doclabel(r: _Reader, node: Node, path: str) -> DocLabelSpec | None:
    fields = r.mapping(node, path, _DOCLABEL_FIELDS, _KEYED_REQUIRED)
    if fields is None:
        return None
    key = _read_key(r, fields, path)
    type_ = _read_type(r, fields, path, DOCUMENT_LABEL_TYPES)
    choices = _read_choices(r, fields, path, type_, node)
    name = r.localized(fields["name"], _join(path, "name")) if "name" in fields else {}
    help_ = r.localized(fields["help"], _join(path, "help")) if "help" in fields else {}
    if key is None:
        return None
    return DocLabelSpec(key, type_ or "text", choices, name or {}, help_ or {})


def _read_group(r: _Reader, node: Node, path: str) -> GroupSpec | None:
    fields = r.mapping(node, path, _GROUP_FIELDS, ("key",))
    if fields is None:
        return None
    key = _read_key(r, fields, path)
    name = r.localized(fields["name"], _join(path, "name")) if "name" in fields else {}
    help_ = r.localized(fields["help"], _join(path, "help")) if "help" in fields else {}
    return GroupSpec(key, name or {}, help_ or {}) if key is not None else None


def _read_color(r: _Reader, node: Node, path: str) -> str | None:
    value = r.text(node, path)
    if value is None:
        return None
    if not _COLOR_RE.fullmatch(value):
        r.problem(node, path, f"{value!r} is not a colour (#rgb or #rrggbb)")
        return None
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _read_hotkey(r: _Reader, node: Node, path: str) -> str | None:
    if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
        return None  # "hotkey:" left empty = no hotkey
    value = r.text(node, path)
    if value is None:
        return None
    if not _HOTKEY_RE.fullmatch(value):
        r.problem(node, path, f"{value!r} is not a hotkey: use a single digit or Latin letter")
        return None
    return value


def _read_priority(r: _Reader, node: Node, path: str) -> int:
    value = r.text(node, path)
    if value is None:
        return 0
    try:
        return int(value)
    except ValueError:
        r.problem(node, path, f"{value!r} is not a priority: use a whole number "
                              "(higher wins when suggestions of two labels cover one range)")
        return 0


def _read_proclitics(r: _Reader, node: Node) -> str:
    value = r.text(node, "proclitics")
    if value is None:
        return DEFAULT_PROCLITICS
    if value not in PROCLITIC_RULES:
        r.problem(node, "proclitics", f"{value!r} is not a proclitics rule (one of: "
                                      f"{', '.join(PROCLITIC_RULES)}): whether a joined "
                                      "و ف ب ك ل stays outside spans or inside them")
        return DEFAULT_PROCLITICS
    return value


@dataclass(slots=True)
class _LabelDraft:
    """A label read so far, with the nodes later cross-checks need for line numbers."""

    label: Label
    path: str
    hotkey_node: Node | None
    group_node: Node | None


def _read_label(r: _Reader, node: Node, path: str) -> _LabelDraft | None:
    fields = r.mapping(node, path, _LABEL_FIELDS, _LABEL_REQUIRED)
    if fields is None:
        return None
    key = _read_key(r, fields, path)
    name = r.localized(fields["name"], _join(path, "name")) if "name" in fields else None
    color = _read_color(r, fields["color"], _join(path, "color")) if "color" in fields else None
    hotkey = (_read_hotkey(r, fields["hotkey"], _join(path, "hotkey"))
              if "hotkey" in fields else None)
    group = r.text(fields["group"], _join(path, "group")) if "group" in fields else None
    help_ = r.localized(fields["help"], _join(path, "help")) if "help" in fields else {}
    terms = (r.text_list(fields["terms"], _join(path, "terms"), "terms")
             if "terms" in fields else ())
    examples = (r.text_list(fields["examples"], _join(path, "examples"), "example texts")
                if "examples" in fields else ())
    counter = (r.text_list(fields["counter_examples"], _join(path, "counter_examples"),
                           "counter-example texts") if "counter_examples" in fields else ())
    priority = _read_priority(r, fields["priority"], _join(path, "priority")) \
        if "priority" in fields else 0
    attributes: list[AttributeSpec] = []
    if "attributes" in fields:
        attributes, _, _ = r.keyed_list(fields["attributes"], _join(path, "attributes"),
                                        "attributes", lambda n, p: _read_attribute(r, n, p),
                                        lambda a: a.key)
    if key is None:
        return None
    # With a bad name or colour the set is rejected anyway; the draft still takes part in
    # the duplicate-key, hotkey and alias checks so that all problems show up at once.
    label = Label(key=key, name=name or {}, color=color or "#000000", hotkey=hotkey,
                  group=group, help=help_ or {}, terms=terms, attributes=tuple(attributes),
                  examples=examples, counter_examples=counter, priority=priority)
    return _LabelDraft(label, path, fields.get("hotkey"), fields.get("group"))


def _check_hotkeys(r: _Reader, drafts: list[_LabelDraft]) -> None:
    seen: dict[str, tuple[str, int]] = {}
    for draft in drafts:
        hotkey = draft.label.hotkey
        if hotkey is None or draft.hotkey_node is None:
            continue
        folded = hotkey.casefold()
        if folded in seen:
            other, line = seen[folded]
            r.problem(draft.hotkey_node, f"{draft.path}.hotkey",
                      f"hotkey {hotkey!r} is already used by {other} (line {line}); "
                      "hotkeys must be unique, ignoring case")
            continue
        seen[folded] = (draft.label.key, _line(draft.hotkey_node))


def _read_aliases(r: _Reader, node: Node, keys: dict[str, int] | None) -> dict[str, str]:
    """Old label names → current keys; ``keys`` is None when labels failed to read."""
    if r.bad(node):
        return {}
    if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
        return {}
    if not isinstance(node, MappingNode):
        r.problem(node, "aliases", f"expected a mapping {{OLD_NAME: KEY}}, got {_kind(node)}")
        return {}
    aliases: dict[str, str] = {}
    for key_node, value_node, old in r.keys_of(node, "aliases"):
        path = f"aliases.{old}"
        target = r.text(value_node, path)
        if target is None:
            continue
        if keys is not None and old in keys:
            r.problem(key_node, path, f"alias {old!r} shadows the label with that key "
                                      f"(line {keys[old]}); remove the alias")
            continue
        if keys is not None and target not in keys:
            close = difflib.get_close_matches(target, list(keys), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            r.problem(value_node, path, f"alias target {target!r} is not a label key{hint}")
            continue
        aliases[old] = target
    return aliases


# ---------------------------------------------------------------------------- entry points
def _yaml_problem(exc: yaml.YAMLError, source: str, filename: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line = mark.line + 1
    elif getattr(exc, "position", None) is not None:  # reader errors carry a char position
        line = source.count("\n", 0, exc.position) + 1
    else:
        line = 1
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character
        shown = f"#x{char:04x}" if isinstance(char, int) else repr(char)
        return Problem(filename, line, "", f"YAML syntax error: unacceptable character {shown}: "
                                           f"{exc.reason}")
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
        return None, [Problem(filename, 1, "", f"the file is {size:,} bytes; a label set may "
                                               f"be at most {MAX_LABELSET_BYTES:,} bytes")]
    try:
        for count, event in enumerate(yaml.parse(source, Loader=_LOADER)):
            if count >= MAX_YAML_NODES:
                return None, [Problem(filename, event.start_mark.line + 1, "",
                                      f"the file has more than {MAX_YAML_NODES:,} YAML values; "
                                      "a label set is much smaller")]
        root = yaml.compose(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        return None, [_yaml_problem(exc, source, filename)]
    except RecursionError:  # the pure-Python composer on deep nesting (libyaml stops at 1000)
        return None, [Problem(filename, 1, "", "YAML nested too deeply")]
    if root is None:
        return None, [Problem(filename, 1, "", "the file is empty; a label set needs at least "
                                               "name, version and labels")]
    return root, []


def parse_labelset(source: str, filename: str = "<string>", *,
                   expected_name: str | None = None) -> LabelSet:
    """Validate and build a label set from YAML text; raises LabelSetError listing every problem.

    ``expected_name`` (the file stem, when loading a file) must equal the ``name`` field:
    the app finds sets by name, so a mismatch would load one file under another's name.
    """
    root, problems = _compose(source, filename)
    if root is None:
        raise LabelSetError(problems)
    r = _Reader(source, filename)
    r.check_tags(root)
    top = r.mapping(root, "", _TOP_FIELDS, _TOP_REQUIRED)
    if top is None:
        raise LabelSetError(r.problems or [Problem(filename, 1, "", "not a label set")])

    name = r.text(top["name"], "name") if "name" in top else None
    if name is not None and not _NAME_RE.fullmatch(name):
        r.problem(top["name"], "name", f"{name!r} is not a usable name: letters, digits, "
                                       "'.', '_' and '-' only (it is also the file name)")
    elif name is not None and expected_name is not None and name != expected_name:
        r.problem(top["name"], "name", f"{name!r} does not match the file name "
                                       f"{expected_name!r}.yaml; rename one of them")
    version = r.text(top["version"], "version") if "version" in top else None
    language = "ar"
    if "language" in top:
        language = r.text(top["language"], "language") or language
        if not _LANG_RE.fullmatch(language):
            r.problem(top["language"], "language", f"{language!r} is not a language code")
    description = r.localized(top["description"], "description") if "description" in top else {}
    reference = r.text(top["reference"], "reference") if "reference" in top else ""
    proclitics = _read_proclitics(r, top["proclitics"]) if "proclitics" in top \
        else DEFAULT_PROCLITICS

    groups: list[GroupSpec] = []
    group_lines: dict[str, int] = {}
    if "groups" in top:
        groups, group_lines, _ = r.keyed_list(top["groups"], "groups", "groups",
                                           lambda n, p: _read_group(r, n, p), lambda g: g.key)

    drafts: list[_LabelDraft] = []
    label_lines: dict[str, int] | None = None
    if "labels" in top:
        before = len(r.problems)
        drafts, lines, complete = r.keyed_list(top["labels"], "labels", "labels",
                                               lambda n, p: _read_label(r, n, p),
                                               lambda d: d.label.key)
        if not drafts and len(r.problems) == before:
            r.problem(top["labels"], "labels", "the list is empty; a label set needs at least "
                                               "one label")
        label_lines = lines if complete else None  # a key unread: alias targets unknowable
    _check_hotkeys(r, drafts)
    if "groups" in top:
        for draft in drafts:
            group = draft.label.group
            if group is not None and group not in group_lines and draft.group_node is not None:
                r.problem(draft.group_node, f"{draft.path}.group",
                          f"group {group!r} is not declared under 'groups'"
                          f"{_suggest(group, tuple(group_lines)) if group_lines else ''}")

    document_labels: list[DocLabelSpec] = []
    if "document_labels" in top:
        document_labels, _, _ = r.keyed_list(top["document_labels"], "document_labels",
                                          "document labels", lambda n, p: _read_doclabel(r, n, p),
                                          lambda d: d.key)
    aliases = _read_aliases(r, top["aliases"], label_lines) if "aliases" in top else {}

    if r.problems:
        r.problems.sort(key=lambda p: p.line)  # stable: same-line problems keep walk order
        raise LabelSetError(r.problems)
    assert name is not None and version is not None
    return LabelSet(
        name=name, version=version, language=language, description=description or {},
        labels=tuple(d.label for d in drafts), document_labels=tuple(document_labels),
        aliases=aliases, source=source, groups=tuple(groups), reference=reference or "",
        proclitics=proclitics,
    )


def load_labelset(path: str | Path) -> LabelSet:
    path = Path(path)
    try:
        with open(path, "rb") as handle:  # never read more than the cap (a huge file, a FIFO)
            data = handle.read(MAX_LABELSET_BYTES + 1)
    except OSError as exc:
        raise LabelSetError([Problem(str(path), 1, "", f"cannot read: {exc.strerror}")]) from exc
    if len(data) > MAX_LABELSET_BYTES:
        raise LabelSetError([Problem(str(path), 1, "", f"the file is larger than "
                                                       f"{MAX_LABELSET_BYTES:,} bytes; a label "
                                                       "set is much smaller")])
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LabelSetError([Problem(str(path), line, "", f"not UTF-8 (byte {exc.start})")]) \
            from exc
    source = source.removeprefix("\ufeff")
    ls = parse_labelset(source, str(path), expected_name=path.stem)
    return LabelSet(**{**{f: getattr(ls, f) for f in ls.__dataclass_fields__}, "path": path})


def validate_file(path: str | Path) -> list[Problem]:
    try:
        load_labelset(path)
    except LabelSetError as exc:
        return exc.problems
    return []


@functools.cache
def shipped_labelsets() -> dict[str, LabelSet]:
    """Label sets bundled with the app, by name (file name without .yaml)."""
    result = {}
    for path in sorted(shipped_labelsets_dir().glob("*.yaml")):
        result[path.stem] = load_labelset(path)
    return result


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

    out: dict[str, Any] = {"name": labelset.name, "version": labelset.version,
                           "language": labelset.language}
    if labelset.description:
        out["description"] = localized(labelset.description)
    if labelset.reference:
        out["reference"] = labelset.reference
    if labelset.proclitics != DEFAULT_PROCLITICS:
        out["proclitics"] = labelset.proclitics
    if labelset.groups:
        out["groups"] = [{"key": g.key, **({"name": g.name} if g.name else {}),
                          **({"help": g.help} if g.help else {})} for g in labelset.groups]
    out["labels"] = [label(lb) for lb in labelset.labels]
    if labelset.document_labels:
        out["document_labels"] = [
            {"key": d.key, "type": d.type, **({"choices": list(d.choices)} if d.choices else {}),
             **({"name": localized(d.name)} if d.name else {}),
             **({"help": localized(d.help)} if d.help else {})}
            for d in labelset.document_labels
        ]
    if labelset.aliases:
        out["aliases"] = dict(labelset.aliases)
    return out


__all__ = [
    "ATTRIBUTE_TYPES", "DEFAULT_LABELSET", "DOCUMENT_LABEL_TYPES", "AttributeSpec", "DocLabelSpec",
    "GroupSpec", "Label", "LabelSet", "LabelSetError", "Problem", "labelset_to_dict",
    "load_labelset", "parse_labelset", "shipped_labelsets", "validate_file",
]
