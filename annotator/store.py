"""The collection: every read and write of annotation data goes through here.

Like Anki's ``Collection``, this is the one object the CLI and the Qt app hold. Each
public mutating method is one committed transaction, so a user action is durable the
moment the method returns and a crash loses at most the action in flight.
Hot paths (import, export, listing) use SQLAlchemy Core rather than ORM objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from annotator.db import open_engine, write_transaction
from annotator.errors import AnnotatorError
from annotator.labelsets import DEFAULT_LABELSET, LabelSet, parse_labelset, shipped_labelsets
from annotator.models import (
    STATUSES,
    Annotator,
    Document,
    DocumentLabel,
    DocumentStatus,
    LabelRecord,
    LabelSetRecord,
    Span,
    utcnow,
)
from annotator.records import DocumentData, DocumentRow, SpanData

DOC = Document.__table__
SPAN = Span.__table__
LABEL = LabelRecord.__table__
LABELSET = LabelSetRecord.__table__
ANNOTATOR = Annotator.__table__
STATUS = DocumentStatus.__table__
DOCLABEL = DocumentLabel.__table__


class StoreError(AnnotatorError):
    """A refused operation; the message is meant for the user."""


class DuplicateSpanError(StoreError):
    pass


def normalize_status(value: str) -> str:
    """Accept 'in progress', 'in-progress', 'IN_PROGRESS'… and return the stored form."""
    status = re.sub(r"[\s-]+", "_", value.strip().lower())
    if status not in STATUSES:
        raise StoreError(f"unknown status {value!r}; expected one of {', '.join(STATUSES)}")
    return status


def _version_key(version: str) -> tuple[int, ...] | tuple[float]:
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return (float("-inf"),)


@dataclass(frozen=True, slots=True)
class LabelSetInfo:
    name: str
    version: str
    origin: str  # "shipped", "database" or "shipped+database"
    label_count: int


class Store:
    """An open annotation database (SQLite file or PostgreSQL URL)."""

    def __init__(self, engine: Engine, target: str = ""):
        self.engine = engine
        self.target = target
        self._label_ids: dict[tuple[str, str, str], int] = {}
        self._label_by_id: dict[int, tuple[str, str]] = {}
        self._labelset_ids: dict[tuple[str, str], int] = {}
        self._annotator_ids: dict[str, int] = {}
        self._annotator_names: dict[int, str] = {}

    @classmethod
    def open(cls, target: str) -> Store:
        return cls(open_engine(target), target)

    def close(self) -> None:
        self.engine.dispose()

    def forget_caches(self) -> None:
        """Drop cached ids; needed after a rolled-back transaction that created rows."""
        self._label_ids.clear()
        self._label_by_id.clear()
        self._labelset_ids.clear()
        self._annotator_ids.clear()
        self._annotator_names.clear()

    @contextmanager
    def _writing(self, conn: Connection | None) -> Iterator[Connection]:
        """Use the caller's transaction if given (bulk import), else a new committed one."""
        if conn is not None:
            yield conn
        else:
            with write_transaction(self.engine) as new:
                yield new

    # ------------------------------------------------------------------ annotators
    def annotator_id(self, name: str, *, create: bool = True,
                     conn: Connection | None = None) -> int | None:
        name = name.strip()
        if not name:
            raise StoreError("annotator name must not be empty")
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        with self._writing(conn) as c:
            found = c.execute(select(ANNOTATOR.c.id).where(ANNOTATOR.c.name == name)).scalar()
            if found is None:
                if not create:
                    return None
                found = c.execute(insert(ANNOTATOR).values(name=name)).inserted_primary_key[0]
        self._annotator_ids[name] = found
        self._annotator_names[found] = name
        return found

    def annotators(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(ANNOTATOR.c.name).order_by(ANNOTATOR.c.name)).scalars())

    # ------------------------------------------------------------------ label sets
    def _registered_sources(self, name: str | None = None) -> list[tuple[int, str, str, str]]:
        query = select(LABELSET.c.id, LABELSET.c.name, LABELSET.c.version, LABELSET.c.yaml_source)
        if name is not None:
            query = query.where(LABELSET.c.name == name)
        with self.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query.order_by(LABELSET.c.id))]

    def labelset(self, name: str | None = None, version: str | None = None) -> LabelSet:
        """The label set called ``name`` (default set if None): the newest version among
        the shipped file and the sets registered in this database."""
        name = name or DEFAULT_LABELSET
        candidates: list[LabelSet] = []
        for _id, rname, rversion, source in self._registered_sources(name):
            if version is None or rversion == version:
                candidates.append(parse_labelset(source, f"<database:{rname}@{rversion}>"))
        shipped = shipped_labelsets().get(name)
        if shipped is not None and (version is None or shipped.version == version):
            candidates.append(shipped)
        if not candidates:
            known = ", ".join(info.name for info in self.labelsets())
            wanted = f"{name}@{version}" if version else name
            raise StoreError(f"unknown label set {wanted!r} (known: {known})")
        # max() keeps the first of equals: a database copy wins a tie with the shipped file.
        return max(candidates, key=lambda ls: _version_key(ls.version))

    def labelsets(self) -> list[LabelSetInfo]:
        infos: dict[str, LabelSetInfo] = {}
        for ls in shipped_labelsets().values():
            infos[ls.name] = LabelSetInfo(ls.name, ls.version, "shipped", len(ls.labels))
        for _id, name, version, source in self._registered_sources():
            ls = parse_labelset(source, f"<database:{name}>")
            prev = infos.get(name)
            if prev is None:
                infos[name] = LabelSetInfo(name, version, "database", len(ls.labels))
            elif _version_key(version) >= _version_key(prev.version):
                origin = "database" if prev.origin == "database" else "shipped+database"
                if prev.version != version:
                    origin = "database"
                infos[name] = LabelSetInfo(name, version, origin, len(ls.labels))
        return sorted(infos.values(), key=lambda i: i.name)

    def register_labelset(self, labelset: LabelSet, *, conn: Connection | None = None) -> int:
        """Store ``labelset`` (YAML verbatim) in this database; idempotent per name+version."""
        key = (labelset.name, labelset.version)
        if key in self._labelset_ids:
            return self._labelset_ids[key]
        with self._writing(conn) as conn:
            row = conn.execute(
                select(LABELSET.c.id, LABELSET.c.yaml_source).where(
                    LABELSET.c.name == labelset.name, LABELSET.c.version == labelset.version
                )
            ).first()
            if row is not None:
                labelset_id = row.id
                stored = parse_labelset(row.yaml_source, "<database>")
                if stored.keys != labelset.keys and not set(stored.keys) <= set(labelset.keys):
                    raise StoreError(
                        f"label set {labelset.name!r} version {labelset.version} is already "
                        "registered with other labels; raise its version to change labels"
                    )
                missing = [lb for lb in labelset.labels if lb.key not in stored.keys]
            else:
                labelset_id = conn.execute(
                    insert(LABELSET).values(
                        name=labelset.name,
                        version=labelset.version,
                        yaml_source=labelset.source,
                        added_at=utcnow(),
                    )
                ).inserted_primary_key[0]
                missing = list(labelset.labels)
            if missing:
                conn.execute(
                    insert(LABEL),
                    [{"labelset_id": labelset_id, "key": lb.key, "color": lb.color} for lb in missing],
                )
        self._labelset_ids[key] = labelset_id
        return labelset_id

    def add_labelset(self, labelset: LabelSet) -> str:
        """Register ``labelset`` on the user's explicit request (``labelset add``, the
        app's "Add a label set"): returns ``"added"``, ``"updated"`` or ``"unchanged"``.

        Unlike :meth:`register_labelset` (called implicitly whenever a set is used, and
        idempotent per name+version), an edited file under the same version replaces the
        stored YAML — help texts, names, colours, terms and new labels take effect — as
        long as it keeps every label key already stored, so nothing labelled can dangle.
        Dropping or renaming a key needs a new version.
        """
        key = (labelset.name, labelset.version)
        with self._writing(None) as conn:
            row = conn.execute(
                select(LABELSET.c.id, LABELSET.c.yaml_source).where(
                    LABELSET.c.name == labelset.name, LABELSET.c.version == labelset.version
                )
            ).first()
            if row is None:
                self._labelset_ids.pop(key, None)
                self.register_labelset(labelset, conn=conn)
                outcome = "added"
            elif row.yaml_source == labelset.source:
                outcome = "unchanged"
            else:
                stored = parse_labelset(row.yaml_source, "<database>")
                dropped = [k for k in stored.keys if k not in labelset.keys]
                if dropped:
                    raise StoreError(
                        f"label set {labelset.name!r} version {labelset.version} is already "
                        f"registered with label(s) {', '.join(dropped)} that this file drops; "
                        "raise its version to change the label keys")
                conn.execute(update(LABELSET).where(LABELSET.c.id == row.id)
                             .values(yaml_source=labelset.source))
                colors = {lb.key: lb.color for lb in labelset.labels}
                for key_, color in colors.items():
                    if key_ in stored.keys:
                        conn.execute(update(LABEL).where(
                            LABEL.c.labelset_id == row.id, LABEL.c.key == key_).values(color=color))
                new = [lb for lb in labelset.labels if lb.key not in stored.keys]
                if new:
                    conn.execute(insert(LABEL), [
                        {"labelset_id": row.id, "key": lb.key, "color": lb.color} for lb in new])
                self._labelset_ids[key] = row.id
                outcome = "updated"
        return outcome

    def label_id(self, labelset: LabelSet, key: str, *, conn: Connection | None = None) -> int:
        """Database id of ``key`` (or its alias) in ``labelset``, registering the set if needed."""
        canonical = labelset.resolve(key)
        if canonical is None:
            raise StoreError(f"label {key!r} is not in label set {labelset.name!r}")
        cache_key = (labelset.name, labelset.version, canonical)
        cached = self._label_ids.get(cache_key)
        if cached is not None:
            return cached
        labelset_id = self.register_labelset(labelset, conn=conn)
        with self._writing(conn) as c:
            for label_id, label_key in c.execute(
                select(LABEL.c.id, LABEL.c.key).where(LABEL.c.labelset_id == labelset_id)
            ):
                self._label_ids[(labelset.name, labelset.version, label_key)] = label_id
                self._label_by_id[label_id] = (labelset.name, label_key)
        return self._label_ids[cache_key]

    def _label_names(self, label_ids: Iterable[int]) -> None:
        missing = {i for i in label_ids if i not in self._label_by_id}
        if not missing:
            return
        query = (
            select(LABEL.c.id, LABEL.c.key, LABELSET.c.name)
            .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
            .where(LABEL.c.id.in_(missing))
        )
        with self.engine.connect() as conn:
            for label_id, key, ls_name in conn.execute(query):
                self._label_by_id[label_id] = (ls_name, key)

    # ------------------------------------------------------------------ documents
    def document_count(self, *, corpus: str | None = None) -> int:
        query = select(func.count()).select_from(DOC)
        if corpus is not None:
            query = query.where(DOC.c.corpus == corpus)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def document(self, document_id: int) -> DocumentData:
        with self.engine.connect() as conn:
            row = conn.execute(select(DOC).where(DOC.c.id == document_id)).first()
        if row is None:
            raise StoreError(f"no document with id {document_id}")
        return DocumentData(
            id=row.id, corpus=row.corpus, external_id=row.external_id, title=row.title,
            text=row.text, source=row.source, meta=dict(row.meta or {}),
        )

    def document_by_external_id(self, external_id: str, corpus: str = "default") -> DocumentData | None:
        with self.engine.connect() as conn:
            doc_id = conn.execute(
                select(DOC.c.id).where(DOC.c.corpus == corpus, DOC.c.external_id == external_id)
            ).scalar()
        return None if doc_id is None else self.document(doc_id)

    def _status_filter(self, query, annotator_id: int | None, status: str | None):
        if status is None:
            return query
        status = normalize_status(status)
        status_col = func.coalesce(STATUS.c.status, "todo")
        return query.where(status_col == status)

    def _rows_query(self, annotator: str | None, status: str | None, search_ids=None):
        annotator_id = self.annotator_id(annotator, create=False) if annotator else None
        aid = annotator_id if annotator_id is not None else -1
        span_count = (
            select(func.count())
            .where(SPAN.c.document_id == DOC.c.id)
            .where(SPAN.c.annotator_id == aid if annotator else True)
            .scalar_subquery()
        )
        query = (
            select(
                DOC.c.id, DOC.c.external_id, DOC.c.title,
                func.coalesce(STATUS.c.status, "todo").label("status"),
                span_count.label("span_count"),
            )
            .select_from(DOC)
            .outerjoin(STATUS, and_(STATUS.c.document_id == DOC.c.id, STATUS.c.annotator_id == aid))
        )
        query = self._status_filter(query, annotator_id, status)
        if search_ids is not None:
            query = query.where(DOC.c.id.in_(search_ids))
        return query

    def document_rows(
        self, offset: int = 0, limit: int = 200, *, annotator: str | None = None,
        status: str | None = None, after_id: int | None = None,
    ) -> list[DocumentRow]:
        """A page of the document navigator, ordered by import order.

        ``after_id`` (the last id of the previous page) replaces ``offset``: a keyset
        page costs the same at row 90,000 as at row 0, where OFFSET scans every row before.
        """
        query = self._rows_query(annotator, status).order_by(DOC.c.id)
        if after_id is not None:
            query = query.where(DOC.c.id > after_id).limit(limit)
        else:
            query = query.offset(offset).limit(limit)
        with self.engine.connect() as conn:
            return [DocumentRow(*row) for row in conn.execute(query)]

    def document_row_count(self, *, annotator: str | None = None, status: str | None = None) -> int:
        inner = self._rows_query(annotator, status).subquery()
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(inner)).scalar_one()

    def document_index(self, document_id: int, *, annotator: str | None = None,
                       status: str | None = None) -> int | None:
        """Position of a document in :meth:`document_rows` order (None if filtered out)."""
        inner = self._rows_query(annotator, status).subquery()
        with self.engine.connect() as conn:
            present = conn.execute(select(inner.c.id).where(inner.c.id == document_id)).scalar()
            if present is None:
                return None
            return conn.execute(
                select(func.count()).select_from(inner).where(inner.c.id < document_id)
            ).scalar_one()

    def neighbour_document(self, document_id: int, step: int = 1, *, annotator: str | None = None,
                           status: str | None = None) -> int | None:
        """The next (step=1) or previous (step=-1) document id in navigator order."""
        inner = self._rows_query(annotator, status).subquery()
        if step > 0:
            query = select(inner.c.id).where(inner.c.id > document_id).order_by(inner.c.id)
        else:
            query = select(inner.c.id).where(inner.c.id < document_id).order_by(inner.c.id.desc())
        with self.engine.connect() as conn:
            return conn.execute(query.limit(1)).scalar()

    def first_document_id(self) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(select(func.min(DOC.c.id))).scalar()

    # ------------------------------------------------------------------ spans
    def _span_query(self):
        return (
            select(
                SPAN.c.id, SPAN.c.document_id, ANNOTATOR.c.name.label("annotator"),
                LABELSET.c.name.label("labelset"), LABEL.c.key.label("label"),
                SPAN.c.start, SPAN.c.end, SPAN.c.text, SPAN.c.attributes, SPAN.c.note,
                LABELSET.c.version.label("labelset_version"),
            )
            .join(ANNOTATOR, SPAN.c.annotator_id == ANNOTATOR.c.id)
            .join(LABEL, SPAN.c.label_id == LABEL.c.id)
            .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
        )

    @staticmethod
    def _span_from_row(row) -> SpanData:
        return SpanData(
            id=row.id, document_id=row.document_id, annotator=row.annotator,
            labelset=row.labelset, label=row.label, start=row.start, end=row.end,
            text=row.text, attributes=dict(row.attributes or {}), note=row.note or "",
            labelset_version=row.labelset_version,
        )

    def spans(self, document_id: int, annotator: str | None = None) -> list[SpanData]:
        """Spans of a document (one annotator's, or everyone's), ordered by position."""
        query = self._span_query().where(SPAN.c.document_id == document_id)
        if annotator is not None:
            query = query.where(ANNOTATOR.c.name == annotator)
        query = query.order_by(SPAN.c.start, SPAN.c.end, SPAN.c.id)
        with self.engine.connect() as conn:
            return [self._span_from_row(row) for row in conn.execute(query)]

    def span_count(self, document_id: int, annotator: str | None = None) -> int:
        """Number of spans in a document (one annotator's or everyone's): one COUNT."""
        query = select(func.count()).select_from(SPAN).where(SPAN.c.document_id == document_id)
        if annotator is not None:
            annotator_id = self.annotator_id(annotator, create=False)
            if annotator_id is None:
                return 0
            query = query.where(SPAN.c.annotator_id == annotator_id)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def span(self, span_id: int) -> SpanData:
        with self.engine.connect() as conn:
            row = conn.execute(self._span_query().where(SPAN.c.id == span_id)).first()
        if row is None:
            raise StoreError(f"no span with id {span_id}")
        return self._span_from_row(row)

    def _checked_range(self, text: str, start: int, end: int) -> None:
        if not (0 <= start < end <= len(text)):
            raise StoreError(f"span {start}–{end} is outside the text (length {len(text)}) or empty")

    def _span_values(self, conn, *, document_id: int, annotator: str, labelset: LabelSet,
                     label: str, start: int, end: int, attributes: dict[str, Any] | None = None,
                     note: str = "", span_id: int | None = None) -> dict[str, Any]:
        text = conn.execute(select(DOC.c.text).where(DOC.c.id == document_id)).scalar()
        if text is None:
            raise StoreError(f"no document with id {document_id}")
        self._checked_range(text, start, end)
        now = utcnow()
        values = {
            "document_id": document_id,
            "annotator_id": self.annotator_id(annotator),
            "label_id": self.label_id(labelset, label),
            "start": start, "end": end, "text": text[start:end],
            "attributes": dict(attributes or {}), "note": note or "",
            "created_at": now, "updated_at": now,
        }
        if span_id is not None:
            values["id"] = span_id
        return values

    def add_span(self, document_id: int, annotator: str, labelset: LabelSet, label: str,
                 start: int, end: int, *, attributes: dict[str, Any] | None = None,
                 note: str = "", span_id: int | None = None) -> SpanData:
        """Store one span; ``span_id`` re-creates a deleted span under its old id (undo)."""
        return self.add_spans([
            dict(document_id=document_id, annotator=annotator, labelset=labelset, label=label,
                 start=start, end=end, attributes=attributes, note=note, span_id=span_id)
        ])[0]

    def add_spans(self, specs: Sequence[dict[str, Any]]) -> list[SpanData]:
        """Store several spans in one transaction (all or none).

        Each spec has the keyword arguments of :meth:`add_span`.
        """
        self._warm_caches(specs)
        created: list[SpanData] = []
        try:
            with self._writing(None) as conn:
                for spec in specs:
                    values = self._span_values(conn, **spec)
                    span_id = conn.execute(insert(SPAN).values(**values)).inserted_primary_key[0]
                    labelset = spec["labelset"]
                    created.append(SpanData(
                        id=span_id, document_id=values["document_id"],
                        annotator=spec["annotator"].strip(), labelset=labelset.name,
                        label=labelset.resolve(spec["label"]), start=values["start"],
                        end=values["end"], text=values["text"],
                        attributes=dict(values["attributes"]), note=values["note"],
                        labelset_version=labelset.version,
                    ))
        except IntegrityError as exc:
            raise DuplicateSpanError("this exact span (annotator, range and label) exists already") from exc
        return created

    def _warm_caches(self, specs: Sequence[dict[str, Any]]) -> None:
        # Registering label sets and annotators opens its own transaction: do it before
        # the span transaction so a single-writer SQLite never waits on itself.
        for spec in specs:
            self.annotator_id(spec["annotator"])
            self.label_id(spec["labelset"], spec["label"])

    def delete_spans(self, span_ids: Iterable[int]) -> None:
        ids = list(span_ids)
        if not ids:
            return
        with self._writing(None) as conn:
            conn.execute(delete(SPAN).where(SPAN.c.id.in_(ids)))

    def delete_span(self, span_id: int) -> None:
        self.delete_spans([span_id])

    def restore_spans(self, spans: Sequence[SpanData]) -> list[SpanData]:
        """Put deleted spans back with their ids (the undo of a delete)."""
        specs = [
            dict(document_id=s.document_id, annotator=s.annotator,
                 labelset=self.labelset(s.labelset, s.labelset_version or None), label=s.label,
                 start=s.start, end=s.end,
                 attributes=s.attributes, note=s.note, span_id=s.id)
            for s in spans
        ]
        return self.add_spans(specs)

    def update_span(self, span_id: int, *, label: str | None = None, start: int | None = None,
                    end: int | None = None, attributes: dict[str, Any] | None = None,
                    note: str | None = None) -> SpanData:
        """Change a span's label, boundaries, attributes or note (one transaction)."""
        current = self.span(span_id)
        values: dict[str, Any] = {"updated_at": utcnow()}
        if label is not None and label != current.label:
            # relabel within the span's own label-set version, never a newer one
            labelset = self.labelset(current.labelset, current.labelset_version or None)
            values["label_id"] = self.label_id(labelset, label)
        new_start = current.start if start is None else start
        new_end = current.end if end is None else end
        try:
            with self._writing(None) as conn:
                if (new_start, new_end) != (current.start, current.end):
                    text = conn.execute(
                        select(DOC.c.text).where(DOC.c.id == current.document_id)
                    ).scalar_one()
                    self._checked_range(text, new_start, new_end)
                    values.update(start=new_start, end=new_end, text=text[new_start:new_end])
                if attributes is not None:
                    values["attributes"] = dict(attributes)
                if note is not None:
                    values["note"] = note
                conn.execute(update(SPAN).where(SPAN.c.id == span_id).values(**values))
        except IntegrityError as exc:
            raise DuplicateSpanError("an identical span exists already") from exc
        return self.span(span_id)

    # ------------------------------------------------------------------ status, doc labels
    def status(self, document_id: int, annotator: str) -> str:
        annotator_id = self.annotator_id(annotator, create=False)
        if annotator_id is None:
            return "todo"
        with self.engine.connect() as conn:
            found = conn.execute(
                select(STATUS.c.status).where(
                    STATUS.c.document_id == document_id, STATUS.c.annotator_id == annotator_id
                )
            ).scalar()
        return found or "todo"

    def set_status(self, document_id: int, annotator: str, status: str) -> None:
        status = normalize_status(status)
        annotator_id = self.annotator_id(annotator)
        with self._writing(None) as conn:
            changed = conn.execute(
                update(STATUS)
                .where(STATUS.c.document_id == document_id, STATUS.c.annotator_id == annotator_id)
                .values(status=status, updated_at=utcnow())
            ).rowcount
            if not changed:
                conn.execute(insert(STATUS).values(
                    document_id=document_id, annotator_id=annotator_id, status=status,
                    updated_at=utcnow(),
                ))

    def document_labels(self, document_id: int, annotator: str) -> dict[str, str]:
        """Document-level labels of one annotator: key → value ('' for flags)."""
        annotator_id = self.annotator_id(annotator, create=False)
        if annotator_id is None:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(DOCLABEL.c.key, DOCLABEL.c.value).where(
                    DOCLABEL.c.document_id == document_id, DOCLABEL.c.annotator_id == annotator_id
                ).order_by(DOCLABEL.c.key)
            )
            return {key: value for key, value in rows}

    def set_document_label(self, document_id: int, annotator: str, labelset: LabelSet,
                           key: str, value: str | None) -> None:
        """Set (or with ``value=None`` remove) one document-level label."""
        spec = next((d for d in labelset.document_labels if d.key == key), None)
        if spec is None:
            raise StoreError(f"document label {key!r} is not in label set {labelset.name!r}")
        if value is not None and spec.type == "choice" and value not in spec.choices:
            raise StoreError(f"{key}: {value!r} is not one of {', '.join(spec.choices)}")
        annotator_id = self.annotator_id(annotator)
        labelset_id = self.register_labelset(labelset)
        with self._writing(None) as conn:
            conn.execute(delete(DOCLABEL).where(
                DOCLABEL.c.document_id == document_id, DOCLABEL.c.annotator_id == annotator_id,
                DOCLABEL.c.labelset_id == labelset_id, DOCLABEL.c.key == key,
            ))
            if value is not None:
                conn.execute(insert(DOCLABEL).values(
                    document_id=document_id, annotator_id=annotator_id, labelset_id=labelset_id,
                    key=key, value=value, updated_at=utcnow(),
                ))

    # ------------------------------------------------------------------ stats
    def stats(self) -> dict[str, Any]:
        """Counts for ``annotator stats``: documents, spans per label / annotator, statuses."""
        with self.engine.connect() as conn:
            documents = conn.execute(select(func.count()).select_from(DOC)).scalar_one()
            spans = conn.execute(select(func.count()).select_from(SPAN)).scalar_one()
            per_label = conn.execute(
                select(LABELSET.c.name, LABEL.c.key, func.count())
                .select_from(SPAN).join(LABEL, SPAN.c.label_id == LABEL.c.id)
                .join(LABELSET, LABEL.c.labelset_id == LABELSET.c.id)
                .group_by(LABELSET.c.name, LABEL.c.key).order_by(LABELSET.c.name, LABEL.c.key)
            ).all()
            per_annotator = conn.execute(
                select(ANNOTATOR.c.name, func.count(SPAN.c.id), func.count(func.distinct(SPAN.c.document_id)))
                .select_from(ANNOTATOR).outerjoin(SPAN, SPAN.c.annotator_id == ANNOTATOR.c.id)
                .group_by(ANNOTATOR.c.name).order_by(ANNOTATOR.c.name)
            ).all()
            statuses = conn.execute(
                select(ANNOTATOR.c.name, STATUS.c.status, func.count())
                .select_from(STATUS).join(ANNOTATOR, STATUS.c.annotator_id == ANNOTATOR.c.id)
                .group_by(ANNOTATOR.c.name, STATUS.c.status).order_by(ANNOTATOR.c.name, STATUS.c.status)
            ).all()
        status_counts: dict[str, dict[str, int]] = {}
        for name, status, count in statuses:
            status_counts.setdefault(name, {})[status] = count
        return {
            "documents": documents,
            "spans": spans,
            "spans_per_label": [
                {"labelset": ls, "label": key, "spans": n} for ls, key, n in per_label
            ],
            "annotators": [
                {"annotator": name, "spans": n, "documents": d,
                 "status": {**{s: 0 for s in STATUSES},
                            **status_counts.get(name, {}),
                            "todo": documents - sum(c for s, c in status_counts.get(name, {}).items() if s != "todo")}}
                for name, n, d in per_annotator
            ],
        }


__all__ = ["Store", "StoreError", "DuplicateSpanError", "LabelSetInfo", "normalize_status"]
