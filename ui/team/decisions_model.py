"""The curator's decisions on the viewer's own spans in the open document, for the
decisions panel and the span hover. The decisions are :func:`annotator.team.decisions.decisions`;
this module only names them for people."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from annotator.store import Store
from annotator.team.adjudication import curation_status
from annotator.team.decisions import decisions, document_curator

NAMES = {
    "accepted": QT_TRANSLATE_NOOP("Decisions", "taken as is"),
    "changed": QT_TRANSLATE_NOOP("Decisions", "taken edited"),
    "rejected": QT_TRANSLATE_NOOP("Decisions", "rejected"),
    "pending": QT_TRANSLATE_NOOP("Decisions", "pending"),
}
COLORS = {"accepted": "#2e7d32", "changed": "#b26a00", "rejected": "#c62828", "pending": "#666666"}


def decision_name(decision: str) -> str:
    return QCoreApplication.translate("Decisions", NAMES.get(decision, decision))


class DecisionsModel:
    """Span id → decision for the viewer's spans, and who curates the document."""

    def __init__(self) -> None:
        self.document_id: int | None = None
        self.curator: str | None = None
        self.status = "todo"  # the curator's curation status of the document
        self.by_span: dict[int, str] = {}

    def load(self, store: Store, document_id: int | None, viewer: str) -> None:
        self.document_id = document_id
        if document_id is None:
            self.curator, self.by_span = None, {}
            return
        self.curator = document_curator(store, document_id)
        self.status = curation_status(store, document_id, self.curator) if self.curator else "todo"
        self.by_span = (
            {}
            if self.curator in (None, viewer)
            else decisions(store, document_id, viewer, self.curator)
        )
