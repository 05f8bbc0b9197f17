"""CLI subcommands: one module per command family, each with ``register(subparsers)``.

Modules are discovered, so a new command is one new file. Each ``register`` adds its
parser(s) and sets ``func`` (a callable taking the parsed args, returning an exit code).
"""

from __future__ import annotations

import importlib
import pkgutil


def register_all(subparsers) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
