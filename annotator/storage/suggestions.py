"""Suggestions (lexicon matches) and annotators' rejections of them.

Storing is idempotent through the (document, label, start, end) unique constraint.
A suggestion stores the text it covered; one whose text no longer matches its document
(the document was re-imported with ``--update``) is ignored by every reader here and
deleted, with its rejections, by the next lexicon run over that document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Select, Table, delete, exists, func, insert, select

from annotator.models import utcnow
from annotator.records import SuggestionData
from annotator.storage.base import Repository
from annotator.storage.limits import TERM
from annotator.storage.tables import DOC, LABEL, LABELSET, REJECTION, SPAN, SUGGESTION

Match = tuple[int, int, int, str]  # (label id, start, end, term)


def _same_span(annotator_id: int, table: Table) -> Any:
    """EXISTS: ``table`` has the suggestion's exact (document, label, range) for the annotator."""
    return exists().where(
        table.c.annotator_id == annotator_id,
        table.c.document_id == SUGGESTION.c.document_id,
        table.c.label_id == SUGGESTION.c.label_id,
        table.c.start == SUGGESTION.c.start,
        table.c.end == SUGGESTION.c.end,
    )


def _pending(query: Select, annotator_id: int | None) -> Select:
    """Restrict a suggestion query to what the annotator has neither rejected nor labelled."""
    if annotator_id is None:
        return query
    return query.where(~_same_span(annotator_id, REJECTION), ~_same_span(annotator_id, SPAN))


def _current() -> Any:
    """The suggestion still covers the text it was made for."""
    return (
        func.substr(DOC.c.text, SUGGESTION.c.start + 1, SUGGESTION.c.end - SUGGESTION.c.start)
        == SUGGESTION.c.text
    )


def _query() -> Select:
    return (
        select(
            SUGGESTION.c.id,
            SUGGESTION.c.document_id,
            LABELSET.c.name.label("labelset"),
            LABEL.c.key.label("label"),
            SUGGESTION.c.start,
            SUGGESTION.c.end,
            SUGGESTION.c.text,
            SUGGESTION.c.term,
            SUGGESTION.c.source,
            SUGGESTION.c.label_id,
            LABELSET.c.version.label("version"),
        )
        .join(LABEL, SUGGESTION.c.label_id == LABEL.c.id)
        .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
        .join(DOC, DOC.c.id == SUGGESTION.c.document_id)
        .where(_current())
    )


def _data(row: Any) -> SuggestionData:
    return SuggestionData(
        id=row.id,
        document_id=row.document_id,
        labelset=row.labelset,
        label=row.label,
        start=row.start,
        end=row.end,
        text=row.text,
        term=row.term or "",
        source=row.source or "",
    )


class SuggestionRepository(Repository):
    # ------------------------------------------------------------------ storing
    def store(
        self,
        texts: dict[int, str],
        matches: dict[int, list[Match]],
        source: str = "",
        own_labels: set[int] | None = None,
    ) -> set[tuple[int, int, int, int]]:
        """Store each document's matches in one transaction; returns the (document, label
        id, start, end) keys stored by this call.

        One suggestion per range: a range already suggested with one of ``own_labels``
        (the running lexicon's labels; every label if None) is skipped. Rows made for a
        document's former text are deleted first, with the rejections of them.
        """
        added: set[tuple[int, int, int, int]] = set()
        with self.writing() as conn:
            taken: set[tuple[int, int, int]] = set()
            stale: list[tuple[int, int, int, int, int]] = []
            for row in conn.execute(
                select(
                    SUGGESTION.c.id,
                    SUGGESTION.c.document_id,
                    SUGGESTION.c.label_id,
                    SUGGESTION.c.start,
                    SUGGESTION.c.end,
                    SUGGESTION.c.text,
                ).where(SUGGESTION.c.document_id.in_(list(texts)))
            ):
                if texts[row.document_id][row.start : row.end] != row.text:
                    stale.append((row.id, row.document_id, row.label_id, row.start, row.end))
                elif own_labels is None or row.label_id in own_labels:
                    taken.add((row.document_id, row.start, row.end))
            self._delete_stale(conn, stale)
            now = utcnow()
            values = []
            for doc_id, found in matches.items():
                text = texts[doc_id]
                for label_id, start, end, term in found:
                    if (doc_id, start, end) in taken:
                        continue
                    taken.add((doc_id, start, end))
                    added.add((doc_id, label_id, start, end))
                    values.append(
                        dict(
                            document_id=doc_id,
                            label_id=label_id,
                            start=start,
                            end=end,
                            text=text[start:end],
                            term=term[:TERM],
                            source=source[:TERM],
                            created_at=now,
                        )
                    )
            if values:
                conn.execute(insert(SUGGESTION), values)
        return added

    @staticmethod
    def _delete_stale(conn: Connection, stale: list[tuple[int, int, int, int, int]]) -> None:
        """Delete suggestions made for a document's former text, and the rejections of them."""
        for i in range(0, len(stale), 500):
            chunk = stale[i : i + 500]
            conn.execute(delete(SUGGESTION).where(SUGGESTION.c.id.in_([r[0] for r in chunk])))
            for _id, doc_id, label_id, start, end in chunk:
                conn.execute(
                    delete(REJECTION).where(
                        REJECTION.c.document_id == doc_id,
                        REJECTION.c.label_id == label_id,
                        REJECTION.c.start == start,
                        REJECTION.c.end == end,
                    )
                )

    def rejected_ranges(
        self, annotator_id: int, document_ids: Iterable[int]
    ) -> set[tuple[int, int, int]]:
        """(document, start, end) of the suggestion ranges the annotator rejected."""
        ids = sorted(set(document_ids))
        found: set[tuple[int, int, int]] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                found.update(
                    (d, s, e)
                    for d, s, e in conn.execute(
                        select(REJECTION.c.document_id, REJECTION.c.start, REJECTION.c.end).where(
                            REJECTION.c.annotator_id == annotator_id,
                            REJECTION.c.document_id.in_(ids[i : i + 500]),
                        )
                    )
                )
        return found

    # ------------------------------------------------------------------ listing
    def for_document(
        self, document_id: int, annotator_id: int | None, *, include_labelled: bool = False
    ) -> list[SuggestionData]:
        query = _query().where(SUGGESTION.c.document_id == document_id)
        if include_labelled:
            if annotator_id is not None:
                query = query.where(~_same_span(annotator_id, REJECTION))
        else:
            query = _pending(query, annotator_id)
        query = query.order_by(SUGGESTION.c.start, SUGGESTION.c.end, LABEL.c.key)
        with self.engine.connect() as conn:
            return [_data(row) for row in conn.execute(query)]

    def count(self, annotator_id: int | None, document_id: int | None = None) -> int:
        query = (
            select(func.count())
            .select_from(SUGGESTION)
            .join(DOC, DOC.c.id == SUGGESTION.c.document_id)
            .where(_current())
        )
        if document_id is not None:
            query = query.where(SUGGESTION.c.document_id == document_id)
        query = _pending(query, annotator_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def rows(self, suggestion_ids: Iterable[int]) -> list[Any]:
        """Current suggestions by id (with label set name/version and label id)."""
        ids = sorted(set(suggestion_ids))
        if not ids:
            return []
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    _query().where(SUGGESTION.c.id.in_(ids)).order_by(SUGGESTION.c.id)
                ).all()
            )

    def _term_query(
        self, term: str, label: str, annotator_id: int | None, labelset_name: str | None
    ) -> Select:
        query = _query().where(SUGGESTION.c.term == term, LABEL.c.key == label)
        if labelset_name is not None:
            query = query.where(LABELSET.c.name == labelset_name)
        return _pending(query, annotator_id)

    def of_term(
        self, term: str, label: str, annotator_id: int | None, labelset_name: str | None
    ) -> list[Any]:
        """The term's pending suggestions with that label in the whole corpus."""
        with self.engine.connect() as conn:
            return list(
                conn.execute(self._term_query(term, label, annotator_id, labelset_name)).all()
            )

    def count_of_term(
        self, term: str, label: str, annotator_id: int | None, labelset_name: str | None
    ) -> int:
        inner = self._term_query(term, label, annotator_id, labelset_name).subquery()
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(inner)).scalar_one()

    # ------------------------------------------------------------------ rejections
    def reject(self, rows: list[Any], annotator_id: int) -> int:
        """Remember the annotator's no to each suggestion row; returns how many were new."""
        with self.writing() as conn:
            done: set[tuple[Any, ...]] = set(
                conn.execute(
                    select(
                        REJECTION.c.document_id,
                        REJECTION.c.label_id,
                        REJECTION.c.start,
                        REJECTION.c.end,
                    ).where(
                        REJECTION.c.annotator_id == annotator_id,
                        REJECTION.c.document_id.in_(sorted({r.document_id for r in rows})),
                    )
                )
            )
            values = []
            for r in rows:
                key = (r.document_id, r.label_id, r.start, r.end)
                if key not in done:
                    done.add(key)
                    values.append(
                        dict(
                            annotator_id=annotator_id,
                            document_id=r.document_id,
                            label_id=r.label_id,
                            start=r.start,
                            end=r.end,
                            created_at=utcnow(),
                        )
                    )
            if values:
                conn.execute(insert(REJECTION), values)
        return len(values)

    def unreject(self, rows: list[Any], annotator_id: int) -> None:
        with self.writing() as conn:
            for r in rows:
                conn.execute(
                    delete(REJECTION).where(
                        REJECTION.c.annotator_id == annotator_id,
                        REJECTION.c.document_id == r.document_id,
                        REJECTION.c.label_id == r.label_id,
                        REJECTION.c.start == r.start,
                        REJECTION.c.end == r.end,
                    )
                )
