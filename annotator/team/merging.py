"""Bringing several annotation databases together into one team database.

Documents are matched by corpus and id and checked by their text's SHA-256: the same id
with another text is a conflict, reported, and nothing of that document is merged from
that input. Everything else is brought together per annotator: spans (identical spans
once), statuses and document labels (the latest change wins), suggestion rejections,
assignments, curation statuses and comment threads (with their resolution: the latest
wins). Running the same merge twice changes nothing. Every addition is counted and every
conflict is listed: nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.errors import AnnotatorError
from annotator.labelsets import parse_labelset
from annotator.storage.merging import MERGED
from annotator.store import Store
from annotator.team.merge_sources import Source
from annotator.textio import sha256_text

if TYPE_CHECKING:
    from annotator.storage.merging import MergeInput, MergeTarget, Row


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


# Key columns holding ids of the input database, and what maps them to the team's.
_ID_COLUMNS = {
    "document_id": "docs",
    "annotator_id": "people",
    "curator_id": "people",
    "label_id": "labels",
    "labelset_id": "labelsets",
}
# Kinds of rows with one value per key, where the latest change wins; then those that
# are there or not.
LATEST = ("statuses", "curation statuses", "document labels")
PRESENT = ("rejections", "assignments")


class _Merger:
    """One input merged into the target inside the target's write transaction."""

    def __init__(
        self,
        target: Store,
        source: Source,
        read: MergeInput,
        write: MergeTarget,
        report: MergeReport,
    ):
        self.target, self.source, self.report = target, source, report
        self.read, self.write = read, write
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
        for kind in LATEST:
            self.merge_latest(kind)
        for kind in PRESENT:
            self.merge_present(kind)
        self.merge_comments()

    # ---------------------------------------------------------------- reference data
    def merge_labelsets(self) -> None:
        for ls_id, name, version, source in self.read.labelsets():
            try:
                labelset = parse_labelset(source, f"<{self.source.name}: {name}@{version}>")
                target_id = self.target.register_labelset(labelset, conn=self.write.connection)
            except AnnotatorError as exc:  # a refused set is reported, never fatal
                self.conflict(f"label set {name}@{version} not merged: {exc}")
                continue
            self.labelsets[ls_id] = target_id
            keys = self.write.label_ids(target_id)
            for label_id, key in self.read.label_keys(ls_id):
                if key in keys:
                    self.labels[label_id] = keys[key]

    def merge_annotators(self) -> None:
        for aid, name, role in self.read.annotators():
            target_id = self.target.annotator_id(name, conn=self.write.connection)
            assert target_id is not None
            self.people[aid] = target_id
            if role == "curator" and self.write.role(target_id) != role:
                self.write.set_role(target_id, role)
                self.report.updated["roles"] += 1

    def merge_documents(self) -> None:
        existing = self.write.documents()
        for row in self.read.documents():
            key = (row["corpus"], row["external_id"])
            name = row["external_id"] if row["corpus"] == "default" else "/".join(key)
            digest = sha256_text(row["text"])
            found = existing.get(key)
            if found is None:
                self.docs[row["id"]] = self.write.add_document(row, digest)
                self.report.added["documents"] += 1
            elif found[1] != digest:
                left = self.read.records_of_document(row["id"])
                self.report.left_out += left
                self.conflict(
                    f"document {name}: same id, different text (SHA-256 {digest[:12]}… "
                    f"vs {found[1][:12]}…); not merged, {left} records left out"
                )
                continue
            else:
                self.docs[row["id"]] = found[0]
                self.report.already["documents"] += 1
            self.doc_names[row["id"]] = name

    # ---------------------------------------------------------------- annotations
    def merge_spans(self) -> None:
        existing = self.write.spans()
        for row in self.read.spans():
            if row["document_id"] not in self.docs:
                continue  # counted with the document's conflict
            where = (
                f"document {self.doc_names[row['document_id']]}: span {row['start']}–{row['end']}"
            )
            if row["label_id"] not in self.labels:
                self.report.left_out += 1
                self.conflict(f"{where} left out: its label set could not be merged")
                continue
            key = (
                self.docs[row["document_id"]],
                self.people[row["annotator_id"]],
                self.labels[row["label_id"]],
                row["start"],
                row["end"],
            )
            found = existing.get(key)
            if found is None:
                self.spans[row["id"]] = self.write.add_span(row, *key[:3])
                self.report.added["spans"] += 1
                continue
            self.spans[row["id"]] = found["id"]
            if (found["attributes"] or {}) == (row["attributes"] or {}) and (
                found["note"] or ""
            ) == (row["note"] or ""):
                self.report.already["spans"] += 1
                continue
            if self.source.timestamps and _utc(row["updated_at"]) > _utc(found["updated_at"]):
                self.write.update_span(found["id"], row)
                self.report.updated["spans"] += 1
                self.conflict(f"{where}: attributes/note differ; the newer change (this input) won")
            else:
                self.conflict(
                    f"{where}: attributes/note differ; kept the team database's "
                    f"(input {row['attributes']!r} {row['note']!r})"
                )

    def _mapped(self, kind: str, row: Row, key_columns: tuple[str, ...]) -> tuple[Any, ...] | None:
        """The row's key in the team database's ids; None when it cannot be merged (its
        document's conflict counted it, or it is reported here as left out)."""
        values = []
        for column in key_columns:
            value = row[column]
            if column in _ID_COLUMNS:
                mapping: dict[int, int] = getattr(self, _ID_COLUMNS[column])
                if value not in mapping:
                    if column != "document_id" and row["document_id"] in self.docs:
                        self.report.left_out += 1
                        self.conflict(
                            f"document {self.doc_names[row['document_id']]}: one of the "
                            f"{kind} left out: its label set could not be merged"
                        )
                    return None
                value = mapping[value]
            values.append(value)
        return tuple(values)

    def merge_latest(self, kind: str) -> None:
        """Rows with one value per key: the latest ``updated_at`` wins."""
        key_columns, value_column = MERGED[kind].key, MERGED[kind].value
        assert value_column is not None
        existing = self.write.rows(kind)
        for row in self.read.rows(kind):
            key = self._mapped(kind, row, key_columns)
            if key is None:
                continue
            found = existing.get(key)
            value = row[value_column]
            if found is None:
                self.write.add_row(kind, key, row)
                self.report.added[kind] += 1
            elif found[value_column] == value:
                self.report.already[kind] += 1
            elif self.source.timestamps and _utc(row["updated_at"]) > _utc(found["updated_at"]):
                self.write.update_value(kind, key, value, row["updated_at"])
                self.report.updated[kind] += 1
            else:
                self.report.already[kind] += 1
                if not self.source.timestamps:
                    self.conflict(
                        f"{kind[:-1]} {key}: input says {value!r}, kept "
                        f"{found[value_column]!r} (the input has no change times)"
                    )

    def merge_present(self, kind: str) -> None:
        """Rows that are there or not: added when missing."""
        existing = set(self.write.rows(kind))
        for row in self.read.rows(kind):
            key = self._mapped(kind, row, MERGED[kind].key)
            if key is None:
                continue
            if key in existing:
                self.report.already[kind] += 1
                continue
            self.write.add_row(kind, key, row)
            existing.add(key)
            self.report.added[kind] += 1

    def merge_comments(self) -> None:
        existing = {}
        resolved = {}
        for r in self.write.comments():
            existing[(r["document_id"], r["author_id"], r["body"], _utc(r["created_at"]))] = r["id"]
            if r["resolved_at"] is not None:
                resolved[r["id"]] = _utc(r["resolved_at"])
        mapped: dict[int, int] = {}
        for row in self.read.comments():
            if row["document_id"] not in self.docs:
                continue  # counted with the document's conflict
            key = (
                self.docs[row["document_id"]],
                self.people[row["author_id"]],
                row["body"],
                _utc(row["created_at"]),
            )
            resolved_by = self.people.get(row["resolved_by_id"])
            if key in existing:
                mapped[row["id"]] = existing[key]
                self.report.already["comments"] += 1
                when = _utc(row["resolved_at"]) if row["resolved_at"] is not None else None
                current = resolved.get(existing[key])
                if when is not None and (current is None or current < when):
                    # a thread's resolution: the latest one wins, like a status
                    self.write.resolve_comment(existing[key], resolved_by, row["resolved_at"])
                    resolved[existing[key]] = when
                continue
            span_id = None
            if row["span_id"] is not None:
                span_id = self.spans.get(row["span_id"])
                if span_id is None:
                    self.conflict(
                        f"document {self.doc_names[row['document_id']]}: a comment on a span "
                        "that was left out is kept on the document"
                    )
            parent = row["parent_id"]
            new_id = self.write.add_comment(
                {
                    "document_id": key[0],
                    "author_id": key[1],
                    "body": row["body"],
                    "created_at": row["created_at"],
                    "span_id": span_id,
                    "parent_id": mapped.get(parent) if parent is not None else None,
                    "resolved_by_id": resolved_by,
                    "resolved_at": row["resolved_at"],
                }
            )
            mapped[row["id"]] = existing[key] = new_id
            self.report.added["comments"] += 1


def merge_into(target: Store, sources: list[Source]) -> MergeReport:
    """Merge every source into ``target``, each in one transaction (an input is all or none)."""
    report = MergeReport()
    for source in sources:
        with target.team.merge.session(source.store.engine) as (read, write):
            _Merger(target, source, read, write, report).run()
        target.forget_caches()
    return report
