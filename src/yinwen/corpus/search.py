"""Find where in the corpus a normalised quote most likely comes from.

Each n-gram of the quote that is rare enough votes for the diagonals (corpus position minus quote
offset) where it occurs; votes are pooled in buckets about a quote long, and the best buckets become
candidate windows wide enough to hold omissions. Only those few windows are aligned exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yinwen.align import Alignment, align
from yinwen.corpus.index import gram_keys, to_codes
from yinwen.corpus.store import Corpus

# A gram occurring more often than this says little about where a quote comes from.
MAX_POSTINGS = 4000
DEFAULT_CANDIDATES = 8
# Of the voted windows, how many are aligned exactly (after a fast LCS screen).
ALIGNED_WINDOWS = 4


@dataclass(frozen=True)
class Candidate:
    """An aligned place in the corpus: absolute normalised span, its source and the alignment."""

    source: int
    start: int
    end: int
    alignment: Alignment
    votes: int

    @property
    def cost(self) -> int:
        return self.alignment.cost


def _postings(corpus: Corpus, n: int, quote_codes: np.ndarray) -> list[tuple[int, np.ndarray]]:
    keys, starts, positions = corpus.arrays.grams[n]
    query = gram_keys(quote_codes, n)
    if not len(query) or not len(keys):
        return []
    slots = np.searchsorted(keys, query)
    found: list[tuple[int, np.ndarray]] = []
    for offset, (slot, key) in enumerate(zip(slots.tolist(), query.tolist())):
        if slot < len(keys) and int(keys[slot]) == key:
            begin, end = int(starts[slot]), int(starts[slot + 1])
            found.append((offset, positions[begin:end]))
    rare = [item for item in found if len(item[1]) <= MAX_POSTINGS]
    if rare:
        return rare
    # Every gram is common (a stock phrase): keep the rarest few rather than nothing.
    return sorted(found, key=lambda item: len(item[1]))[:3]


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values. (Plain ``np.unique`` makes numpy import numpy.ma, ~20 ms per process.)"""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def candidate_windows(corpus: Corpus, quote: str, limit: int = DEFAULT_CANDIDATES) -> list[tuple[int, int, int, int]]:
    """(source, window start, window end, votes) of the best-voted places, best first."""
    n_chars = len(quote)
    if n_chars == 0 or len(corpus.arrays.norm) == 0:
        return []
    codes = to_codes(quote)
    gram = 3 if n_chars >= 6 else 2
    postings = _postings(corpus, gram, codes)
    if not postings and gram == 3:
        postings = _postings(corpus, 2, codes)
    if not postings:
        return []
    width = max(32, n_chars)
    diagonals = np.concatenate([posting.astype(np.int64) - offset for offset, posting in postings])
    offsets = np.concatenate([np.full(len(posting), offset, np.int64) for offset, posting in postings])
    buckets = diagonals // width
    # A window spans buckets b and b+1; a vote counts once per distinct quote offset in it.
    window_keys = np.concatenate([buckets, buckets - 1]) * (n_chars + 1) + np.concatenate([offsets, offsets])
    bucket_ids, pooled = np.unique(_distinct(window_keys) // (n_chars + 1), return_counts=True)
    order = np.lexsort((bucket_ids, -pooled))
    by_bucket = np.argsort(buckets, kind="stable")
    sorted_buckets = buckets[by_bucket]
    windows: list[tuple[int, int, int, int]] = []
    taken: list[tuple[int, int]] = []
    for slot in order[: limit * 4].tolist():
        bucket = int(bucket_ids[slot])
        # The source is where the votes are, not where the bucket's arithmetic centre falls.
        lo, hi = np.searchsorted(sorted_buckets, [bucket, bucket + 2])
        if hi <= lo:
            continue
        voted = diagonals[by_bucket[lo:hi]]
        anchor = int(np.median(voted)) + n_chars // 2
        source = corpus.source_of_norm(min(max(anchor, 0), len(corpus.arrays.norm) - 1))
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


def search(corpus: Corpus, quote: str, limit: int = DEFAULT_CANDIDATES) -> list[Candidate]:
    """Aligned candidates for a normalised quote, best first.

    Verbatim occurrences come first and, when there are any, are the answer: nothing can beat them
    and voting would only cost time. Otherwise the voted windows are screened with a fast
    longest-common-subsequence length (rapidfuzz, C++) and only the most promising are aligned.
    """
    from rapidfuzz.distance import LCSseq

    exact = [] if len(quote) < 4 else exact_occurrences(corpus, quote, limit=limit)
    if exact:
        windows = [(corpus.source_of_norm(p), p, p + len(quote), len(quote)) for p in exact]
    else:
        windows = candidate_windows(corpus, quote, limit)
        if len(windows) > ALIGNED_WINDOWS:
            texts = [corpus.norm_text(start, end) for _, start, end, _ in windows]
            scores = [LCSseq.similarity(quote, text) for text in texts]
            order = sorted(range(len(windows)), key=lambda i: (-scores[i], i))[:ALIGNED_WINDOWS]
            windows = [windows[i] for i in sorted(order)]
    candidates = []
    for source, start, end, votes in windows:
        alignment = align(quote, corpus.norm_text(start, end))
        if not alignment.matches:
            continue
        candidates.append(
            Candidate(source, start + alignment.s_start, start + alignment.s_end, alignment, votes)
        )
    candidates.sort(key=lambda c: (rank(c), c.cost, c.source, c.start))
    return candidates


def rank(candidate: Candidate) -> float:
    """Lower is better. A quote character not found is strong evidence against a passage; each
    separate edit is one event; the length of an omission matters little (a clause dropped from the
    right passage beats a handful of common words found in the wrong one)."""
    alignment = candidate.alignment
    missing = alignment.quote_length - alignment.matches
    omitted = sum(run.s_end - run.s_start for run in alignment.runs if run.op == "omit")
    return 2 * missing + len(alignment.runs) + omitted / 20


def exact_occurrences(corpus: Corpus, quote: str, limit: int = 50) -> list[int]:
    """Start positions where the normalised quote occurs verbatim (up to ``limit``)."""
    if len(quote) < 2:
        return []
    codes = to_codes(quote)
    postings = _postings(corpus, 2 if len(quote) < 3 else 3, codes)
    if not postings:
        return []
    offset, rarest = min(postings, key=lambda item: len(item[1]))
    hits = []
    norm = corpus.arrays.norm
    for position in (rarest.astype(np.int64) - offset).tolist():
        if position < 0 or position + len(codes) > len(norm):
            continue
        if np.array_equal(norm[position: position + len(codes)], codes):
            hits.append(position)
            if len(hits) >= limit:
                break
    return sorted(hits)
