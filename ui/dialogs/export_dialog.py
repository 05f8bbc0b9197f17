"""Export annotations: format, target, filters; runs off the GUI thread with a cancel.

``annotator.exporting.export_to`` writes to a temporary file (or folder) and renames it
only when complete, so a cancelled or failed export leaves nothing behind and the dialog
does not need its own temp-file handling.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.models import STATUSES
from annotator.store import Store
from ui.dialogs.format_options import AnnotatorMapEdit, FormatEntry, OffsetsCombo, format_entries
from ui.dialogs.worker import CoreJob, JobDialogMixin
from ui.richtext import literal

DEFAULT_FORMAT = "jsonl"  # the lossless native format; the others are for other tools
FALLBACK_FORMATS = [FormatEntry("jsonl", "annotator JSONL", (".jsonl",))]


class ExportDialog(JobDialogMixin, QDialog):
    """Collects the export settings; :meth:`start_export` runs it and reports the result."""

    finishedExport = Signal(str)  # outcome: "exported", "cancelled", "error"

    def __init__(self, parent: QWidget | None, store: Store, annotator: str | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Export"))
        self.resize(620, 300)
        self.report: Any = None
        self.outcome = ""
        self.message = ""
        self._thread: CoreJob | None = None
        self._progress: QProgressDialog | None = None
        self._formats = format_entries("export") or FALLBACK_FORMATS

        self.format_combo = QComboBox(self)
        for entry in self._formats:
            text = f"{entry.name} — {entry.description}" if entry.description else entry.name
            self.format_combo.addItem(text, entry.name)
        self.set_format(DEFAULT_FORMAT)

        self.target_edit = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._choose_target)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(browse)

        self.annotator_combo = QComboBox(self)
        self.annotator_combo.addItem(self.tr("All annotators"), None)
        for name in self._safe(store.annotators, []):
            self.annotator_combo.addItem(name, name)
        if annotator:
            index = self.annotator_combo.findData(annotator)
            if index < 0:
                self.annotator_combo.addItem(annotator, annotator)
                index = self.annotator_combo.count() - 1
            self.annotator_combo.setCurrentIndex(index)

        self.status_combo = QComboBox(self)
        self.status_combo.addItem(self.tr("Any status"), None)
        status_names = {
            "todo": self.tr("To do"),
            "in_progress": self.tr("In progress"),
            "done": self.tr("Done"),
            "skipped": self.tr("Skipped"),
        }
        for status in STATUSES:
            self.status_combo.addItem(status_names.get(status, status), status)

        self.labelset_combo = QComboBox(self)
        self.labelset_combo.addItem(self.tr("All label sets"), None)
        for info in self._safe(store.labelsets, []):
            self.labelset_combo.addItem(info.name, info.name)

        self.all_docs_box = QCheckBox(self.tr("Include documents nobody labelled"), self)

        # options that apply to some formats only: shown as the format's policy says
        self.offsets_combo = OffsetsCombo(self)
        self.annotator_map_edit = AnnotatorMapEdit(self)
        # formats holding one annotator's labels (doccano, PTC, ArAIEval) need one chosen
        self.one_annotator_note = QLabel(self)
        self.one_annotator_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Save to:"), target_row)
        form.addRow(self.tr("Annotator:"), self.annotator_combo)
        form.addRow(self.tr("Status:"), self.status_combo)
        form.addRow(self.tr("Label set:"), self.labelset_combo)
        form.addRow("", self.all_docs_box)
        form.addRow("", self.one_annotator_note)
        form.addRow(self.tr("Span offsets:"), self.offsets_combo)
        form.addRow(self.tr("Label Studio users:"), self.annotator_map_edit)
        self.form = form

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.target_edit.textChanged.connect(self._update_state)
        self.annotator_combo.currentIndexChanged.connect(self._update_state)
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self._update_state()

    @staticmethod
    def _safe(fn, default):
        try:
            return fn()
        except Exception:  # noqa: BLE001 - a list failing to load must not block exporting
            return default

    # ------------------------------------------------------------------ fields
    def current_format(self) -> FormatEntry:
        return self._formats[max(0, self.format_combo.currentIndex())]

    def set_format(self, name: str) -> None:
        index = self.format_combo.findData(name)
        if index >= 0:
            self.format_combo.setCurrentIndex(index)

    def needs_folder(self) -> bool:
        return self.current_format().writes_folder

    def _on_format_changed(self) -> None:
        """Keep the target's extension in step with the format (when it had one of ours)."""
        text = self.target_edit.text().strip()
        entry = self.current_format()
        if text and entry.extensions and not entry.writes_folder:
            path = Path(text)
            known = {ext for f in self._formats for ext in f.extensions}
            if path.suffix in known and path.suffix not in entry.extensions:
                self.target_edit.setText(str(path.with_suffix(entry.extensions[0])))
        self._update_state()

    def needs_one_annotator(self) -> bool:
        """The format holds one annotator's labels, several annotators have labels and
        none is chosen: the export would mix them (the core refuses it), so ask first."""
        return (
            self.current_format().single_annotator
            and self.annotator_combo.currentData() is None
            and self.annotator_combo.count() > 2  # "All annotators" + more than one name
        )

    def _update_state(self) -> None:
        entry = self.current_format()
        running = self._thread is not None and self._thread.isRunning()
        one_annotator = self.needs_one_annotator()
        self.one_annotator_note.setText(
            self.tr(
                "%1 holds one annotator's labels: choose an annotator (export each "
                "annotator to a file of its own)."
            ).replace("%1", entry.name)
            if one_annotator
            else ""
        )
        self.form.setRowVisible(self.one_annotator_note, one_annotator)
        self.form.setRowVisible(self.offsets_combo, entry.takes_offsets)
        self.form.setRowVisible(self.annotator_map_edit, entry.maps_annotators)
        self.export_button.setEnabled(
            bool(self.target_edit.text().strip()) and not running and not one_annotator
        )
        self.target_edit.setPlaceholderText(
            self.tr("A folder (one file per article)") if self.needs_folder() else self.tr("A file")
        )

    def _choose_target(self) -> None:
        if self.needs_folder():
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Export into folder"), self.target_edit.text()
            )
        else:
            entry = self.current_format()
            patterns = " ".join(f"*{ext}" for ext in entry.extensions) or "*"
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export to file"),
                self.target_edit.text(),
                f"{entry.name} ({patterns});;" + self.tr("All files (*)"),
            )
            if path and entry.extensions and not Path(path).suffix:
                path += entry.extensions[0]
        if path:
            self.target_edit.setText(path)

    def options(self) -> Any:
        """The ExportOptions the fields describe (the options the CLI builds; a bad
        annotator map raises the core's FormatError naming the item)."""
        from annotator.exporting import ExportOptions

        entry = self.current_format()
        return ExportOptions(
            format=entry.name,
            annotator=self.annotator_combo.currentData(),
            status=self.status_combo.currentData(),
            labelset=self.labelset_combo.currentData(),
            all_docs=self.all_docs_box.isChecked(),
            offsets=self.offsets_combo.currentData() if entry.takes_offsets else None,
            annotator_map=self.annotator_map_edit.mapping() if entry.maps_annotators else {},
        )

    # ------------------------------------------------------------------ running
    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start_export(self) -> None:
        if self.is_running():
            return
        target = Path(self.target_edit.text().strip()).expanduser()
        if not self.needs_folder() and target.is_dir():
            QMessageBox.warning(
                self,
                self.tr("Export"),
                self.tr("%1 is a folder; choose a file name.").replace("%1", str(target)),
            )
            return
        from annotator.outputs import OutputError, check_output, database_files

        try:  # the open database (or a link to it) is never offered for replacing
            check_output(target, database_files(self.store), folder=self.needs_folder())
        except OutputError as exc:
            QMessageBox.warning(self, self.tr("Export"), literal(str(exc)))
            return
        if not self.needs_folder() and target.exists():
            answer = QMessageBox.question(
                self,
                self.tr("Export"),
                self.tr("%1 exists. Replace it?").replace("%1", str(target)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        from annotator.errors import AnnotatorError

        try:
            options = self.options()
        except AnnotatorError as exc:  # a bad annotator map: fix it in the dialog
            QMessageBox.warning(self, self.tr("Export"), literal(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001
            self._finish("error", f"{type(exc).__name__}: {exc}")
            return
        self.outcome = ""
        from annotator.exporting import ExportCancelled, export_to

        store = self.store

        def job(progress, cancel):
            return export_to(store, target, options, progress=progress, cancel=cancel)

        thread = CoreJob(job, cancelled_error=ExportCancelled, parent=self)
        thread.progressed.connect(self._on_progress)
        thread.succeeded.connect(self._on_succeeded)
        thread.cancelled.connect(self._on_cancelled)
        thread.failed.connect(self._on_failed)
        self._start_job(thread, self.tr("Exporting…"), self.tr("Export"), self.tr("Cancel"))

    def request_cancel(self) -> None:
        if self._thread is not None:
            self._thread.cancel_event.set()

    def _on_progress(self, done: int, total: int) -> None:
        if self._progress is not None and total > 0:
            self._progress.setMaximum(total)
            self._progress.setValue(min(done, total))

    def _on_succeeded(self, report: Any) -> None:
        self.report = report
        self._finish(
            "exported",
            self.tr("Exported %1 records with %2 spans to %3.")
            .replace("%1", str(getattr(report, "records", "?")))
            .replace("%2", str(getattr(report, "spans", "?")))
            .replace("%3", str(getattr(report, "target", self.target_edit.text())))
            + "".join(f"\n{notice}" for notice in report.notices[:20]),
        )

    def _on_cancelled(self) -> None:
        self._finish("cancelled", self.tr("Export cancelled: no file was written."))

    def _on_failed(self, message: str) -> None:
        self._finish("error", self.tr("The export failed: %1").replace("%1", message))

    def _finish(self, outcome: str, message: str) -> None:
        """Record the outcome; it is announced once the worker thread has really ended."""
        self.outcome = outcome
        self.message = message
        self._close_progress()
        if self._thread is None:
            self.finishedExport.emit(outcome)

    def _on_thread_finished(self) -> None:
        self._release_thread()
        if self.outcome:
            self.finishedExport.emit(self.outcome)

    def done(self, result: int) -> None:
        if self.is_running():
            self.request_cancel()
            assert self._thread is not None
            self._thread.wait()
        super().done(result)


def run_export(parent: QWidget | None, store: Store, annotator: str | None) -> None:
    """Ask for the export settings, run it, and tell the user what happened."""
    dialog = ExportDialog(parent, store, annotator)
    title = QCoreApplication.translate("ExportDialog", "Export")

    def report(outcome: str) -> None:
        if outcome == "exported":
            QMessageBox.information(dialog, title, literal(dialog.message))
            dialog.accept()
        elif outcome == "cancelled":
            QMessageBox.information(dialog, title, literal(dialog.message))
        else:  # messages quote ids and labels from the data: never markup
            QMessageBox.warning(dialog, title, literal(dialog.message))

    dialog.finishedExport.connect(report)
    try:
        dialog.exec()
    except Exception as exc:  # noqa: BLE001 - never crash the app from a dialog
        QMessageBox.critical(parent, title, literal(f"{type(exc).__name__}: {exc}"))
    finally:
        dialog.deleteLater()


__all__ = ["ExportDialog", "run_export"]
