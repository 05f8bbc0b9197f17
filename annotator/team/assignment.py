"""Who labels which document: balanced assignment with an overlap sample, and queues.

``assign`` gives each selected document to K annotators, always to the least-loaded
ones (existing assignments count), ties broken by a seeded shuffle so a run can be
repeated exactly. With ``overlap`` that fraction of the newly assigned documents goes to
every annotator: the sample agreement is measured on. Re-running only adds: a document
keeps every assignment it has, a document someone has already started is given to them
first, and a document that already has its K annotators is left alone.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.store import Store, normalize_status
from annotator.team.errors import TeamError

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass
class AssignReport:
    """What one ``assign`` run did."""

    selected: int = 0  # documents the run considered
    overlap: int = 0  # documents given to every annotator in this run
    added: dict[str, int] = field(default_factory=dict)  # annotator → new assignments
    kept: int = 0  # documents already fully assigned, left alone
    started: int = 0  # assignments recorded because the annotator had started the document

    def summary(self) -> str:
        per = ", ".join(f"{name} +{n}" for name, n in self.added.items())
        return (
            f"{self.selected} documents considered: {sum(self.added.values())} assignments "
            f"added ({per}); {self.overlap} documents to every annotator; {self.kept} already "
            f"assigned, left as they were; {self.started} kept with who had started them"
        )


def _id(store: Store, name: str) -> int:
    """The annotator's id, created on first use (``annotator_id`` creates, so never None)."""
    found = store.annotator_id(name)
    assert found is not None
    return found


def _selected_documents(
    store: Store, conn: Connection, annotator_ids: Sequence[int], status: str | None
) -> list[int]:
    """All documents, or those whose status is ``status`` for every listed annotator."""
    repo = store.team.assignments
    doc_ids = repo.document_ids(conn)
    if status is None:
        return doc_ids
    status = normalize_status(status)
    other: set[int] = set()
    matching: dict[int, int] = {}
    for doc_id, st in repo.statuses(conn, annotator_ids):
        if st == status:
            matching[doc_id] = matching.get(doc_id, 0) + 1
        else:
            other.add(doc_id)
    if status == "todo":  # no row means todo
        return [d for d in doc_ids if d not in other]
    return [d for d in doc_ids if matching.get(d, 0) == len(annotator_ids)]


def assign(
    store: Store,
    annotators: Sequence[str],
    per_document: int,
    *,
    overlap: float = 0.0,
    seed: int | None = None,
    status: str | None = None,
) -> AssignReport:
    """Assign documents (see the module docstring); one transaction, all or nothing."""
    names = list(dict.fromkeys(n.strip() for n in annotators if n.strip()))
    if not names:
        raise TeamError("name at least one annotator (--annotators a,b,c)")
    if not 1 <= per_document <= len(names):
        raise TeamError(
            f"--per-document must be between 1 and the number of annotators "
            f"({len(names)}), not {per_document}"
        )
    if not 0.0 <= overlap <= 1.0:
        raise TeamError(f"--overlap is a fraction between 0 and 1, not {overlap}")
    ids: dict[str, int] = {name: _id(store, name) for name in names}
    rng = random.Random(seed)
    report = AssignReport(added={name: 0 for name in names})
    repo = store.team.assignments
    with repo.transaction() as conn:
        selected = _selected_documents(store, conn, list(ids.values()), status)
        report.selected = len(selected)
        existing = repo.existing(conn)
        load = {aid: 0 for aid in ids.values()}
        for assigned in existing.values():
            for aid in assigned:
                if aid in load:
                    load[aid] += 1
        started = repo.started(conn, list(ids.values()))
        order = list(selected)
        rng.shuffle(order)
        fresh = [
            d for d in order if not (existing.get(d, set()) | started.get(d, set())) & set(load)
        ]
        sample = set(fresh[: math.floor(overlap * len(fresh) + 0.5)]) if overlap else set()
        report.overlap = len(sample)
        pairs: list[tuple[int, int]] = []
        name_of = {aid: name for name, aid in ids.items()}
        for doc_id in order:
            have = existing.get(doc_id, set()) & set(load)
            target = len(load) if doc_id in sample else per_document
            chosen = set()
            for aid in sorted(started.get(doc_id, set()) - have):
                chosen.add(aid)
                report.started += 1
            if not chosen and len(have) >= target:
                report.kept += 1
                continue
            candidates = [aid for aid in load if aid not in have and aid not in chosen]
            rng.shuffle(candidates)
            candidates.sort(key=lambda aid: load[aid])  # stable: ties stay shuffled
            need = max(target - len(have) - len(chosen), 0)
            chosen.update(candidates[:need])
            for aid in chosen:
                load[aid] += 1
                report.added[name_of[aid]] += 1
                pairs.append((doc_id, aid))
        repo.add(conn, pairs)
    return report


def queue(store: Store, annotator: str) -> list[int]:
    """The annotator's queue: documents assigned to them and not done (nor skipped), in
    document order. The app's "my queue" walks this list."""
    annotator_id = store.annotator_id(annotator, create=False)
    if annotator_id is None:
        return []
    return store.team.assignments.queue(annotator_id)


def assignment_stats(store: Store) -> dict[str, dict[str, int]]:
    """Per annotator: documents assigned, of them done, and still open (for ``stats``)."""
    return {
        name: {"assigned": total, "finished": finished, "open": total - finished}
        for name, total, finished in store.team.assignments.counts()
    }
