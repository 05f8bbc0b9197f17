"""Persistent preferences of the desktop app (QSettings).

One wrapper so key names and types live in a single place: QSettings hands back strings
on some platforms (INI backend) and Python objects on others, so every getter converts.
Per-database values (last document, scroll position) are keyed by a hash of the database
target, so two studies never restore each other's position.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QLocale, QSettings

ORGANIZATION = "annotator"
APPLICATION = "annotator"


def _db_key(db: str) -> str:
    return hashlib.sha1(db.encode("utf-8")).hexdigest()[:16]


def _as_int(value: object, default: int | None) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _as_bool(value: object, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


class Settings:
    """Typed access to the app's QSettings."""

    def __init__(self, qsettings: QSettings | None = None):
        self._s = qsettings or QSettings(ORGANIZATION, APPLICATION)

    def sync(self) -> None:
        self._s.sync()

    # ------------------------------------------------------------------ who and how
    def annotator_name(self) -> str:
        return str(self._s.value("annotator/name", "") or "").strip()

    def set_annotator_name(self, name: str) -> None:
        self._s.setValue("annotator/name", name.strip())

    def language(self) -> str:
        """'ar' or 'en'; first run follows the system locale."""
        value = self._s.value("ui/language")
        if value in ("ar", "en"):
            return str(value)
        return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"

    def set_language(self, lang: str) -> None:
        self._s.setValue("ui/language", "ar" if lang == "ar" else "en")

    def font_size(self) -> float | None:
        value = self._s.value("ui/font_size")
        try:
            size = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return size if 4 <= size <= 200 else None

    def set_font_size(self, size: float) -> None:
        self._s.setValue("ui/font_size", float(size))

    def exact_selection(self) -> bool:
        return _as_bool(self._s.value("ui/exact_selection"), False)

    def set_exact_selection(self, on: bool) -> None:
        self._s.setValue("ui/exact_selection", bool(on))

    def only_my_spans(self) -> bool:
        return _as_bool(self._s.value("ui/only_my_spans"), True)

    def set_only_my_spans(self, on: bool) -> None:
        self._s.setValue("ui/only_my_spans", bool(on))

    def auto_suggest(self) -> bool:
        return _as_bool(self._s.value("ui/auto_suggest"), True)

    def set_auto_suggest(self, on: bool) -> None:
        self._s.setValue("ui/auto_suggest", bool(on))

    def labelset_name(self, db: str) -> str | None:
        value = self._s.value(f"db/{_db_key(db)}/labelset")
        return str(value) if value else None

    def set_labelset_name(self, db: str, name: str) -> None:
        self._s.setValue(f"db/{_db_key(db)}/labelset", name)

    # ------------------------------------------------------------------ window layout
    def window_geometry(self) -> QByteArray | None:
        value = self._s.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # Dock positions are kept per direction: a layout saved in the English (left-to-right)
    # interface restored in the Arabic one would undo the mirroring (navigator on the right).
    def window_state(self, direction: str = "ltr") -> QByteArray | None:
        value = self._s.value(f"window/state-{direction}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_layout(
        self, geometry: QByteArray, state: QByteArray, direction: str = "ltr"
    ) -> None:
        self._s.setValue("window/geometry", geometry)
        self._s.setValue(f"window/state-{direction}", state)

    # ------------------------------------------------------------------ per database
    def last_database(self) -> str | None:
        value = self._s.value("db/last")
        return str(value) if value else None

    def set_last_database(self, db: str) -> None:
        self._s.setValue("db/last", db)

    def last_position(self, db: str) -> tuple[int | None, int]:
        """(document id, first visible offset) last shown for ``db``."""
        key = _db_key(db)
        doc = _as_int(self._s.value(f"db/{key}/document"), None)
        offset = _as_int(self._s.value(f"db/{key}/offset"), 0) or 0
        return doc, max(0, offset)

    def set_last_position(self, db: str, document_id: int | None, offset: int) -> None:
        key = _db_key(db)
        if document_id is None:
            self._s.remove(f"db/{key}/document")
        else:
            self._s.setValue(f"db/{key}/document", int(document_id))
        self._s.setValue(f"db/{key}/offset", int(max(0, offset)))
