"""Sort every 2-gram start of the corpus by (1st, 2nd, 3rd character, position), a range of first
characters at a time, so that memory follows the range and not the corpus.

Each range is sorted in two passes of one in-place sort of 64-bit words: first by the 2-gram
(``1st id << bits | 2nd id``, then the entry's index, which keeps positions ascending), then by
(rank of the 2-gram, 3rd id, index in the first order). Ranges are contiguous in first-character
order, so their outputs are simply appended.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np

CHUNK = 1 << 24


def _bits(count: int) -> int:
    return max(1, int(max(count, 1) - 1).bit_length())


def _partition_limit(total: int) -> int:
    """Entries sorted at once: about 50 bytes each, so 2 M keep a small corpus's build under 150 MB."""
    return max(1 << 21, min(1 << 23, total // 24))


def _last_mask(lasts: np.ndarray, begin: int, end: int) -> np.ndarray:
    """Whether each position in [begin, end) is the last character of a source."""
    mask = np.zeros(end - begin, dtype=bool)
    lo, hi = np.searchsorted(lasts, [begin, end])
    mask[lasts[lo:hi] - begin] = True
    return mask


def _ranges(norm: np.ndarray, lasts: np.ndarray, alphabet: int, limit: int) -> list[tuple[int, int, int]]:
    """(first id, end id, entries) of consecutive first-character ranges of about ``limit`` entries."""
    counts = np.zeros(alphabet, dtype=np.int64)
    for begin in range(0, len(norm), CHUNK):
        counts += np.bincount(norm[begin: begin + CHUNK], minlength=alphabet)
    counts -= np.bincount(norm[lasts], minlength=alphabet)  # a source's last character starts no 2-gram
    ranges, start, size = [], 0, 0
    for ident, count in enumerate(counts.tolist()):
        if size and size + count > limit:
            ranges.append((start, ident, size))
            start, size = ident, 0
        size += count
    if size:
        ranges.append((start, alphabet, size))
    return ranges


def _entries(norm: np.ndarray, lasts: np.ndarray, low: int, high: int, dtype) -> tuple[np.ndarray, np.ndarray]:
    """Ascending positions whose character id is in [low, high) and that start a 2-gram, and whether
    that 2-gram ends its source (no third character)."""
    found, ends = [], []
    for begin in range(0, len(norm), CHUNK):
        chunk = norm[begin: begin + CHUNK]
        last = _last_mask(lasts, begin, begin + len(chunk) + 1)
        take = (chunk >= low) & (chunk < high) & ~last[:-1]
        found.append(np.flatnonzero(take).astype(dtype) + dtype(begin))
        ends.append(last[1:][take])
    if not found:
        return np.zeros(0, dtype), np.zeros(0, bool)
    return np.concatenate(found), np.concatenate(ends)


def _sort_range(norm: np.ndarray, entries: np.ndarray, ends: np.ndarray, bits: int, alphabet_bits: int = 0
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(sorted positions, 2-gram keys, first index of each 2-gram, tail count of each 2-gram)."""
    count = len(entries)
    index_bits = _bits(count)
    if alphabet_bits and 3 * alphabet_bits + index_bits <= 64:
        return _sort_range_once(norm, entries, ends, bits, alphabet_bits, index_bits)
    mask = np.uint64((1 << index_bits) - 1)
    wide = entries.astype(np.int64)
    words = norm[wide].astype(np.uint64)
    words <<= np.uint64(bits)
    words |= norm[wide + 1]
    third = _third_ids(norm, wide, ends)
    del wide
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


def _third_ids(norm: np.ndarray, wide: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The id of each entry's third character, 0 where its 2-gram ends a source."""
    third = norm[np.minimum(wide + 2, len(norm) - 1)].astype(np.uint64)
    third[ends] = 0
    return third


def _sort_range_once(norm: np.ndarray, entries: np.ndarray, ends: np.ndarray, bits: int, alphabet_bits: int,
                     index_bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``_sort_range`` in one sort, when (1st, 2nd, 3rd id, index) fit one 64-bit word: an alphabet of
    up to 16,384 characters (the bundled corpus has 10,459) and ranges of up to 2^22 entries. The
    order is the same: by 2-gram, then 3rd id, then position."""
    count = len(entries)
    shift = np.uint64(alphabet_bits)
    wide = entries.astype(np.int64)
    words = norm[wide].astype(np.uint64)
    words <<= shift
    words |= norm[wide + 1]
    words <<= shift
    words |= _third_ids(norm, wide, ends)
    del wide
    words <<= np.uint64(index_bits)
    words |= np.arange(count, dtype=np.uint64)
    words.sort()
    positions = entries[(words & np.uint64((1 << index_bits) - 1)).astype(np.int64)]
    words >>= np.uint64(index_bits)
    third = words & np.uint64((1 << alphabet_bits) - 1)
    words >>= shift  # now the 2-grams, packed in alphabet_bits
    fresh = np.ones(count, dtype=bool)
    fresh[1:] = words[1:] != words[:-1]
    firsts = np.flatnonzero(fresh)
    packed = words[firsts]
    keys = ((packed >> shift) << np.uint64(bits)) | (packed & np.uint64((1 << alphabet_bits) - 1))
    group = np.cumsum(fresh, dtype=np.int64) - 1
    tails = np.bincount(group[third == 0], minlength=len(firsts))
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
    # Two ranges of half the size are sorted at once on two threads (numpy's sort and gathers let go
    # of the GIL), so the peak memory stays that of one range of the full size.
    workers = 2 if (os.cpu_count() or 1) > 1 else 1
    ranges = _ranges(norm, lasts, alphabet, _partition_limit(total) // workers)
    grand = sum(size for _, _, size in ranges)
    done, groups_done = 0, 0

    def sort_one(span: tuple[int, int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        entries, ends = _entries(norm, lasts, span[0], span[1], dtype)
        return _sort_range(norm, entries, ends, bits, _bits(alphabet))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for positions, keys, firsts, tails in _in_order(pool, sort_one, ranges, workers):
            _append_range(sink, positions, keys, firsts, tails, done, groups_done, dtype, key_dtype)
            done += len(positions)
            groups_done += len(keys)
            if on_sort:
                on_sort(done, grand)
    for name, array_dtype in (("positions", dtype), ("pair_keys", key_dtype), ("tail_pairs", np.int64),
                              ("tail_counts", np.uint32)):
        sink.append(name, np.zeros(0, array_dtype))
    sink.append("pair_starts", np.array([done], dtype=dtype))


def _in_order(pool: ThreadPoolExecutor, work: Callable, items: list, ahead: int) -> Iterator:
    """``work(item)`` for each item, in order, with at most ``ahead`` running or waiting to be taken
    (``Executor.map`` would start them all and hold every finished range in memory)."""
    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(work, item))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _append_range(sink, positions: np.ndarray, keys: np.ndarray, firsts: np.ndarray, tails: np.ndarray,
                  done: int, groups_done: int, dtype, key_dtype) -> None:
    sink.append("positions", positions.astype(dtype, copy=False))
    sink.append("pair_keys", keys.astype(key_dtype))
    sink.append("pair_starts", (firsts + done).astype(dtype))
    with_tails = np.flatnonzero(tails)
    sink.append("tail_pairs", (with_tails + groups_done).astype(np.int64))
    sink.append("tail_counts", tails[with_tails].astype(np.uint32))
