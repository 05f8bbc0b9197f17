"""Code points <-> UTF-16: the one conversion between the core and Qt."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ui.offsets import QtOffsets


def utf16_index(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


SAMPLES = [
    "",
    "قطع الثوار طريق خناصر",
    "بِسْمِ اللَّهِ الرَّحْمَٰنِ",  # diacritics: BMP combining marks, widths unchanged
    "الأسد 😀 حلب",
    "👩‍👩‍👧 عائلة‍ZWJ\u200dx",  # ZWJ sequences with astral emoji
    "𝐀𝐁 math 𝕏\nسطر ثان 🇸🇾\n\n",  # several astral chars, LF-only lines
    "😀😀😀",
]


def test_identity_for_bmp_text():
    text = "قطع الثوار\nطريق 2016"
    m = QtOffsets(text)
    assert m.is_identity
    assert [m.to_qt(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert m.qt_length == m.cp_length == len(text)


def test_round_trips_on_samples():
    for text in SAMPLES:
        m = QtOffsets(text)
        assert m.qt_length == len(text.encode("utf-16-le")) // 2
        for cp in range(len(text) + 1):
            qt = m.to_qt(cp)
            assert qt == utf16_index(text, cp)
            assert m.from_qt(qt) == cp


def test_position_inside_surrogate_pair_snaps_to_char_start():
    text = "ا😀ب"
    m = QtOffsets(text)
    assert m.to_qt(1) == 1 and m.to_qt(2) == 3
    assert m.from_qt(2) == 1  # between the two halves of 😀
    assert m.from_qt(3) == 2


def test_clamping_and_ranges():
    text = "x😀y"
    m = QtOffsets(text)
    assert m.to_qt(-3) == 0 and m.to_qt(99) == 4
    assert m.from_qt(-1) == 0 and m.from_qt(99) == 3
    assert m.to_qt_range(1, 3) == (1, 4)
    assert m.from_qt_range(1, 4) == (1, 3)


def test_qt_agrees(qapp):
    """Qt's own positions for the same text match the map (LF-only text)."""
    from PySide6.QtGui import QTextCursor, QTextDocument

    for text in SAMPLES:
        doc = QTextDocument()
        doc.setPlainText(text)
        m = QtOffsets(text)
        assert doc.characterCount() - 1 == m.qt_length
        cursor = QTextCursor(doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        assert m.from_qt(cursor.position()) == len(text)


@given(st.text(max_size=60))
def test_round_trip_property(text):
    m = QtOffsets(text)
    for cp in range(len(text) + 1):
        assert m.from_qt(m.to_qt(cp)) == cp
    units = len(text.encode("utf-16-le", "surrogatepass")) // 2
    for qt in range(units + 1):
        cp = m.from_qt(qt)
        assert m.to_qt(cp) <= qt
