"""Import a file or folder: choose options, run the import off the GUI thread, show a report.

The import is one transaction in the core (``annotator.importing.import_path``), so the
dialog never has to clean up: cancelling makes the core roll back, and a refused import
writes nothing. The progress dialog is window-modal so the GUI cannot write to the
database while the worker thread does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.store import Store
from ui.dialogs.format_options import (
    AnnotatorMapEdit,
    FieldMapGroup,
    FormatEntry,
    OffsetsCombo,
    detected_entry,
    format_entries,
)
from ui.dialogs.import_problems import ProblemTable
from ui.dialogs.worker import CoreJob, JobDialogMixin
from ui.richtext import literal

CSV_SUFFIXES = (".csv", ".tsv")


class ImportDialog(JobDialogMixin, QDialog):
    """Two pages: the options, then the summary of what happened."""

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        *,
        annotator: str | None = None,
        path: str | Path | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Import"))
        self.resize(760, 520)
        self.report: Any = None
        self.outcome: str = ""  # "imported", "refused", "cancelled", "error"
        self._thread: CoreJob | None = None
        self._progress: QProgressDialog | None = None

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_options_page(annotator))
        self.pages.addWidget(self._build_summary_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        if path is not None:
            self.path_edit.setText(str(path))
        self._update_state()

    # ------------------------------------------------------------------ pages
    def _build_options_page(self, annotator: str | None) -> QWidget:
        page = QWidget(self)
        self.path_edit = QLineEdit(page)
        self.path_edit.setPlaceholderText(self.tr("A file, or a folder of files"))
        file_button = QPushButton(self.tr("File…"), page)
        folder_button = QPushButton(self.tr("Folder…"), page)
        file_button.clicked.connect(self._choose_file)
        folder_button.clicked.connect(self._choose_folder)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(file_button)
        path_row.addWidget(folder_button)

        self.format_combo = QComboBox(page)
        self.format_combo.addItem(self.tr("Detect automatically"), None)
        self._entries = format_entries("import")
        for entry in self._entries:
            text = f"{entry.name} — {entry.description}" if entry.description else entry.name
            self.format_combo.addItem(text, entry.name)

        self.labelset_combo = QComboBox(page)
        self.labelset_combo.addItem(self.tr("As named in the file (else the default)"), None)
        try:
            infos = self.store.labelsets()
        except Exception:  # noqa: BLE001
            infos = []
        for info in infos:
            self.labelset_combo.addItem(f"{info.name} (v{info.version})", info.name)

        self.annotator_edit = QLineEdit(annotator or "", page)
        self.annotator_edit.setPlaceholderText(self.tr("As named in the file (else “imported”)"))

        self.skip_invalid_box = QCheckBox(
            self.tr("Skip invalid records and spans (keep the rest)"), page
        )
        self.update_box = QCheckBox(self.tr("Update documents already imported"), page)
        self.strict_box = QCheckBox(
            self.tr("Strict: refuse misaligned spans instead of realigning"), page
        )
        # options that apply to some formats only: shown as the format's policy says
        self.offsets_combo = OffsetsCombo(page)
        self.annotator_map_edit = AnnotatorMapEdit(page)
        self.field_group = FieldMapGroup(page)

        self.csv_group = QGroupBox(self.tr("CSV columns"), page)
        self.text_column_edit = QLineEdit("text", self.csv_group)
        self.id_column_edit = QLineEdit(self.csv_group)
        self.id_column_edit.setPlaceholderText(self.tr("none"))
        self.title_column_edit = QLineEdit(self.csv_group)
        self.title_column_edit.setPlaceholderText(self.tr("none"))
        csv_form = QFormLayout(self.csv_group)
        csv_form.addRow(self.tr("Text column:"), self.text_column_edit)
        csv_form.addRow(self.tr("Id column:"), self.id_column_edit)
        csv_form.addRow(self.tr("Title column:"), self.title_column_edit)

        form = QFormLayout()
        form.addRow(self.tr("Source:"), path_row)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Label set:"), self.labelset_combo)
        form.addRow(self.tr("Annotator:"), self.annotator_edit)
        form.addRow(self.tr("Span offsets:"), self.offsets_combo)
        form.addRow(self.tr("Label Studio users:"), self.annotator_map_edit)
        self.form = form

        self.options_buttons = QDialogButtonBox(page)
        self.import_button = self.options_buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.options_buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.options_buttons.accepted.connect(self.start_import)
        self.options_buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(page)
        layout.addLayout(form)
        for box in (self.skip_invalid_box, self.update_box, self.strict_box):
            layout.addWidget(box)
        layout.addWidget(self.csv_group)
        layout.addWidget(self.field_group)
        layout.addStretch(1)
        layout.addWidget(self.options_buttons)

        self.path_edit.textChanged.connect(self._update_state)
        self.format_combo.currentIndexChanged.connect(self._update_state)
        return page

    def _build_summary_page(self) -> QWidget:
        page = QWidget(self)
        self.headline = QLabel(page)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.summary_label = QLabel(page)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_table = ProblemTable(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, page)
        buttons.rejected.connect(self._close_summary)
        buttons.accepted.connect(self._close_summary)
        self.summary_close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(page)
        layout.addWidget(self.headline)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problem_table, 1)
        layout.addWidget(buttons)
        return page

    # ------------------------------------------------------------------ state
    def on_summary_page(self) -> bool:
        return self.pages.currentIndex() == 1

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def _is_csv(self) -> bool:
        fmt = self.format_combo.currentData()
        if fmt is not None:
            return str(fmt) in {"csv", "tsv"}
        return self.path_edit.text().strip().lower().endswith(CSV_SUFFIXES)

    def policy(self) -> FormatEntry | None:
        """The chosen format's policy, or the detected one's; None when the format is
        left to detection and cannot be told yet (every option that may apply shows)."""
        name = self.format_combo.currentData()
        if name is None:
            return detected_entry(self.path_edit.text())
        found = [e for e in self._entries if e.name == name]
        return found[0] if found else FormatEntry(str(name))

    def _update_state(self) -> None:
        policy = self.policy()
        self.csv_group.setVisible(self._is_csv())
        self.form.setRowVisible(self.offsets_combo, policy is None or policy.takes_offsets)
        self.form.setRowVisible(
            self.annotator_map_edit, policy is not None and policy.maps_annotators
        )
        self.field_group.setVisible(policy is not None and policy.takes_field_map)
        self.import_button.setEnabled(bool(self.path_edit.text().strip()) and not self.is_running())

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a file to import"),
            self.path_edit.text(),
            self.tr("Data files (*.jsonl *.json *.csv *.tsv *.txt *.labels);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder to import"), self.path_edit.text()
        )
        if path:
            self.path_edit.setText(path)

    def options(self) -> Any:
        """The ImportOptions the current fields describe (the options the CLI builds;
        a bad annotator map raises the core's FormatError naming the item)."""
        from annotator.importing import ImportOptions

        csv = self._is_csv()
        policy = self.policy()
        offsets = policy is None or policy.takes_offsets
        maps = policy is not None and policy.maps_annotators
        field_map = policy is not None and policy.takes_field_map
        return ImportOptions(
            format=self.format_combo.currentData(),
            labelset=self.labelset_combo.currentData(),
            annotator=self.annotator_edit.text().strip() or None,
            skip_invalid=self.skip_invalid_box.isChecked(),
            update=self.update_box.isChecked(),
            strict=self.strict_box.isChecked(),
            offsets=self.offsets_combo.currentData() if offsets else None,
            text_column=(self.text_column_edit.text().strip() or "text") if csv else "text",
            id_column=(self.id_column_edit.text().strip() or None) if csv else None,
            title_column=(self.title_column_edit.text().strip() or None) if csv else None,
            fields=self.field_group.field_map() if field_map else {},
            annotator_map=self.annotator_map_edit.mapping() if maps else {},
        )

    # ------------------------------------------------------------------ running
    def start_import(self) -> None:
        """Start the worker; returns at once (the summary page appears when it ends)."""
        if self.is_running():
            return
        path = Path(self.path_edit.text().strip()).expanduser()
        if not str(path) or not path.exists():
            QMessageBox.warning(
                self,
                self.tr("Import"),
                literal(self.tr("No such file or folder: %1").replace("%1", str(path))),
            )
            return
        from annotator.errors import AnnotatorError

        try:
            options = self.options()
        except AnnotatorError as exc:  # a bad annotator map: fix it on this page
            QMessageBox.warning(self, self.tr("Import"), literal(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001
            self._show_error(f"{type(exc).__name__}: {exc}")
            return
        from annotator.importing import ImportCancelled, ImportFailed, import_path

        store = self.store

        def job(progress, cancel):
            return import_path(store, path, options, progress=progress, cancel=cancel)

        thread = CoreJob(
            job, cancelled_error=ImportCancelled, refused_error=ImportFailed, parent=self
        )
        thread.progressed.connect(self._on_progress)
        thread.succeeded.connect(self._on_succeeded)
        thread.refused.connect(self._on_refused)
        thread.cancelled.connect(self._on_cancelled)
        thread.failed.connect(self._show_error)
        self._start_job(
            thread,
            self.tr("Importing %1…").replace("%1", path.name),
            self.tr("Import"),
            self.tr("Cancel"),
        )

    def request_cancel(self) -> None:
        """Ask the core to stop; it rolls the whole import back."""
        if self._thread is not None:
            self._thread.cancel_event.set()
            if self._progress is not None:
                self._progress.setLabelText(self.tr("Cancelling; undoing the import…"))

    def _on_progress(self, done: int, total: int) -> None:
        if self._progress is None:
            return
        if total > 0:
            self._progress.setMaximum(total)
            self._progress.setValue(min(done, total))
        self._progress.setLabelText(self.tr("Importing: %1 records read").replace("%1", str(done)))

    def _on_thread_finished(self) -> None:
        self._release_thread()

    def _on_succeeded(self, report: Any) -> None:
        self.outcome = "imported"
        self.report = report
        self._show_summary(self.tr("Import finished."), report)

    def _on_refused(self, report: Any) -> None:
        self.outcome = "refused"
        self.report = report
        self._show_summary(self.tr("The import was refused: nothing was imported."), report)

    def _on_cancelled(self) -> None:
        self.outcome = "cancelled"
        self._show_summary(self.tr("Import cancelled: nothing was imported."), None)

    def _show_error(self, message: str) -> None:
        self.outcome = "error"
        self._show_summary(self.tr("The import failed: nothing was imported."), None)
        self.summary_label.setText(message)

    # ------------------------------------------------------------------ summary
    def _show_summary(self, headline: str, report: Any) -> None:
        self._close_progress()
        self.headline.setText(headline)
        self.summary_label.setText(report.summary() if report is not None else "")
        self.problem_table.show_report(report)
        self.pages.setCurrentIndex(1)
        self.setWindowTitle(self.tr("Import summary"))

    def table_rows(self) -> list[list[str]]:
        """The summary table as text (for tests and copy-paste)."""
        return self.problem_table.rows()

    def _close_summary(self) -> None:
        if self.outcome == "imported":
            self.accept()
        else:
            self.reject()

    def done(self, result: int) -> None:
        if self.is_running():  # closing mid-import: cancel and wait for the rollback
            self.request_cancel()
            assert self._thread is not None
            self._thread.wait()
        super().done(result)


def run_import(
    parent: QWidget | None,
    store: Store,
    *,
    annotator: str | None = None,
    path: str | Path | None = None,
) -> bool:
    """Run the import dialog; True when something was imported (the caller reloads)."""
    dialog = ImportDialog(parent, store, annotator=annotator, path=path)
    try:
        dialog.exec()
        return dialog.outcome == "imported"
    except Exception as exc:  # noqa: BLE001 - never crash the app from a dialog
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("ImportDialog", "Import"),
            literal(f"{type(exc).__name__}: {exc}"),
        )
        return False
    finally:
        dialog.deleteLater()


__all__ = ["FormatEntry", "ImportDialog", "format_entries", "run_import"]
