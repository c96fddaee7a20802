"""Find where in the corpus a normalised quote most likely comes from: voted windows and verbatim hits.

Each n-gram of the quote that is rare enough votes for the diagonals (corpus position minus quote
offset) where it occurs; votes are pooled in buckets about a quote long, and the best buckets become
candidate windows wide enough to hold omissions. Aligning them is the matcher's job (``candidates``).
"""

from __future__ import annotations

import numpy as np

from yinwen.corpus.store import Corpus
from yinwen.text.normalize import to_codes

# A gram occurring more often than this says little about where a quote comes from.
MAX_POSTINGS = 4000
DEFAULT_CANDIDATES = 8


def _postings(corpus: Corpus, n: int, quote_codes: np.ndarray) -> list[tuple[int, np.ndarray]]:
    lookups = corpus.lookups
    counts = lookups.gram_counts(quote_codes, n)
    found = np.flatnonzero(counts > 0)
    chosen = found[counts[found] <= MAX_POSTINGS]
    if not len(chosen):
        # Every gram is common (a stock phrase): keep the rarest few rather than nothing.
        chosen = found[np.argsort(counts[found], kind="stable")][:3]
    offsets = chosen.tolist()
    return list(zip(offsets, lookups.gram_lists(quote_codes, n, offsets)))


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values. (Plain ``np.unique`` makes numpy import numpy.ma, ~20 ms per process.)"""
    return _distinct_sorted(np.sort(values))


def _distinct_sorted(ordered: np.ndarray) -> np.ndarray:
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _runs(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, how often each occurs) of a sorted array (``np.unique`` would sort it again)."""
    if not len(ordered):
        return ordered, np.zeros(0, np.int64)
    heads = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[heads], np.diff(np.append(heads, len(ordered)))


def candidate_windows(corpus: Corpus, quote: str, limit: int = DEFAULT_CANDIDATES) -> list[tuple[int, int, int, int]]:
    """(source, window start, window end, votes) of the best-voted places, best first."""
    n_chars = len(quote)
    if n_chars == 0 or corpus.norm_length == 0:
        return []
    codes = to_codes(quote)
    gram = 3 if n_chars >= 6 else 2
    postings = _postings(corpus, gram, codes)
    if not postings and gram == 3:
        postings = _postings(corpus, 2, codes)
    if not postings:
        return []
    width = max(32, n_chars)
    stride = n_chars + 1
    diagonals = np.concatenate([posting.astype(np.int64) - offset for offset, posting in postings])
    offsets = np.concatenate([np.full(len(posting), offset, np.int64) for offset, posting in postings])
    # A window spans buckets b and b+1; a vote counts once per distinct quote offset in it. The distinct
    # (bucket, offset) pairs, and the same shifted one bucket down, are two sorted runs: one merge.
    pairs = _distinct((diagonals // width) * stride + offsets)
    del offsets
    window_keys = _distinct_sorted(np.sort(np.concatenate((pairs - stride, pairs)), kind="stable")) // stride
    bucket_ids, pooled = _runs(window_keys)
    order = np.lexsort((bucket_ids, -pooled))
    # Sorting the diagonals sorts their buckets too; the median of a bucket's votes needs no other order.
    sorted_diagonals = np.sort(diagonals)
    sorted_buckets = sorted_diagonals // width
    windows: list[tuple[int, int, int, int]] = []
    taken: list[tuple[int, int]] = []
    for slot in order[: limit * 4].tolist():
        bucket = int(bucket_ids[slot])
        # The source is where the votes are, not where the bucket's arithmetic centre falls.
        lo, hi = np.searchsorted(sorted_buckets, [bucket, bucket + 2])
        if hi <= lo:
            continue
        voted = sorted_diagonals[lo:hi]
        anchor = int(np.median(voted)) + n_chars // 2
        source = corpus.source_of_norm(min(max(anchor, 0), corpus.norm_length - 1))
        low, high = int(corpus.arrays.src_norm[source]), int(corpus.arrays.src_norm[source + 1])
        start = max(low, bucket * width - n_chars)
        end = min(high, (bucket + 2) * width + 2 * n_chars)
        if start >= end or any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        windows.append((source, start, end, int(pooled[slot])))
        if len(windows) >= limit:
            break
    return windows


def exact_occurrences(corpus: Corpus, quote: str, limit: int = 50) -> list[int]:
    """Start positions where the normalised quote occurs verbatim (the first ``limit``, ascending)."""
    if len(quote) < 2:
        return []
    return corpus.lookups.occurrences(to_codes(quote), limit)
