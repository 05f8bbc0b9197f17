"""Label hotkeys that work whatever keyboard layout is active.

Arabic annotators switch between Arabic and Latin layouts all day; a hotkey "1" or "q"
must fire whether the key typed "1", "١" or "ض". We map the typed character back to the
Latin character printed on the same physical key of a US keyboard, for the standard
Arabic layout (xkb "ara" basic, Windows "Arabic (101)", macOS "Arabic").
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

# Arabic layout (unshifted and shifted) -> Latin character on the same key (lower case).
_ARABIC_LAYOUT: dict[str, str] = {
    # top letter row: q w e r t y u i o p
    "ض": "q",
    "ص": "w",
    "ث": "e",
    "ق": "r",
    "ف": "t",
    "غ": "y",
    "ع": "u",
    "ه": "i",
    "خ": "o",
    "ح": "p",
    "\u064e": "q",
    "\u064b": "w",
    "\u064f": "e",
    "\u064c": "r",  # fatha, fathatan, damma…
    "لإ": "t",
    "\ufef9": "t",
    "إ": "y",
    "÷": "i",
    "×": "o",
    "؛": "p",
    # home row: a s d f g h j k l
    "ش": "a",
    "س": "s",
    "ي": "d",
    "ب": "f",
    "ل": "g",
    "ا": "h",
    "ت": "j",
    "ن": "k",
    "م": "l",
    "\u0650": "a",
    "\u064d": "s",
    "لأ": "g",
    "\ufef7": "g",
    "أ": "h",
    "\u0640": "j",
    "،": "k",
    # bottom row: z x c v b n m
    "ئ": "z",
    "ء": "x",
    "ؤ": "c",
    "ر": "v",
    "لا": "b",
    "\ufefb": "b",
    "ى": "n",
    "ة": "m",
    "\u0652": "x",
    "لآ": "b",
    "\ufef5": "b",
    "آ": "n",
    # Persian layout letters that sit on the same keys as their Arabic counterparts.
    "\u06cc": "d",
}

_BLOCKING_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def map_hotkey_text(text: str) -> str | None:
    """The hotkey character for the text a key produced, or None if it is not printable.

    Digits of any script become ASCII digits; Arabic-layout characters become the Latin
    letter on the same key; other printable characters are lower-cased.
    """
    if not text:
        return None
    if text in _ARABIC_LAYOUT:
        return _ARABIC_LAYOUT[text]
    if len(text) != 1:
        return None
    ch = text
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return str(digit)
    if not ch.isprintable() or ch.isspace():
        return None
    return ch.lower()


def _text_for_key(key: int) -> str:
    """Fallback when the event carries no text (some platforms under modifiers)."""
    if Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value:
        return chr(key)
    if Qt.Key.Key_A.value <= key <= Qt.Key.Key_Z.value:
        return chr(key).lower()
    return ""


def hotkey_for_event(event: QKeyEvent) -> str | None:
    """The hotkey character a key press stands for, or None.

    Only unmodified or Shift(-ed) keys count: Ctrl/Alt/Meta combinations belong to menu
    actions and text navigation.
    """
    if event.modifiers() & _BLOCKING_MODIFIERS:
        return None
    key = event.key()
    if isinstance(key, Qt.Key):
        key = key.value
    text = event.text() or _text_for_key(key)
    return map_hotkey_text(text)
