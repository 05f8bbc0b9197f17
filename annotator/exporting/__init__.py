"""The export pipeline: stream stored documents and spans into a format writer.

The package holds one job per module; this file re-exports what callers use
(``from annotator.exporting import export_to``):

- ``records``: ExportOptions, ExportError, the plan of an export and the generic record
  stream (``iter_out_records``) every format's writer consumes;
- ``native``: the native JSONL fast path (the same bytes, pre-encoded from SQL rows);
- ``pipeline``: ``export_to`` (safe output, progress, cancel, single-annotator check).
"""

from annotator.exporting.pipeline import ExportCancelled, export_to
from annotator.exporting.records import ExportError, ExportOptions, iter_out_records

__all__ = ["ExportCancelled", "ExportError", "ExportOptions", "export_to", "iter_out_records"]
