"""Verbatim runs shared by a draft and the corpus, found through the 3-gram index.

A run of at least ``min_len`` normalised characters holds ``min_len - 2`` consecutive 3-gram starts,
so it contains a whole block of ``(min_len - 2) // 2`` of them wherever it begins. From each block we
take its rarest gram only and extend every occurrence of it left and right, comparing arrays: the
cost follows the draft's length and the rarity of its grams, never the size of the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yinwen.corpus.store import Corpus
from yinwen.text.normalize import to_codes

# A block whose rarest gram occurs more often than this is stock language everywhere in the corpus.
MAX_POSTINGS = 2000
# For telling stock phrases apart, far fewer places suffice: a block of 8 characters whose every
# 3-gram occurs in this many places or more is common language, whatever its exact wording.
STOCK_POSTINGS = 300


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
    if len(text) < max(min_len, 3) or corpus.norm_length == 0:
        return []
    lookups = corpus.lookups
    codes = to_codes(text)
    counts = lookups.triple_counts(codes)
    offsets = _rarest_per_block(counts, max(1, (min_len - 2) // 2), max_postings)
    sizes = counts[offsets]
    table = lookups.run_rows(codes, offsets, np.cumsum(sizes) - sizes, min_len)
    table = table[:, np.argsort(table[0], kind="stable")]  # in the order the loop over blocks reached them
    table = table[:, table[2] - table[1] >= min_len]
    return [Run(lo, hi, diagonal + lo) for lo, hi, diagonal in zip(*table[1:].tolist())]


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
    if len(codes) >= 3 and corpus.norm_length and len(codes) - 2 >= block:
        counts = corpus.lookups.triple_counts(codes)
        common = np.lib.stride_tricks.sliding_window_view(counts > STOCK_POSTINGS, block).all(axis=1)
        opened = np.flatnonzero(common)
        marks += np.bincount(opened, minlength=len(marks)) - np.bincount(opened + block + 2, minlength=len(marks))
    return np.cumsum(marks)[:-1] > 0
