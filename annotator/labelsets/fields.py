"""Readers for each label-set field: key, type, choices, colour, hotkey, labels, aliases.

Field tables drive both the unknown-field check (with "did you mean") and the
required-field check, so adding a field means adding it here and reading it below.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode

from annotator.labelsets.loading import _NULL_TAG, _join, _kind, _line
from annotator.labelsets.model import (
    ATTRIBUTE_TYPES,
    DOCUMENT_LABEL_TYPES,
    AttributeSpec,
    DocLabelSpec,
    GroupSpec,
    Label,
)
from annotator.labelsets.reader import _Reader, _suggest
from annotator.text.clitics import DEFAULT_PROCLITICS, PROCLITIC_RULES

_TOP_FIELDS = (
    "name",
    "version",
    "language",
    "description",
    "labels",
    "document_labels",
    "aliases",
    "groups",
    "reference",
    "proclitics",
)
_TOP_REQUIRED = ("name", "version", "labels")
_LABEL_FIELDS = (
    "key",
    "name",
    "color",
    "hotkey",
    "group",
    "help",
    "terms",
    "attributes",
    "examples",
    "counter_examples",
    "priority",
)
_LABEL_REQUIRED = ("key", "name", "color")
_ATTR_FIELDS = ("key", "type", "choices", "name", "help")
_DOCLABEL_FIELDS = ("key", "type", "choices", "name", "help")
_GROUP_FIELDS = ("key", "name", "help")
_KEYED_REQUIRED = ("key", "type")

_COLOR_RE = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_KEY_RE = re.compile(r"[^\s\x00-\x1f\x7f]+")  # exports need one token: no spaces/controls
_HOTKEY_RE = re.compile(r"[0-9A-Za-z]")


# ---------------------------------------------------------------------------- readers
def _read_key(r: _Reader, fields: dict[str, Node], path: str) -> str | None:
    if "key" not in fields:
        return None
    key = r.text(fields["key"], _join(path, "key"))
    if key is not None and not _KEY_RE.fullmatch(key):
        r.problem(
            fields["key"],
            _join(path, "key"),
            f"{key!r} is not a usable key: keys are exported as-is and must not contain "
            "spaces or control characters",
        )
        return None
    return key


def _read_choices(
    r: _Reader, fields: dict[str, Node], path: str, type_: str | None, owner_node: Node
) -> tuple[str, ...]:
    node = fields.get("choices")
    if type_ != "choice":
        if node is not None and type_ is not None:
            r.problem(
                node, _join(path, "choices"), f"choices only apply to type 'choice', not {type_!r}"
            )
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


def _read_type(
    r: _Reader, fields: dict[str, Node], path: str, allowed: tuple[str, ...]
) -> str | None:
    if "type" not in fields:
        return None
    value = r.text(fields["type"], _join(path, "type"))
    if value is None:
        return None
    if value not in allowed:
        hint = _suggest(value, allowed) if difflib.get_close_matches(value, allowed, n=1) else ""
        r.problem(
            fields["type"],
            _join(path, "type"),
            f"{value!r} is not a type here (one of: {', '.join(allowed)}){hint}",
        )
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
        r.problem(
            node,
            path,
            f"{value!r} is not a priority: use a whole number "
            "(higher wins when suggestions of two labels cover one range)",
        )
        return 0


def _read_proclitics(r: _Reader, node: Node) -> str:
    value = r.text(node, "proclitics")
    if value is None:
        return DEFAULT_PROCLITICS
    if value not in PROCLITIC_RULES:
        r.problem(
            node,
            "proclitics",
            f"{value!r} is not a proclitics rule (one of: "
            f"{', '.join(PROCLITIC_RULES)}): whether a joined "
            "و ف ب ك ل stays outside spans or inside them",
        )
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
    hotkey = (
        _read_hotkey(r, fields["hotkey"], _join(path, "hotkey")) if "hotkey" in fields else None
    )
    group = r.text(fields["group"], _join(path, "group")) if "group" in fields else None
    help_ = r.localized(fields["help"], _join(path, "help")) if "help" in fields else {}
    terms = r.text_list(fields["terms"], _join(path, "terms"), "terms") if "terms" in fields else ()
    examples = (
        r.text_list(fields["examples"], _join(path, "examples"), "example texts")
        if "examples" in fields
        else ()
    )
    counter = (
        r.text_list(
            fields["counter_examples"], _join(path, "counter_examples"), "counter-example texts"
        )
        if "counter_examples" in fields
        else ()
    )
    priority = (
        _read_priority(r, fields["priority"], _join(path, "priority"))
        if "priority" in fields
        else 0
    )
    attributes: list[AttributeSpec] = []
    if "attributes" in fields:
        attributes, _, _ = r.keyed_list(
            fields["attributes"],
            _join(path, "attributes"),
            "attributes",
            lambda n, p: _read_attribute(r, n, p),
            lambda a: a.key,
        )
    if key is None:
        return None
    # With a bad name or colour the set is rejected anyway; the draft still takes part in
    # the duplicate-key, hotkey and alias checks so that all problems show up at once.
    label = Label(
        key=key,
        name=name or {},
        color=color or "#000000",
        hotkey=hotkey,
        group=group,
        help=help_ or {},
        terms=terms,
        attributes=tuple(attributes),
        examples=examples,
        counter_examples=counter,
        priority=priority,
    )
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
            r.problem(
                draft.hotkey_node,
                f"{draft.path}.hotkey",
                f"hotkey {hotkey!r} is already used by {other} (line {line}); "
                "hotkeys must be unique, ignoring case",
            )
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
            r.problem(
                key_node,
                path,
                f"alias {old!r} shadows the label with that key "
                f"(line {keys[old]}); remove the alias",
            )
            continue
        if keys is not None and target not in keys:
            close = difflib.get_close_matches(target, list(keys), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            r.problem(value_node, path, f"alias target {target!r} is not a label key{hint}")
            continue
        aliases[old] = target
    return aliases
