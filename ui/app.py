"""Start the desktop app: Qt application, font, translation, database, annotator, window.

Every start-up failure becomes a dialog, never a traceback: a database that cannot be
opened offers to pick another file, a missing optional piece (font, translations) is
simply skipped.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from annotator.store import Store
from ui.settings import APPLICATION, ORGANIZATION, Settings


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists, e.g. under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Annotator")
    return app  # type: ignore[return-value]


def load_fonts() -> None:
    """Register the bundled Arabic font; the app still works with system fonts without it."""
    try:
        from ui.fonts import article_families

        article_families()
    except Exception:  # noqa: BLE001 - a font problem must never stop the app
        pass


def install_language(app: QApplication, lang: str) -> None:
    """Translator and layout direction; Arabic turns the whole interface right-to-left."""
    try:
        from ui.i18n import install_translator

        install_translator(app, lang)
    except Exception:  # noqa: BLE001 - missing translations: fall back to English text
        pass
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight
    )


def open_store(db: str) -> Store | None:
    """Open ``db``; on failure explain and offer another file (None if the user gives up)."""
    target = db
    while True:
        try:
            store = Store.open(target)
            store.document_count()  # touches the file: a non-database fails here, not later
            return store
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                _tr("Cannot open database"),
                _tr("The database “{0}” could not be opened.").format(target),
            )
            box.setInformativeText(str(exc)[:2000])
            choose = box.addButton(_tr("Choose another file…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not choose:
                return None
            target, _ = QFileDialog.getSaveFileName(
                None,
                _tr("Choose a database"),
                "",
                _tr("Annotation databases (*.db);;All files (*)"),
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
            if not target:
                return None


def seed_if_empty(store: Store) -> None:
    try:
        from annotator.seed import ensure_seeded
    except ImportError:
        return
    try:
        ensure_seeded(store)
    except Exception as exc:  # noqa: BLE001 - an empty database is still usable
        QMessageBox.warning(
            None,
            _tr("Sample article"),
            _tr("The sample article could not be loaded:\n{0}").format(exc),
        )


def choose_annotator(settings: Settings, override: str | None, store: Store) -> str | None:
    """``--annotator``, else the remembered name, else ask (first run)."""
    if override and override.strip():
        name = override.strip()
        settings.set_annotator_name(name)
        return name
    remembered = settings.annotator_name()
    if remembered:
        return remembered
    try:
        from ui.dialogs.annotator_dialog import ask_annotator_name
    except ImportError:
        ask_annotator_name = None
    if ask_annotator_name is not None:
        name = ask_annotator_name(None, "", store)
    else:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(None, _tr("Annotator"), _tr("Your name:"))
        name = name.strip() if ok else None
    if name:
        settings.set_annotator_name(name)
    return name or None


def install_error_dialog() -> None:
    """Any exception that escapes a Qt slot becomes a dialog, not a silent stderr line
    (PySide6 only prints it): the app keeps running and the user knows what failed.
    Every action was committed (or not) before the error, so nothing is half saved."""
    previous = sys.excepthook

    def hook(kind, value, tb) -> None:
        import traceback

        previous(kind, value, tb)
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
            return
        try:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                _tr("Unexpected error"),
                _tr("Something went wrong; your work so far is saved."),
            )
            box.setInformativeText(f"{kind.__name__}: {value}"[:2000])
            box.setDetailedText("".join(traceback.format_exception(kind, value, tb))[-8000:])
            box.exec()
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            pass

    sys.excepthook = hook


def run_app(db: str, annotator: str | None) -> int:
    """Open the desktop app on ``db``; returns the process exit code."""
    app = make_application()
    install_error_dialog()
    settings = Settings()
    lang = settings.language()
    install_language(app, lang)
    load_fonts()
    store = open_store(db)
    if store is None:
        return 1
    seed_if_empty(store)
    name = choose_annotator(settings, annotator, store)
    if not name:
        store.close()
        return 1
    shell = WindowShell(app, settings)
    shell.open(store, name, lang)
    try:
        return app.exec()
    finally:
        window = shell.window
        if window.isVisible():
            window.close()  # saves layout and position
        window.session.store.close()
        window.deleteLater()


class WindowShell:
    """Owns the main window; rebuilds it when the interface language changes, so every
    label, menu and the layout direction switch at once without a restart."""

    def __init__(self, app: QApplication, settings: Settings):
        self.app = app
        self.settings = settings
        self.window = None

    def open(self, store: Store, annotator: str, lang: str, *, replacing: Any = None):
        from ui.mainwindow import MainWindow

        self.window = MainWindow(store, annotator, settings=self.settings, lang=lang)
        self.window.relaunch = self.switch_language
        if replacing is not None:
            geometry, docks = replacing
            self.window.restoreGeometry(geometry)
            docks.apply(self.window)  # the same docks at the same sizes, mirrored
        self.window.show()
        return self.window

    def switch_language(self, lang: str) -> None:
        from ui.relaunch import DockLayout, ReadingPlace, keep_reading_place

        old = self.window
        place = ReadingPlace.of(old)
        layout = (old.saveGeometry(), DockLayout.of(old))  # before the direction changes
        old.save_position()  # the new window reopens the same document ...
        old.save_layout()
        # The old window keeps its direction until it closes: it must not mirror for a
        # moment, nor save its layout as the new direction's when it closes.
        old.setLayoutDirection(old.layoutDirection())
        install_language(self.app, lang)
        # the new window is shown before the old one closes: the app must never be
        # without a window (it would quit)
        new = self.open(old.session.store, old.session.annotator, lang, replacing=layout)
        keep_reading_place(new, place)  # ... at the same first character, same selection
        old.relaunch = None
        old.close()
        old.deleteLater()
