"""IntervalSet answers exactly as the list scan it replaced in YW202."""

from __future__ import annotations

import random

from yinwen.text.intervals import IntervalSet


def test_overlaps_agrees_with_a_scan_of_every_interval() -> None:
    rng = random.Random(7)
    for _ in range(200):
        taken: list[tuple[int, int]] = []
        merged = IntervalSet()
        for _ in range(rng.randrange(1, 40)):
            start = rng.randrange(0, 200)
            end = start + rng.randrange(1, 30)
            taken.append((start, end))
            merged.add(start, end)
            for _ in range(20):
                a = rng.randrange(0, 230)
                b = a + rng.randrange(1, 25)
                assert merged.overlaps(a, b) == any(a < y and x < b for x, y in taken)
