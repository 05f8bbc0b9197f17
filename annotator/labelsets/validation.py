"""Entry points that turn YAML text or a file into a LabelSet, or into its problems.

Label sets are written by hand by researchers, so the loader's job is mostly to
catch their mistakes early and say exactly where they are: every problem found is
reported at once (file, line, dotted field path), instead of the first one only.
"""

from __future__ import annotations

from pathlib import Path

from annotator.labelsets.fields import (
    _NAME_RE,
    _TOP_FIELDS,
    _TOP_REQUIRED,
    _check_hotkeys,
    _LabelDraft,
    _read_aliases,
    _read_doclabel,
    _read_group,
    _read_label,
    _read_proclitics,
)
from annotator.labelsets.loading import MAX_LABELSET_BYTES, _compose
from annotator.labelsets.model import DocLabelSpec, GroupSpec, LabelSet, LabelSetError, Problem
from annotator.labelsets.reader import _LANG_RE, _Reader, _suggest
from annotator.text.clitics import DEFAULT_PROCLITICS


def parse_labelset(
    source: str, filename: str = "<string>", *, expected_name: str | None = None
) -> LabelSet:
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
        r.problem(
            top["name"],
            "name",
            f"{name!r} is not a usable name: letters, digits, "
            "'.', '_' and '-' only (it is also the file name)",
        )
    elif name is not None and expected_name is not None and name != expected_name:
        r.problem(
            top["name"],
            "name",
            f"{name!r} does not match the file name {expected_name!r}.yaml; rename one of them",
        )
    version = r.text(top["version"], "version") if "version" in top else None
    language = "ar"
    if "language" in top:
        language = r.text(top["language"], "language") or language
        if not _LANG_RE.fullmatch(language):
            r.problem(top["language"], "language", f"{language!r} is not a language code")
    description = r.localized(top["description"], "description") if "description" in top else {}
    reference = r.text(top["reference"], "reference") if "reference" in top else ""
    proclitics = (
        _read_proclitics(r, top["proclitics"]) if "proclitics" in top else DEFAULT_PROCLITICS
    )

    groups: list[GroupSpec] = []
    group_lines: dict[str, int] = {}
    if "groups" in top:
        groups, group_lines, _ = r.keyed_list(
            top["groups"], "groups", "groups", lambda n, p: _read_group(r, n, p), lambda g: g.key
        )

    drafts: list[_LabelDraft] = []
    label_lines: dict[str, int] | None = None
    if "labels" in top:
        before = len(r.problems)
        drafts, lines, complete = r.keyed_list(
            top["labels"],
            "labels",
            "labels",
            lambda n, p: _read_label(r, n, p),
            lambda d: d.label.key,
        )
        if not drafts and len(r.problems) == before:
            r.problem(
                top["labels"], "labels", "the list is empty; a label set needs at least one label"
            )
        label_lines = lines if complete else None  # a key unread: alias targets unknowable
    _check_hotkeys(r, drafts)
    if "groups" in top:
        for draft in drafts:
            group = draft.label.group
            if group is not None and group not in group_lines and draft.group_node is not None:
                r.problem(
                    draft.group_node,
                    f"{draft.path}.group",
                    f"group {group!r} is not declared under 'groups'"
                    f"{_suggest(group, tuple(group_lines)) if group_lines else ''}",
                )

    document_labels: list[DocLabelSpec] = []
    if "document_labels" in top:
        document_labels, _, _ = r.keyed_list(
            top["document_labels"],
            "document_labels",
            "document labels",
            lambda n, p: _read_doclabel(r, n, p),
            lambda d: d.key,
        )
    aliases = _read_aliases(r, top["aliases"], label_lines) if "aliases" in top else {}

    if r.problems:
        r.problems.sort(key=lambda p: p.line)  # stable: same-line problems keep walk order
        raise LabelSetError(r.problems)
    assert name is not None and version is not None
    return LabelSet(
        name=name,
        version=version,
        language=language,
        description=description or {},
        labels=tuple(d.label for d in drafts),
        document_labels=tuple(document_labels),
        aliases=aliases,
        source=source,
        groups=tuple(groups),
        reference=reference or "",
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
        raise LabelSetError(
            [
                Problem(
                    str(path),
                    1,
                    "",
                    f"the file is larger than "
                    f"{MAX_LABELSET_BYTES:,} bytes; a label "
                    "set is much smaller",
                )
            ]
        )
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LabelSetError(
            [Problem(str(path), line, "", f"not UTF-8 (byte {exc.start})")]
        ) from exc
    source = source.removeprefix("\ufeff")
    ls = parse_labelset(source, str(path), expected_name=path.stem)
    return LabelSet(**{**{f: getattr(ls, f) for f in ls.__dataclass_fields__}, "path": path})


def validate_file(path: str | Path) -> list[Problem]:
    try:
        load_labelset(path)
    except LabelSetError as exc:
        return exc.problems
    return []
