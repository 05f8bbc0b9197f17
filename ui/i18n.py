"""Interface language: Qt's own translation mechanism (tr() + .qm files) and direction.

The interface language is independent of the article language: articles are always
shown right-to-left, while the menus, dialogs and panels follow this setting (Arabic:
translated and mirrored right-to-left; English: untranslated, left-to-right).
Translators are kept referenced here because Qt does not own them: a QTranslator that
Python garbage-collects silently stops translating.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES: dict[str, str] = {"en": "English", "ar": "العربية"}
# Qt's own catalogues (standard buttons, file dialogs, context menus), loaded when present.
QT_CATALOGUES = ("qtbase", "qt")

_installed: list[QTranslator] = []
_active = "en"


def normalize_language(lang: str | None) -> str:
    """'ar', 'ar_EG', 'ar-SA', 'AR' → 'ar'; None → the system locale; else 'en'."""
    if lang is None or not lang.strip():
        lang = QLocale.system().name()
    return "ar" if lang.strip().lower().replace("-", "_").startswith("ar") else "en"


def translations_dir() -> Path:
    return TRANSLATIONS_DIR


def _remove_installed(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())


def install_translator(app: QCoreApplication, lang: str | None) -> str:
    """Switch the interface to ``lang`` (None: system locale); returns 'ar' or 'en'.

    Safe to call again to change language at run time; widgets then receive a
    LanguageChange event. If the Arabic catalogue cannot be loaded the interface stays
    English (a mirrored but untranslated UI would be the worst of both).
    """
    global _active
    wanted = normalize_language(lang)
    _remove_installed(app)
    active = "en"
    if wanted == "ar":
        ours = QTranslator(app)
        if ours.load(str(TRANSLATIONS_DIR / "annotator_ar.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
            active = "ar"
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for catalogue in QT_CATALOGUES:
                qt_translator = QTranslator(app)
                if qt_translator.load(f"{catalogue}_ar", qt_dir):
                    app.installTranslator(qt_translator)
                    _installed.append(qt_translator)
                    break  # qt_ar includes qtbase_ar; one is enough
        else:
            log.warning(
                "Arabic interface unavailable: cannot load %s", TRANSLATIONS_DIR / "annotator_ar.qm"
            )
    if hasattr(app, "setLayoutDirection"):
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if active == "ar" else Qt.LayoutDirection.LeftToRight
        )
    _active = active
    return active


def active_language() -> str:
    """The language installed last ('en' before any call)."""
    return _active


__all__ = [
    "LANGUAGES",
    "active_language",
    "install_translator",
    "normalize_language",
    "translations_dir",
]
