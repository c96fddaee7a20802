"""An n-gram inverted index over the normalised corpus, stored as flat arrays.

Layout (all numpy arrays, saved as .npy and memory-mapped on load — no pickle anywhere):
  norm        uint32[N]  normalised characters of every source, concatenated
  norm_orig   int64[N]   for each normalised character, its offset in ``orig``
  orig        uint32[M]  original texts (paragraphs joined by \\n), concatenated
  src_norm    int64[S+1] where each source starts in ``norm``
  src_orig    int64[S+1] where each source starts in ``orig``
  para_orig   int64[P]   where each paragraph starts in ``orig`` (sorted)
  g{n}_keys   int64[K]   sorted distinct n-gram keys (n = 2, 3)
  g{n}_starts int64[K+1] where each key's postings start
  g{n}_pos    int32[G]   postings: positions in ``norm`` where the gram starts
A gram never crosses a source boundary.

Building is linear-time and streams: each array goes to a sink (memory, or straight to a file in
the staging directory) as soon as it is finished, so peak memory is that of one stage (about 22
bytes per corpus character), and 50 million characters build in seconds, not minutes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yinwen.corpus.sources import Source
from yinwen.text.normalize import fold_codes, to_codes

GRAM_SIZES = (2, 3)
ARRAY_NAMES = ("norm", "norm_orig", "orig", "src_norm", "src_orig", "para_orig") + tuple(
    f"g{n}_{part}" for n in GRAM_SIZES for part in ("keys", "starts", "pos")
)


@dataclass
class IndexArrays:
    norm: np.ndarray
    norm_orig: np.ndarray
    orig: np.ndarray
    src_norm: np.ndarray
    src_orig: np.ndarray
    para_orig: np.ndarray
    grams: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]

    def as_dict(self) -> dict[str, np.ndarray]:
        arrays = {name: getattr(self, name) for name in ARRAY_NAMES[:6]}
        for n, (keys, starts, pos) in self.grams.items():
            arrays[f"g{n}_keys"], arrays[f"g{n}_starts"], arrays[f"g{n}_pos"] = keys, starts, pos
        return arrays

    @classmethod
    def from_dict(cls, arrays: dict[str, np.ndarray]) -> IndexArrays:
        grams = {n: (arrays[f"g{n}_keys"], arrays[f"g{n}_starts"], arrays[f"g{n}_pos"]) for n in GRAM_SIZES}
        return cls(*(arrays[name] for name in ARRAY_NAMES[:6]), grams=grams)


def gram_keys(codes: np.ndarray, n: int) -> np.ndarray:
    """One int64 key per n-gram (21 bits per character: every code point fits)."""
    keys = np.zeros(len(codes) - n + 1, dtype=np.int64) if len(codes) >= n else np.zeros(0, np.int64)
    for offset in range(n):
        keys = (keys << 21) | codes[offset: len(codes) - n + 1 + offset].astype(np.int64)
    return keys


def _sorted_postings(norm: np.ndarray, ids: np.ndarray | None, valid: np.ndarray, n: int
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(distinct keys, starts, positions) with positions ascending within each key.

    Keys are ordered by their characters' code points. When the corpus has at most 65,536 distinct
    characters (``ids`` given: dense 16-bit ids in code-point order), an LSD radix sort — numpy's
    stable argsort on uint16, one pass per character — orders the grams in O(N) with positions
    already ascending, several times faster and lighter than a stable argsort of 64-bit keys.
    """
    positions = np.flatnonzero(valid).astype(np.int64 if len(norm) >= 2**31 else np.int32)
    if not len(positions):
        return np.zeros(0, np.int64), np.zeros(1, np.int64), np.zeros(0, np.int32)
    if ids is not None:
        for offset in range(n - 1, -1, -1):
            order = np.argsort(ids[positions + offset], kind="stable")
            positions = positions[order]
            del order
        # Group boundaries from the 16-bit ids (a smaller array to gather from than the code points).
        same = np.ones(len(positions) - 1, dtype=bool)
        for offset in range(n):
            column = ids[positions + offset]
            same &= column[1:] == column[:-1]
            del column
    else:
        keys = np.zeros(len(positions), dtype=np.int64)
        for offset in range(n):
            keys = (keys << 21) | norm[positions + offset]
        order = np.argsort(keys, kind="stable")
        keys, positions = keys[order], positions[order]
        del order
        same = keys[1:] == keys[:-1]
        del keys
    first = np.concatenate(([0], np.flatnonzero(~same) + 1)).astype(np.int64)
    del same
    heads = positions[first]
    distinct = np.zeros(len(first), dtype=np.int64)
    for offset in range(n):
        distinct = (distinct << 21) | norm[heads + offset]
    starts = np.append(first, len(positions)).astype(np.int64)
    return distinct, starts, positions.astype(np.int32)


CHUNK = 1 << 22


def _gram_words(ids: np.ndarray, prefix: np.ndarray, prefix_bits: int, valid: np.ndarray, n: int,
                char_bits: int) -> tuple[np.ndarray, int] | None:
    """Each gram as one 64-bit word ``prefix rank | last char id | position`` (invalid grams: all ones),
    or None when that needs more than 64 bits.

    ``prefix[p]`` orders the first n−1 characters of the gram at p (the dense id for 2-grams, the rank
    of the 2-gram for 3-grams), so sorting the words orders the grams by code points, positions
    ascending within each gram: one in-place SIMD sort, sequential arithmetic, no random gathers.
    """
    count = len(valid)
    pos_bits = max(1, int(count - 1).bit_length())
    if prefix_bits + char_bits + pos_bits > 64:
        return None
    words = np.empty(count, dtype=np.uint64)
    invalid = np.uint64(2**64 - 1)
    for begin in range(0, count, CHUNK):
        end = min(count, begin + CHUNK)
        chunk = prefix[begin:end].astype(np.uint64)
        chunk <<= np.uint64(char_bits)
        chunk |= ids[begin + n - 1: end + n - 1]
        chunk <<= np.uint64(pos_bits)
        chunk |= np.arange(begin, end, dtype=np.uint64)
        chunk[~valid[begin:end]] = invalid
        words[begin:end] = chunk
    return words, pos_bits


def _split_words(holder: list[np.ndarray], valid_count: int, pos_bits: int, want_groups: bool
                 ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """Sort the words (taken out of ``holder``, so they are freed here) in place; (positions, group id of
    each sorted gram if wanted, first index of each group)."""
    words = holder.pop()
    words.sort()
    words = words[:valid_count]
    total = len(words)
    positions = np.empty(total, dtype=np.int32 if total < 2**31 else np.int64)
    new_group = np.empty(total, dtype=bool)
    mask = np.uint64((1 << pos_bits) - 1)
    previous = None
    for begin in range(0, total, CHUNK):
        chunk = words[begin: begin + CHUNK]
        positions[begin: begin + len(chunk)] = chunk & mask
        high = chunk >> np.uint64(pos_bits)
        flags = np.empty(len(chunk), dtype=bool)
        flags[1:] = high[1:] != high[:-1]
        flags[0] = previous is None or high[0] != previous
        previous = high[-1]
        new_group[begin: begin + len(chunk)] = flags
    del words, chunk, high
    first = np.flatnonzero(new_group)
    groups = None
    if want_groups:
        groups = np.cumsum(new_group, dtype=np.uint32 if len(first) < 2**32 else np.uint64)
        groups -= 1
    return positions, groups, first


class MemorySink(dict):
    """Collects the arrays of a build in memory."""

    def put(self, name: str, array: np.ndarray) -> None:
        self[name] = array


class FileSink:
    """Writes each array to ``directory`` as soon as it is built and drops it: peak memory stays near
    the largest working set of one stage rather than the whole index."""

    def __init__(self, directory: Path, on_put=None) -> None:
        self.directory = directory
        self.sizes: dict[str, int] = {}
        self._on_put = on_put

    def put(self, name: str, array: np.ndarray) -> None:
        np.save(self.directory / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        self.sizes[name] = int(array.shape[0])
        if self._on_put:
            self._on_put(len(self.sizes), len(ARRAY_NAMES))


def build_into(sources: list[Source], sink, consume: bool = False) -> None:
    """Normalise every source and build the gram postings, handing each finished array to ``sink``.

    ``consume=True`` empties ``sources`` as soon as their text is copied (the caller keeps metadata
    elsewhere), so a 50-million-character corpus is not held twice.
    """
    src_orig = np.zeros(len(sources) + 1, dtype=np.int64)
    lengths = np.array([len(p) + 1 for source in sources for p in source.paragraphs], dtype=np.int64)
    src_orig[1:] = np.cumsum([sum(len(p) + 1 for p in source.paragraphs) for source in sources])
    orig = to_codes("".join(p + "\n" for source in sources for p in source.paragraphs)) if sources \
        else np.zeros(0, np.uint32)
    if consume:
        sources.clear()
    para_starts = np.zeros(len(lengths), dtype=np.int64)
    if len(lengths):
        para_starts[1:] = np.cumsum(lengths)[:-1]
    del lengths
    sink.put("para_orig", para_starts)
    del para_starts
    folded = fold_codes(orig)
    sink.put("orig", orig)
    del orig
    keep = folded != 0
    norm = folded[keep]
    del folded
    norm_orig = np.flatnonzero(keep).astype(np.int64, copy=False)
    del keep
    src_norm = np.searchsorted(norm_orig, src_orig).astype(np.int64)
    sink.put("norm_orig", norm_orig)
    del norm_orig
    sink.put("src_orig", src_orig)
    sink.put("src_norm", src_norm)
    # last[p]: position p is the last normalised character of its source, so no gram may span p → p+1.
    last = np.zeros(len(norm), dtype=bool)
    ends = src_norm[1:] - 1
    last[ends[(ends >= 0) & (src_norm[1:] > src_norm[:-1])]] = True
    ids = None
    present = np.zeros(0, np.int64)
    if len(norm):
        present = np.flatnonzero(np.bincount(norm, minlength=int(norm.max()) + 1))
        if len(present) <= 65536:
            dense = np.zeros(int(present[-1]) + 1, dtype=np.uint16)
            dense[present] = np.arange(len(present), dtype=np.uint16)
            ids = dense[norm]
    prefix, prefix_bits = ids, (max(1, int(len(present) - 1).bit_length()) if ids is not None else 0)
    for n in GRAM_SIZES:
        valid = np.ones(max(len(norm) - n + 1, 0), dtype=bool)
        for offset in range(n - 1):
            valid &= ~last[offset: offset + len(valid)]
        packed = None
        if ids is not None and prefix is not None and len(valid):
            packed = _gram_words(ids, prefix, prefix_bits, valid, n, max(1, int(len(present) - 1).bit_length()))
        if packed is not None:
            prefix = None  # the words carry it now; free it before sorting
            valid_count = int(np.count_nonzero(valid))
            del valid
            holder, pos_bits = [packed[0]], packed[1]
            del packed
            positions, groups, first = _split_words(holder, valid_count, pos_bits, n != GRAM_SIZES[-1])
            heads = positions[first]
            keys = np.zeros(len(first), dtype=np.int64)
            for offset in range(n):
                keys = (keys << 21) | norm[heads + offset]
            starts = np.append(first, len(positions)).astype(np.int64)
            if groups is not None:
                # The rank of each gram orders the next size's prefixes.
                prefix = np.zeros(len(norm), dtype=groups.dtype)
                prefix[positions] = groups
                prefix_bits = max(1, int(len(first) - 1).bit_length())
            del groups, first, heads
        else:
            keys, starts, positions = _sorted_postings(norm, ids, valid, n)
            prefix = None
            del valid
        sink.put(f"g{n}_keys", keys)
        sink.put(f"g{n}_starts", starts)
        sink.put(f"g{n}_pos", positions.astype(np.int32, copy=False))
        del keys, starts, positions
    del prefix
    sink.put("norm", norm)


def build_arrays(sources: list[Source]) -> IndexArrays:
    """The whole index in memory (small corpora, tests, or when the cache cannot be written)."""
    sink = MemorySink()
    build_into(sources, sink)
    return IndexArrays.from_dict(sink)


def save_arrays(arrays: IndexArrays, directory: Path, meta: dict[str, object]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, array in arrays.as_dict().items():
        np.save(directory / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
    (directory / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def load_arrays(directory: Path) -> IndexArrays:
    """Memory-map a saved index; raises ValueError/OSError when anything is missing or malformed.

    The arrays are plain read-only ndarray views of the mappings: the same pages, but slicing one
    skips np.memmap's per-slice bookkeeping, which a lookup does hundreds of times.
    """
    arrays = {}
    for name in ARRAY_NAMES:
        arrays[name] = np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
    return IndexArrays.from_dict(arrays)
