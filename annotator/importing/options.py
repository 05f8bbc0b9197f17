"""What an import is asked to do (ImportOptions) and how it ends when it fails."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.errors import AnnotatorError
from annotator.reports import ImportReport

DEFAULT_ANNOTATOR = "imported"


@dataclass(slots=True)
class ImportOptions:
    format: str | None = None  # None: detect from the file
    labelset: str | None = None
    annotator: str | None = None
    corpus: str = "default"
    skip_invalid: bool = False
    update: bool = False
    strict: bool = False  # refuse misaligned spans instead of realigning them
    # unit of the offsets of spans without their own text: codepoints, utf16 or graphemes;
    # None: what the format's real tool writes (FormatSpec.offset_unit)
    offsets: str | None = None
    text_column: str = "text"
    id_column: str | None = None
    title_column: str | None = None
    delimiter: str | None = None  # CSV: None detects , ; or tab from the header
    source_column: str | None = None  # CSV: column holding the outlet (document.source)
    source_from_folder: bool = False  # txt: the outlet is the name of the file's folder
    # JSON lines of any layout: which keys hold what (see annotator.formats.mapped)
    fields: dict[str, str] = field(default_factory=dict)
    # Label Studio: annotator name -> Label Studio user email (and user id, if known)
    annotator_map: dict[str, str] = field(default_factory=dict)
    max_listed_problems: int = 200


class ImportFailed(AnnotatorError):
    """The import was refused; nothing was written. ``report.problems`` lists why."""

    def __init__(self, report: ImportReport):
        self.report = report
        shown = "\n".join(report.problems)
        more = f"\n… and {report.unlisted_problems} more" if report.unlisted_problems else ""
        # refused before reading a record (no such file, unknown label set): the
        # all-zero counts would only bury the reason
        tail = report.summary() if report.records else "nothing was imported"
        super().__init__(f"{shown}{more}\n{tail}")


class ImportCancelled(Exception):
    """The user cancelled; everything was rolled back."""
