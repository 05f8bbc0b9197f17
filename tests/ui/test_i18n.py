"""Arabic interface: the translator loads, strings translate, the catalogue is complete."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ui import i18n
from ui.search import SearchBar

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "ui" / "translations" / "annotator_ar.ts"


def load_script():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "scripts" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ts_messages(path: Path = TS) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (ctx.findtext("name"), msg.findtext("source"), msg.find("translation"))
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    ]


@pytest.fixture
def app(qapp):
    yield qapp
    i18n.install_translator(qapp, "en")  # never leak Arabic into other tests


def test_normalize_language():
    assert i18n.normalize_language("ar") == "ar"
    assert i18n.normalize_language("ar_EG") == "ar"
    assert i18n.normalize_language("AR-sa") == "ar"
    assert i18n.normalize_language("en_GB") == "en"
    assert i18n.normalize_language("fr") == "en"


def test_arabic_translator_loads_and_translates(app, qtbot):
    assert i18n.install_translator(app, "ar") == "ar"
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QCoreApplication.translate("SearchBar", "No matches") == "لا نتائج"
    assert QCoreApplication.translate("MainWindow", "&File") == "&ملف"
    bar = SearchBar()
    qtbot.addWidget(bar)
    assert bar.edit.placeholderText() == "البحث في المقال"
    assert bar.layoutDirection() == Qt.LayoutDirection.RightToLeft
    bar.set_text("نص")
    bar.set_query("حلب")
    assert bar.count_label.text() == "لا نتائج"
    bar.set_text("حلب وحلب")
    assert bar.count_label.text() == "1 من 2"
    # Qt's own catalogue is installed too: standard buttons come out in Arabic.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"
    assert i18n.active_language() == "ar"


def test_english_removes_translation_and_mirroring(app):
    i18n.install_translator(app, "ar")
    assert i18n.install_translator(app, "en") == "en"
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QCoreApplication.translate("SearchBar", "No matches") == "No matches"


def test_none_follows_system_locale(app, monkeypatch):
    class FakeLocale:
        @staticmethod
        def system():
            class L:
                def name(self):
                    return "ar_EG"

            return L()

    monkeypatch.setattr(i18n, "QLocale", FakeLocale)
    assert i18n.install_translator(app, None) == "ar"
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_missing_catalogue_falls_back_to_english(app, monkeypatch, tmp_path):
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    assert i18n.install_translator(app, "ar") == "en"
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_every_string_in_the_catalogue_is_translated_safely():
    script = load_script()
    messages = ts_messages()
    assert len(messages) > 100
    for context, source, translation in messages:
        assert translation is not None and translation.text, f"{context}: {source!r} untranslated"
        assert translation.get("type") not in {"unfinished"}, f"{context}: {source!r} unfinished"
        assert script.check(source, translation.text) == [], f"{context}: {source!r}"


def test_compiled_qm_matches_the_ts(app):
    """The .qm was built from the current .ts (every entry translates as written there)."""
    i18n.install_translator(app, "ar")
    for context, source, translation in ts_messages():
        if translation.get("type") in {"obsolete", "vanished"}:
            continue
        assert QCoreApplication.translate(context, source) == translation.text, (context, source)


@pytest.mark.skipif(
    shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent)) is None,
    reason="pyside6-lupdate not installed",
)
def test_catalogue_covers_every_tr_string_in_ui(tmp_path):
    """Fails when someone adds a tr() string: run scripts/update_translations.py."""
    fresh = tmp_path / "fresh.ts"
    script = load_script()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pyside6-lupdate"),
            "-no-obsolete",
            *script.sources(),
            "-ts",
            str(fresh),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    wanted = {(c, s) for c, s, _ in ts_messages(fresh)}
    wanted |= {(c, s) for c, texts in script.wrapped_messages().items() for s in texts}
    have = {(c, s) for c, s, _ in ts_messages()}
    missing = sorted(wanted - have)
    assert not missing, f"run scripts/update_translations.py; new strings: {missing[:10]}"


def test_app_widgets_mirror_under_arabic(app, qtbot):
    from ui.dialogs.annotator_dialog import AnnotatorDialog

    i18n.install_translator(app, "ar")
    dlg = AnnotatorDialog(None, "amal")
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "المُعلِّق"
    assert dlg.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_document_label_choices_show_translated_but_store_the_set_spelling(app, qtbot, store):
    from ui.doclabels import DocumentLabels

    i18n.install_translator(app, "ar")
    panel = DocumentLabels(lang="ar")
    qtbot.addWidget(panel)
    panel.set_labelset(store.labelset("media-bias-ar"))
    combo = panel.editor("SLANT")
    shown = {combo.itemData(i): combo.itemText(i) for i in range(1, combo.count())}
    assert shown["pro-opposition"] == "مؤيد للمعارضة"
    assert shown["neutral"] == "محايد"
    chosen: list[tuple[str, object]] = []
    panel.labelChosen.connect(lambda key, value: chosen.append((key, value)))
    combo.activated.emit(combo.findData("neutral"))
    assert chosen == [("SLANT", "neutral")]


def test_window_actions_translate_from_the_table(app, qtbot, store):
    from ui.mainwindow import MainWindow

    i18n.install_translator(app, "ar")
    window = MainWindow(store, "huda", lang="ar", restore=False)
    qtbot.addWidget(window)
    assert window.quit_action.text().split("\t")[0] == "&خروج"
    assert window.menuBar().actions()[0].text() == "&ملف"
