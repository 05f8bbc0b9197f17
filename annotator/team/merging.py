"""Bringing several annotation databases together into one team database.

Documents are matched by corpus and id and checked by their text's SHA-256: the same id
with another text is a conflict, reported, and nothing of that document is merged from
that input. Everything else is brought together per annotator: spans (identical spans
once), statuses and document labels (the latest change wins), suggestion rejections,
assignments, curation statuses and comment threads. Running the same merge twice
changes nothing. Every addition is counted and every conflict is listed: nothing is
dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, insert, select, update

from annotator.db.writers import write_transaction
from annotator.errors import AnnotatorError
from annotator.labelsets import parse_labelset
from annotator.storage.tables import ASSIGNMENT, COMMENT, CURATION
from annotator.store import ANNOTATOR, DOC, DOCLABEL, LABEL, LABELSET, SPAN, STATUS, Store
from annotator.suggestions import REJECTION
from annotator.team.merge_sources import Source
from annotator.textio import sha256_text


@dataclass
class MergeReport:
    added: Counter[str] = field(default_factory=Counter)
    already: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    left_out: int = 0  # records not merged because of a conflict

    def summary(self) -> str:
        def fmt(counter: Counter[str]) -> str:
            return ", ".join(f"{n} {kind}" for kind, n in sorted(counter.items()) if n) or "nothing"

        return (
            f"added: {fmt(self.added)}\nalready present: {fmt(self.already)}\n"
            f"updated (newer change won): {fmt(self.updated)}\n"
            f"conflicts: {len(self.conflicts)}; records left out: {self.left_out}"
        )


def _utc(value: dt.datetime | None) -> dt.datetime:
    """SQLite gives naive UTC datetimes, PostgreSQL aware ones: compare them as aware."""
    if value is None:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _new_id(key: Any) -> int:
    assert key is not None
    return int(key[0])


class _Merger:
    """One input merged into the target inside the target's write transaction."""

    def __init__(
        self, target: Store, t: Connection, source: Source, s: Connection, report: MergeReport
    ):
        self.target, self.t, self.source, self.s, self.report = target, t, source, s, report
        self.docs: dict[int, int] = {}
        self.doc_names: dict[int, str] = {}
        self.people: dict[int, int] = {}
        self.labels: dict[int, int] = {}
        self.labelsets: dict[int, int] = {}
        self.spans: dict[int, int] = {}

    def conflict(self, message: str) -> None:
        self.report.conflicts.append(f"{self.source.name}: {message}")

    def run(self) -> None:
        self.merge_labelsets()
        self.merge_annotators()
        self.merge_documents()
        self.merge_spans()
        self.merge_latest(STATUS, ("document_id", "annotator_id"), "status", "statuses")
        self.merge_latest(CURATION, ("document_id", "curator_id"), "status", "curation statuses")
        self.merge_document_labels()
        self.merge_simple(
            REJECTION, ("annotator_id", "document_id", "label_id", "start", "end"), "rejections"
        )
        self.merge_simple(ASSIGNMENT, ("document_id", "annotator_id"), "assignments")
        self.merge_comments()

    # ---------------------------------------------------------------- reference data
    def merge_labelsets(self) -> None:
        for ls_id, name, version, source in self.s.execute(
            select(LABELSET.c.id, LABELSET.c.name, LABELSET.c.version, LABELSET.c.yaml_source)
        ):
            try:
                labelset = parse_labelset(source, f"<{self.source.name}: {name}@{version}>")
                target_id = self.target.register_labelset(labelset, conn=self.t)
            except AnnotatorError as exc:  # a refused set is reported, never fatal
                self.conflict(f"label set {name}@{version} not merged: {exc}")
                continue
            self.labelsets[ls_id] = target_id
            keys = dict(
                self.t.execute(
                    select(LABEL.c.key, LABEL.c.id).where(LABEL.c.labelset_id == target_id)
                ).all()
            )
            for label_id, key in self.s.execute(
                select(LABEL.c.id, LABEL.c.key).where(LABEL.c.labelset_id == ls_id)
            ):
                if key in keys:
                    self.labels[label_id] = keys[key]

    def merge_annotators(self) -> None:
        for aid, name, role in self.s.execute(
            select(ANNOTATOR.c.id, ANNOTATOR.c.name, ANNOTATOR.c.role)
        ):
            target_id = self.target.annotator_id(name, conn=self.t)
            assert target_id is not None
            self.people[aid] = target_id
            current = self.t.execute(
                select(ANNOTATOR.c.role).where(ANNOTATOR.c.id == target_id)
            ).scalar()
            if role != current and role == "curator":
                self.t.execute(
                    update(ANNOTATOR).where(ANNOTATOR.c.id == target_id).values(role=role)
                )
                self.report.updated["roles"] += 1

    def merge_documents(self) -> None:
        existing = {
            (c, e): (i, h)
            for i, c, e, h in self.t.execute(
                select(DOC.c.id, DOC.c.corpus, DOC.c.external_id, DOC.c.sha256)
            )
        }
        for row in self.s.execute(select(DOC)):
            key = (row.corpus, row.external_id)
            name = row.external_id if row.corpus == "default" else f"{row.corpus}/{row.external_id}"
            digest = sha256_text(row.text)
            found = existing.get(key)
            if found is None:
                values = {
                    c: getattr(row, c)
                    for c in (
                        "corpus",
                        "external_id",
                        "title",
                        "text",
                        "source",
                        "meta",
                        "imported_at",
                    )
                }
                new_id = _new_id(
                    self.t.execute(insert(DOC).values(**values, sha256=digest)).inserted_primary_key
                )
                self.docs[row.id] = new_id
                self.report.added["documents"] += 1
            elif found[1] != digest:
                left = self._count_document_records(row.id)
                self.report.left_out += left
                self.conflict(
                    f"document {name}: same id, different text (SHA-256 {digest[:12]}… "
                    f"vs {found[1][:12]}…); not merged, {left} records left out"
                )
                continue
            else:
                self.docs[row.id] = found[0]
                self.report.already["documents"] += 1
            self.doc_names[row.id] = name

    def _count_document_records(self, doc_id: int) -> int:
        total = 0
        for table in (SPAN, STATUS, DOCLABEL, COMMENT, REJECTION):
            total += len(
                self.s.execute(
                    select(table.c.document_id).where(table.c.document_id == doc_id)
                ).all()
            )
        return total

    # ---------------------------------------------------------------- annotations
    def merge_spans(self) -> None:
        existing = {
            (r.document_id, r.annotator_id, r.label_id, r.start, r.end): r
            for r in self.t.execute(
                select(
                    SPAN.c.id,
                    SPAN.c.document_id,
                    SPAN.c.annotator_id,
                    SPAN.c.label_id,
                    SPAN.c.start,
                    SPAN.c.end,
                    SPAN.c.attributes,
                    SPAN.c.note,
                    SPAN.c.updated_at,
                )
            )
        }
        for row in self.s.execute(select(SPAN).order_by(SPAN.c.id)):
            if row.document_id not in self.docs:
                continue  # counted with the document's conflict
            if row.label_id not in self.labels:
                self.report.left_out += 1
                self.conflict(
                    f"document {self.doc_names[row.document_id]}: span {row.start}–{row.end} "
                    "left out: its label set could not be merged"
                )
                continue
            key = (
                self.docs[row.document_id],
                self.people[row.annotator_id],
                self.labels[row.label_id],
                row.start,
                row.end,
            )
            found = existing.get(key)
            if found is None:
                values = {
                    c: getattr(row, c)
                    for c in (
                        "start",
                        "end",
                        "text",
                        "attributes",
                        "note",
                        "created_at",
                        "updated_at",
                    )
                }
                new_id = _new_id(
                    self.t.execute(
                        insert(SPAN).values(
                            **values, document_id=key[0], annotator_id=key[1], label_id=key[2]
                        )
                    ).inserted_primary_key
                )
                self.spans[row.id] = new_id
                self.report.added["spans"] += 1
                continue
            self.spans[row.id] = found.id
            if (found.attributes or {}) == (row.attributes or {}) and (found.note or "") == (
                row.note or ""
            ):
                self.report.already["spans"] += 1
                continue
            where = f"document {self.doc_names[row.document_id]}: span {row.start}–{row.end}"
            if self.source.timestamps and _utc(row.updated_at) > _utc(found.updated_at):
                self.t.execute(
                    update(SPAN)
                    .where(SPAN.c.id == found.id)
                    .values(attributes=row.attributes, note=row.note, updated_at=row.updated_at)
                )
                self.report.updated["spans"] += 1
                self.conflict(f"{where}: attributes/note differ; the newer change (this input) won")
            else:
                self.conflict(
                    f"{where}: attributes/note differ; kept the team database's "
                    f"(input {row.attributes!r} {row.note!r})"
                )

    def _mapped(self, table, row, key_columns: tuple[str, ...]) -> tuple[Any, ...] | None:
        maps = {
            "document_id": self.docs,
            "annotator_id": self.people,
            "curator_id": self.people,
            "label_id": self.labels,
            "labelset_id": self.labelsets,
        }
        values = []
        for column in key_columns:
            value = getattr(row, column)
            if column in maps:
                if value not in maps[column]:
                    return None
                value = maps[column][value]
            values.append(value)
        return tuple(values)

    def merge_latest(
        self,
        table,
        key_columns: tuple[str, ...],
        value_column: str,
        kind: str,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Rows with one value per key: the latest ``updated_at`` wins."""
        existing = {
            tuple(getattr(r, c) for c in key_columns): r for r in self.t.execute(select(table))
        }
        for row in self.s.execute(select(table)):
            key = self._mapped(table, row, key_columns)
            if key is None:
                continue
            found = existing.get(key)
            value = getattr(row, value_column)
            if found is None:
                self.t.execute(
                    insert(table).values(
                        **dict(zip(key_columns, key, strict=True)),
                        **{value_column: value},
                        updated_at=row.updated_at,
                        **(extra or {}),
                    )
                )
                self.report.added[kind] += 1
            elif getattr(found, value_column) == value:
                self.report.already[kind] += 1
            elif self.source.timestamps and _utc(row.updated_at) > _utc(found.updated_at):
                where = [getattr(table.c, c) == v for c, v in zip(key_columns, key, strict=True)]
                self.t.execute(
                    update(table)
                    .where(*where)
                    .values(**{value_column: value}, updated_at=row.updated_at)
                )
                self.report.updated[kind] += 1
            else:
                self.report.already[kind] += 1
                if not self.source.timestamps:
                    self.conflict(
                        f"{kind[:-1]} {key}: input says {value!r}, kept "
                        f"{getattr(found, value_column)!r} (the input has no change times)"
                    )

    def merge_document_labels(self) -> None:
        self.merge_latest(
            DOCLABEL,
            ("document_id", "annotator_id", "labelset_id", "key"),
            "value",
            "document labels",
        )

    def merge_simple(self, table, key_columns: tuple[str, ...], kind: str) -> None:
        """Rows that are there or not: added when missing."""
        existing = {
            tuple(getattr(r, c) for c in key_columns) for r in self.t.execute(select(table))
        }
        for row in self.s.execute(select(table)):
            key = self._mapped(table, row, key_columns)
            if key is None:
                continue
            if key in existing:
                self.report.already[kind] += 1
                continue
            self.t.execute(
                insert(table).values(
                    **dict(zip(key_columns, key, strict=True)), created_at=row.created_at
                )
            )
            existing.add(key)
            self.report.added[kind] += 1

    def merge_comments(self) -> None:
        existing = {
            (r.document_id, r.author_id, r.body, _utc(r.created_at)): r.id
            for r in self.t.execute(select(COMMENT))
        }
        resolved = {
            r.id: _utc(r.resolved_at)
            for r in self.t.execute(select(COMMENT.c.id, COMMENT.c.resolved_at))
            if r.resolved_at is not None
        }
        mapped: dict[int, int] = {}
        for row in self.s.execute(select(COMMENT).order_by(COMMENT.c.id)):
            if row.document_id not in self.docs:
                continue
            key = (
                self.docs[row.document_id],
                self.people[row.author_id],
                row.body,
                _utc(row.created_at),
            )
            resolution = {
                "resolved_by_id": self.people.get(row.resolved_by_id),
                "resolved_at": row.resolved_at,
            }
            if key in existing:
                mapped[row.id] = existing[key]
                self.report.already["comments"] += 1
                when = _utc(row.resolved_at) if row.resolved_at is not None else None
                current = resolved.get(existing[key])
                if when is not None and (current is None or current < when):
                    # a thread's resolution: the latest one wins, like a status
                    self.t.execute(
                        COMMENT.update().where(COMMENT.c.id == existing[key]).values(**resolution)
                    )
                    resolved[existing[key]] = when
                continue
            new_id = _new_id(
                self.t.execute(
                    insert(COMMENT).values(
                        document_id=key[0],
                        author_id=key[1],
                        body=row.body,
                        created_at=row.created_at,
                        span_id=self.spans.get(row.span_id) if row.span_id is not None else None,
                        parent_id=mapped.get(row.parent_id) if row.parent_id is not None else None,
                        **resolution,
                    )
                ).inserted_primary_key
            )
            mapped[row.id] = existing[key] = new_id
            self.report.added["comments"] += 1


def merge_into(target: Store, sources: list[Source]) -> MergeReport:
    """Merge every source into ``target``, each in one transaction (an input is all or none)."""
    report = MergeReport()
    for source in sources:
        with source.store.engine.connect() as s, write_transaction(target.engine) as t:
            _Merger(target, t, source, s, report).run()
        target.forget_caches()
    return report
