"""The index questions a search asks, answered on one index (``LocalLookups``).

A sharded corpus answers the same five questions by asking every shard and merging (sharded.py), so
the searches built on them (search.py, verbatim.py) give one answer however the corpus is split:
counts are summed before any threshold is applied, postings are concatenated in shard order (which
is corpus order), and every verbatim run carries the index of the posting that found it.
"""

from __future__ import annotations

import numpy as np

from yinwen.corpus.index import IndexArrays

STEP = 64
WINDOW_CELLS = 1 << 20  # characters compared at once in _equal_length (bounds its memory to tens of MB)


class LocalLookups:
    """Answers on one index; ``offset`` is added to every corpus position it returns (a shard's place)."""

    def __init__(self, arrays: IndexArrays, offset: int = 0) -> None:
        self.arrays = arrays
        self.offset = offset
        self._memo: tuple[bytes, int, np.ndarray, np.ndarray] | None = None

    def _ranges(self, codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        key = codes.tobytes()
        if self._memo is not None and self._memo[0] == key and self._memo[1] == n:
            return self._memo[2], self._memo[3]
        ids = self.arrays.ids(codes)
        first, end = self.arrays.gram_ranges(ids, n) if n == 2 or len(codes) - 2 <= 65536 else _distinct_triples(self.arrays, ids)
        self._memo = (key, n, first, end)
        return first, end

    def gram_counts(self, codes: np.ndarray, n: int) -> np.ndarray:
        """How often each n-gram of ``codes`` (code points) occurs."""
        first, end = self._ranges(codes, n)
        return end - first

    def gram_lists(self, codes: np.ndarray, n: int, offsets: list[int]) -> list[np.ndarray]:
        """The corpus positions of the n-grams at ``offsets`` (3-grams: ascending)."""
        first, end = self._ranges(codes, n)
        positions = self.arrays.positions
        return [positions[int(first[i]): int(end[i])].astype(np.int64) + self.offset for i in offsets]

    def occurrences(self, codes: np.ndarray, limit: int) -> list[int]:
        """The first ``limit`` positions (ascending) where ``codes`` occurs verbatim."""
        ids = self.arrays.ids(codes)
        norm = self.arrays.norm
        if len(ids) < 2 or (ids < 0).any():
            return []
        n = 2 if len(ids) < 3 else 3
        counts = self.gram_counts(codes, n)
        if not len(counts) or not counts.all():
            return []
        # Any gram's postings hold every occurrence: the rarest costs least.
        offset = int(np.argmin(counts))
        starts = np.sort(self.gram_lists(codes, n, [offset])[0] - self.offset - offset)
        starts = starts[(starts >= 0) & (starts + len(ids) <= len(norm))]
        hits: list[np.ndarray] = []
        found = 0
        rows = max(1, (1 << 18) // len(ids))
        span = np.arange(len(ids))
        for begin in range(0, len(starts), rows):  # a block at a time, in position order, until enough
            block = starts[begin: begin + rows]
            same = (norm[block[:, None] + span] == ids).all(axis=1)
            hits.append(block[same])
            found += int(same.sum())
            if found >= limit:
                break
        return (np.concatenate(hits)[:limit] + self.offset).tolist() if hits else []

    def triple_counts(self, codes: np.ndarray) -> np.ndarray:
        return self.gram_counts(codes, 3)

    def run_rows(self, codes: np.ndarray, offsets: np.ndarray, key_base: np.ndarray, min_len: int = 0) -> np.ndarray:
        """(key, start, end, diagonal) of each distinct maximal run reached from the 3-grams at
        ``offsets``; a run's key is ``key_base`` of its gram plus the index of the posting that first
        reached it; only runs of ``min_len`` characters or more. Diagonals are corpus position − draft offset."""
        arrays = self.arrays
        norm, positions, bounds = arrays.norm, arrays.positions, arrays.src_norm
        ids = arrays.ids(codes)  # compared with the corpus as character ids (−1: not in it)
        first, end = self._ranges(codes, 3)
        counts = end - first
        found: list[np.ndarray] = []
        for batch in _batches(counts[offsets]):
            offs, sizes = offsets[batch], counts[offsets[batch]]
            hits = _gather(first[offs], sizes, positions)
            within = np.arange(len(hits)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            keys = np.repeat(key_base[batch], sizes) + within
            pair_offsets = np.repeat(offs, sizes)
            diagonals = hits - pair_offsets
            lo, hi = _stretches(ids, norm, pair_offsets, diagonals)
            # A run never crosses from one source into the next.
            source = np.searchsorted(bounds, hits, side="right") - 1
            lo = np.maximum(lo, bounds[source] - diagonals)
            hi = np.minimum(hi, bounds[source + 1] - diagonals)
            kept = _first_of_each(lo, hi, diagonals)
            kept = kept[hi[kept] - lo[kept] >= min_len]  # kept per batch: the short ones would pile up
            found.append(np.stack((keys[kept], lo[kept], hi[kept], diagonals[kept] + self.offset)))
        if not found:
            return np.zeros((4, 0), np.int64)
        table = np.concatenate(found, axis=1)
        return table[:, _first_of_each(table[1], table[2], table[3])]


def _distinct_triples(arrays: IndexArrays, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``triple_ranges`` of a long text, each distinct gram looked up once (a search of the whole
    index per character is the slowest step at millions of characters)."""
    # One 63-bit key per gram (ids + 1 < 2^21; an unknown character, −1, becomes 0).
    keys = ((ids[:-2] + 1) << 42) | ((ids[1:-1] + 1) << 21) | (ids[2:] + 1)
    distinct, inverse = np.unique(keys, return_inverse=True)
    mask = (1 << 21) - 1
    lows, highs = arrays.triples((distinct >> 42) - 1, ((distinct >> 21) & mask) - 1, (distinct & mask) - 1)
    inverse = inverse.reshape(-1)
    return lows[inverse], highs[inverse]


def _batches(sizes: np.ndarray, limit: int = 1 << 21) -> list[slice]:
    """Consecutive slices of ``sizes`` each summing to about ``limit`` or less (bounds the memory)."""
    ends = np.cumsum(sizes)
    cuts = np.searchsorted(ends, np.arange(limit, int(ends[-1]) if len(ends) else 0, limit), side="right")
    edges = [0, *sorted(set(cuts.tolist()) - {0, len(sizes)}), len(sizes)]
    return [slice(a, b) for a, b in zip(edges, edges[1:]) if b > a]


def _gather(firsts: np.ndarray, counts: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The corpus positions ``positions[first: first + count]`` of each gram, concatenated in order."""
    total = int(counts.sum())
    shift = np.repeat(firsts - (np.cumsum(counts) - counts), counts)
    return positions[shift + np.arange(total)].astype(np.int64)


def _first_of_each(lo: np.ndarray, hi: np.ndarray, diagonals: np.ndarray) -> np.ndarray:
    """Index of the first occurrence of each distinct (lo, hi, diagonal), in no particular order."""
    if not len(lo):
        return np.zeros(0, np.int64)
    order = np.lexsort((hi, lo, diagonals))  # stable: the first of equal triples comes first
    new = np.ones(len(order), dtype=bool)
    new[1:] = (np.diff(diagonals[order]) != 0) | (np.diff(lo[order]) != 0) | (np.diff(hi[order]) != 0)
    return order[new]


def _stretches(codes: np.ndarray, norm: np.ndarray, offsets: np.ndarray, diagonals: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """For each pair, the maximal [start, end) around draft ``offset`` equal to the corpus at
    ``offset + diagonal`` (the gram at ``offset`` is known to match).

    Pairs on one diagonal whose offsets are joined by equal text share one stretch: each pair is
    compared only as far as the next pair on its diagonal, and only the ends of each chain are
    extended further, so a long passage hit by many blocks is compared once, as the loop did.
    """
    order = np.lexsort((offsets, diagonals))
    o, d = offsets[order], diagonals[order]
    same_next = np.zeros(len(o), dtype=bool)
    same_next[:-1] = d[1:] == d[:-1]
    gap = np.zeros(len(o), dtype=np.int64)
    gap[:-1] = o[1:] - o[:-1]
    limit = np.minimum(len(codes) - o, len(norm) - (o + d))
    forward = _equal_length(codes, norm, o, o + d, np.where(same_next, np.minimum(gap, limit), limit), 1)
    joined = same_next & (forward >= gap)  # the pair and the next one lie in one stretch
    first = np.ones(len(o), dtype=bool)
    first[1:] = ~joined[:-1]
    heads, tails = np.flatnonzero(first), np.flatnonzero(~joined)
    backward = _equal_length(codes, norm, o[heads], o[heads] + d[heads],
                             np.minimum(o[heads], o[heads] + d[heads]), -1)
    group = np.cumsum(first) - 1
    lo, hi = np.empty_like(o), np.empty_like(o)
    lo[order] = (o[heads] - backward)[group]
    hi[order] = (o[tails] + forward[tails])[group]
    return lo, hi


def _equal_length(codes: np.ndarray, norm: np.ndarray, a: np.ndarray, b: np.ndarray, cap: np.ndarray,
                  step: int) -> np.ndarray:
    """How many characters ``codes`` and ``norm`` agree on from ``a`` and ``b`` (``step`` 1: at a, a+1, …;
    -1: at a-1, a-2, …), at most ``cap``; compared in widening windows for all pairs at once."""
    length = np.zeros(len(a), dtype=np.int64)
    active = np.flatnonzero(cap > 0)
    width = 8
    while len(active):
        agree = np.empty(len(active), dtype=np.int64)
        # A window per pair is width cells: millions of pairs (a draft that repeats a common clause
        # thousands of times) at once took most of a gigabyte, so they are compared a slice at a time.
        rows = max(1, WINDOW_CELLS // width)
        for first in range(0, len(active), rows):
            part = active[first: first + rows]
            k = length[part, None] + np.arange(width)
            ia = a[part, None] + (k if step > 0 else -1 - k)
            ib = b[part, None] + (k if step > 0 else -1 - k)
            same = k < cap[part, None]
            same &= codes[np.clip(ia, 0, len(codes) - 1)] == norm[np.clip(ib, 0, len(norm) - 1)]
            agree[first: first + rows] = np.where(same.all(axis=1), width, same.argmin(axis=1))
        length[active] += agree
        active = active[agree == width]
        width = min(width * 2, STEP * 16)
    return length
