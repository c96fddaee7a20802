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
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from yinwen.corpus.sources import Source
from yinwen.normalize import fold_char

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


def to_codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def codes_to_text(codes: np.ndarray) -> str:
    return np.ascontiguousarray(codes, dtype=np.uint32).tobytes().decode("utf-32-le")


def fold_codes(codes: np.ndarray) -> np.ndarray:
    """Vectorised ``fold_char``: the same mapping, computed once per distinct character.

    A lookup table over the distinct code points (found with a linear bincount, not a sort) keeps
    this O(N) at hundreds of millions of characters.
    """
    if not len(codes):
        return codes.astype(np.uint32)
    present = np.flatnonzero(np.bincount(codes, minlength=int(codes.max()) + 1))
    table = np.zeros(int(present[-1]) + 1, dtype=np.uint32)
    table[present] = [ord(fold_char(chr(c)) or "\x00") for c in present.tolist()]
    return table[codes]


def gram_keys(codes: np.ndarray, n: int) -> np.ndarray:
    """One int64 key per n-gram (21 bits per character: every code point fits)."""
    keys = np.zeros(len(codes) - n + 1, dtype=np.int64) if len(codes) >= n else np.zeros(0, np.int64)
    for offset in range(n):
        keys = (keys << 21) | codes[offset: len(codes) - n + 1 + offset].astype(np.int64)
    return keys


def _keys_at(norm: np.ndarray, positions: np.ndarray, n: int) -> np.ndarray:
    keys = np.zeros(len(positions), dtype=np.int64)
    for offset in range(n):
        keys <<= 21
        keys |= norm[positions + offset]
    return keys


def _sorted_postings(norm: np.ndarray, valid: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(distinct keys, starts, positions) with positions ascending within each key.

    Keys are ordered by their characters' code points. When the corpus has at most 65,536 distinct
    characters they get dense 16-bit ids in code-point order, and an LSD radix sort (numpy's stable
    argsort on uint16, one pass per character) orders the grams in O(N) with the positions already
    ascending; that is several times faster and lighter than a stable argsort of 64-bit keys.
    """
    positions = np.flatnonzero(valid).astype(np.int64 if len(norm) >= 2**31 else np.int32)
    if not len(positions):
        return np.zeros(0, np.int64), np.zeros(1, np.int64), np.zeros(0, np.int32)
    present = np.flatnonzero(np.bincount(norm, minlength=int(norm.max()) + 1))
    if len(present) <= 65536:
        dense = np.zeros(int(present[-1]) + 1, dtype=np.uint16)
        dense[present] = np.arange(len(present), dtype=np.uint16)
        ids = dense[norm]
        del dense
        for offset in range(n - 1, -1, -1):
            order = np.argsort(ids[positions + offset], kind="stable")
            positions = positions[order]
            del order
        del ids
        keys = _keys_at(norm, positions, n)
    else:
        keys = _keys_at(norm, positions, n)
        order = np.argsort(keys, kind="stable")
        keys, positions = keys[order], positions[order]
        del order
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    first = np.concatenate(([0], change)).astype(np.int64)
    distinct = keys[first]
    del keys
    starts = np.append(first, len(positions)).astype(np.int64)
    return distinct, starts, positions.astype(np.int32)


def build_arrays(sources: list[Source]) -> IndexArrays:
    """Normalise every source and build the gram postings."""
    src_orig = np.zeros(len(sources) + 1, dtype=np.int64)
    src_orig[1:] = np.cumsum([sum(len(p) + 1 for p in source.paragraphs) for source in sources])
    orig = to_codes("".join(p + "\n" for source in sources for p in source.paragraphs)) if sources \
        else np.zeros(0, np.uint32)
    folded = fold_codes(orig)
    keep = folded != 0
    norm = folded[keep]
    del folded
    norm_orig = np.flatnonzero(keep).astype(np.int64)
    del keep
    src_norm = np.searchsorted(norm_orig, src_orig).astype(np.int64)
    para_starts = np.zeros(sum(len(source.paragraphs) for source in sources), dtype=np.int64)
    lengths = np.array([len(p) + 1 for source in sources for p in source.paragraphs], dtype=np.int64)
    if len(lengths):
        para_starts[1:] = np.cumsum(lengths)[:-1]
    # last[p]: position p is the last normalised character of its source, so no gram may span p → p+1.
    last = np.zeros(len(norm), dtype=bool)
    ends = src_norm[1:] - 1
    last[ends[(ends >= 0) & (src_norm[1:] > src_norm[:-1])]] = True
    grams = {}
    for n in GRAM_SIZES:
        valid = np.ones(max(len(norm) - n + 1, 0), dtype=bool)
        for offset in range(n - 1):
            valid &= ~last[offset: offset + len(valid)]
        grams[n] = _sorted_postings(norm, valid, n)
        del valid
    return IndexArrays(norm, norm_orig, orig, src_norm, src_orig, para_starts, grams)


def save_arrays(arrays: IndexArrays, directory: Path, meta: dict[str, object]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, array in arrays.as_dict().items():
        np.save(directory / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
    (directory / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def load_arrays(directory: Path) -> IndexArrays:
    """Memory-map a saved index; raises ValueError/OSError when anything is missing or malformed."""
    arrays = {}
    for name in ARRAY_NAMES:
        arrays[name] = np.load(directory / f"{name}.npy", mmap_mode="r", allow_pickle=False)
    return IndexArrays.from_dict(arrays)
