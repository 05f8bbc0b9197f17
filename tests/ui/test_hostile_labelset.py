"""A shared label set is data: its text never restyles, links or loads images in the UI.

A hostile label set puts markup (``<img src=local file>``, ``<b>``, ``<a>``) in every text
field a label set has; the main window and every dialog it opens are then walked widget
by widget, asserting that no widget would interpret that markup.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from annotator.paths import shipped_labelsets_dir
from annotator.seed import ensure_seeded
from annotator.store import Store
from ui.mainwindow import MainWindow
from ui.settings import Settings

ME = "huda"
MARK = "<img"


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "seeded.db"
    store = Store.open(str(path))
    ensure_seeded(store)
    store.close()
    return path


@pytest.fixture
def window(qtbot, seeded_template, tmp_path):
    target = tmp_path / "study.db"
    shutil.copyfile(seeded_template, target)
    store = Store.open(str(target))
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(store, ME, settings=settings, lang="en")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    store.close()


def hostile(tmp_path: Path) -> str:
    image = tmp_path / "secret.png"
    QImage(8, 8, QImage.Format.Format_RGB32).save(str(image))
    return (
        f'<img src="{image}"><b style="font-size:40pt">BOLD</b>'
        '<a href="https://example.invalid/">LINK</a>'
    )


def hostile_labelset(tmp_path: Path, name: str = "hostile") -> Path:
    """The default label set with markup in every free-text field."""
    bad = hostile(tmp_path)
    data = yaml.safe_load((shipped_labelsets_dir() / "media-bias-ar.yaml").read_text("utf-8"))
    data["name"] = name
    data["description"] = {"ar": bad, "en": bad}
    for label in data["labels"]:
        label["name"] = {"ar": f"{bad} {label['key']}", "en": f"{bad} {label['key']}"}
        label["help"] = {"ar": bad, "en": bad}
        for attribute in label.get("attributes", []):
            attribute["name"] = {"ar": bad, "en": bad}
            attribute["help"] = {"ar": bad, "en": bad}
    for spec in data.get("document_labels", []):
        spec["name"] = {"ar": bad, "en": bad}
        spec["help"] = {"ar": bad, "en": bad}
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def interpreted(root: QWidget) -> list[str]:
    """Every place under ``root`` where text holding MARK would be read as markup."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QLabel) and MARK in widget.text():
            fmt = widget.textFormat()
            if fmt == Qt.TextFormat.RichText or (
                fmt == Qt.TextFormat.AutoText and Qt.mightBeRichText(widget.text())
            ):
                found.append(f"{where}: label {widget.text()[:60]!r}")
        tip = widget.toolTip()
        if MARK in tip and Qt.mightBeRichText(tip):
            found.append(f"{where}: tooltip {tip[:60]!r}")
        if isinstance(widget, QTextEdit) and MARK in widget.toHtml():
            found.append(f"{where}: rich text view holds an <img> element")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(200):
                if not model.index(row, 0).isValid():
                    break
                for column in range(20):  # columnCount() is private on some item models
                    index = model.index(row, column)
                    if not index.isValid():
                        break
                    tip = index.data(Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and MARK in tip and Qt.mightBeRichText(tip):
                        found.append(f"{where}: item tooltip {tip[:60]!r}")
    return found


def shown_markup(root: QWidget) -> int:
    """How many widgets show the hostile text at all (so the walk is not vacuous)."""
    count = 0
    for widget in [root, *root.findChildren(QWidget)]:
        texts = [widget.toolTip()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        if isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        count += any(MARK in t for t in texts)
    return count


def test_main_window_with_a_hostile_label_set_interprets_no_markup(window, tmp_path):
    assert window.labelsets.add_labelset_file(str(hostile_labelset(tmp_path))) is True
    assert window.session.labelset.name == "hostile"
    window.palette_dock.show()
    window.palette.help_button.setChecked(True)
    QApplication.processEvents()
    assert shown_markup(window) >= 2  # palette description and document-label names
    assert interpreted(window) == []


def test_span_editor_and_label_help_with_a_hostile_label_set_interpret_no_markup(window, tmp_path):
    from ui.dialogs.label_help import LabelHelpDialog
    from ui.dialogs.span_editor import SpanEditorDialog

    assert window.labelsets.add_labelset_file(str(hostile_labelset(tmp_path))) is True
    text = window.session.document.text
    start = text.index("الثوار")
    window.view.select_range(start, start + len("الثوار"))
    QTest.keyClick(window.view, Qt.Key.Key_1)
    [span] = window.session.store.spans(window.session.document_id, ME)
    label = window.article.label_of(span)
    assert label is not None and label.attributes
    editor = SpanEditorDialog(window, span, label, "en")
    editor.show()
    assert shown_markup(editor) >= 2 and interpreted(editor) == []
    editor.close()
    help_dialog = LabelHelpDialog(window, window.session.labelset, span.label, "en")
    help_dialog.show()
    assert MARK in help_dialog.view.toPlainText()  # shown as characters
    assert interpreted(help_dialog) == []
    help_dialog.close()


def test_accept_in_whole_corpus_question_shows_label_names_literally(window, tmp_path, monkeypatch):
    from annotator.lexicon import lexicon_from_labelset
    from annotator.suggestions import suggest_corpus
    from annotator.text.matching import Matcher

    assert window.labelsets.add_labelset_file(str(hostile_labelset(tmp_path))) is True
    labelset = window.session.labelset
    suggest_corpus(window.session.store, Matcher(lexicon_from_labelset(labelset)), labelset)
    window.refresh_from_store()
    target = next(s for s in window.session.suggestions() if s.term and s.labelset == "hostile")
    asked: list[str] = []

    def answer_no(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    window.view.set_selected_suggestion(target.id)
    window.suggestions.accept_term_in_corpus()
    assert asked and "BOLD" in asked[0]
    # a message box shows rich text only when it looks like markup: the tag must be escaped
    assert MARK not in asked[0] or not Qt.mightBeRichText(asked[0])


def test_label_set_errors_quoting_the_file_show_it_literally(window, tmp_path):
    bad = hostile(tmp_path)
    path = tmp_path / "broken.yaml"
    path.write_text(
        f"name: broken\nversion: 1\nlabels:\n  - key: X\n    name: {{en: x}}\n    color: '{bad}'\n",
        encoding="utf-8",
    )
    assert window.labelsets.add_labelset_file(str(path)) is False
    box = window.last_error_box
    assert shown_markup(box) >= 1 and interpreted(box) == []
    box.close()


def test_label_set_file_is_parsed_off_the_gui_thread(window, tmp_path, monkeypatch):
    import ui.controllers.labelsets as mainwindow

    threads: list[threading.Thread] = []
    real = mainwindow.load_labelset

    def recording(path):
        threads.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(mainwindow, "load_labelset", recording)
    assert window.labelsets.add_labelset_file(str(hostile_labelset(tmp_path))) is True
    assert threads and threads[0] is not threading.main_thread()


def test_label_all_import_and_export_dialogs_with_a_hostile_label_set_interpret_no_markup(
    window, tmp_path
):
    from annotator.editing.label_all import LabelAllPreview
    from ui.dialogs.export_dialog import ExportDialog
    from ui.dialogs.import_dialog import ImportDialog
    from ui.dialogs.label_all_dialog import LabelAllDialog

    assert window.labelsets.add_labelset_file(str(hostile_labelset(tmp_path))) is True
    store, labelset = window.session.store, window.session.labelset
    dialogs = [
        LabelAllDialog(
            window,
            store,
            labelset,
            "الثوار",
            labelset.labels[0].key,
            lambda query, corpus: LabelAllPreview(query, labelset.labels[0].key, ()),
            "en",
        ),
        ImportDialog(window, store, annotator=ME),
        ExportDialog(window, store, ME),
    ]
    for dialog in dialogs:
        dialog.show()
        assert interpreted(dialog) == [], type(dialog).__name__
        dialog.close()
