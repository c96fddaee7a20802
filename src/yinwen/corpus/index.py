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
    """Vectorised ``fold_char``: the same mapping, computed once per distinct character."""
    distinct, inverse = np.unique(codes, return_inverse=True)
    folded = np.array([ord(fold_char(chr(c)) or "\x00") for c in distinct.tolist()], dtype=np.uint32)
    return folded[inverse.reshape(-1)]


def gram_keys(codes: np.ndarray, n: int) -> np.ndarray:
    """One int64 key per n-gram (21 bits per character: every code point fits)."""
    keys = np.zeros(len(codes) - n + 1, dtype=np.int64) if len(codes) >= n else np.zeros(0, np.int64)
    for offset in range(n):
        keys = (keys << 21) | codes[offset: len(codes) - n + 1 + offset].astype(np.int64)
    return keys


def build_arrays(sources: list[Source]) -> IndexArrays:
    """Normalise every source and build the gram postings."""
    texts = [source.text for source in sources]
    src_orig = np.zeros(len(texts) + 1, dtype=np.int64)
    src_orig[1:] = np.cumsum([len(text) + 1 for text in texts])
    orig = to_codes("\n".join(texts) + "\n") if texts else np.zeros(0, np.uint32)
    folded = fold_codes(orig) if len(orig) else orig
    keep = folded != 0
    norm = folded[keep]
    norm_orig = np.nonzero(keep)[0].astype(np.int64)
    src_norm = np.searchsorted(norm_orig, src_orig).astype(np.int64)
    para_starts: list[int] = []
    for source, base in zip(sources, src_orig[:-1].tolist()):
        offset = base
        for paragraph in source.paragraphs:
            para_starts.append(offset)
            offset += len(paragraph) + 1
    source_of = np.searchsorted(src_norm, np.arange(len(norm)), side="right") - 1
    grams = {}
    for n in GRAM_SIZES:
        keys = gram_keys(norm, n)
        valid = np.nonzero(source_of[: len(keys)] == source_of[n - 1:])[0] if len(keys) else keys
        keys = keys[valid]
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        positions = valid[order].astype(np.int32)
        distinct, first = np.unique(sorted_keys, return_index=True)
        starts = np.append(first, len(sorted_keys)).astype(np.int64)
        grams[n] = (distinct.astype(np.int64), starts, positions)
    return IndexArrays(norm, norm_orig, orig, src_norm, src_orig, np.array(para_starts, np.int64), grams)


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
