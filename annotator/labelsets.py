"""YAML label sets: data classes, safe loading, validation with file:line errors.

PLACEHOLDER LOADER — the full validating loader replaces ``parse_labelset`` while
keeping every public name in this module.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from annotator.paths import shipped_labelsets_dir

DEFAULT_LABELSET = "media-bias-ar"


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    key: str
    type: str  # "text" | "choice" | "bool"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Label:
    key: str
    name: dict[str, str]
    color: str
    hotkey: str | None = None
    group: str | None = None
    help: dict[str, str] = field(default_factory=dict)
    terms: tuple[str, ...] = ()
    attributes: tuple[AttributeSpec, ...] = ()

    def display_name(self, lang: str = "en") -> str:
        return self.name.get(lang) or self.name.get("en") or next(iter(self.name.values()), self.key)


@dataclass(frozen=True, slots=True)
class DocLabelSpec:
    key: str
    type: str  # "choice" | "flag" | "text"
    choices: tuple[str, ...] = ()
    name: dict[str, str] = field(default_factory=dict)


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


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{where} {self.message}"


class LabelSetError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def parse_labelset(source: str, filename: str = "<string>") -> LabelSet:
    data = yaml.safe_load(source)
    labels = tuple(
        Label(
            key=item["key"],
            name=dict(item.get("name", {})),
            color=item.get("color", "#888888"),
            hotkey=str(item["hotkey"]) if item.get("hotkey") is not None else None,
            group=item.get("group"),
            help=dict(item.get("help", {})),
            terms=tuple(item.get("terms", ())),
            attributes=tuple(
                AttributeSpec(a["key"], a["type"], tuple(a.get("choices", ())))
                for a in item.get("attributes", ())
            ),
        )
        for item in data["labels"]
    )
    return LabelSet(
        name=data["name"],
        version=str(data.get("version", 1)),
        language=data.get("language", "ar"),
        description=dict(data.get("description", {})),
        labels=labels,
        document_labels=tuple(
            DocLabelSpec(d["key"], d.get("type", "choice"), tuple(d.get("choices", ())),
                         dict(d.get("name", {})))
            for d in data.get("document_labels", ())
        ),
        aliases=dict(data.get("aliases", {})),
        source=source,
    )


def load_labelset(path: str | Path) -> LabelSet:
    path = Path(path)
    ls = parse_labelset(path.read_text(encoding="utf-8"), str(path))
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
