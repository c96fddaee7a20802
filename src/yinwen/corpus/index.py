"""The compact corpus index: the text as 16-bit character ids and one array of gram postings.

Layout (flat arrays, memory-mapped on load; no pickle anywhere):
  chars        uint32[A+1]  the code point of each character id (id 0 is "no character")
  orig         ids[M]       original texts (paragraphs joined by \\n), concatenated
  norm         ids[N]       normalised characters of every source, concatenated
  norm_base    int64[N/256] where every 256th normalised character lies in ``orig``
  norm_rel     uint16[N]    the rest of that offset map: orig offset − its block's base
  src_norm     int64[S+1]   where each source starts in ``norm``;  src_orig the same in ``orig``
  para_orig    int64[P]     where each paragraph starts in ``orig``
  positions    uint32[G]    every normalised position that starts a 2-gram, sorted by
                            (1st, 2nd, 3rd character, position); the 3rd is "none" (id 0) at a source's end
  pair_keys    uint32[K]    the distinct 2-grams (1st id << 16 | 2nd id), sorted
  pair_starts  uint32[K+1]  where each 2-gram's run of ``positions`` begins
  tail_pairs   int64[T]     2-grams that end a source, and ``tail_counts`` how often: those entries
  tail_counts  uint32[T]    come first in the 2-gram's run, before every real 3rd character
A gram never crosses a source boundary. ``ids`` are uint16 when the corpus has fewer than 65,536
distinct characters (always, for Chinese text), else uint32; positions are uint64 past 2^32.

One sorted array answers both gram sizes: a 2-gram's postings are its whole run, and a 3-gram's are
the slice of that run whose 3rd character matches, found by bisection (positions ascending within
it). That is ~10 bytes per corpus character all in, against ~37 for separate 2- and 3-gram lists
with 64-bit keys.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from yinwen.text.normalize import codes_to_text

BLOCK_SHIFT = 8  # norm_base holds every 256th offset
SCAN = 64  # a run of 3rd characters this short is compared directly, not halved
ARRAY_NAMES = ("chars", "orig", "norm", "norm_base", "norm_rel", "src_norm", "src_orig", "para_orig",
               "positions", "pair_keys", "pair_starts", "tail_pairs", "tail_counts")


def id_bits(ids_dtype: np.dtype) -> int:
    """Bits per character id in a 2-gram key."""
    return 16 if np.dtype(ids_dtype) == np.uint16 else 21


@dataclass
class IndexArrays:
    chars: np.ndarray
    orig: np.ndarray
    norm: np.ndarray
    norm_base: np.ndarray
    norm_rel: np.ndarray
    src_norm: np.ndarray
    src_orig: np.ndarray
    para_orig: np.ndarray
    positions: np.ndarray
    pair_keys: np.ndarray
    pair_starts: np.ndarray
    tail_pairs: np.ndarray
    tail_counts: np.ndarray

    def __post_init__(self) -> None:
        self.bits = id_bits(self.norm.dtype)
        # Code point → id, for queries: the ids' code points in sorted order and the id of each.
        self._by_code = np.argsort(self.chars[1:], kind="stable").astype(np.int64) + 1
        self._codes_sorted = self.chars[self._by_code]

    def as_dict(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in ARRAY_NAMES}

    @classmethod
    def from_dict(cls, arrays: dict[str, np.ndarray]) -> IndexArrays:
        return cls(**{name: arrays[name] for name in ARRAY_NAMES})

    # --- characters -------------------------------------------------------------------------------

    def ids(self, codes: np.ndarray) -> np.ndarray:
        """The id of each code point (int64); −1 for a character the corpus never has."""
        codes = np.asarray(codes, dtype=np.int64)
        if not len(self._codes_sorted):
            return np.full(len(codes), -1, np.int64)
        slot = np.minimum(np.searchsorted(self._codes_sorted, codes), len(self._codes_sorted) - 1)
        return np.where(self._codes_sorted[slot] == codes, self._by_code[slot], -1)

    def text(self, ids: np.ndarray) -> str:
        return codes_to_text(self.chars[ids])

    def orig_offset(self, position: int) -> int:
        """Where normalised character ``position`` lies in ``orig``."""
        return int(self.norm_base[position >> BLOCK_SHIFT]) + int(self.norm_rel[position])

    def orig_offsets(self, positions: np.ndarray) -> np.ndarray:
        positions = np.asarray(positions, dtype=np.int64)
        return self.norm_base[positions >> BLOCK_SHIFT] + self.norm_rel[positions].astype(np.int64)

    # --- grams ------------------------------------------------------------------------------------

    def pair_ranges(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each 2-gram of ``query`` (ids): (first, end) of its run in ``positions`` and its slot
        among ``pair_keys`` (−1 when absent, and then first == end)."""
        return self.pairs(query[:-1], query[1:])

    def pairs(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``pair_ranges`` of the 2-grams (a[i], b[i])."""
        count = len(a)
        empty = np.zeros(count, np.int64)
        if not count or not len(self.pair_keys):
            return empty, empty.copy(), np.full(count, -1, np.int64)
        known = (a >= 0) & (b >= 0)
        keys = (np.where(known, a, 0) << self.bits) | np.where(known, b, 0)
        slot = np.minimum(np.searchsorted(self.pair_keys, keys.astype(self.pair_keys.dtype)), len(self.pair_keys) - 1)
        found = known & (self.pair_keys[slot].astype(np.int64) == keys)
        first = np.where(found, self.pair_starts[slot].astype(np.int64), 0)
        end = np.where(found, self.pair_starts[np.minimum(slot + 1, len(self.pair_starts) - 1)].astype(np.int64), 0)
        return first, end, np.where(found, slot, -1)

    def triple_ranges(self, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each 3-gram of ``query`` (ids): (first, end) of its postings in ``positions``, ascending."""
        if len(query) < 3:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return self.triples(query[:-2], query[1:-1], query[2:])

    def triples(self, a: np.ndarray, b: np.ndarray, third: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``triple_ranges`` of the 3-grams (a[i], b[i], third[i])."""
        first, end, slot = self.pairs(a, b)
        # Entries of a source's last 2-gram (third character "none") open the run: skip them.
        first = first + self._tails(slot)
        end = np.where(slot >= 0, end, first)
        # Both ends of every slice in one bisection: where the 3rd character reaches it, and passes it.
        count = len(first)
        bounds = self._bisect(np.concatenate((first, first)), np.concatenate((end, end)),
                              np.concatenate((third, third)), np.arange(2 * count) >= count)
        return bounds[:count], bounds[count:]

    def gram_ranges(self, query: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        if n == 2:
            first, end, _ = self.pair_ranges(query)
            return first, end
        return self.triple_ranges(query)

    def _tails(self, slot: np.ndarray) -> np.ndarray:
        if not len(self.tail_pairs):
            return np.zeros(len(slot), np.int64)
        at = np.minimum(np.searchsorted(self.tail_pairs, slot), len(self.tail_pairs) - 1)
        return np.where((slot >= 0) & (self.tail_pairs[at] == slot), self.tail_counts[at].astype(np.int64), 0)

    def _bisect(self, lo: np.ndarray, hi: np.ndarray, value: np.ndarray, right: np.ndarray) -> np.ndarray:
        """First index in [lo, hi) whose entry's 3rd character is ≥ value (> value where ``right``).

        All at once: vectorised halving while a range is longer than ``SCAN`` entries, then the entries
        left are compared directly (3rd characters ascend within a range, so those before the target
        are counted). Most 2-grams of a quote have short runs and need no halving at all.
        """
        lo, hi = lo.copy(), hi.copy()
        if not len(lo) or not len(self.positions):
            return lo
        last = len(self.positions) - 1
        while True:
            wide = hi - lo > SCAN
            if not wide.any():
                break
            mid = (lo + hi) >> 1
            third = self.norm[self.positions[np.minimum(mid, last)].astype(np.int64) + 2]
            go_right = wide & ((third < value) | (right & (third == value)))
            lo = np.where(go_right, mid + 1, lo)
            hi = np.where(wide & ~go_right, mid, hi)
        span = hi - lo
        total = int(span.sum())
        if total:
            owner = np.repeat(np.arange(len(lo)), span)
            index = np.arange(total) + np.repeat(lo - (np.cumsum(span) - span), span)
            third = self.norm[self.positions[index].astype(np.int64) + 2]
            before = (third < value[owner]) | (right[owner] & (third == value[owner]))
            lo = lo + np.bincount(owner[before], minlength=len(lo))
        return lo
