"""Lexicons: which terms suggest which label, and how strictly they match.

A lexicon comes from one of three places, so a project can start from the label set's
own ``terms`` and grow a separate, reviewable word list later:

* a label set: every label's ``terms`` (:func:`lexicon_from_labelset`);
* a YAML file mapping label keys to term lists, with an optional lexicon-wide
  ``mode:`` and per-label ``{mode: …, terms: […]}``; a label set YAML file (with a
  ``labels:`` list carrying ``terms``) is accepted too;
* a plain text file, one term per line, ``#`` starts a comment, the label given apart.

Errors name the file and line, because these files are edited by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from annotator.errors import AnnotatorError
from annotator.text.matching import DEFAULT_MODE, MODES, Matcher
from annotator.text.normalise import normalize_text
from annotator.text.snapping import Snapper

_RESERVED_KEYS = {"mode", "name", "description", "version", "language"}


class LexiconError(AnnotatorError):
    """A lexicon that cannot be used; the message starts with ``file:line:``."""


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    term: str
    label: str
    mode: str = DEFAULT_MODE
    origin: str = ""  # "file:line" (or "labelset:NAME") so a surprising match can be traced


@dataclass(frozen=True, slots=True)
class Lexicon:
    entries: tuple[LexiconEntry, ...]
    name: str = ""  # stored as the suggestions' ``source``

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.label for e in self.entries))

    def only(self, label: str) -> Lexicon:
        return Lexicon(tuple(e for e in self.entries if e.label == label), self.name)

    def with_mode(self, mode: str) -> Lexicon:
        check_mode(mode)
        return Lexicon(tuple(replace(e, mode=mode) for e in self.entries), self.name)

    def __len__(self) -> int:
        return len(self.entries)


def check_mode(mode: str, where: str = "") -> str:
    if mode not in MODES:
        prefix = f"{where}: " if where else ""
        raise LexiconError(f"{prefix}unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    return mode


def _checked_term(term: str, where: str) -> str:
    term = term.strip()
    if not term:
        raise LexiconError(f"{where}: empty term")
    if not any(ch.isalnum() for ch in normalize_text(term)):
        raise LexiconError(f"{where}: term {term!r} has no letters to match")
    return term


def _dedup(entries: Iterable[LexiconEntry]) -> tuple[LexiconEntry, ...]:
    seen: set[tuple[str, str, str]] = set()
    out: list[LexiconEntry] = []
    for e in entries:
        key = (e.term, e.label, e.mode)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return tuple(out)


def lexicon_from_labelset(
    labelset, *, mode: str | None = None, label: str | None = None
) -> Lexicon:
    """The ``terms`` of a label set's labels (``labelset`` is an annotator.labelsets.LabelSet)."""
    mode = check_mode(mode or DEFAULT_MODE)
    entries = []
    for lb in labelset.labels:
        if label is not None and lb.key != label:
            continue
        for term in lb.terms:
            where = f"labelset:{labelset.name}:{lb.key}"
            entries.append(LexiconEntry(_checked_term(str(term), where), lb.key, mode, where))
    return Lexicon(_dedup(entries), f"labelset:{labelset.name}")


def parse_text_lexicon(
    source: str, filename: str, label: str, *, mode: str | None = None
) -> Lexicon:
    """One term per line; ``#`` to the end of the line is a comment; blank lines skipped."""
    if not label:
        raise LexiconError(f"{filename}: a plain term list needs a label")
    mode = check_mode(mode or DEFAULT_MODE)
    entries = []
    for number, line in enumerate(source.splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        where = f"{filename}:{number}"
        entries.append(LexiconEntry(_checked_term(text, where), label, mode, where))
    if not entries:
        raise LexiconError(f"{filename}:1: no terms in the file")
    return Lexicon(_dedup(entries), filename)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node, filename: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise LexiconError(f"{filename}:{_line(node)}: {what} must be a single value")
    return str(node.value)


def _terms(node: yaml.Node, filename: str, label: str, mode: str) -> list[LexiconEntry]:
    if isinstance(node, yaml.ScalarNode):  # a single term written without a list
        items = [node]
    elif isinstance(node, yaml.SequenceNode):
        items = node.value
    else:
        raise LexiconError(f"{filename}:{_line(node)}: terms of {label!r} must be a list")
    out = []
    for item in items:
        where = f"{filename}:{_line(item)}"
        term = _checked_term(_scalar(item, filename, "a term"), where)
        out.append(LexiconEntry(term, label, mode, where))
    return out


def _label_block(key: str, node: yaml.Node, filename: str, mode: str) -> list[LexiconEntry]:
    """``LABEL: [terms]`` or ``LABEL: {mode: exact, terms: [...]}``."""
    if isinstance(node, yaml.MappingNode):
        terms_node = None
        for k_node, v_node in node.value:
            k = _scalar(k_node, filename, "a key")
            if k == "mode":
                mode = check_mode(_scalar(v_node, filename, "mode"), f"{filename}:{_line(v_node)}")
            elif k == "terms":
                terms_node = v_node
            else:
                raise LexiconError(
                    f"{filename}:{_line(k_node)}: unknown key {k!r} under {key!r} "
                    "(expected mode, terms)"
                )
        if terms_node is None:
            raise LexiconError(f"{filename}:{_line(node)}: label {key!r} has no terms")
        return _terms(terms_node, filename, key, mode)
    return _terms(node, filename, key, mode)


def _labelset_style(node: yaml.SequenceNode, filename: str, mode: str) -> list[LexiconEntry]:
    entries: list[LexiconEntry] = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            raise LexiconError(f"{filename}:{_line(item)}: each label must be a mapping")
        fields = {_scalar(k, filename, "a key"): v for k, v in item.value}
        if "key" not in fields:
            raise LexiconError(f"{filename}:{_line(item)}: label without a key")
        key = _scalar(fields["key"], filename, "key")
        if "terms" in fields:
            entries.extend(_terms(fields["terms"], filename, key, mode))
    return entries


def parse_yaml_lexicon(source: str, filename: str, *, mode: str | None = None) -> Lexicon:
    """Label keys → term lists. ``mode`` (e.g. from the command line) overrides the file."""
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError(f"{filename}:{line}: invalid YAML: {problem}") from exc
    if root is None:
        raise LexiconError(f"{filename}:1: the file is empty")
    if not isinstance(root, yaml.MappingNode):
        raise LexiconError(f"{filename}:{_line(root)}: expected a mapping of label keys to terms")
    file_mode = DEFAULT_MODE
    pairs = [(_scalar(k, filename, "a key"), k, v) for k, v in root.value]
    for key, _k, value in pairs:
        if key == "mode":
            file_mode = check_mode(_scalar(value, filename, "mode"), f"{filename}:{_line(value)}")
    entries: list[LexiconEntry] = []
    labels_node = next((v for key, _k, v in pairs if key == "labels"), None)
    if isinstance(labels_node, yaml.SequenceNode):  # a label set file
        entries = _labelset_style(labels_node, filename, file_mode)
    else:
        for key, _k, value in pairs:
            if key in _RESERVED_KEYS:
                continue
            entries.extend(_label_block(key, value, filename, file_mode))
    if not entries:
        raise LexiconError(f"{filename}:{_line(root)}: no terms in the file")
    lexicon = Lexicon(_dedup(entries), filename)
    return lexicon.with_mode(mode) if mode else lexicon


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconError(f"{path}:{line}: not valid UTF-8 (byte {exc.start})") from exc
    return text.removeprefix("\ufeff")


def is_yaml_path(path: str | Path) -> bool:
    return Path(path).suffix.lower() in (".yaml", ".yml")


def load_lexicon(path: str | Path, *, label: str | None = None, mode: str | None = None) -> Lexicon:
    """A lexicon file: YAML (``.yaml``/``.yml``) or a plain term list (anything else).

    ``label`` is required for a plain list; for YAML it keeps only that label's terms.
    """
    path = Path(path)
    source = _read(path)
    if is_yaml_path(path):
        lexicon = parse_yaml_lexicon(source, str(path), mode=mode)
        if label is not None:
            lexicon = lexicon.only(label)
            if not lexicon.entries:
                raise LexiconError(f"{path}: no terms for label {label!r}")
        return lexicon
    if not label:
        raise LexiconError(f"{path}: a plain term list needs a label (--label KEY)")
    return parse_text_lexicon(source, str(path), label, mode=mode)


def matcher_for_labelset(labelset) -> Matcher:
    """The label set's own terms compiled under its proclitic rule (what suggestions use)."""
    return Matcher(lexicon_from_labelset(labelset).entries, proclitics=labelset.proclitics)


def snapper_for_labelset(labelset, matcher: Matcher | None = None) -> Snapper:
    """Selection snapping for a label set: its proclitic rule, and its lexicon so a
    selection over a known term's word starts exactly where the term's suggestion does.
    Pass the window's compiled ``matcher`` to avoid compiling the terms twice."""
    if matcher is None:
        matcher = matcher_for_labelset(labelset)
    return Snapper(labelset.proclitics, matcher)


__all__ = [
    "DEFAULT_MODE",
    "MODES",
    "Lexicon",
    "LexiconEntry",
    "LexiconError",
    "check_mode",
    "is_yaml_path",
    "lexicon_from_labelset",
    "load_lexicon",
    "matcher_for_labelset",
    "parse_text_lexicon",
    "parse_yaml_lexicon",
    "snapper_for_labelset",
]
