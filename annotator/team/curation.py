"""What a curator looks at for one document: each annotator's lane, the gold layer, and
the list of items to decide, walked in reading order.

An *item* is one distinct (label, start, end) somebody marked. It is a **conflict** when
not every annotator of the document marked it exactly; an item everyone marked is
agreed (``annotator adjudicate`` takes those automatically). Each item says who marked it
and whether the gold layer has it, so "take A's", "reject" and "next conflict" are
decisions over this list.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.records import SpanData
from annotator.store import Store


@dataclass(frozen=True)
class CurationItem:
    label: str
    start: int
    end: int
    text: str
    marked_by: tuple[str, ...]  # annotators who marked exactly this, in lane order
    spans: tuple[SpanData, ...]  # their spans
    gold: SpanData | None  # the curator's span for it, if taken


@dataclass
class CurationState:
    document_id: int
    curator: str
    annotators: list[str]  # lanes, in name order
    lanes: dict[str, list[SpanData]]
    gold: list[SpanData]
    items: list[CurationItem]

    def is_conflict(self, item: CurationItem) -> bool:
        """Not marked by every annotator of the document (or only in gold)."""
        return len(item.marked_by) < len(self.annotators)

    @property
    def conflicts(self) -> list[CurationItem]:
        return [item for item in self.items if self.is_conflict(item)]

    @property
    def undecided(self) -> list[CurationItem]:
        """Conflicts the gold layer does not hold yet."""
        return [item for item in self.conflicts if item.gold is None]


def document_annotators(store: Store, document_id: int) -> list[str]:
    """Annotators (role annotator) with spans or a status beyond todo in the document."""
    return store.team.curation.document_annotators(document_id)


def curation_state(
    store: Store, document_id: int, curator: str, *, labelset: str | None = None
) -> CurationState:
    annotators = document_annotators(store, document_id)
    spans = [s for s in store.spans(document_id) if labelset is None or s.labelset == labelset]
    lanes = {name: [s for s in spans if s.annotator == name] for name in annotators}
    gold = [s for s in spans if s.annotator == curator]
    gold_by_key = {(s.label, s.start, s.end): s for s in gold}
    grouped: dict[tuple[str, int, int], list[SpanData]] = {}
    for name in annotators:
        for span in lanes[name]:
            grouped.setdefault((span.label, span.start, span.end), []).append(span)
    for key in gold_by_key:
        grouped.setdefault(key, [])
    items = []
    for (label, start, end), marked in sorted(
        grouped.items(), key=lambda kv: (kv[0][1], kv[0][2], kv[0][0])
    ):
        text = marked[0].text if marked else gold_by_key[(label, start, end)].text
        items.append(
            CurationItem(
                label,
                start,
                end,
                text,
                tuple(s.annotator for s in marked),
                tuple(marked),
                gold_by_key.get((label, start, end)),
            )
        )
    return CurationState(document_id, curator, annotators, lanes, gold, items)


def next_conflict(state: CurationState, after: int | None, step: int = 1) -> int | None:
    """Index in ``state.items`` of the next (step=1) or previous (step=-1) undecided
    conflict after index ``after`` (None: from the start/end), wrapping around."""
    indices = [
        i for i, item in enumerate(state.items) if state.is_conflict(item) and item.gold is None
    ]
    if not indices:
        return None
    if after is None:
        return indices[0] if step > 0 else indices[-1]
    if step > 0:
        return next((i for i in indices if i > after), indices[0])
    return next((i for i in reversed(indices) if i < after), indices[-1])


def curation_queue(store: Store, curator: str) -> list[tuple[int, str, str]]:
    """Documents ready for curation — at least two annotators marked them done — as
    (document id, external id, curation status), in document order."""
    repo = store.team.curation
    ready = sorted(d for d, who in repo.done_by_annotators().items() if len(who) >= 2)
    if not ready:
        return []
    names = repo.document_names(ready)
    statuses = repo.statuses(store.annotator_id(curator, create=False))
    return [(doc_id, names[doc_id], statuses.get(doc_id, "todo")) for doc_id in ready]
