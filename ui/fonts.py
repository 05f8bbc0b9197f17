"""The article font: the bundled Noto faces, whatever the machine has installed.

System Arabic fonts vary widely (some machines render Arabic in a sans face with poor
joining or odd metrics); shipping one Naskh face makes every annotator see the same
shapes and line breaks. Noto Sans covers the Latin words quoted in the news, and the
monochrome Noto Emoji shows emoji as glyphs instead of empty boxes on machines without an
emoji font; with all three bundled, hit-testing and line breaks do not depend on the machine.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
DEFAULT_POINT_SIZE = 16.0
MIN_POINT_SIZE = 8.0
MAX_POINT_SIZE = 48.0
_FALLBACKS = ("Noto Naskh Arabic", "Amiri", "Noto Sans Arabic", "DejaVu Sans")
# Bundled families in the order they must be tried: Noto Emoji also has glyphs for digits,
# space, '#' and '*', so it must come after the text faces or it would draw them.
_BUNDLED_ORDER = ("Noto Naskh Arabic", "Noto Sans", "Noto Emoji")


@cache
def article_families() -> tuple[str, ...]:
    """Families to try for article text, best first (registers the bundled fonts once).

    Needs a QGuiApplication; cached so fonts are added to the database only once.
    """
    families: list[str] = []
    for path in sorted(FONTS_DIR.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id == -1:
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    rank = {family: i for i, family in enumerate(_BUNDLED_ORDER)}
    families.sort(key=lambda family: rank.get(family, len(rank)))
    installed = set(QFontDatabase.families())
    for family in _FALLBACKS:
        if family in installed and family not in families:
            families.append(family)
    if not families:
        # Any family that claims Arabic glyphs beats a tofu box.
        arabic = QFontDatabase.families(QFontDatabase.WritingSystem.Arabic)
        families.extend(arabic[:1])
    return tuple(families)


def article_font(point_size: float = DEFAULT_POINT_SIZE) -> QFont:
    """The font for article text at ``point_size`` (clamped to a readable range)."""
    size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, float(point_size)))
    font = QFont()
    families = article_families()
    if families:
        font.setFamilies(list(families))
    font.setPointSizeF(size)
    # Kerning and ligatures are essential for Arabic; never let hinting change widths.
    font.setKerning(True)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font
