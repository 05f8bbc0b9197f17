"""Guideline help for one label: names, colour, hotkey, definition and examples.

Label sets are user-supplied YAML, so every piece of label text is HTML-escaped before
it reaches the rich-text view: a label name like ``<b>`` or a help text with ``<img>``
must show literally, never render or load anything.
"""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.labelsets import Label, LabelSet

_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_COUNTER_HEADING = re.compile(
    r"^\s*(counter[- ]?examples?|non[- ]examples?|not this label|not this|"
    r"ليست? من هذه التسمية|ليست? من هذا الوسم|أمثلة مضادة|أمثلة معاكسة|ما لا يدخل|لا يشمل)"
    r"\s*[:：]\s*(.*)$",
    re.IGNORECASE,
)
_EXAMPLE_HEADING = re.compile(r"^\s*(examples?|أمثلة|مثال)\s*[:：]\s*(.*)$", re.IGNORECASE)
_BULLET = ("- ", "* ", "• ")


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_CHAR = re.compile(r"[A-Za-z]")


# A run of Arabic words (with the spaces, digits and marks between them) inside other text.
_ARABIC_RUN = re.compile(
    r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]"
    r"(?:[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF\s\d.,،؛]*"
    r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF])?"
)
_RLI, _PDI = "\u2067", "\u2069"


def isolate_runs(text: str, page_is_arabic: bool) -> str:
    """On an English page, wrap each Arabic run in a right-to-left isolate (RLI … PDI), so
    an Arabic quote inside an English sentence keeps its word order and the punctuation
    around it stays where the author put it. (An Arabic page already orders embedded
    Latin words correctly.) Display only: the stored help text is never changed."""
    if page_is_arabic:
        return text
    return _ARABIC_RUN.sub(lambda m: f"{_RLI}{m.group(0)}{_PDI}", text)


def _text(item: str, page_is_arabic: bool) -> str:
    """One paragraph or list item: its own direction when it is mostly the other script,
    else isolated runs of the other script inside the page's direction."""
    attr = _dir_attr(item, page_is_arabic)
    body = _esc(item) if attr else _esc(isolate_runs(item, page_is_arabic))
    return f"{attr}>{body}"


def _dir_attr(text: str, page_is_arabic: bool) -> str:
    """Examples are often Arabic quotes on an English page (or the reverse): give such a
    paragraph its own direction so its punctuation lands on the right side."""
    first_arabic = _ARABIC_CHAR.search(text)
    first_latin = _LATIN_CHAR.search(text)
    is_arabic = first_arabic is not None and (
        first_latin is None or first_arabic.start() < first_latin.start()
    )
    if is_arabic == page_is_arabic:
        return ""
    return ' dir="rtl" align="right"' if is_arabic else ' dir="ltr" align="left"'


def _pick(mapping: dict[str, Any], lang: str) -> Any:
    """The entry for ``lang``, else English, else Arabic, else any."""
    for key in (lang, "en", "ar"):
        if mapping.get(key):
            return mapping[key]
    return next((v for v in mapping.values() if v), None)


def _blocks(help_text: str) -> list[tuple[str, list[str]]]:
    """Help text as ordered blocks: ("p", [paragraph]) or ("examples"/"counter", items).

    Guideline authors write "Examples: …" and "Not this label: …" paragraphs (or a bare
    heading followed by "- " bullets); such a block ends at the next blank line, so the
    paragraphs after it are shown as plain text again, in the author's order.
    """
    blocks: list[tuple[str, list[str]]] = []
    current: list[str] | None = None  # items of the open example/counter/bullet block
    bullets_only = False  # the open block takes further lines only if they are bullets
    for raw in str(help_text or "").splitlines():
        line = raw.strip()
        if not line:
            current = None
            continue
        kind = None
        if m := _COUNTER_HEADING.match(line):
            kind, line = "counter", m.group(2).strip()
        elif m := _EXAMPLE_HEADING.match(line):
            kind, line = "examples", m.group(2).strip()
        if kind is not None:
            current = []
            blocks.append((kind, current))
            # YAML folded text (">") has no blank lines between paragraphs: after an
            # inline "Examples: …" paragraph, only bullets may continue the block.
            bullets_only = bool(line)
        elif line.startswith(_BULLET):
            if current is None:
                current = []
                blocks.append(("list", current))
                bullets_only = True
        elif bullets_only:
            current = None
        if line.startswith(_BULLET):
            line = line[2:].strip()
        if not line:
            continue
        if current is not None:
            current.append(line)
        else:
            blocks.append(("p", [line]))
    return blocks


def label_help_html(label: Label, lang: str = "ar") -> str:
    """The help page of ``label`` as escaped rich text, in ``lang`` (ar or en)."""
    arabic = lang.startswith("ar")
    lang = "ar" if arabic else "en"
    direction = "rtl" if arabic else "ltr"
    align = "right" if arabic else "left"
    t = _TEXTS[lang]
    color = label.color if _HEX_COLOR.match(label.color or "") else "#888888"
    main_name = _esc(label.display_name(lang))
    other = label.name.get("en" if arabic else "ar", "")
    parts = [
        f'<div dir="{direction}" align="{align}">',
        f'<h2><span style="background-color:{color};">&nbsp;&nbsp;&nbsp;</span>&nbsp;{main_name}</h2>',
    ]
    lrm = "\u200e" if arabic else ""  # keeps "#e4572e" and KEY_NAMES whole in RTL text
    meta = [f"{t['key']}: <code>{lrm}{_esc(label.key)}{lrm}</code>"]
    if other and other != label.display_name(lang):
        meta.insert(0, _esc(other))
    if label.hotkey:
        meta.append(f"{t['hotkey']}: <b>{_esc(label.hotkey)}</b>")
    if label.group:
        meta.append(f"{t['group']}: {_esc(label.group)}")
    meta.append(f"{t['color']}: {lrm}{_esc(color)}{lrm}")
    parts.append("<p>" + " &nbsp;·&nbsp; ".join(meta) + "</p>")

    blocks = _blocks(_pick(dict(label.help), lang) or "")
    if not blocks:
        parts.append(f"<p><i>{t['no_help']}</i></p>")
    for kind, items in blocks:
        if kind == "p":
            parts.extend(f"<p{_text(item, arabic)}</p>" for item in items)
            continue
        if kind in ("examples", "counter"):
            parts.append(f"<h3>{t[kind]}</h3>")
        parts.append("<ul>")
        parts.extend(f"<li{_text(item, arabic)}</li>" for item in items)
        parts.append("</ul>")
    for kind, title in (
        ("examples", t["corpus_examples"]),
        ("counter_examples", t["corpus_counter"]),
    ):
        items = [str(x) for x in getattr(label, kind, ()) or ()]
        if items:
            parts.append(f"<h3>{title}</h3><ul>")
            parts.extend(f"<li{_text(item, arabic)}</li>" for item in items)
            parts.append("</ul>")
    if label.terms:
        parts.append(f"<h3>{t['terms']}</h3><p>")
        parts.append(
            "، ".join(_esc(term) for term in label.terms)
            if arabic
            else ", ".join(_esc(isolate_runs(term, False)) for term in label.terms)
        )
        parts.append("</p>")
    if label.attributes:
        parts.append(f"<h3>{t['attributes']}</h3><ul>")
        for spec in label.attributes:
            choices = f": {_esc(' / '.join(spec.choices))}" if spec.choices else ""
            title = _pick(dict(getattr(spec, "name", None) or {}), lang) or spec.key
            explain = _pick(dict(getattr(spec, "help", None) or {}), lang)
            explain = f" — {_esc(explain)}" if explain else ""
            parts.append(f"<li><b>{_esc(title)}</b> ({_esc(spec.type)}){choices}{explain}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)


# The help page follows the chosen *content* language, not the interface language, so its
# headings live here (both languages side by side) rather than in the Qt translation.
_TEXTS = {
    "en": {
        "key": "Key",
        "hotkey": "Hotkey",
        "group": "Group",
        "color": "Colour",
        "definition": "Definition",
        "examples": "Examples",
        "counter": "Counter-examples",
        "terms": "Lexicon terms",
        "attributes": "Attributes",
        "corpus_examples": "Examples from articles",
        "corpus_counter": "Not this label (from articles)",
        "no_help": "No guideline text for this label yet.",
    },
    "ar": {
        "key": "المفتاح",
        "hotkey": "اختصار لوحة المفاتيح",
        "group": "المجموعة",
        "color": "اللون",
        "definition": "التعريف",
        "examples": "أمثلة",
        "counter": "ليست من هذا الوسم",
        "terms": "مصطلحات المعجم",
        "attributes": "الخصائص",
        "corpus_examples": "أمثلة من المقالات",
        "corpus_counter": "ليست من هذا الوسم (من المقالات)",
        "no_help": "لا يوجد نص إرشادي لهذا الوسم بعد.",
    },
}


class LabelHelpWidget(QTextBrowser):
    """Read-only help view for one label; right-to-left when showing Arabic."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._label: Label | None = None
        self._lang = "ar"

    def set_label(self, label: Label | None, lang: str = "ar") -> None:
        self._label = label
        self._lang = "ar" if lang.startswith("ar") else "en"
        direction = (
            Qt.LayoutDirection.RightToLeft if self._lang == "ar" else Qt.LayoutDirection.LeftToRight
        )
        self.setLayoutDirection(direction)
        option = self.document().defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(
            Qt.AlignmentFlag.AlignRight if self._lang == "ar" else Qt.AlignmentFlag.AlignLeft
        )
        self.document().setDefaultTextOption(option)
        self.setHtml(label_help_html(label, self._lang) if label is not None else "")

    def label(self) -> Label | None:
        return self._label

    def language(self) -> str:
        return self._lang

    def loadResource(self, type_: int, name):  # noqa: N802 - Qt API
        """Never fetch anything a help text might reference."""
        return None


class LabelHelpDialog(QDialog):
    def __init__(self, parent: QWidget | None, labelset: LabelSet, key: str, lang: str = "ar"):
        super().__init__(parent)
        label = labelset.label(key)
        self.setWindowTitle(
            self.tr("Label help: %1").replace("%1", label.display_name(lang) if label else key)
        )
        self.resize(520, 480)
        self.view = LabelHelpWidget(self)
        if label is None:
            self.view.setPlainText(self.tr("Unknown label: %1").replace("%1", key))
        else:
            self.view.set_label(label, lang)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        # The text browser swallows Escape; the help window must still close on it.
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        close.activated.connect(self.reject)


def show_label_help(
    parent: QWidget | None, labelset: LabelSet, key: str, lang: str = "ar"
) -> LabelHelpDialog:
    """Open a non-modal help window for label ``key`` (it stays open while labelling).

    It takes the keyboard (activated explicitly: not every window manager does it for a
    new window, and without it Escape went to the article instead of closing the help)."""
    dialog = LabelHelpDialog(parent, labelset, key, lang)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.view.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    return dialog


__all__ = [
    "LabelHelpDialog",
    "LabelHelpWidget",
    "isolate_runs",
    "label_help_html",
    "show_label_help",
]
