"""``export_to``: stream an export's records into a format writer, safely.

The records come from annotator.exporting.records (or, for native JSONL on SQLite, the
pre-encoded lines of annotator.exporting.native). The target appears only when the export
is complete: writers write to a temporary file (or folder) that is renamed at the end,
so a cancelled or failed export never leaves half a file behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from annotator.exporting import native as fast_native
from annotator.exporting.records import ExportError, ExportOptions, iter_out_records
from annotator.formats import get_format
from annotator.formats.base import OFFSET_UNITS, OutRecord
from annotator.outputs import OutputError, SafeOutput, database_files
from annotator.reports import ExportReport
from annotator.store import Store, StoreError


class ExportCancelled(Exception):
    """The user cancelled; no output was left behind."""


class _Cancelled(Exception):
    pass


def export_to(
    store: Store,
    target: str | Path,
    options: ExportOptions | None = None,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ExportReport:
    """Write the export to ``target`` (a file, or a folder for folder formats)."""
    options = options or ExportOptions()
    fmt = get_format(options.format)
    target = Path(target)
    report = ExportReport(target=str(target), format=options.format)
    if fmt.takes_offsets:
        report.offsets = options.offsets or fmt.offset_unit
        if report.offsets not in OFFSET_UNITS:
            raise ExportError(
                f"unknown offset unit {report.offsets!r} (choose from {', '.join(OFFSET_UNITS)})"
            )
    writer_options: dict[str, Any] = {
        "warn": report.warn,
        "annotator_map": dict(options.annotator_map),
    }
    if report.offsets:
        writer_options["offsets"] = report.offsets
    total = store.document_count()
    counted = [0]

    def on_document() -> None:
        counted[0] += 1
        report.documents = counted[0]
        if cancel is not None and cancel():
            raise _Cancelled()
        if progress is not None and counted[0] % 100 == 0:
            progress(counted[0], total)

    def counting(records: Iterator[OutRecord]) -> Iterator[OutRecord]:
        one_annotator = fmt.single_annotator and not options.annotator
        doc, first = None, None
        for record in records:
            if one_annotator and record.annotator is not None:
                if record.external_id != doc:
                    doc, first = record.external_id, record.annotator
                elif record.annotator != first:
                    raise ExportError(
                        f"the {options.format} format holds one annotator's labels, and "
                        f"document {doc!r} has labels of {first!r} and {record.annotator!r} "
                        "(it would be written once per annotator and read back as several "
                        "documents or merged under one name); choose one with --annotator "
                        f"({', '.join(store.annotators())}) and export each annotator to a "
                        "file of its own"
                    )
            report.records += 1
            yield record

    records: Iterable[OutRecord]
    try:
        records = counting(iter_out_records(store, options, on_document))
    except StoreError as exc:
        raise ExportError(str(exc)) from exc
    folder_format = fmt.writes_folder
    # never over the database; written under a temporary name, renamed when complete
    output = SafeOutput(target, database_files(store.database.url), folder=folder_format)
    try:
        output.open()
    except OutputError as exc:
        raise ExportError(str(exc)) from exc
    temp = output.temp
    try:
        if fast_native.fast_path_applies(store, options):
            records = fast_native.NativeRecords(records, store, options, on_document, report)
        report.spans = fmt.write(records, temp, **writer_options)
    except _Cancelled:
        output.discard()
        raise ExportCancelled() from None
    except StoreError as exc:
        output.discard()
        raise ExportError(str(exc)) from exc
    except OSError as exc:  # disk full, permissions: a message, never a traceback
        output.discard()
        raise ExportError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        output.discard()
        raise
    try:
        output.commit()
    except OutputError as exc:
        raise ExportError(str(exc)) from exc
    if progress is not None:
        progress(counted[0], total)
    return report
