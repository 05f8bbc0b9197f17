"""Adjudication: spans enough annotators agree on exactly become the curator's (gold).

For every document at least two annotators marked done, a span (range and label) marked
by enough of them — all, a majority (more than half) or at least N — is copied into the
curator's layer. The rest waits for the curator. Re-running adds nothing twice, and a
document whose curation the curator has started (curation status other than todo) is
left alone, so a span the curator removed never comes back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from annotator.storage.curation import GoldSpan
from annotator.store import Store
from annotator.team.errors import TeamError
from annotator.team.roles import ensure_curator

CURATION_STATUSES = ("todo", "in_progress", "done")


@dataclass
class AdjudicationReport:
    documents: int = 0  # documents with at least two annotators done
    accepted: int = 0  # spans copied into the gold layer in this run
    already: int = 0  # agreed spans the curator had already
    waiting: int = 0  # distinct spans without enough agreement, left to the curator
    skipped: list[str] = field(default_factory=list)  # documents under curation, untouched
    mixed_attributes: int = 0  # accepted spans whose annotators' attributes differed

    def summary(self) -> str:
        text = (
            f"{self.documents} documents: {self.accepted} agreed spans added to the gold layer, "
            f"{self.already} already there, {self.waiting} waiting for the curator"
        )
        if self.mixed_attributes:
            text += f"; {self.mixed_attributes} added without attributes (annotators' differed)"
        if self.skipped:
            text += f"; {len(self.skipped)} documents under curation left as they are"
        return text


def required_votes(min_agree: str, annotators: int) -> int:
    """How many of a document's ``annotators`` must mark a span for it to be accepted."""
    if min_agree == "all":
        return annotators
    if min_agree == "majority":
        return annotators // 2 + 1
    try:
        n = int(min_agree)
    except ValueError:
        raise TeamError(
            f"--min-agree must be all, majority or a number, not {min_agree!r}"
        ) from None
    if n < 1:
        raise TeamError(f"--min-agree must be at least 1, not {n}")
    return n


def adjudicate(
    store: Store, curator: str, *, labelset: str | None = None, min_agree: str = "all"
) -> AdjudicationReport:
    report = AdjudicationReport()
    repo = store.team.curation
    with repo.transaction() as conn:
        curator_id = ensure_curator(store, curator, conn)
        done = {
            d: a
            for d, a in repo.done_by_annotators(conn, besides=curator_id).items()
            if len(a) >= 2
        }
        report.documents = len(done)
        curating = repo.started(curator_id, conn)
        votes: dict[tuple[int, int, int, int], list[dict[str, Any]]] = defaultdict(list)
        gold: set[tuple[int, int, int, int]] = set()
        for row in repo.votes(conn, labelset):
            key = (row.document_id, row.label_id, row.start, row.end)
            if row.annotator_id == curator_id:
                gold.add(key)
            elif row.document_id in done and row.annotator_id in done[row.document_id]:
                votes[key].append(row.attributes)
        skipped = sorted(d for d in curating if d in done)
        names = repo.document_names(skipped) if skipped else {}
        report.skipped = sorted(names[d] for d in skipped)
        accepted = []
        for key, attrs in sorted(votes.items()):
            doc_id, label_id, start, end = key
            if doc_id in curating:
                continue
            if len(attrs) < required_votes(min_agree, len(done[doc_id])):
                report.waiting += 1
                continue
            if key in gold:
                report.already += 1
                continue
            same = all(a == attrs[0] for a in attrs)
            report.mixed_attributes += 0 if same else 1
            accepted.append(GoldSpan(doc_id, label_id, start, end, attrs[0] if same else {}))
        report.accepted = repo.add_gold(conn, curator_id, accepted)
    return report


def set_curation_status(store: Store, document_id: int, curator: str, status: str) -> None:
    """The curator's progress on one document (separate from the annotators' done)."""
    if status not in CURATION_STATUSES:
        raise TeamError(
            f"curation status must be one of {', '.join(CURATION_STATUSES)}, not {status!r}"
        )
    repo = store.team.curation
    with repo.transaction() as conn:
        curator_id = ensure_curator(store, curator, conn)
        repo.set_status(document_id, curator_id, status, conn)


def curation_status(store: Store, document_id: int, curator: str) -> str:
    curator_id = store.annotator_id(curator, create=False)
    if curator_id is None:
        return "todo"
    return store.team.curation.status(document_id, curator_id) or "todo"
