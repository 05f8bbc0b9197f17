"""What the article view draws, in Qt positions, and how it finds what meets a window.

Only spans that intersect the viewport are looked at: ranges are kept sorted, with a running
maximum of their ends, so a bisect finds the first candidate even among thousands.
"""

from __future__ import annotations

import bisect
import heapq
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, islice


@dataclass(frozen=True, slots=True)
class SpanView:
    """What the view needs to draw one span or suggestion (offsets in code points).

    ``own`` is False for another annotator's span: it is drawn as an outline instead of a
    fill, so one's own work and the others' can be told apart at a glance.
    """

    id: int
    start: int
    end: int
    color: str
    label: str = ""
    tooltip: str = ""
    own: bool = True


@dataclass(frozen=True, slots=True)
class SpanNote:
    """Something said about a drawn span by another part of the app (its comments, the
    curator's decision): ``mark`` is drawn as a small badge at the span's start (nothing
    when empty), ``tooltip`` is added to the span's hover text."""

    mark: str = ""
    tooltip: str = ""


@dataclass(slots=True)
class Item:
    """A drawable range in Qt positions, with its stacking layer."""

    view: SpanView
    qs: int
    qe: int
    layer: int = 0


def _order(it: Item) -> tuple[int, int, int]:
    return it.qs, it.qe, it.view.id


class RangeIndex:
    """Sorted ranges with a running max of ends: finds those meeting a window fast."""

    def __init__(self, items: list[Item]) -> None:
        self._index(sorted(items, key=_order))

    def _index(self, items: list[Item]) -> None:
        self.items = items
        self._starts = [it.qs for it in items]
        self._max_end = list(accumulate((it.qe for it in items), max))

    def replace(self, removed: Iterable[Item], added: Iterable[Item]) -> None:
        """Drop ``removed`` (these very items) and insert ``added`` in order: a label key
        changes one range among thousands, so each is found by bisection and the running
        max of ends is recomputed only from the first changed position on."""
        items, starts = self.items, self._starts
        first = len(items)
        for it in removed:
            i = bisect.bisect_left(starts, it.qs)
            while i < len(items) and items[i] is not it and starts[i] == it.qs:
                i += 1
            if i >= len(items) or items[i] is not it:
                self._index([x for x in items if x is not it])  # not where expected
                items, starts, first = self.items, self._starts, 0
                continue
            del items[i]
            del starts[i]
            first = min(first, i)
        for it in added:
            i = bisect.bisect_right(items, _order(it), key=_order)
            items.insert(i, it)
            starts.insert(i, it.qs)
            first = min(first, i)
        max_end = self._max_end
        del max_end[first:]
        ends = (x.qe for x in items[first:])
        if first:  # carry on from the max before the first change (skip the initial value)
            max_end.extend(islice(accumulate(ends, max, initial=max_end[-1]), 1, None))
        else:
            max_end.extend(accumulate(ends, max))

    def overlapping(self, lo: int, hi: int) -> list[Item]:
        """Items with qs < hi and qe > lo (zero-length items at lo..hi included)."""
        first = bisect.bisect_right(self._max_end, lo)
        # Empty ranges (qs == qe == lo) still deserve a hit when they sit in the window.
        while first > 0 and self._max_end[first - 1] == lo:
            first -= 1
        last = bisect.bisect_left(self._starts, hi)
        return [it for it in self.items[first:last] if it.qe > lo or it.qs == it.qe == lo]


def assign_layers(ranges: Sequence[tuple[int, int]]) -> list[int]:
    """Greedy interval colouring: overlapping ranges get different layers, lowest first.

    Sorting by start then longest first puts an enclosing span on a lower layer than the
    spans nested in it, which reads naturally (outer underline closest to the text).
    Two heaps (open ranges by end, freed layers) keep it O(n log n) for thousands of spans.
    """
    order = sorted(range(len(ranges)), key=lambda i: (ranges[i][0], -ranges[i][1], i))
    layers = [0] * len(ranges)
    active: list[tuple[int, int]] = []  # heap of (end, layer) of ranges still open
    free: list[int] = []  # heap of layers no open range uses, below next_layer
    next_layer = 0
    for i in order:
        start, end = ranges[i]
        while active and active[0][0] <= start:
            heapq.heappush(free, heapq.heappop(active)[1])
        if free:
            layer = heapq.heappop(free)
        else:
            layer = next_layer
            next_layer += 1
        layers[i] = layer
        heapq.heappush(active, (max(end, start + 1), layer))
    return layers


def relayer(index: RangeIndex, dirty: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    """Re-run :func:`assign_layers` on the clusters of ``index`` that meet a ``dirty`` range
    (the old range of a removed item, the range of an added one). A cluster is a run of
    ranges chained by overlaps; the greedy colouring of one never depends on another (every
    layer is free again where a cluster ends), so the layers come out exactly as assigning
    all ranges anew, at the cost of the clusters only. Cuts are taken where the running
    max of ends is below the next start: never inside a cluster (a cut may be missed, which
    only makes a re-run cover two clusters), and no per-call pass over all items.

    Returns the Qt range the re-layered clusters cover (None when none was touched): what
    has to be repainted, since a layer change moves an underline.
    """
    items, starts, ends = index.items, index._starts, index._max_end
    done: set[tuple[int, int]] = set()
    lo, hi = sys.maxsize, -1
    for a, b in dirty:
        first = bisect.bisect_left(ends, a)  # every range before it ends before a
        last = bisect.bisect_left(starts, max(b, a + 1))  # and every one from it starts after
        if first >= last:
            continue
        while first > 0 and ends[first - 1] >= starts[first]:
            first -= 1  # back to the start of the cluster
        while last < len(items) and ends[last - 1] >= starts[last]:
            last += 1  # on to its end
        if (first, last) in done:
            continue
        done.add((first, last))
        part = items[first:last]
        for it, layer in zip(part, assign_layers([(it.qs, it.qe) for it in part]), strict=True):
            it.layer = layer
        lo = min(lo, starts[first])
        hi = max(hi, ends[last - 1])
    return (lo, hi) if hi >= 0 else None
