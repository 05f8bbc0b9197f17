"""The rows agreement compares, read over one snapshot of the read seam.

Which annotators and documents are compared, and how spans become a comparison, is
decided in :mod:`annotator.team.dataset`; this reader only fetches. The queries are SQL
text on :mod:`annotator.storage.connection`'s :class:`Reader`, so on an SQLite file
``annotator agreement`` runs on stdlib ``sqlite3`` and never imports SQLAlchemy (half a
second of the benchmark's three); on PostgreSQL the same text runs through SQLAlchemy.
Agreement reads a whole corpus (300,000 spans in the benchmark): the span rows come in
one fetch, as the driver's own tuples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from annotator.storage.connection import Reader

CHUNK = 900  # ids per IN (...) list: below SQLite's host-parameter limit


def _in_list(ids: Sequence[int], prefix: str = "i") -> tuple[str, dict[str, Any]]:
    """``(:i0, :i1, …)`` and its parameters, for one chunk of ids."""
    names = [f"{prefix}{n}" for n in range(len(ids))]
    return "(" + ", ".join(f":{n}" for n in names) + ")", dict(zip(names, ids, strict=True))


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


class AgreementReader:
    """Read-only queries over the caller's reader (one consistent snapshot)."""

    def __init__(self, reader: Reader):
        self.reader = reader

    def annotators(self) -> list[tuple[str, int, str]]:
        """Every person as (name, id, role)."""
        rows = self.reader.rows("SELECT name, id, role FROM annotator")
        return [(name, aid, role) for name, aid, role in rows]

    def done(self, annotator_id: int) -> set[int]:
        """Documents the annotator marked done."""
        rows = self.reader.rows(
            "SELECT document_id FROM document_status WHERE annotator_id = :a AND status = 'done'",
            {"a": annotator_id},
        )
        return {doc for (doc,) in rows}

    def touched(self, annotator_id: int) -> set[int]:
        """Documents the annotator touched: a status beyond todo, a span or a document label."""
        params = {"a": annotator_id}
        docs: set[int] = set()
        for sql in (
            "SELECT document_id FROM document_status WHERE annotator_id = :a AND status <> 'todo'",
            "SELECT DISTINCT document_id FROM span WHERE annotator_id = :a",
            "SELECT DISTINCT document_id FROM document_label WHERE annotator_id = :a",
        ):
            docs.update(doc for (doc,) in self.reader.rows(sql, params))
        return docs

    def documents(self, doc_ids: Sequence[int]) -> Iterator[tuple[int, str, str, str]]:
        """(id, corpus, external id, text) of the listed documents."""
        for chunk in _chunks(doc_ids):
            where, params = _in_list(chunk)
            for doc_id, corpus, external_id, text in self.reader.rows(  # noqa: UP028 - tuples
                f"SELECT id, corpus, external_id, text FROM document WHERE id IN {where}", params
            ):
                yield doc_id, corpus, external_id, text

    def label_keys(self, labelset: str | None) -> dict[int, str]:
        """label id → key, of one label set's name (every set's when None)."""
        sql = "SELECT l.id, l.key FROM label l JOIN labelset s ON l.labelset_id = s.id"
        if labelset is None:
            rows = self.reader.rows(sql)
        else:
            rows = self.reader.rows(sql + " WHERE s.name = :name", {"name": labelset})
        return {lid: key for lid, key in rows}

    def span_rows(self) -> list[Any]:
        """Every span as (annotator, document, label, start, end): 300,000 rows in one
        C-level fetch on SQLite. Filtering is the caller's."""
        return self.reader.rows(
            'SELECT annotator_id, document_id, label_id, start, "end" FROM span'
        )

    def document_labels(
        self, annotator_ids: Sequence[int], labelset: str | None
    ) -> Iterator[tuple[int, int, str, str]]:
        """(annotator, document, key, value) of the listed annotators' document labels."""
        if not annotator_ids:
            return
        where, params = _in_list(list(annotator_ids), "a")
        sql = (
            "SELECT d.annotator_id, d.document_id, d.key, d.value FROM document_label d "
            f"JOIN labelset s ON d.labelset_id = s.id WHERE d.annotator_id IN {where}"
        )
        if labelset is not None:
            sql += " AND s.name = :name"
            params["name"] = labelset
        for aid, doc_id, key, value in self.reader.rows(sql, params):  # noqa: UP028 - tuples
            yield aid, doc_id, key, value

    def labelsets_used(self, annotator_ids: Sequence[int]) -> list[str]:
        """Names of the label sets the annotators' spans use, sorted."""
        if not annotator_ids:
            return []
        where, params = _in_list(list(annotator_ids), "a")
        rows = self.reader.rows(
            "SELECT DISTINCT s.name FROM span p JOIN label l ON p.label_id = l.id "
            f"JOIN labelset s ON l.labelset_id = s.id WHERE p.annotator_id IN {where}",
            params,
        )
        return sorted(name for (name,) in rows)

    def labelset_names(self) -> set[str]:
        """Names of every label set registered in the database."""
        return {name for (name,) in self.reader.rows("SELECT DISTINCT name FROM labelset")}
