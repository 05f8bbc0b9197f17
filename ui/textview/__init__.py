"""The article view (see :mod:`.view`): read-only RTL text, spans painted over it.

Modules: ``ranges`` (what is drawn, found fast), ``geometry`` (rectangles and the nearest
caret), ``painting`` (the overlay), ``selecting`` (raw positions → the core's snapped range),
and the widget in layers: ``reading`` (text, scrolling, zoom) → ``selectable`` (the
highlight that is what gets stored) → ``overlay`` (spans, suggestions, hits, notes drawn
over it) → ``view`` (hover, clicks, span cycling, hotkeys); ``keys`` (key map).
"""

from ui.textview.ranges import SpanNote, SpanView, assign_layers
from ui.textview.view import ArticleView

__all__ = ["ArticleView", "SpanNote", "SpanView", "assign_layers"]
