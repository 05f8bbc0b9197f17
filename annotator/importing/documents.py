"""Storing a batch's documents: new ones inserted, repeats and re-imports checked.

Stored text is never rewritten once spans exist, so ``--update`` only replaces the text
of documents without spans.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from annotator.formats.base import InRecord
from annotator.importing.state import _ImportState
from annotator.insight.words import count_words
from annotator.reports import Notice
from annotator.storage.documents import WrittenTexts
from annotator.storage.limits import checked_document
from annotator.store import StoreError
from annotator.textio import sha256_text


class _DocumentWriter(_ImportState):
    """Writes documents for the importer (mixed into it)."""

    def store_documents(
        self, records: list[InRecord], conn: Connection
    ) -> tuple[dict[int, int], WrittenTexts | None]:
        """Insert new documents, check re-imported ones; returns id(record) → document id
        and the texts of the documents inserted (for the span path's check)."""
        corpus = self.options.corpus
        # import_batch gives every record an id (a hash of its text) before storing it
        ids = {r.external_id for r in records if r.external_id is not None}
        documents = self.store.repos.documents
        existing = documents.known(conn, corpus, ids, self.started)
        result: dict[int, int] = {}
        new_rows: list[dict[str, Any]] = []
        new_records: list[InRecord] = []
        pending: dict[str, tuple[str, InRecord]] = {}
        refused: set[int] = set()  # id() of records refused here: none of their spans is stored
        now = self.started
        for record in records:
            rid = record.external_id
            if rid is None:  # never: import_batch gave it an id; narrows the type
                raise AssertionError("record without an id reached store_documents")
            try:  # what the database cannot hold, refused alike on SQLite and PostgreSQL
                checked_document(
                    str(record.external_id),
                    record.title or "",
                    record.source or "",
                    corpus,
                    record.text,
                )
            except StoreError as exc:
                refused.add(id(record))
                self.refuse_record(record, str(exc))
                continue
            sha = self._sha256.get(id(record)) or sha256_text(record.text)
            seen = pending.get(rid)
            if seen is not None:
                # the same id earlier in this batch (new, unchanged or just updated): one
                # document per id and file, so the text must be the same
                first_sha, first = seen
                if first_sha != sha:
                    refused.add(id(record))
                    self.refuse_record(
                        record,
                        f"id {record.external_id!r} appears twice in this "
                        f"file with different texts (first at line {first.line})",
                    )
                else:
                    self._alias_record(record, first, result)
                continue
            known = existing.get(rid)
            if known is not None and known.this_import:
                # written by an earlier batch of this file: a repeat, never an --update
                if known.sha256 != sha:
                    refused.add(id(record))
                    self.refuse_record(
                        record,
                        f"id {record.external_id!r} appears twice in "
                        "this file with different texts (first earlier in the "
                        "file)",
                    )
                else:
                    self.report.documents_unchanged += 1
                    result[id(record)] = known.id
                    pending[rid] = (sha, record)
                continue
            if known is None:
                pending[rid] = (sha, record)
                new_records.append(record)
                new_rows.append(
                    {
                        "corpus": corpus,
                        "external_id": record.external_id,
                        "title": record.title or "",
                        "text": record.text,
                        "sha256": sha,
                        "source": record.source or "",
                        "meta": record.meta or {},
                        "imported_at": now,
                    }
                )
                continue
            if known.sha256 == sha:
                self.report.documents_unchanged += 1
                result[id(record)] = known.id
                pending[rid] = (sha, record)
                continue
            if not self.options.update:
                refused.add(id(record))
                self.refuse_record(
                    record,
                    f"id {record.external_id!r} exists with a different "
                    "text (use --update to replace it)",
                )
                continue
            if documents.has_spans(conn, known.id):
                refused.add(id(record))
                self.refuse_record(
                    record,
                    f"id {record.external_id!r} has spans; its stored text "
                    "is never rewritten (import it under another id)",
                )
                continue
            # (its suggestions, offsets into the old text, and their rejections go too)
            documents.replace_text(
                conn,
                known.id,
                dict(
                    text=record.text,
                    sha256=sha,
                    title=record.title or "",
                    meta=record.meta or {},
                    source=record.source or "",
                    imported_at=now,
                    word_count=count_words(record.text),
                    external_id=record.external_id,
                    corpus=corpus,
                ),
            )
            self.report.documents_updated += 1
            result[id(record)] = known.id
            pending[rid] = (sha, record)
        written: WrittenTexts | None = None
        if new_rows and not self.failed:
            written = documents.insert_many(conn, new_rows)
            for record, doc_id in zip(new_records, written, strict=True):
                result[id(record)] = doc_id
            self.report.documents_added += len(written)
        elif new_rows:
            self.report.documents_added += len(new_rows)  # counted, rolled back at the end
        for record in records:  # repeats of an id share its first line's document
            if id(record) in refused:
                result.pop(id(record), None)  # refused: never stored against another text
                continue
            entry = pending.get(record.external_id or "")
            if entry is not None and entry[1] is not record and id(entry[1]) in result:
                result[id(record)] = result[id(entry[1])]
        return result, written

    def _alias_record(self, record: InRecord, first: InRecord, result: dict[int, int]) -> None:
        self.report.documents_unchanged += 1
        if (record.annotator, record.labelset) != (first.annotator, first.labelset):
            return  # our JSONL has one line per (document, annotator, label set): expected
        self.problems.warning(
            Notice(
                record.source_file,
                record.line,
                record.external_id,
                f"id {record.external_id!r} "
                f"repeats line {first.line} with the same text: one document, spans merged",
            )
        )
