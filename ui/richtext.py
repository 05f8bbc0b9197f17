"""Showing user text (article words, titles, notes, file contents) literally.

Qt guesses: a tooltip, a message box or a label whose text *looks* like HTML
(``Qt::mightBeRichText``) is rendered as HTML, so ``<img src=/local/file>`` in a shared
label set would load a local image and ``<b>``/``<a>`` would restyle or spoof the
interface. Article text and label-set text are data, never markup: every place that shows
them uses one of these helpers —

- :func:`plain_tooltip` / :func:`literal` for tooltips and message-box text (anything Qt
  auto-detects),
- :func:`plain_label` for a QLabel, including the row labels of a QFormLayout (``addRow``
  with a string makes an auto-detecting QLabel).
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that Qt shows character for character (line breaks kept)."""
    if not text or not Qt.mightBeRichText(text):
        return text  # Qt shows it as plain text anyway
    body = html.escape(text, quote=False)
    return f'<p style="white-space:pre-wrap">{body}</p>'


def literal(text: str) -> str:
    """``text`` for any widget that auto-detects rich text (message boxes, tooltips):
    shown character for character."""
    return plain_tooltip(text)


def plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A QLabel that never interprets ``text`` as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label
