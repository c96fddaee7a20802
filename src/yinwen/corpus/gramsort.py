"""Sort every 2-gram start of the corpus by (1st, 2nd, 3rd character, position), a range of first
characters at a time, so that memory follows the range and not the corpus.

Each range is sorted in two passes of one in-place sort of 64-bit words: first by the 2-gram
(``1st id << bits | 2nd id``, then the entry's index, which keeps positions ascending), then by
(rank of the 2-gram, 3rd id, index in the first order). Ranges are contiguous in first-character
order, so their outputs are simply appended.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

CHUNK = 1 << 24


def _bits(count: int) -> int:
    return max(1, int(max(count, 1) - 1).bit_length())


def _partition_limit(total: int) -> int:
    """Entries sorted at once: about 50 bytes each, so 2 M keep a small corpus's build under 150 MB."""
    return max(1 << 21, min(1 << 23, total // 24))


def _last_mask(lasts: np.ndarray, begin: int, end: int) -> np.ndarray:
    mask = np.zeros(end - begin, dtype=bool)
    lo, hi = np.searchsorted(lasts, [begin, end])
    mask[lasts[lo:hi] - begin] = True
    return mask


def _ranges(norm: np.ndarray, lasts: np.ndarray, alphabet: int, limit: int) -> list[tuple[int, int, int]]:
    """(first id, end id, entries) of consecutive first-character ranges of about ``limit`` entries."""
    counts = np.zeros(alphabet, dtype=np.int64)
    for begin in range(0, len(norm), CHUNK):
        chunk = norm[begin: begin + CHUNK]
        counts += np.bincount(chunk[~_last_mask(lasts, begin, begin + len(chunk))], minlength=alphabet)
    ranges, start, size = [], 0, 0
    for ident, count in enumerate(counts.tolist()):
        if size and size + count > limit:
            ranges.append((start, ident, size))
            start, size = ident, 0
        size += count
    if size:
        ranges.append((start, alphabet, size))
    return ranges


def _entries(norm: np.ndarray, lasts: np.ndarray, low: int, high: int, dtype) -> np.ndarray:
    """Ascending positions whose character id is in [low, high) and that start a 2-gram."""
    found = []
    for begin in range(0, len(norm), CHUNK):
        chunk = norm[begin: begin + CHUNK]
        take = (chunk >= low) & (chunk < high) & ~_last_mask(lasts, begin, begin + len(chunk))
        found.append(np.flatnonzero(take).astype(dtype) + dtype(begin))
    return np.concatenate(found) if found else np.zeros(0, dtype)


def _sort_range(norm: np.ndarray, entries: np.ndarray, lasts: np.ndarray, bits: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(sorted positions, 2-gram keys, first index of each 2-gram, tail count of each 2-gram)."""
    count = len(entries)
    index_bits = _bits(count)
    mask = np.uint64((1 << index_bits) - 1)
    wide = entries.astype(np.int64)
    words = norm[wide].astype(np.uint64)
    words <<= np.uint64(bits)
    words |= norm[wide + 1]
    after = np.minimum(np.searchsorted(lasts, wide + 1), max(len(lasts) - 1, 0))
    ends = lasts[after] == wide + 1 if len(lasts) else np.zeros(count, dtype=bool)
    third = norm[np.minimum(wide + 2, len(norm) - 1)].astype(np.uint64)
    del wide, after
    third[ends] = 0
    if 2 * bits + index_bits <= 64:
        words <<= np.uint64(index_bits)
        words |= np.arange(count, dtype=np.uint64)
        words.sort()
        order = (words & mask).astype(np.int64)
        words >>= np.uint64(index_bits)
        pairs = words
    else:  # pragma: no cover - only for alphabets past 65,536 characters and huge ranges
        order = np.argsort(words, kind="stable")
        pairs = words[order]
    del words
    fresh = np.ones(count, dtype=bool)
    fresh[1:] = pairs[1:] != pairs[:-1]
    firsts = np.flatnonzero(fresh)
    keys = pairs[firsts]
    del pairs
    group = np.cumsum(fresh, dtype=np.int64) - 1
    del fresh
    third = third[order]
    group_bits = _bits(len(firsts))
    if group_bits + bits + index_bits <= 64:
        words = group.astype(np.uint64)
        words <<= np.uint64(bits)
        words |= third
        words <<= np.uint64(index_bits)
        words |= np.arange(count, dtype=np.uint64)
        words.sort()
        second = (words & mask).astype(np.int64)
        del words
    else:  # pragma: no cover - only for alphabets past 65,536 characters
        second = np.lexsort((np.arange(count), third, group))
    tails = np.bincount(group[third == 0], minlength=len(firsts))
    del group, third
    positions = entries[order[second]]
    return positions, keys, firsts, tails


def sort_grams(norm: np.ndarray, src_norm: np.ndarray, bits: int, sink,
               on_sort: Callable[[int, int], None] | None = None) -> None:
    """Append positions, pair_keys, pair_starts, tail_pairs and tail_counts to ``sink``."""
    total = len(norm)
    dtype = np.uint32 if total < 2**32 else np.uint64
    lasts = src_norm[1:] - 1
    lasts = np.unique(lasts[lasts >= 0]).astype(np.int64)
    alphabet = int(norm.max()) + 1 if total else 1
    key_dtype = np.uint32 if bits == 16 else np.uint64
    ranges = _ranges(norm, lasts, alphabet, _partition_limit(total))
    grand = sum(size for _, _, size in ranges)
    done, groups_done = 0, 0
    for low, high, _size in ranges:
        entries = _entries(norm, lasts, low, high, dtype)
        positions, keys, firsts, tails = _sort_range(norm, entries, lasts, bits)
        del entries
        sink.append("positions", positions.astype(dtype, copy=False))
        sink.append("pair_keys", keys.astype(key_dtype))
        sink.append("pair_starts", (firsts + done).astype(dtype))
        with_tails = np.flatnonzero(tails)
        sink.append("tail_pairs", (with_tails + groups_done).astype(np.int64))
        sink.append("tail_counts", tails[with_tails].astype(np.uint32))
        done += len(positions)
        groups_done += len(keys)
        if on_sort:
            on_sort(done, grand)
    for name, array_dtype in (("positions", dtype), ("pair_keys", key_dtype), ("tail_pairs", np.int64),
                              ("tail_counts", np.uint32)):
        sink.append(name, np.zeros(0, array_dtype))
    sink.append("pair_starts", np.array([done], dtype=dtype))
