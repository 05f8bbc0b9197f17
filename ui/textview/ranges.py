"""What the article view draws, in Qt positions, and how it finds what meets a window.

Only spans that intersect the viewport are looked at: ranges are kept sorted, with a running
maximum of their ends, so a bisect finds the first candidate even among thousands.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Sequence
from dataclasses import dataclass


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


@dataclass(slots=True)
class Item:
    """A drawable range in Qt positions, with its stacking layer."""

    view: SpanView
    qs: int
    qe: int
    layer: int = 0


class RangeIndex:
    """Sorted ranges with a running max of ends: finds those meeting a window fast."""

    def __init__(self, items: list[Item]) -> None:
        self.items = sorted(items, key=lambda it: (it.qs, it.qe, it.view.id))
        self._starts = [it.qs for it in self.items]
        self._max_end: list[int] = []
        running = -1
        for it in self.items:
            running = max(running, it.qe)
            self._max_end.append(running)

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
