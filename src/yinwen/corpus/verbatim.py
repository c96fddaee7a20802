"""Verbatim runs shared by a draft and the corpus, found through the 3-gram index.

A run of at least ``min_len`` normalised characters holds ``min_len - 2`` consecutive 3-gram starts,
so it contains a whole block of ``(min_len - 2) // 2`` of them wherever it begins. From each block we
take its rarest gram only and extend every occurrence of it left and right, comparing arrays: the
cost follows the draft's length and the rarity of its grams, never the size of the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yinwen.corpus.index import gram_keys, to_codes
from yinwen.corpus.store import Corpus

# A block whose rarest gram occurs more often than this is stock language everywhere in the corpus.
MAX_POSTINGS = 2000
# For telling stock phrases apart, far fewer places suffice: a block of 8 characters whose every
# 3-gram occurs in this many places or more is common language, whatever its exact wording.
STOCK_POSTINGS = 300
STEP = 64


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
    """
    codes = to_codes(text)
    norm = corpus.arrays.norm
    if len(codes) < max(min_len, 3) or len(norm) == 0:
        return []
    keys, starts, positions = corpus.arrays.grams[3]
    query = gram_keys(codes, 3)
    slots = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
    present = keys[slots] == query
    counts = np.where(present, starts[slots + 1] - starts[slots], 0)
    block = max(1, (min_len - 2) // 2)
    found: dict[int, list[tuple[int, int]]] = {}  # diagonal -> draft stretches already extended
    runs: list[Run] = []
    bounds = corpus.arrays.src_norm
    for block_start in range(0, len(query), block):
        window = counts[block_start: block_start + block]
        if not window.all():
            continue  # a gram absent from the corpus: no run covers this whole block
        offset = block_start + int(np.argmin(window))
        count = int(counts[offset])
        if count > max_postings:
            continue
        slot = int(slots[offset])
        hits = positions[int(starts[slot]): int(starts[slot]) + count].astype(np.int64)
        for hit in hits.tolist():
            diagonal = hit - offset
            done = found.setdefault(diagonal, [])
            if any(a <= offset < b for a, b in done):
                continue
            start, end = _extend(codes, norm, offset, hit)
            # A run never crosses from one source into the next.
            source = int(np.searchsorted(bounds, hit, side="right")) - 1
            start = max(start, int(bounds[source]) - diagonal)
            end = min(end, int(bounds[source + 1]) - diagonal)
            done.append((start, end))
            if end - start >= min_len:
                runs.append(Run(start, end, diagonal + start))
    return runs


def _extend(codes: np.ndarray, norm: np.ndarray, offset: int, hit: int) -> tuple[int, int]:
    """The maximal equal stretch around draft ``offset`` = corpus ``hit``, within one source's text."""
    end = offset
    while True:
        width = min(STEP, len(codes) - end, len(norm) - (hit + end - offset))
        if width <= 0:
            break
        same = codes[end: end + width] == norm[hit + end - offset: hit + end - offset + width]
        if same.all():
            end += width
            continue
        end += int(np.argmin(same))
        break
    start = offset
    while True:
        width = min(STEP, start, hit - (offset - start))
        if width <= 0:
            break
        c_lo = hit - (offset - start) - width
        same = codes[start - width: start] == norm[c_lo: c_lo + width]
        if same.all():
            start -= width
            continue
        start -= int(np.argmin(same[::-1]))
        break
    return start, end


def covering_counts(runs: list[Run]) -> np.ndarray:
    """For each run, in how many corpus places its draft stretch occurs (runs that cover it)."""
    if not runs:
        return np.zeros(0, np.int64)
    starts = np.array([run.start for run in runs])
    ends = np.array([run.end for run in runs])
    return np.array([int(np.count_nonzero((starts <= run.start) & (ends >= run.end))) for run in runs])


def stock_mask(corpus: Corpus, text: str, min_len: int = 8, min_occurrences: int = 3) -> np.ndarray:
    """True for each character of ``text`` inside a phrase of ``min_len`` characters or more that the
    corpus holds in ``min_occurrences`` places or more (习近平新时代中国特色社会主义思想)."""
    mask = np.zeros(len(text), dtype=bool)
    runs = verbatim_runs(corpus, text, min_len, STOCK_POSTINGS)
    for run, count in zip(runs, covering_counts(runs)):
        if count >= min_occurrences:
            mask[run.start: run.end] = True
    # A block too common to extend (more than STOCK_POSTINGS places) is stock language too.
    codes = to_codes(text)
    if len(codes) >= 3 and len(corpus.arrays.norm):
        keys, starts, _ = corpus.arrays.grams[3]
        query = gram_keys(codes, 3)
        slots = np.minimum(np.searchsorted(keys, query), len(keys) - 1)
        counts = np.where(keys[slots] == query, starts[slots + 1] - starts[slots], 0)
        block = max(1, (min_len - 2) // 2)
        for index in range(0, max(0, len(query) - block + 1)):
            if counts[index: index + block].min() > STOCK_POSTINGS:
                mask[index: index + block + 2] = True
    return mask
