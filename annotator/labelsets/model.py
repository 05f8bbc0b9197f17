"""Label-set data: the frozen records a parsed YAML label set becomes, and its problems.

Kept free of YAML so that everything that only *uses* a label set (editing, export, the
UI) depends on plain dataclasses, not on the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import AnnotatorError
from annotator.text.clitics import DEFAULT_PROCLITICS

DEFAULT_LABELSET = "media-bias-ar"

ATTRIBUTE_TYPES = ("text", "choice", "bool")
DOCUMENT_LABEL_TYPES = ("choice", "flag", "text")


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
