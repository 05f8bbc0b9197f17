"""The repositories of one database, behind ``store.repos``."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from annotator.storage.annotators import AnnotatorRepository
from annotator.storage.connection import Database
from annotator.storage.exports import ExportRepository
from annotator.storage.labelsets import LabelSetRepository

if TYPE_CHECKING:
    from annotator.storage.documents import DocumentRepository
    from annotator.storage.insight import InsightRepository
    from annotator.storage.sources import SourceRepository
    from annotator.storage.spans import SpanRepository
    from annotator.storage.statuses import StatusRepository
    from annotator.storage.suggestions import SuggestionRepository


class Repositories:
    """The repositories of one database, each made (and its module imported) on first
    use: a command that only reads label sets never imports the span writer."""

    def __init__(self, database: Database):
        self._database = database
        self.annotators = AnnotatorRepository(database)
        self.labelsets = LabelSetRepository(database)
        self.exports = ExportRepository(database)

    @cached_property
    def documents(self) -> DocumentRepository:
        from annotator.storage.documents import DocumentRepository

        return DocumentRepository(self._database)

    @cached_property
    def spans(self) -> SpanRepository:
        from annotator.storage.spans import SpanRepository

        return SpanRepository(self._database, self.annotators, self.labelsets, self.documents)

    @cached_property
    def statuses(self) -> StatusRepository:
        from annotator.storage.statuses import StatusRepository

        return StatusRepository(self._database)

    @cached_property
    def suggestions(self) -> SuggestionRepository:
        from annotator.storage.suggestions import SuggestionRepository

        return SuggestionRepository(self._database)

    @cached_property
    def insight(self) -> InsightRepository:
        from annotator.storage.insight import InsightRepository

        return InsightRepository(self._database)

    @cached_property
    def sources(self) -> SourceRepository:
        from annotator.storage.sources import SourceRepository

        return SourceRepository(self._database)
