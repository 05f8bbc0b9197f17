"""The record importer: batches of records in, documents, spans and statuses out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import Connection

from annotator.formats.base import BadRecord, InRecord
from annotator.importing.checks import _record_problem
from annotator.importing.documents import _DocumentWriter
from annotator.importing.options import ImportCancelled
from annotator.importing.spans import _SpanReader
from annotator.labelsets import LabelSet
from annotator.storage.documents import WrittenTexts
from annotator.store import StoreError, normalize_status
from annotator.textio import sha256_text

BATCH_SIZE = 1000


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Importer(_SpanReader, _DocumentWriter):
    """One import: reads records batch by batch and stores what passes the checks."""

    # --------------------------------------------------------------- writing
    def run(
        self,
        records: Iterable[InRecord | BadRecord],
        conn: Connection,
        progress: Callable[[int, int | None], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        done = 0
        for batch in _batched(records, BATCH_SIZE):
            if cancel is not None and cancel():
                raise ImportCancelled()
            self.import_batch(batch, conn)
            done += len(batch)
            if progress is not None:
                progress(done, None)

    def import_batch(self, batch: list[InRecord | BadRecord], conn: Connection) -> None:
        good: list[InRecord] = []
        for record in batch:
            self.report.records += 1
            if isinstance(record, BadRecord):
                self.refuse_record(record, record.reason)
            elif not record.text:
                self.refuse_record(record, "empty text")
            else:
                try:  # the document's hash, computed once; fails on an unpaired surrogate
                    sha = sha256_text(record.text)
                except UnicodeEncodeError:
                    sha = None
                problem = _record_problem(record, text_encodes=sha is not None)
                if problem is not None or sha is None:
                    self.refuse_record(record, problem or "text is not valid Unicode text")
                    continue
                self._sha256[id(record)] = sha
                if record.external_id is None or str(record.external_id).strip() == "":
                    record.external_id = sha[:16]
                good.append(record)
        if not good:
            return
        try:
            self.store_batch(good, conn)
        finally:
            self._sha256.clear()

    def store_batch(self, good: list[InRecord], conn: Connection) -> None:
        """Documents, then spans, statuses and document labels of a batch's good records."""
        doc_ids, written = self.store_documents(good, conn)
        span_rows: list[dict[str, Any]] = []
        annotator_ids = self._annotator_ids
        for record in good:
            doc_id = doc_ids.get(id(record))
            ready = self.ready_spans(record)
            if doc_id is None or ready is None:
                continue
            if ready.spans and ready.labelset is not None:
                label_ids = self._label_ids_of(ready.labelset)
                text = record.text
                for annotator, key, start, end, attributes, note in ready.spans:
                    annotator_id = annotator_ids.get(annotator)
                    if annotator_id is None:
                        annotator_id = annotator_ids[annotator] = self._annotator_id(
                            annotator, conn
                        )
                    label_id = label_ids.get(key)
                    if label_id is None:
                        label_id = label_ids[key] = self.store.label_id(
                            ready.labelset, key, conn=conn
                        )
                    span_rows.append(
                        {
                            "document_id": doc_id,
                            "annotator_id": annotator_id,
                            "label_id": label_id,
                            "start": start,
                            "end": end,
                            "text": text[start:end],
                            "attributes": attributes,
                            "note": note,
                        }
                    )
            self.store_status_and_doc_labels(record, doc_id, conn)
        if span_rows and not self.failed:
            self.store_spans(span_rows, conn, written)
        if self._status_rows and not self.failed:
            self.store_statuses(conn)
        self._status_rows.clear()

    def store_statuses(self, conn: Connection) -> None:
        self.store.repos.statuses.upsert(conn, self._status_rows)

    def _label_ids_of(self, labelset: LabelSet) -> dict[str, int]:
        """key → label id in ``labelset``, filled as keys come (resolved once per import)."""
        cache_key = (labelset.name, labelset.version)
        label_ids = self._label_ids.get(cache_key)
        if label_ids is None:
            label_ids = self._label_ids[cache_key] = {}
        return label_ids

    def store_spans(
        self, rows: list[dict[str, Any]], conn: Connection, written: WrittenTexts | None = None
    ) -> None:
        added = self.store.repos.spans.insert_rows(
            conn, rows, duplicates="ignore", written=written
        )[0]
        self.report.spans_added += added
        self.report.spans_existing += len(rows) - added

    def _annotator_id(self, name: str, conn: Connection) -> int:
        """The id of annotator ``name``, created when new (so never None)."""
        annotator_id = self.store.annotator_id(name, create=True, conn=conn)
        if annotator_id is None:  # never: create=True makes the row
            raise StoreError(f"annotator {name!r} could not be created")
        return annotator_id

    def store_status_and_doc_labels(self, record: InRecord, doc_id: int, conn: Connection) -> None:
        if self.failed:
            return
        annotator = record.annotator or self.options.annotator
        if record.status and annotator:
            try:
                status = normalize_status(record.status)
            except StoreError as exc:
                self.refuse_record(record, str(exc))
                return
            annotator_id = self._annotator_id(annotator, conn)
            self._status_rows[(doc_id, annotator_id)] = status
        if record.doc_labels and annotator:
            try:
                labelset = self.labelset_for(record)
            except StoreError as exc:
                self.refuse_record(record, str(exc))
                return
            specs = {d.key: d for d in labelset.document_labels}
            annotator_id = self._annotator_id(annotator, conn)
            labelset_id = self.store.register_labelset(labelset, conn=conn)
            for item in record.doc_labels:
                key, _, value = str(item).partition("=")
                spec = specs.get(key)
                if spec is None:
                    self.refuse_doc_label(
                        record, f"document label {key!r} is not in label set {labelset.name!r}"
                    )
                    continue
                if spec.type == "choice" and value not in spec.choices:
                    self.refuse_doc_label(
                        record,
                        f"document label {key}: {value!r} is not one of {', '.join(spec.choices)}",
                    )
                    continue
                self.store.repos.statuses.set_document_label(
                    doc_id, annotator_id, labelset_id, key, value, conn=conn
                )
