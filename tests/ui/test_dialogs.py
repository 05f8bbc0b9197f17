"""Dialogs driven like a user: fields set, buttons clicked, results checked in the Store."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
)
from sqlalchemy import insert

from annotator.labelsets import AttributeSpec, Label, parse_labelset
from annotator.models import Document
from annotator.records import SpanData
from annotator.textio import sha256_text
from ui.dialogs.annotator_dialog import AnnotatorDialog, ask_annotator_name
from ui.dialogs.label_help import LabelHelpWidget, label_help_html, show_label_help
from ui.dialogs.span_editor import SpanEditorDialog

TEXT_A = "قوات النظام تقصف حلب والميليشيات الطائفية تنسحب."
TEXT_B = "سقط شهيداً في منبج."


def type_text(widget, text: str) -> None:
    """Type like a user on an Arabic layout (QTest.keyClicks asserts on non-Latin-1)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def add_docs(store, texts: list[str]) -> list[int]:
    with store.engine.begin() as conn:
        return [
            conn.execute(
                insert(Document.__table__).values(
                    corpus="default",
                    external_id=f"doc-{i}",
                    title=f"title {i}",
                    text=text,
                    sha256=sha256_text(text),
                    source="",
                    meta={},
                )
            ).inserted_primary_key[0]
            for i, text in enumerate(texts)
        ]


def ok_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


# ---------------------------------------------------------------- annotator name


def test_annotator_dialog_trims_lists_and_requires_a_name(qtbot, store):
    store.annotator_id("amal")
    store.annotator_id("omar")
    dlg = AnnotatorDialog(None, store=store)
    qtbot.addWidget(dlg)
    assert [dlg.combo.itemText(i) for i in range(dlg.combo.count())] == ["amal", "omar"]
    dlg.combo.setEditText("   ")
    assert not ok_button(dlg).isEnabled()
    dlg.combo.lineEdit().clear()
    type_text(dlg.combo.lineEdit(), "  سارة ")
    assert ok_button(dlg).isEnabled()
    ok_button(dlg).click()
    assert dlg.result() == dlg.DialogCode.Accepted and dlg.name() == "سارة"


def test_ask_annotator_name_returns_pick_or_none(qtbot, store):
    store.annotator_id("amal")

    def pick_second():
        dlg = QApplication.activeModalWidget()
        dlg.combo.setCurrentIndex(0)
        ok_button(dlg).click()

    QTimer.singleShot(0, pick_second)
    assert ask_annotator_name(None, default="x", store=store) == "amal"

    def cancel():
        QApplication.activeModalWidget().reject()

    QTimer.singleShot(0, cancel)
    assert ask_annotator_name(None, default="amal") is None


# ---------------------------------------------------------------- span editor


def make_label() -> Label:
    return Label(
        key="LOADED_TERM",
        name={"ar": "مصطلح مشحون", "en": "Loaded term"},
        color="#e4572e",
        hotkey="1",
        attributes=(
            AttributeSpec("target", "text"),
            AttributeSpec("stance", "choice", ("pro", "anti")),
            AttributeSpec("quoted", "bool"),
        ),
    )


def make_span(**kw) -> SpanData:
    base = dict(
        id=7,
        document_id=1,
        annotator="amal",
        labelset="media-bias-ar",
        label="LOADED_TERM",
        start=18,
        end=37,
        text="الميليشيات الطائفية",
        attributes={"stance": "anti", "legacy": 3},
        note="old note",
    )
    base.update(kw)
    return SpanData(**base)


def test_span_editor_builds_widgets_from_label_and_returns_set_values(qtbot):
    dlg = SpanEditorDialog(None, make_span(), make_label())
    qtbot.addWidget(dlg)
    assert isinstance(dlg.editor("target"), QLineEdit)
    stance = dlg.editor("stance")
    assert isinstance(stance, QComboBox)
    assert [stance.itemText(i) for i in range(stance.count())] == ["", "pro", "anti"]
    assert stance.currentText() == "anti"
    assert isinstance(dlg.editor("quoted"), QCheckBox)
    assert dlg.text_view.text() == "الميليشيات الطائفية"
    assert dlg.text_view.layoutDirection() == Qt.LayoutDirection.RightToLeft

    type_text(dlg.editor("target"), " قوات النظام ")
    dlg.editor("quoted").click()
    stance.setCurrentIndex(0)  # the empty entry clears the value
    dlg.note_edit.setPlainText("  ملاحظة جديدة \n")
    ok_button(dlg).click()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert dlg.attributes() == {"target": "قوات النظام", "quoted": True, "legacy": 3}
    assert dlg.note() == "ملاحظة جديدة"


def test_span_editor_keeps_unknown_choice_and_omits_unset(qtbot):
    dlg = SpanEditorDialog(None, make_span(attributes={"stance": "neutral"}, note=""), make_label())
    qtbot.addWidget(dlg)
    assert dlg.editor("stance").currentText() == "neutral"
    assert dlg.attributes() == {"stance": "neutral"}
    assert dlg.note() == ""


def test_span_editor_result_updates_store(qtbot, store):
    [doc] = add_docs(store, [TEXT_A])
    ls = store.labelset()
    span = store.add_span(doc, "amal", ls, "LOADED_TERM", 22, 41)
    dlg = SpanEditorDialog(None, span, ls.label("LOADED_TERM"))
    qtbot.addWidget(dlg)
    dlg.note_edit.setPlainText("checked")
    ok_button(dlg).click()
    store.update_span(span.id, attributes=dlg.attributes(), note=dlg.note())
    assert store.span(span.id).note == "checked"


# ---------------------------------------------------------------- label help

HOSTILE = Label(
    key="X<script>",
    name={"ar": "<b>عريض</b>", "en": "<i>it</i>"},
    color="red;background:url(x)",
    hotkey="<",
    help={
        "ar": "تعريف <img src=x>\nأمثلة:\n- مثال أول\n- مثال ثان\nأمثلة مضادة:\n- ليس هذا",
        "en": "Definition & more\nExamples: the regime's militias\nCounter-examples: the army",
    },
    terms=("شهيد", "<t>"),
)


def test_label_help_escapes_markup_and_parses_sections():
    page = label_help_html(HOSTILE, "ar")
    assert "<img" not in page and "<script>" not in page and "<b>عريض" not in page
    assert "&lt;b&gt;عريض&lt;/b&gt;" in page and "&lt;img src=x&gt;" in page
    assert "url(x)" not in page  # a colour that is not #rrggbb is not passed to CSS
    assert 'dir="rtl"' in page
    assert "<li>مثال أول</li>" in page and "<li>ليس هذا</li>" in page
    en = label_help_html(HOSTILE, "en")
    assert 'dir="ltr"' in en and "Definition &amp; more" in en
    assert "<li>the regime&#x27;s militias</li>" in en and "<li>the army</li>" in en


def test_label_help_widget_shows_text_literally_and_rtl(qtbot):
    view = LabelHelpWidget()
    qtbot.addWidget(view)
    view.set_label(HOSTILE, "ar")
    shown = view.toPlainText()
    assert "<b>عريض</b>" in shown and "<img src=x>" in shown and "مثال ثان" in shown
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert view.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    view.set_label(HOSTILE, "en")
    assert "<i>it</i>" in view.toPlainText()
    assert view.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_show_label_help_for_shipped_label(qtbot, store):
    ls = store.labelset()
    key = ls.labels[0].key
    dlg = show_label_help(None, ls, key, "ar")
    qtbot.addWidget(dlg)
    qtbot.waitExposed(dlg)
    text = dlg.view.toPlainText()
    assert ls.labels[0].name["ar"] in text
    assert ls.labels[0].hotkey in text
    dlg.close()


def test_label_help_keeps_guideline_paragraph_order(store):
    label = Label(
        key="K",
        name={"en": "K"},
        color="#112233",
        help={
            "en": (
                'A definition.\n\nExamples: "x", "y".\n\nNot this label: neutral names.\n\n'
                "Applies to both sides."
            )
        },
        examples=("من مقال",),
        counter_examples=("ليس هذا",),
    )
    page = label_help_html(label, "en")
    order = [
        page.index(x)
        for x in (
            "A definition.",
            "<h3>Examples</h3>",
            "&quot;x&quot;",
            "<h3>Counter-examples</h3>",
            "neutral names.",
            "<p>Applies to both sides.</p>",
            "Examples from articles",
            'dir="rtl" align="right">من مقال',
        )
    ]
    assert order == sorted(order)
    folded = Label(
        key="F",
        name={"ar": "ف"},
        color="#112233",
        help={
            "ar": ('تعريف.\nأمثلة: "أ"، "ب".\nليست من هذه التسمية: المحايد.\nتنطبق على الطرفين.\n')
        },
    )
    folded_page = label_help_html(folded, "ar")  # YAML ">" text: one paragraph per line
    assert "<p>تنطبق على الطرفين.</p>" in folded_page
    assert "<li>المحايد.</li>" in folded_page
    shipped = store.labelset().label("LOADED_TERM")
    ar_page = label_help_html(shipped, "ar")
    assert "<h3>أمثلة</h3>" in ar_page and "<h3>ليست من هذا الوسم</h3>" in ar_page
    assert "الجهة المعنية" in ar_page  # attribute names in the page language


def test_label_help_for_yaml_with_structured_help():
    ls = parse_labelset(
        "name: t\nversion: 1\nlabels:\n  - key: A\n    name: {ar: أ, en: A}\n    color: '#112233'\n"
        '    help: {en: "Wording that\\n- e1"}\n'
    )
    page = label_help_html(ls.label("A"), "ar")  # falls back to English help text
    assert "Wording that" in page and "e1" in page


# ---------------------------------------------------------------- import


def native_line(ext_id: str, text: str, spans: list[dict], annotator: str = "amal") -> str:
    return json.dumps(
        {
            "id": ext_id,
            "text": text,
            "meta": {"title": ext_id},
            "annotator": annotator,
            "status": "done",
            "labelset": {"name": "media-bias-ar", "version": "1"},
            "spans": spans,
            "format": "annotator-jsonl/1",
        },
        ensure_ascii=False,
    )


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_file(tmp_path: Path) -> Path:
    s = TEXT_A.index("الميليشيات")
    return write_jsonl(
        tmp_path / "in.jsonl",
        [
            native_line(
                "a",
                TEXT_A,
                [
                    {
                        "start": s,
                        "end": s + 19,
                        "label": "LOADED_TERM",
                        "text": "الميليشيات الطائفية",
                    },
                    # off by two: the span text lets the importer realign it
                    {"start": 2, "end": 13, "label": "DELEGITIMISING_LABEL", "text": "قوات النظام"},
                ],
            ),
            native_line("b", TEXT_B, []),
        ],
    )


def wait_summary(qtbot, dlg) -> None:
    qtbot.waitUntil(lambda: dlg.on_summary_page() and not dlg.is_running(), timeout=5000)


def test_import_dialog_imports_and_shows_realignments(qtbot, store, tmp_path):
    pytest.importorskip("annotator.importing")
    from ui.dialogs.import_dialog import ImportDialog

    dlg = ImportDialog(None, store, annotator="amal")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.path_edit.setText(str(good_file(tmp_path)))
    assert not dlg.csv_group.isVisibleTo(dlg)
    dlg.import_button.click()
    wait_summary(qtbot, dlg)
    assert dlg.outcome == "imported", dlg.summary_label.text()
    assert store.document_count() == 2
    doc = store.document_by_external_id("a")
    spans = {(s.label, s.text) for s in store.spans(doc.id, "amal")}
    assert spans == {
        ("LOADED_TERM", "الميليشيات الطائفية"),
        ("DELEGITIMISING_LABEL", "قوات النظام"),
    }
    rows = dlg.table_rows()
    realigned = [r for r in rows if r[0] == "realigned"]
    assert len(realigned) == 1
    assert realigned[0][4] == "DELEGITIMISING_LABEL" and realigned[0][5] == "2–13"
    assert realigned[0][6] == "0–11" and realigned[0][2] == "1"
    assert "2 documents added" in dlg.summary_label.text()
    dlg.summary_close_button.click()
    assert dlg.result() == dlg.DialogCode.Accepted


def test_import_dialog_refused_file_imports_nothing(qtbot, store, tmp_path):
    pytest.importorskip("annotator.importing")
    from ui.dialogs.import_dialog import ImportDialog

    path = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            native_line("a", TEXT_A, []),
            "{not json",
            native_line(
                "c", TEXT_B, [{"start": 0, "end": 3, "label": "NO_SUCH_LABEL", "text": "سقط"}]
            ),
        ],
    )
    dlg = ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(path))
    dlg.start_import()
    wait_summary(qtbot, dlg)
    assert dlg.outcome == "refused"
    assert "nothing was imported" in dlg.headline.text()
    assert store.document_count() == 0
    refused = [r for r in dlg.table_rows() if r[0] == "refused"]
    assert len(refused) >= 2
    assert any(r[2] == "2" for r in refused)  # the broken JSON line, by line number
    # a refused span is shown with its record, label and offsets
    span_rows = [r for r in refused if r[4] == "NO_SUCH_LABEL"]
    assert span_rows and span_rows[0][2] == "3" and span_rows[0][3] == "c"
    assert span_rows[0][5] == "0–3"

    # The same file with "skip invalid" keeps the good records and lists the rest.
    dlg2 = ImportDialog(None, store)
    qtbot.addWidget(dlg2)
    dlg2.path_edit.setText(str(path))
    dlg2.skip_invalid_box.setChecked(True)
    dlg2.start_import()
    wait_summary(qtbot, dlg2)
    assert dlg2.outcome == "imported" and store.document_count() >= 1
    assert any(r[0] == "refused" for r in dlg2.table_rows())


def test_import_dialog_shows_warnings_from_the_structured_report(qtbot, store, tmp_path):
    from ui.dialogs.import_dialog import ImportDialog

    # a PTC row whose end cuts the shadda off its letter: a warning with file, line, label
    folder = tmp_path / "ptc"
    folder.mkdir()
    text = "قال: حيّ الشهداء"
    (folder / "article7.txt").write_text(text, encoding="utf-8")
    (folder / "labels.tsv").write_text(f"7\tDoubt\t5\t{text.index('ّ')}\n", encoding="utf-8")
    dlg = ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(folder))
    dlg.start_import()
    wait_summary(qtbot, dlg)
    assert dlg.outcome == "imported"
    [row] = [r for r in dlg.table_rows() if r[0] == "warning" and r[4] == "Doubt"]
    kind, file, line, record, label, old, _new, reason = row
    assert (file.endswith("labels.tsv"), line, record, label) == (True, "1", "7", "Doubt")
    assert old == f"5–{text.index('ّ')}" and "combining mark" in reason


def test_import_dialog_cancel_rolls_back(qtbot, store, tmp_path, monkeypatch):
    importing = pytest.importorskip("annotator.importing.importer")
    from ui.dialogs.import_dialog import ImportDialog

    monkeypatch.setattr(importing, "BATCH_SIZE", 1)
    entered, release = threading.Event(), threading.Event()
    original = importing._Importer.import_batch

    def slow_batch(self, batch, conn):  # hold the worker after its first batch
        original(self, batch, conn)
        entered.set()
        release.wait(5)

    monkeypatch.setattr(importing._Importer, "import_batch", slow_batch)
    path = write_jsonl(
        tmp_path / "many.jsonl", [native_line(f"d{i}", f"{TEXT_B} {i}", []) for i in range(5)]
    )
    dlg = ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(path))
    dlg.start_import()
    assert entered.wait(5)
    assert dlg.is_running()
    [cancel_button] = dlg._progress.findChildren(QPushButton)
    cancel_button.click()  # the progress dialog's Cancel button
    release.set()
    wait_summary(qtbot, dlg)
    assert dlg.outcome == "cancelled"
    assert "cancelled" in dlg.headline.text()
    assert store.document_count() == 0


def test_import_dialog_missing_file_and_csv_fields(qtbot, store, tmp_path, monkeypatch):
    pytest.importorskip("annotator.importing")
    from ui.dialogs import import_dialog

    warnings = []
    monkeypatch.setattr(import_dialog.QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    dlg = import_dialog.ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.path_edit.setText(str(tmp_path / "nope.jsonl"))
    dlg.import_button.click()
    assert warnings and not dlg.is_running() and not dlg.on_summary_page()
    dlg.path_edit.setText(str(tmp_path / "table.csv"))
    assert dlg.csv_group.isVisibleTo(dlg)
    dlg.text_column_edit.setText("body")
    dlg.id_column_edit.setText("doc_id")
    dlg.offsets_combo.setCurrentIndex(dlg.offsets_combo.findData("utf16"))
    opts = dlg.options()
    assert (opts.text_column, opts.id_column, opts.title_column) == ("body", "doc_id", None)
    assert opts.offsets == "utf16" and opts.format is None


# ---------------------------------------------------------------- export


def seeded_store(store) -> list[int]:
    ids = add_docs(store, [TEXT_A, TEXT_B])
    ls = store.labelset()
    s = TEXT_A.index("الميليشيات")
    store.add_span(ids[0], "amal", ls, "LOADED_TERM", s, s + 19)
    store.add_span(ids[0], "omar", ls, "DELEGITIMISING_LABEL", 0, 11)
    store.set_status(ids[0], "amal", "done")
    return ids


def test_export_dialog_writes_filtered_file(qtbot, store, tmp_path):
    pytest.importorskip("annotator.exporting")
    from ui.dialogs.export_dialog import ExportDialog

    seeded_store(store)
    dlg = ExportDialog(None, store, annotator="amal")
    qtbot.addWidget(dlg)
    assert dlg.annotator_combo.currentData() == "amal"
    assert [dlg.annotator_combo.itemData(i) for i in range(dlg.annotator_combo.count())] == [
        None,
        "amal",
        "omar",
    ]
    dlg.set_format("jsonl")
    target = tmp_path / "out.jsonl"
    dlg.target_edit.setText(str(target))
    with qtbot.waitSignal(dlg.finishedExport, timeout=5000) as sig:
        dlg.export_button.click()
    assert sig.args == ["exported"], dlg.message
    lines = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1 and lines[0]["annotator"] == "amal"
    assert [sp["text"] for sp in lines[0]["spans"]] == ["الميليشيات الطائفية"]
    assert "1 records with 1 spans" in dlg.message
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl")]


def test_export_dialog_writes_doccano_offsets_in_the_unit_chosen(qtbot, store, tmp_path):
    from ui.dialogs.export_dialog import ExportDialog

    seeded_store(store)
    dlg = ExportDialog(None, store, annotator="amal")
    qtbot.addWidget(dlg)
    dlg.set_format("doccano")
    assert dlg.options().offsets is None  # the format's own unit (doccano: UTF-16)
    dlg.offsets_combo.setCurrentIndex(dlg.offsets_combo.findData("graphemes"))
    assert dlg.options().offsets == "graphemes"
    target = tmp_path / "out.jsonl"
    dlg.target_edit.setText(str(target))
    with qtbot.waitSignal(dlg.finishedExport, timeout=5000) as sig:
        dlg.export_button.click()
    assert sig.args == ["exported"], dlg.message
    assert dlg.report.offsets == "graphemes"


def test_export_dialog_cancel_leaves_no_file(qtbot, store, tmp_path, monkeypatch):
    pytest.importorskip("annotator.exporting")
    from ui.dialogs import export_dialog

    seeded_store(store)

    class CancelledAtOnce(threading.Event):
        """The user pressed Cancel before the first document was written."""

        def __init__(self):
            super().__init__()
            self.set()

    from ui.dialogs import worker

    monkeypatch.setattr(worker.threading, "Event", CancelledAtOnce)
    dlg = export_dialog.ExportDialog(None, store, annotator=None)
    qtbot.addWidget(dlg)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "cancelled.jsonl"
    dlg.target_edit.setText(str(target))
    with qtbot.waitSignal(dlg.finishedExport, timeout=5000) as sig:
        dlg.start_export()
    assert sig.args == ["cancelled"], dlg.message
    assert list(out.iterdir()) == []


def test_export_dialog_reports_errors_without_raising(qtbot, store, tmp_path):
    pytest.importorskip("annotator.exporting")
    from ui.dialogs.export_dialog import ExportDialog

    seeded_store(store)
    dlg = ExportDialog(None, store, annotator=None)
    qtbot.addWidget(dlg)
    dlg.target_edit.setText(str(tmp_path / "no-such-folder" / "x.jsonl"))
    with qtbot.waitSignal(dlg.finishedExport, timeout=5000) as sig:
        dlg.start_export()
    assert sig.args == ["error"] and "no-such-folder" in dlg.message


def drive_modal(qtbot, steps) -> None:
    """Run ``steps`` (callables returning True when done) one after another while a modal
    dialog's exec() loop is running, as a user would act on it."""
    pending = list(steps)

    def tick():
        if pending and pending[0]():
            pending.pop(0)
        if pending:
            QTimer.singleShot(20, tick)

    QTimer.singleShot(0, tick)


def test_run_import_modal_flow_with_csv_columns(qtbot, store, tmp_path):
    pytest.importorskip("annotator.importing")
    from ui.dialogs.import_dialog import ImportDialog, run_import

    csv_path = tmp_path / "articles.csv"
    csv_path.write_text(
        "doc_id,headline,body\nx1,عنوان,نص عن حلب\nx2,آخر,نص ثان\n", encoding="utf-8"
    )

    def fill_and_start():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, ImportDialog):
            return False
        dlg.path_edit.setText(str(csv_path))
        dlg.text_column_edit.setText("body")
        dlg.id_column_edit.setText("doc_id")
        dlg.title_column_edit.setText("headline")
        dlg.import_button.click()
        return True

    def close_summary():
        dlg = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, ImportDialog) and w.isVisible()
            ),
            None,
        )
        if dlg is None or not dlg.on_summary_page() or dlg.is_running():
            return False
        dlg.summary_close_button.click()
        return True

    drive_modal(qtbot, [fill_and_start, close_summary])
    assert run_import(None, store) is True
    doc = store.document_by_external_id("x1")
    assert doc is not None and doc.text == "نص عن حلب" and doc.title == "عنوان"
    assert store.document_count() == 2


def test_run_export_modal_flow(qtbot, store, tmp_path, monkeypatch):
    pytest.importorskip("annotator.exporting")
    from ui.dialogs import export_dialog

    seeded_store(store)
    shown = []
    monkeypatch.setattr(
        export_dialog.QMessageBox, "information", lambda parent, title, text: shown.append(text)
    )
    target = tmp_path / "all.jsonl"

    def fill_and_start():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, export_dialog.ExportDialog):
            return False
        dlg.annotator_combo.setCurrentIndex(0)  # all annotators
        dlg.target_edit.setText(str(target))
        dlg.export_button.click()
        return True

    drive_modal(qtbot, [fill_and_start])
    export_dialog.run_export(None, store, "amal")
    lines = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["annotator"] for line in lines) == ["amal", "omar"]
    assert shown and "2 records with 2 spans" in shown[0]


def test_export_dialog_folder_format_and_extension_follow_format(qtbot, store):
    from ui.dialogs.export_dialog import ExportDialog

    dlg = ExportDialog(None, store)
    qtbot.addWidget(dlg)
    assert dlg.current_format().name == "jsonl" and not dlg.needs_folder()
    dlg.target_edit.setText("/tmp/out.jsonl")
    dlg.set_format("labelstudio")
    assert dlg.target_edit.text() == "/tmp/out.json"
    dlg.set_format("ptc")
    assert dlg.needs_folder()


def test_span_editor_returns_untouched_values_unchanged(qtbot):
    from annotator.labelsets import AttributeSpec, Label
    from annotator.records import SpanData
    from ui.dialogs.span_editor import SpanEditorDialog

    label = Label(
        key="L",
        name={"en": "L"},
        color="#123456",
        attributes=(AttributeSpec("target", "text"), AttributeSpec("flag", "bool")),
    )
    span = SpanData(
        id=1,
        document_id=1,
        annotator="a",
        labelset="s",
        label="L",
        start=0,
        end=3,
        text="نص",
        attributes={"target": "  قوات  ", "flag": False},
        note="  ملاحظة\n",
    )
    dlg = SpanEditorDialog(None, span, label)
    qtbot.addWidget(dlg)
    assert dlg.attributes() == {"target": "  قوات  ", "flag": False}
    assert dlg.note() == "  ملاحظة\n"


def test_english_help_isolates_each_arabic_run():
    from ui.dialogs.label_help import isolate_runs

    text = 'Calls fighters "martyrs" (شهداء) or "heroes" (أبطال الثورة), not neutral.'
    shown = isolate_runs(text, page_is_arabic=False)
    assert "\u2067شهداء\u2069" in shown and "\u2067أبطال الثورة\u2069" in shown
    assert shown.replace("\u2067", "").replace("\u2069", "") == text  # display only
    assert isolate_runs(text, page_is_arabic=True) == text
    label = Label(key="X", name={"en": "X"}, color="#123456", help={"en": f"Examples: {text}"})
    page = label_help_html(label, "en")
    assert "\u2067شهداء\u2069" in page
