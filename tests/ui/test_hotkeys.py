"""Hotkeys map to the Latin key whatever the keyboard layout typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from ui.hotkeys import hotkey_for_event, map_hotkey_text

NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(key: int, text: str, mods=NO) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, key, mods, text)


@pytest.mark.parametrize(
    ("key", "text", "expected"),
    [
        (Qt.Key.Key_1, "1", "1"),
        (0x0661, "١", "1"),  # Arabic-Indic digit one
        (0x06F7, "۷", "7"),  # Persian (extended Arabic-Indic) seven
        (Qt.Key.Key_Q, "q", "q"),
        (Qt.Key.Key_Q, "Q", "q"),
        (0x0636, "ض", "q"),  # Arabic layout: ض is on the Q key
        (0x0634, "ش", "a"),
        (0x0644, "ل", "g"),
        (0x0627, "ا", "h"),
        (0x0645, "م", "l"),
        (0x0629, "ة", "m"),
        (0xFEFB, "لا", "b"),  # lam-alef key types two characters
        (0x0630, "ذ", "ذ"),  # backtick key: not a letter, passed through
    ],
)
def test_layout_mapping(qapp, key, text, expected):
    assert hotkey_for_event(press(int(key), text)) == expected


def test_shifted_arabic_key_maps_to_same_letter(qapp):
    # Shift+Q on the Arabic layout types a fatha.
    assert hotkey_for_event(press(0x064E, "\u064e", SHIFT)) == "q"


def test_modified_keys_are_not_hotkeys(qapp):
    for mods in (
        Qt.KeyboardModifier.ControlModifier,
        Qt.KeyboardModifier.AltModifier,
        Qt.KeyboardModifier.MetaModifier,
    ):
        assert hotkey_for_event(press(Qt.Key.Key_1, "1", mods)) is None


def test_non_printable_keys(qapp):
    assert hotkey_for_event(press(Qt.Key.Key_Space, " ")) is None
    assert hotkey_for_event(press(Qt.Key.Key_Left, "")) is None
    assert hotkey_for_event(press(Qt.Key.Key_Return, "\r")) is None
    # No text (some platforms): fall back on the key code.
    assert hotkey_for_event(press(Qt.Key.Key_7, "")) == "7"
    assert hotkey_for_event(press(Qt.Key.Key_K, "")) == "k"


def test_map_hotkey_text_digits_of_any_script():
    assert [map_hotkey_text(d) for d in "٠١٢٣٤٥٦٧٨٩"] == [str(i) for i in range(10)]
    assert [map_hotkey_text(d) for d in "۰۱۲۳۴۵۶۷۸۹"] == [str(i) for i in range(10)]
    assert map_hotkey_text("") is None
