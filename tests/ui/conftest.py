"""Qt tests see no font but the bundled ones, so they behave alike on every machine.

Fontconfig is pointed (before any QApplication exists) at a configuration that lists only
ui/fonts: glyph widths, line breaks and hit-tests no longer depend on what the machine has
installed, which made drag tests pass on one machine and fail on another.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ui.fonts import FONTS_DIR

_CONFIG = f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{FONTS_DIR}</dir>
  <cachedir>{tempfile.mkdtemp(prefix="annotator-fontconfig-")}</cachedir>
</fontconfig>
"""


def _isolate_fonts() -> None:
    config = Path(tempfile.mkdtemp(prefix="annotator-fonts-")) / "fonts.conf"
    config.write_text(_CONFIG, encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(config)
    os.environ.pop("FONTCONFIG_PATH", None)
    # Qt's own font directory (used when it reads fonts without fontconfig).
    os.environ["QT_QPA_FONTDIR"] = str(FONTS_DIR)


_isolate_fonts()
