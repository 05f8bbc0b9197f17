"""The import pipeline: read a file with a format module, validate, realign, store.

An import is one transaction: all-or-nothing by default (every bad line is reported,
up to a cap, and nothing is written), or with ``skip_invalid`` the good records and
spans are kept and the rest reported. Nothing already stored is changed by a failed
import. Records stream through in batches, so memory stays flat in file size.

Which annotator owns imported spans: the one named in the record (or span), else
``options.annotator``, else ``"imported"``.

The package holds one job per module; this file re-exports what callers use
(``from annotator.importing import import_path``):

- ``options``: ImportOptions, ImportFailed, ImportCancelled;
- ``checks``: record-level checks shared by every format;
- ``state``: the running state and the refusals;
- ``placement``: span placement and realignment glue;
- ``spans``: label-set choice and span validation;
- ``documents``: storing documents (repeats, --update);
- ``importer``: the batch loop (``_Importer``);
- ``pipeline``: ``import_path``;
- ``report_file``: ``write_report``.
"""

from annotator.importing.importer import BATCH_SIZE
from annotator.importing.importer import _Importer as _Importer
from annotator.importing.options import (
    DEFAULT_ANNOTATOR,
    ImportCancelled,
    ImportFailed,
    ImportOptions,
)
from annotator.importing.pipeline import import_path
from annotator.importing.report_file import write_report

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_ANNOTATOR",
    "ImportCancelled",
    "ImportFailed",
    "ImportOptions",
    "import_path",
    "write_report",
]
