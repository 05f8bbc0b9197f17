"""ui — the Qt desktop application. It talks to the headless core (``annotator``) only."""

from ui import _pyside_guard

_pyside_guard.apply()
