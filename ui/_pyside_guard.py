"""Guard against a PySide6 6.12.0 reference-counting bug on CPython 3.11.

PySide6 6.12.0's abi3 wheels drop one reference to ``None`` on every call of a
void-returning method (``QColor.setAlpha``, ``QPainter.drawLine`` …) and one to ``True``
on every Python-side ``Signal.emit()``. After a few hundred or thousand calls — minutes
of annotating — CPython aborts ("Fatal Python error: none_dealloc / bool_dealloc").
6.11 does not have the bug, and pyproject.toml keeps PySide6 below 6.12; this guard is
for installs that still end up on 6.12 (a user's own environment). CPython 3.12+ made
these singletons immortal, which hides the bug there; we do the same by hand: a huge
reference count cannot reach zero.
"""

from __future__ import annotations

import ctypes
import sys

_applied = False


def needs_guard(pyside_version: str) -> bool:
    return (
        sys.implementation.name == "cpython"
        and sys.version_info < (3, 12)
        and pyside_version.startswith("6.12.")
    )


def apply() -> bool:
    """Make None/True/False effectively immortal when the buggy PySide6 is in use."""
    global _applied
    if _applied:
        return True
    try:
        import PySide6
    except ImportError:
        return False
    if not needs_guard(PySide6.__version__):
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 42
    _applied = True
    return True
