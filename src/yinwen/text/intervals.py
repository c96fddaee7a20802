"""A growing set of half-open intervals that answers "does [start, end) overlap any of them?" by bisection.

YW202 asks this for every candidate piece against every stretch already reported; scanning a list
made the rule quadratic on long documents. Overlapping or touching intervals are merged as they are
added, which leaves every answer unchanged for non-empty queries and intervals.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class IntervalSet:
    """Disjoint, sorted intervals: the union of everything added."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        """Add [start, end) (non-empty), merging it with the intervals it overlaps or touches."""
        first = bisect_left(self._ends, start)  # the first interval ending at or after ``start``
        last = bisect_right(self._starts, end)  # one past the last interval starting at or before ``end``
        if first < last:
            start = min(start, self._starts[first])
            end = max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the non-empty [start, end) shares a position with an interval of the set."""
        index = bisect_right(self._ends, start)  # the first interval ending after ``start``
        return index < len(self._starts) and self._starts[index] < end
