"""The article view (see :mod:`.view`): read-only RTL text, spans painted over it.

Modules: ``ranges`` (what is drawn, found fast), ``geometry`` (rectangles and the nearest
caret), ``painting`` (the overlay), ``selecting`` (raw positions → the core's snapped range),
``selectable`` (the text widget whose highlight is what gets stored), ``keys`` (key map),
``view`` (spans, hover, clicks, hotkeys).
"""

from ui.textview.ranges import SpanNote, SpanView, assign_layers
from ui.textview.view import ArticleView

__all__ = ["ArticleView", "SpanNote", "SpanView", "assign_layers"]
