"""Verbatim runs shared by a draft and the corpus, found through the 3-gram index.

A run of at least ``min_len`` normalised characters holds ``min_len - 2`` consecutive 3-gram starts,
so it contains a whole block of ``(min_len - 2) // 2`` of them wherever it begins. From each block we
take its rarest gram only and extend every occurrence of it left and right, comparing arrays: the
cost follows the draft's length and the rarity of its grams, never the size of the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yinwen.corpus.index import gram_keys
from yinwen.corpus.store import Corpus
from yinwen.text.normalize import to_codes

# A block whose rarest gram occurs more often than this is stock language everywhere in the corpus.
MAX_POSTINGS = 2000
# For telling stock phrases apart, far fewer places suffice: a block of 8 characters whose every
# 3-gram occurs in this many places or more is common language, whatever its exact wording.
STOCK_POSTINGS = 300
STEP = 64
WINDOW_CELLS = 1 << 20  # characters compared at once in _equal_length (bounds its memory to tens of MB)


@dataclass(frozen=True)
class Run:
    """Draft text [start, end) (normalised offsets) equals the corpus at ``corpus_start``."""

    start: int
    end: int
    corpus_start: int

    @property
    def length(self) -> int:
        return self.end - self.start


def verbatim_runs(corpus: Corpus, text: str, min_len: int, max_postings: int = MAX_POSTINGS) -> list[Run]:
    """Every maximal run of ``text`` of at least ``min_len`` characters found verbatim in the corpus.

    One run per corpus place: a phrase found in many places yields many runs (callers count them).
    Runs come in the order of the block, then the posting, that first reached them.
    """
    codes = to_codes(text)
    norm = corpus.arrays.norm
    if len(codes) < max(min_len, 3) or len(norm) == 0:
        return []
    keys, starts, positions = corpus.arrays.grams[3]
    query = gram_keys(codes, 3)
    slots = _slots(keys, query)
    present = keys[slots] == query
    counts = np.where(present, starts[slots + 1] - starts[slots], 0).astype(np.int64)
    offsets = _rarest_per_block(counts, max(1, (min_len - 2) // 2), max_postings)
    bounds = corpus.arrays.src_norm
    found: list[np.ndarray] = []  # per batch: (first pair index, start, end, diagonal) of each run
    done = 0
    for batch in _batches(counts[offsets]):
        offs = offsets[batch]
        hits = _postings(starts[slots[offs]].astype(np.int64), counts[offs], positions)
        pair_offsets = np.repeat(offs, counts[offs])
        diagonals = hits - pair_offsets
        lo, hi = _stretches(codes, norm, pair_offsets, diagonals)
        # A run never crosses from one source into the next.
        source = np.searchsorted(bounds, hits, side="right") - 1
        lo = np.maximum(lo, bounds[source] - diagonals)
        hi = np.minimum(hi, bounds[source + 1] - diagonals)
        firsts = _first_of_each(lo, hi, diagonals)
        firsts = firsts[hi[firsts] - lo[firsts] >= min_len]  # kept per batch: the short ones would pile up
        found.append(np.stack((firsts + done, lo[firsts], hi[firsts], diagonals[firsts])))
        done += len(hits)
    if not found:
        return []
    table = np.concatenate(found, axis=1)
    firsts = _first_of_each(table[1], table[2], table[3])
    firsts = firsts[np.argsort(table[0, firsts])]  # in the order the loop over blocks reached them
    table = table[:, firsts[table[2, firsts] - table[1, firsts] >= min_len]]
    return [Run(lo, hi, diagonal + lo) for lo, hi, diagonal in zip(*table[1:].tolist())]


def _slots(keys: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Where each query key is or would be in the sorted ``keys`` (clamped to the last slot).

    A long draft repeats its grams: each distinct one is looked up once, since a binary search of
    the whole index per character is the slowest step at millions of characters.
    """
    if len(query) <= 65536:
        return np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    distinct, inverse = np.unique(query, return_inverse=True)
    return np.minimum(np.searchsorted(keys, distinct), len(keys) - 1)[inverse.reshape(-1)]


def _rarest_per_block(counts: np.ndarray, block: int, max_postings: int) -> np.ndarray:
    """Offset of the rarest gram (the first, on a tie) of each block of ``block`` gram starts whose
    grams all occur in the corpus, and no more than ``max_postings`` times."""
    n_blocks = -(-len(counts) // block)
    grid = np.full(n_blocks * block, np.iinfo(np.int64).max, dtype=np.int64)
    grid[: len(counts)] = counts  # the last block is short: padding is never the rarest
    grid = grid.reshape(n_blocks, block)
    rarest = grid.argmin(axis=1)
    fewest = grid[np.arange(n_blocks), rarest]
    usable = (fewest > 0) & (fewest <= max_postings)
    return np.flatnonzero(usable) * block + rarest[usable]


def _batches(sizes: np.ndarray, limit: int = 1 << 21) -> list[slice]:
    """Consecutive slices of ``sizes`` each summing to about ``limit`` or less (bounds the memory)."""
    ends = np.cumsum(sizes)
    cuts = np.searchsorted(ends, np.arange(limit, int(ends[-1]) if len(ends) else 0, limit), side="right")
    edges = [0, *sorted(set(cuts.tolist()) - {0, len(sizes)}), len(sizes)]
    return [slice(a, b) for a, b in zip(edges, edges[1:]) if b > a]


def _postings(firsts: np.ndarray, counts: np.ndarray, positions: np.ndarray) -> np.ndarray:
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


def covering_counts(runs: list[Run]) -> np.ndarray:
    """For each run, in how many corpus places its draft stretch occurs (runs that cover it).

    Compared all against all, as before, but a block of rows at a time in numpy, not run by run.
    """
    if not runs:
        return np.zeros(0, np.int64)
    starts = np.array([run.start for run in runs], dtype=np.int64)
    ends = np.array([run.end for run in runs], dtype=np.int64)
    counts = np.empty(len(runs), dtype=np.int64)
    rows = max(1, (1 << 22) // len(runs))
    for a in range(0, len(runs), rows):
        covers = (starts[None, :] <= starts[a: a + rows, None]) & (ends[None, :] >= ends[a: a + rows, None])
        counts[a: a + rows] = np.count_nonzero(covers, axis=1)
    return counts


def stock_mask(corpus: Corpus, text: str, min_len: int = 8, min_occurrences: int = 3) -> np.ndarray:
    """True for each character of ``text`` inside a phrase of ``min_len`` characters or more that the
    corpus holds in ``min_occurrences`` places or more (习近平新时代中国特色社会主义思想)."""
    marks = np.zeros(len(text) + 1, dtype=np.int64)  # +1 where a marked stretch opens, -1 past its end
    runs = verbatim_runs(corpus, text, min_len, STOCK_POSTINGS)
    for run, count in zip(runs, covering_counts(runs).tolist()):
        if count >= min_occurrences:
            marks[run.start] += 1
            marks[run.end] -= 1
    # A block too common to extend (more than STOCK_POSTINGS places) is stock language too.
    codes = to_codes(text)
    block = max(1, (min_len - 2) // 2)
    if len(codes) >= 3 and len(corpus.arrays.norm) and len(codes) - 2 >= block:
        keys, starts, _ = corpus.arrays.grams[3]
        query = gram_keys(codes, 3)
        slots = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
        counts = np.where(keys[slots] == query, starts[slots + 1] - starts[slots], 0)
        common = np.lib.stride_tricks.sliding_window_view(counts > STOCK_POSTINGS, block).all(axis=1)
        opened = np.flatnonzero(common)
        marks += np.bincount(opened, minlength=len(marks)) - np.bincount(opened + block + 2, minlength=len(marks))
    return np.cumsum(marks)[:-1] > 0
