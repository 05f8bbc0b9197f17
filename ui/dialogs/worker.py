"""Run a long core operation (import, export) off the GUI thread.

The core functions take ``progress(done, total)`` and ``cancel() -> bool`` callbacks and
roll back (or leave no file) when cancelled; this thread only forwards those through
queued signals and turns every outcome into a signal, so a failure is always a message in
the dialog, never a traceback. Bound methods only: a lambda connected across threads has
crashed PySide6 here.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QWidget

Job = Callable[[Callable[[int, int | None], None], Callable[[], bool]], Any]


class CoreJob(QThread):
    progressed = Signal(int, int)  # done, total (-1: unknown)
    succeeded = Signal(object)  # the job's report
    refused = Signal(object)  # the report carried by a refusal (e.g. ImportFailed)
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, job: Job, *, cancelled_error: type[BaseException],
                 refused_error: type[BaseException] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._job = job
        self._cancelled_error = cancelled_error
        self._refused_error = refused_error
        self.cancel_event = threading.Event()

    def _progress(self, done: int, total: int | None) -> None:
        self.progressed.emit(int(done), -1 if total is None else int(total))

    def run(self) -> None:
        try:
            report = self._job(self._progress, self.cancel_event.is_set)
        except self._cancelled_error:
            self.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - every failure becomes a message
            if self._refused_error is not None and isinstance(exc, self._refused_error):
                self.refused.emit(getattr(exc, "report", None))
                return
            self.failed.emit(str(exc) or
                             "".join(traceback.format_exception_only(type(exc), exc)).strip())
        else:
            self.succeeded.emit(report)


class JobDialogMixin:
    """What the import and export dialogs share around a running :class:`CoreJob`: the
    progress dialog's teardown and the thread's clean-up when it finishes."""

    _progress: Any
    _thread: CoreJob | None

    def _start_job(self, thread: CoreJob, label: str, title: str, cancel: str) -> None:
        """Show a cancellable, window-modal progress dialog and start ``thread``."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        thread.finished.connect(self._on_thread_finished)  # type: ignore[attr-defined]
        self._thread = thread
        progress = QProgressDialog(label, cancel, 0, 0, self)  # type: ignore[arg-type]
        progress.setWindowTitle(title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.request_cancel)  # type: ignore[attr-defined]
        self._progress = progress
        self._update_state()  # type: ignore[attr-defined]
        thread.start()

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect(self.request_cancel)  # type: ignore[attr-defined]
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def _release_thread(self) -> None:
        self._close_progress()
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        self._thread = None
        self._update_state()  # type: ignore[attr-defined]
