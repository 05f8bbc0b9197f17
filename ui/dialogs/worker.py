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

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

Job = Callable[[Callable[[int, int | None], None], Callable[[], bool]], Any]


class CoreJob(QThread):
    progressed = Signal(int, int)  # done, total (-1: unknown)
    succeeded = Signal(object)  # the job's report
    refused = Signal(object)  # the report carried by a refusal (e.g. ImportFailed)
    cancelled = Signal()
    failed = Signal(str)

    def __init__(
        self,
        job: Job,
        *,
        cancelled_error: type[BaseException],
        refused_error: type[BaseException] | None = None,
        parent: QWidget | None = None,
    ):
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
            self.failed.emit(
                str(exc) or "".join(traceback.format_exception_only(type(exc), exc)).strip()
            )
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


class _Outcome(QObject):
    """Receives a :class:`CoreJob`'s outcome on the GUI thread (bound methods only)."""

    def __init__(self, loop: QEventLoop):
        super().__init__()
        self.loop = loop
        self.value: Any = None
        self.error: BaseException | None = None

    def take(self, value: Any) -> None:
        self.value = value

    def stop(self) -> None:
        self.loop.quit()


def run_off_gui_thread(parent: QWidget | None, fn: Callable[[], Any]) -> Any:
    """``fn()`` on a worker thread while the GUI keeps painting; returns its value or
    re-raises its exception here. For short jobs that must never freeze the window
    (parsing a user-chosen file), where a progress dialog would only flash."""

    def job(_progress: Callable[[int, int | None], None], _cancel: Callable[[], bool]) -> Any:
        try:
            return (True, fn())
        except Exception as exc:  # noqa: BLE001 - handed back to the caller below
            return (False, exc)

    loop = QEventLoop()
    outcome = _Outcome(loop)
    thread = CoreJob(job, cancelled_error=_NeverRaised, parent=parent)
    thread.succeeded.connect(outcome.take)
    thread.finished.connect(outcome.stop)
    thread.start()
    if not thread.isFinished():
        loop.exec()
    thread.wait()
    QCoreApplication.sendPostedEvents(outcome)  # deliver a queued result not yet seen
    thread.deleteLater()
    ok, value = outcome.value if outcome.value is not None else (False, None)
    if not ok:
        raise value if isinstance(value, BaseException) else RuntimeError("job did not finish")
    return value


class _NeverRaised(Exception):
    pass
