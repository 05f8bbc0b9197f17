"""``annotator labelset list|validate|add|show`` — YAML label sets."""

from __future__ import annotations

import argparse

from annotator.commands._common import CommandError, add_db_option, err, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "labelset",
        help="list, validate, add or show label sets",
        description="Manage YAML label sets.",
    )
    sub = p.add_subparsers(dest="labelset_command", metavar="ACTION", required=True)

    lst = sub.add_parser("list", help="shipped and added label sets, with versions")
    add_db_option(lst)
    lst.set_defaults(func=run_list)

    val = sub.add_parser("validate", help="check a YAML label set; errors as file:line")
    val.add_argument("files", nargs="+", help="YAML file(s)")
    val.set_defaults(func=run_validate)

    add = sub.add_parser("add", help="register a custom label set in a database")
    add.add_argument("file", help="YAML file")
    add_db_option(add)
    add.set_defaults(func=run_add)

    show = sub.add_parser("show", help="print a label set's labels, hotkeys and help")
    show.add_argument("name", help="label set name")
    show.add_argument("--lang", default="en", help="language of names and help (en, ar)")
    add_db_option(show)
    show.set_defaults(func=run_show)


def run_list(args: argparse.Namespace) -> int:
    from annotator.labelsets import DEFAULT_LABELSET

    store = open_store(args)
    try:
        for info in store.labelsets():
            default = "  (default)" if info.name == DEFAULT_LABELSET else ""
            print(
                f"{info.name}\tversion {info.version}\t{info.label_count} labels\t"
                f"{info.origin}{default}"
            )
    finally:
        store.close()
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from annotator.labelsets import validate_file

    failed = False
    for path in args.files:
        try:
            problems = validate_file(path)
        except OSError as exc:
            err(f"{path}: cannot read: {exc.strerror or exc}")
            failed = True
            continue
        for problem in problems:
            err(str(problem))
        if problems:
            failed = True
        else:
            print(f"{path}: OK")
    return 1 if failed else 0


def run_add(args: argparse.Namespace) -> int:
    from annotator.labelsets import LabelSetError, load_labelset
    from annotator.store import StoreError

    try:
        labelset = load_labelset(args.file)
    except LabelSetError as exc:
        raise CommandError(f"label set not added:\n{exc}") from exc
    except OSError as exc:
        raise CommandError(f"{args.file}: cannot read: {exc.strerror or exc}") from exc
    store = open_store(args)
    try:
        outcome = store.add_labelset(labelset)
    except StoreError as exc:
        raise CommandError(f"{args.file}: label set not added: {exc}") from exc
    finally:
        store.close()
    verb = {
        "added": "added",
        "updated": "updated (same version, new YAML)",
        "unchanged": "already registered, unchanged:",
    }[outcome]
    print(f"{verb} {labelset.name} version {labelset.version} ({len(labelset.labels)} labels)")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from annotator.store import StoreError

    store = open_store(args)
    try:
        labelset = store.labelset(args.name)
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()
    print(
        f"{labelset.name} version {labelset.version}: "
        f"{labelset.description.get(args.lang) or labelset.description.get('en', '')}"
    )
    for label in labelset.labels:
        hotkey = f"[{label.hotkey}] " if label.hotkey else ""
        print(f"\n{hotkey}{label.key} — {label.display_name(args.lang)} ({label.color})")
        help_text = label.help.get(args.lang) or label.help.get("en")
        if help_text:
            for line in help_text.strip().splitlines():
                print(f"    {line}")
    return 0
