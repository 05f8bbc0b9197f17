"""``import_path``: the public entry point, one import in one transaction."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from annotator.formats import detect_format, get_format
from annotator.formats.base import OFFSET_UNITS
from annotator.importing.checks import _blank
from annotator.importing.importer import _Importer
from annotator.importing.options import ImportFailed, ImportOptions
from annotator.reports import ImportReport
from annotator.store import Store, StoreError
from annotator.textio import is_utf8_name, printable_path


def _reader_options(options: ImportOptions, report: ImportReport) -> dict[str, Any]:
    """Every reader gets the same options and takes the ones it knows."""

    def on_rows(rows: int) -> None:
        report.rows = rows

    return {
        "text_column": options.text_column,
        "id_column": options.id_column,
        "title_column": options.title_column,
        "delimiter": options.delimiter,
        "source_column": options.source_column,
        "source_from_folder": options.source_from_folder,
        "fields": dict(options.fields),
        "annotator_map": dict(options.annotator_map),
        "on_rows": on_rows,
    }


@contextmanager
def _collector_skips_older_objects() -> Iterator[None]:
    """Keep the objects that exist before the import out of the cyclic collector's passes.

    An import allocates millions of short-lived objects (records, spans, rows), and so
    triggers many collections; each full one would walk every object of SQLAlchemy,
    the label sets and the modules again (about a tenth of an import's CPU time).
    ``gc.freeze`` sets them aside for the duration; new objects are collected as ever.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def import_path(
    store: Store,
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    progress: Callable[[int, int | None], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    report_sink: Callable[[dict[str, Any]], None] | None = None,
) -> ImportReport:
    """Import a file or folder into ``store`` in one transaction.

    Raises ImportFailed (nothing written) when any record or span is refused and
    ``skip_invalid`` is off; ImportCancelled when ``cancel()`` returns True.
    """
    options = options or ImportOptions()
    path = Path(path)
    if not is_utf8_name(str(path)):
        report = ImportReport(source=printable_path(path))
        report.problems.append(f"{printable_path(path)}: the name is not valid UTF-8; rename it")
        raise ImportFailed(report)
    if _blank(options.annotator):
        report = ImportReport(source=str(path))
        report.problems.append("the annotator name is blank")
        raise ImportFailed(report)
    if not path.exists():
        report = ImportReport(source=str(path))
        report.problems.append(f"{path}: no such file or folder")
        raise ImportFailed(report)
    fmt_name = options.format or detect_format(path)
    fmt = get_format(fmt_name)
    importer = _Importer(store, path, options, report_sink)
    importer.report.format = fmt_name
    unit = options.offsets or fmt.offset_unit
    if unit not in OFFSET_UNITS:
        importer.report.problems.append(
            f"unknown offset unit {unit!r} (choose from {', '.join(OFFSET_UNITS)})"
        )
        raise ImportFailed(importer.report)
    importer.report.offsets = unit
    if options.labelset:
        try:
            store.labelset(options.labelset)
        except StoreError as exc:
            importer.report.problems.append(str(exc))
            raise ImportFailed(importer.report) from exc
    records = fmt.read(path, **_reader_options(options, importer.report))
    try:
        with _collector_skips_older_objects(), store.import_transaction() as conn:
            # committed only if the block ends normally
            importer.run(records, conn, progress, cancel)
            if importer.failed:
                raise ImportFailed(importer.report)
    except StoreError as exc:  # refused by the store itself (a span's text, a column limit)
        importer.report.problems.append(str(exc))
        raise ImportFailed(importer.report) from exc
    importer.report.committed = True
    return importer.report
