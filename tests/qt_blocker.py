"""A pytest plugin that makes PySide6, shiboken6 and the ``ui`` package unimportable.

``./dev test`` loads it (``-p no:pytest-qt -p tests.qt_blocker``) for the headless suite, so a core
module or a core test that reaches for Qt fails loudly instead of passing on a machine
that happens to have PySide6 installed.
"""

from __future__ import annotations

import importlib.abc
import sys

BLOCKED = ("PySide6", "shiboken6", "ui")


class _QtBlocker(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".", 1)[0] in BLOCKED:
            raise ModuleNotFoundError(
                f"{fullname} is blocked: the headless core and its tests must not import Qt or ui/",
                name=fullname,
            )
        return None


def pytest_configure(config) -> None:
    for name in list(sys.modules):
        if name.split(".", 1)[0] in BLOCKED:
            raise RuntimeError(f"{name} was imported before the Qt blocker could be installed")
    sys.meta_path.insert(0, _QtBlocker())
