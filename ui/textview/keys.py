"""Which keys the article view claims, and what the boundary-adjust keys mean.

Kept apart from the widget so the key map reads in one place: label hotkeys, Tab cycling,
Escape, Alt(+Shift)+arrows moving a selected span's start (end), and the Shift/Ctrl+Shift
movement keys that extend a selection (those go through the snapping in the view).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

DEFAULT_HOTKEYS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
# Keys that move the caret; with Shift held they extend the selection.
MOVEMENT_KEYS = frozenset(
    {
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
    }
)


def boundary_key(event: QKeyEvent) -> tuple[str, int] | None:
    """("start"|"end", +1/-1) for Alt+Left/Right and Alt+Shift+Left/Right, else None."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    alt = Qt.KeyboardModifier.AltModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    if event.key() not in (Qt.Key.Key_Left, Qt.Key.Key_Right):
        return None
    if mods == alt:
        which = "start"
    elif mods == alt | shift:
        which = "end"
    else:
        return None
    # Logical direction: the article is right-to-left, so Left moves forward.
    delta = 1 if event.key() == Qt.Key.Key_Left else -1
    return which, delta


def is_tab_cycle(event: QKeyEvent) -> bool:
    """Tab/Backtab without Ctrl or Alt: cycle through spans (not a focus change)."""
    return event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
        event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    )


def extends_selection(event: QKeyEvent) -> bool:
    """Shift (+Ctrl) with a movement key, no Alt: the selection grows or shrinks."""
    mods = event.modifiers()
    return (
        event.key() in MOVEMENT_KEYS
        and bool(mods & Qt.KeyboardModifier.ShiftModifier)
        and not mods & Qt.KeyboardModifier.AltModifier
    )
