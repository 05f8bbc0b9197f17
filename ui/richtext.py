"""Showing user text (article words, titles, notes, file contents) literally.

Qt guesses: a tooltip or a label whose text *looks* like HTML (``Qt::mightBeRichText``) is
rendered as HTML. Article text is data, never markup, so every tooltip that can contain it
goes through :func:`plain_tooltip`, and labels that show it use ``Qt.TextFormat.PlainText``.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that Qt shows character for character (line breaks kept)."""
    if not text or not Qt.mightBeRichText(text):
        return text  # Qt shows it as plain text anyway
    body = html.escape(text, quote=False)
    return f'<p style="white-space:pre-wrap">{body}</p>'
